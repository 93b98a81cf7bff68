//===--- PlanInputs.cpp - what every planning rule reads ------------------===//

#include "plan/PlanInputs.h"
#include "clang/Basic/CharInfo.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace modspace {

llvm::StringRef refusalCode(Refusal R) {
  switch (R) {
  case Refusal::PerCpu:
    return "pcpu";
  case Refusal::NotArray:
    return "not-array";
  case Refusal::NotDefinedByMacro:
    return "not-vnet-define";
  case Refusal::MacroNested:
    return "macro-nested";
  case Refusal::Initialiser:
    return "initialiser";
  case Refusal::TypedefArray:
    return "typedef-array";
  case Refusal::MultiDimensional:
    return "multi-dimensional";
  case Refusal::ArrayElements:
    return "array-elements";
  case Refusal::SysctlExport:
    return "sysctl-export";
  case Refusal::RawName:
    return "raw-name";
  case Refusal::AddressAsArray:
    return "address-as-array";
  case Refusal::InMacroBody:
    return "in-macro-body";
  case Refusal::UnprovenUse:
    return "unproven-use";
  case Refusal::ConditionalCode:
    return "conditional-code";
  case Refusal::Declaration:
    return "declaration";
  case Refusal::UnknownOrder:
    return "unknown-order";
  case Refusal::NoConstructor:
    return "no-safe-constructor";
  case Refusal::NoDestructor:
    return "no-safe-destructor";
  case Refusal::ConflictingEdits:
    return "conflicting-edits";
  case Refusal::NoAccessor:
    return "no-accessor";
  case Refusal::KernelBuild:
    return "kernel-build";
  }
  llvm_unreachable("unknown refusal");
}

SourceLocation PlanInputs::firstDeclaration(unsigned I) const {
  SourceLocation First;
  for (const VarDecl *R : A.Vars[I].Decl->redecls()) {
    SourceLocation L = SM.getFileLoc(R->getLocation());
    if (First.isInvalid() || SM.isBeforeInTranslationUnit(L, First))
      First = L;
  }
  return First;
}

void refuse(VariablePlan &P, const ModuleVariable &V, Refusal Why,
            SourceLocation Loc, llvm::StringRef Text) {
  if (P.State == VariablePlan::Refused)
    return; // the first reason is the one to fix first
  P.State = VariablePlan::Refused;
  P.Reason = Why;
  P.Edits.clear();
  P.Notes.clear();
  P.Notes.push_back(
      {Loc, "no fix-it for '" + V.Name + "': " + Text.str() + " [modspace]"});
}

std::string boundExpression(llvm::StringRef Bound) {
  bool Simple = llvm::all_of(
      Bound, [](char C) { return isAsciiIdentifierContinue(C); });
  return Simple ? Bound.str() : "(" + Bound.str() + ")";
}

std::optional<std::string> rewriteText(const VariableUse &U,
                                       llvm::StringRef Bound) {
  std::string N = boundExpression(Bound);
  switch (U.Kind) {
  case UseKind::Sizeof: {
    std::string Product = N + " * sizeof(*" + U.AccessorText + ")";
    return U.NeedsParens ? "(" + Product + ")" : Product;
  }
  case UseKind::Count:
    return N;
  case UseKind::AddressAsVoid:
    return U.AccessorText;
  default:
    return std::nullopt;
  }
}

} // namespace modspace

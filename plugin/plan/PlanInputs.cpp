//===--- PlanInputs.cpp - what every planning rule reads ------------------===//

#include "plan/PlanInputs.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
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
  case Refusal::NoBound:
    return "no-bound";
  case Refusal::QualifiedElements:
    return "qualified-elements";
  case Refusal::Escapes:
    return "escapes";
  case Refusal::BoundMeaning:
    return "bound-meaning";
  case Refusal::Extern:
    return "extern";
  case Refusal::OtherTU:
    return "other-tu";
  case Refusal::HeaderStatic:
    return "header-static";
  case Refusal::FlexibleMember:
    return "flexible-member";
  case Refusal::ExternObject:
    return "extern-object";
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

SourceLocation PlanInputs::mainFileAnchor(unsigned I) const {
  SourceLocation First;
  for (const VarDecl *R : A.Vars[I].Decl->redecls()) {
    SourceLocation L = SM.getFileLoc(R->getLocation());
    while (L.isValid() && !SM.isWrittenInMainFile(L))
      L = SM.getIncludeLoc(SM.getFileID(L));
    if (L.isValid() && (First.isInvalid() || SM.isBeforeInTranslationUnit(L, First)))
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

namespace {

bool isIdentifierText(llvm::StringRef Text) {
  return !Text.empty() && llvm::all_of(Text, [](char C) {
    return isAsciiIdentifierContinue(C);
  });
}

/// Whether the tokens of \p MI make one primary expression: one token, or
/// a parenthesised whole.
bool primary(const MacroInfo &MI) {
  if (MI.getNumTokens() == 1)
    return true;
  if (MI.getNumTokens() < 2 || MI.tokens().front().isNot(tok::l_paren) ||
      MI.tokens().back().isNot(tok::r_paren))
    return false;
  int Depth = 0;
  for (size_t I = 0; I < MI.getNumTokens(); ++I) {
    const Token &T = MI.getReplacementToken(I);
    if (T.is(tok::l_paren))
      ++Depth;
    else if (T.is(tok::r_paren) && --Depth == 0 && I + 1 != MI.getNumTokens())
      return false; // "(a) + (b)"
  }
  return true;
}

/// The identifiers in \p Text.
llvm::SmallVector<llvm::StringRef, 4> identifiers(llvm::StringRef Text) {
  llvm::SmallVector<llvm::StringRef, 4> Out;
  for (size_t I = 0; I < Text.size();) {
    if (isAsciiIdentifierStart(Text[I])) {
      size_t J = I;
      while (J < Text.size() && isAsciiIdentifierContinue(Text[J]))
        ++J;
      Out.push_back(Text.slice(I, J));
      I = J;
    } else if (isDigit(Text[I])) {
      while (I < Text.size() && isAsciiIdentifierContinue(Text[I]))
        ++I; // a number, suffixes included
    } else {
      ++I;
    }
  }
  return Out;
}

} // namespace

std::string boundExpression(llvm::StringRef Bound, const Preprocessor &PP) {
  if (!isIdentifierText(Bound))
    return "(" + Bound.str() + ")";
  const IdentifierInfo *II = PP.getIdentifierInfo(Bound);
  const MacroInfo *MI = II ? PP.getMacroInfo(II) : nullptr;
  if (MI && !primary(*MI))
    return "(" + Bound.str() + ")";
  return Bound.str();
}

std::string PlanInputs::boundDiffers(unsigned I, SourceLocation At,
                                     const FunctionDecl *F) const {
  const ModuleVariable &V = A.Vars[I];
  return boundDiffersAt(V.Invocation->BoundText,
                        SM.getFileLoc(V.Invocation->NameLoc), At, F);
}

std::string PlanInputs::boundDiffersAt(llvm::StringRef Bound,
                                       SourceLocation Declared,
                                       SourceLocation At,
                                       const FunctionDecl *F) const {
  Preprocessor &PP = Macros.preprocessor();
  for (llvm::StringRef Name : identifiers(Bound)) {
    IdentifierInfo *II = PP.getIdentifierInfo(Name);
    const MacroInfo *Here = PP.getMacroDefinitionAtLoc(II, Declared).getMacroInfo();
    const MacroInfo *There = PP.getMacroDefinitionAtLoc(II, At).getMacroInfo();
    if (Here != There)
      return Name.str();
    if (Here || !F)
      continue;
    // A parameter or local of the same name hides the file's.
    for (const Decl *D : F->decls())
      if (const auto *Local = dyn_cast<VarDecl>(D))
        if (Local->getName() == Name)
          return Name.str();
  }
  return "";
}

std::string pointerTo(llvm::StringRef Type) {
  llvm::StringRef Base = Type.rtrim();
  size_t Stars = 0;
  while (Base.ends_with("*")) {
    Base = Base.drop_back().rtrim();
    ++Stars;
  }
  return Base.str() + " " + std::string(Stars + 1, '*');
}

bool isObject(const ModuleVariable &V) {
  return V.Decl && V.Decl->getType()->isRecordType();
}

std::optional<std::string> rewriteText(const VariableUse &U,
                                       llvm::StringRef Bound,
                                       const Preprocessor &PP) {
  std::string N = boundExpression(Bound, PP);
  switch (U.Kind) {
  case UseKind::Sizeof: {
    std::string Product = N + " * sizeof(*" + U.AccessorText + ")";
    return U.NeedsParens ? "(" + Product + ")" : Product;
  }
  case UseKind::Count:
    return U.NeedsCast ? "(size_t)" + N : N;
  case UseKind::AddressAsVoid:
  case UseKind::AddressOfObject:
    return U.AccessorText;
  case UseKind::Member:
    return std::string("->");
  case UseKind::SizeofObject:
    return "sizeof(*" + U.AccessorText + ")";
  case UseKind::Object:
    return U.NeedsParens ? "(*" + U.AccessorText + ")" : "*" + U.AccessorText;
  default:
    return std::nullopt;
  }
}

} // namespace modspace

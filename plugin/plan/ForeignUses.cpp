//===--- ForeignUses.cpp - arrays this TU only declares -------------------===//

#include "plan/ForeignUses.h"
#include "plan/Eligibility.h"

using namespace clang;

namespace modspace {

void ForeignArrays::find(const PlanInputs &In,
                         llvm::DenseMap<const VarDecl *, unsigned> &Index,
                         FixPlan &Plan) {
  // Only a VNET_DECLARE of an array can declare one.
  if (llvm::none_of(In.Macros.invocations(), [](const MacroInvocation &Call) {
        return Call.Role == MacroRole::Declare && Call.Brackets.size() == 1;
      }))
    return;
  for (const Decl *D : In.Ctx.getTranslationUnitDecl()->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    // Defined here (a tentative definition counts) is not foreign, even
    // when it is refused and so not among the candidates.
    if (!VD || VD->hasDefinition() != VarDecl::DeclarationOnly ||
        Index.count(VD->getCanonicalDecl()))
      continue;
    if (!In.Ctx.getAsConstantArrayType(VD->getType()) ||
        VD->getType()->isIncompleteType())
      continue;
    const MacroInvocation *Declare = nullptr;
    for (unsigned I : In.Macros.at(In.SM.getExpansionLoc(VD->getLocation()))) {
      const MacroInvocation &Call = In.Macros.invocation(I);
      if (Call.Role == MacroRole::Declare && Call.Brackets.size() == 1)
        Declare = &Call;
    }
    if (!Declare ||
        (uint64_t)In.Ctx.getTypeSizeInChars(VD->getType()).getQuantity() <
            In.Opts.VnetThreshold)
      continue;
    Index[VD->getCanonicalDecl()] = In.A.Vars.size() + Bounds.size();
    Bounds.push_back(Declare->BoundText);
    Plan.ForeignNames.push_back(Declare->Identifier);
    Plan.ForeignSymbols.push_back(VD->getName().str());
  }
}

void ForeignArrays::planUses(const PlanInputs &In, FixPlan &Plan) const {
  for (const VariableUse &U : In.Uses.Uses) {
    if (U.Var < In.A.Vars.size() || In.SM.isInSystemHeader(U.Loc))
      continue;
    unsigned F = U.Var - In.A.Vars.size();
    if (U.Kind == UseKind::Keeps)
      continue;
    std::optional<std::string> New =
        U.Rewrite.isValid()
            ? rewriteText(U, Bounds[F], In.Macros.preprocessor())
            : std::nullopt;
    if (New) {
      Plan.DeclaredUses.push_back({F, U, {U.Rewrite, *New}});
      continue;
    }
    // Why it cannot be rewritten, in the words of the defining TU's notes.
    VariablePlan Scratch;
    ModuleVariable V;
    V.Name = Plan.ForeignNames[F];
    std::string Why = "this use cannot be rewritten";
    if (U.Kind != UseKind::Sizeof && U.Kind != UseKind::Count &&
        U.Kind != UseKind::AddressAsVoid) {
      ModuleVariable Own;
      Own.Name = V.Name;
      screenUseOf(In, U, Own, Bounds[F], Scratch);
      if (!Scratch.Notes.empty()) {
        // The reason alone: the CLI puts it into a note of its own.
        llvm::StringRef Text = Scratch.Notes.front().Text;
        Text.consume_front("no fix-it for '" + V.Name + "': ");
        Text.consume_back(" [modspace]");
        Why = Text.str();
      }
    }
    Plan.DeclaredBlocks.push_back({F, U, Why});
  }
}

} // namespace modspace

//===--- ForeignUses.cpp - arrays this TU only declares -------------------===//

#include "plan/ForeignUses.h"

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
    if (!VD || VD->getDefinition() || VD->getActingDefinition() ||
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
  }
}

void ForeignArrays::planUses(const PlanInputs &In, FixPlan &Plan) const {
  for (const VariableUse &U : In.Uses.Uses) {
    if (U.Var < In.A.Vars.size() || U.Rewrite.isInvalid())
      continue;
    unsigned F = U.Var - In.A.Vars.size();
    std::optional<std::string> New = rewriteText(U, Bounds[F], In.Macros.preprocessor());
    if (New && !In.SM.isInSystemHeader(U.Loc))
      Plan.DeclaredUses.push_back({F, U, {U.Rewrite, *New}});
  }
}

} // namespace modspace

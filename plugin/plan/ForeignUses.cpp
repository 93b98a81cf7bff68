//===--- ForeignUses.cpp - arrays this TU only declares -------------------===//

#include "plan/ForeignUses.h"
#include "plan/Eligibility.h"
#include "clang/AST/Attr.h"

using namespace clang;

namespace modspace {

void ForeignArrays::find(const PlanInputs &In,
                         llvm::DenseMap<const VarDecl *, unsigned> &Index,
                         FixPlan &Plan) {
  /// What the declarations of one declared-only array say.
  struct Declared {
    const VarDecl *Canonical;
    const MacroInvocation *Declare = nullptr; ///< a VNET_DECLARE of x[N]
    bool OtherShape = false;   ///< a VNET_DECLARE of another shape
    SourceLocation ByHand;     ///< a declaration without VNET_DECLARE
  };
  std::vector<Declared> Found;
  llvm::DenseMap<const VarDecl *, unsigned> Slot;
  for (const Decl *D : In.Ctx.getTranslationUnitDecl()->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    // Defined here (a tentative definition counts) is not foreign, even
    // when it is refused and so not among the candidates.
    if (!VD || VD->hasDefinition() != VarDecl::DeclarationOnly ||
        Index.count(VD->getCanonicalDecl()))
      continue;
    if (!In.Ctx.getAsConstantArrayType(VD->getType()) ||
        VD->getType()->isIncompleteType() ||
        (uint64_t)In.Ctx.getTypeSizeInChars(VD->getType()).getQuantity() <
            In.Opts.VnetThreshold)
      continue;
    auto [It, New] = Slot.insert({VD->getCanonicalDecl(), Found.size()});
    if (New)
      Found.push_back({VD->getCanonicalDecl(), nullptr, false, {}});
    Declared &Entry = Found[It->second];
    bool ByMacro = false;
    for (unsigned I : In.Macros.at(In.SM.getExpansionLoc(VD->getLocation()))) {
      const MacroInvocation &Call = In.Macros.invocation(I);
      if (Call.Role != MacroRole::Declare)
        continue;
      ByMacro = true;
      if (Call.Brackets.size() == 1)
        Entry.Declare = &Call;
      else
        Entry.OtherShape = true;
    }
    // By hand, and a per-vnet symbol: VNET_NAME(x) of a VIMAGE build, or
    // placed in set_vnet.  (Without VIMAGE a hand declaration of x looks
    // like any other array and is not recognised.)
    const auto *Section = VD->getAttr<SectionAttr>();
    if (!ByMacro && Entry.ByHand.isInvalid() &&
        (VD->getName().starts_with("vnet_entry_") ||
         (Section && Section->getName() == "set_vnet")))
      Entry.ByHand = In.SM.getFileLoc(VD->getLocation());
  }
  for (const Declared &Entry : Found) {
    if (Entry.ByHand.isValid()) {
      // Declared by hand ("extern struct x vnet_entry_t[N]"): if it is a
      // per-vnet table another TU converts, this TU breaks, and there is
      // no accessor to rewrite.  Recorded as a blocking use of the
      // symbol; its uses are not followed.
      VariableUse At{};
      At.Loc = Entry.ByHand;
      Plan.DeclaredBlocks.push_back(
          {(unsigned)Bounds.size(), At,
           "it is declared there as an array by hand, not with "
           "VNET_DECLARE, so its uses cannot be found; declare it with "
           "VNET_DECLARE"});
      Bounds.push_back("");
      Plan.ForeignNames.push_back(Entry.Canonical->getName().str());
      Plan.ForeignSymbols.push_back(Entry.Canonical->getName().str());
      continue;
    }
    // A multi-dimensional table is refused where it is defined.
    if (!Entry.Declare || Entry.OtherShape)
      continue;
    Index[Entry.Canonical] = In.A.Vars.size() + Bounds.size();
    Bounds.push_back(Entry.Declare->BoundText);
    Plan.ForeignNames.push_back(Entry.Declare->Identifier);
    Plan.ForeignSymbols.push_back(Entry.Canonical->getName().str());
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

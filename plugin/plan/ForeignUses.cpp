//===--- ForeignUses.cpp - arrays this TU only declares -------------------===//

#include "plan/ForeignUses.h"
#include "plan/Eligibility.h"
#include "QuietLayout.h"
#include "clang/AST/Attr.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace modspace {

namespace {

/// Whether \p VD, declared without VNET_DECLARE, is a per-vnet symbol:
/// VNET_NAME(x) of a VIMAGE build, or placed in set_vnet.  (Without VIMAGE
/// a hand declaration of x looks like any other array.)
bool perVnetByHand(const VarDecl *VD) {
  const auto *Section = VD->getAttr<SectionAttr>();
  return VD->getName().starts_with("vnet_entry_") ||
         (Section && Section->getName() == "set_vnet");
}

} // namespace

void ForeignArrays::find(const PlanInputs &In,
                         llvm::DenseMap<const VarDecl *, unsigned> &Index,
                         FixPlan &Plan) {
  /// What the declarations of one declared-only array say.
  struct Declared {
    const VarDecl *Canonical;
    std::vector<const MacroInvocation *> Declares; ///< VNET_DECLAREs of x[N]
    SourceLocation Unwritable; ///< one no edit can rewrite
    SourceLocation ByHand;     ///< one without VNET_DECLARE
  };
  // The plugin alone warns only on arrays over the threshold; the CLI
  // (extern=convert) needs every one, whatever its size here: another
  // configuration may make it large, and its definition be converted.
  bool All = In.Opts.Extern == Options::ExternMode::Convert;
  std::vector<Declared> Found;
  llvm::DenseMap<const VarDecl *, unsigned> Slot;
  // Sizes of declared-only structures clang did not need.
  QuietLayout Quiet(In.Ctx);
  for (const Decl *D : In.Ctx.getTranslationUnitDecl()->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    // Defined here (a tentative definition counts) is not foreign, even
    // when it is refused and so not among the candidates.
    if (!VD || VD->hasDefinition() != VarDecl::DeclarationOnly ||
        Index.count(VD->getCanonicalDecl()) ||
        !(VD->getType()->isArrayType() || VD->getType()->isRecordType()))
      continue;
    bool Object = VD->getType()->isRecordType();
    // "x[]" has no size here, nor a structure declared but not defined
    // ("struct later"): they are followed whatever the threshold.
    const auto *CAT = In.Ctx.getAsConstantArrayType(VD->getType());
    if ((CAT || Object) && !All && !VD->getType()->isIncompleteType() &&
        (uint64_t)In.Ctx.getTypeSizeInChars(VD->getType()).getQuantity() <
            In.Opts.VnetThreshold)
      continue;
    auto [It, New] = Slot.insert({VD->getCanonicalDecl(), Found.size()});
    if (New)
      Found.push_back({VD->getCanonicalDecl(), {}, {}, {}});
    Declared &Entry = Found[It->second];
    SourceLocation At = In.SM.getFileLoc(VD->getLocation());
    const MacroInvocation *Declare = nullptr;
    for (unsigned I : In.Macros.at(In.SM.getExpansionLoc(VD->getLocation()))) {
      const MacroInvocation &Call = In.Macros.invocation(I);
      if (Call.Role == MacroRole::Declare)
        Declare = &Call; // the innermost
    }
    if (!Declare) {
      if (perVnetByHand(VD) && Entry.ByHand.isInvalid())
        Entry.ByHand = At;
      continue;
    }
    if (Declare->Nested || Declare->Brackets.size() != (Object ? 0u : 1u) ||
        In.SM.isInSystemHeader(Declare->NameLoc)) {
      if (Entry.Unwritable.isInvalid())
        Entry.Unwritable = At;
      continue;
    }
    if (!llvm::is_contained(Entry.Declares, Declare))
      Entry.Declares.push_back(Declare);
  }
  for (Declared &Entry : Found) {
    if (Entry.Declares.empty() && Entry.ByHand.isInvalid() &&
        Entry.Unwritable.isInvalid())
      continue; // not a per-vnet table
    unsigned F = Bounds.size();
    const MacroInvocation *First =
        Entry.Declares.empty() ? nullptr : Entry.Declares.front();
    Bounds.push_back(First ? First->BoundText : "");
    BoundAt.push_back(First ? In.SM.getFileLoc(First->NameLoc)
                            : SourceLocation());
    llvm::StringRef Bare = Entry.Canonical->getName();
    Bare.consume_front("vnet_entry_");
    Plan.ForeignNames.push_back(First ? First->Identifier : Bare.str());
    Plan.ForeignSymbols.push_back(Entry.Canonical->getName().str());
    Declarations.push_back(Entry.Canonical);
    const auto *CAT = In.Ctx.getAsConstantArrayType(Entry.Canonical->getType());
    Plan.ForeignWarns.push_back(
        CAT && (uint64_t)In.Ctx.getTypeSizeInChars(Entry.Canonical->getType())
                       .getQuantity() >= In.Opts.VnetThreshold);
    auto Block = [&](SourceLocation Loc, std::string Why) {
      VariableUse At{};
      At.Loc = Loc;
      Plan.DeclaredBlocks.push_back({F, At, std::move(Why)});
    };
    if (Entry.ByHand.isValid()) {
      // If another TU converts it, this TU breaks, and there is no
      // accessor to rewrite: a blocking use of the symbol; its uses are
      // not followed.
      Block(Entry.ByHand, "it is declared there as an array by hand, not "
                          "with VNET_DECLARE, so its uses cannot be found; "
                          "declare it with VNET_DECLARE");
      continue;
    }
    if (Entry.Unwritable.isValid())
      Block(Entry.Unwritable,
            "this declaration of '" + Plan.ForeignNames[F] +
                "' is not a VNET_DECLARE of the array that modspace can "
                "rewrite (inside another macro, through a typedef, or in a "
                "system header); change it by hand");
    if (!First) {
      Index[Entry.Canonical] = In.A.Vars.size() + F;
      continue;
    }
    // This TU's declarations change with the definition: not "right
    // either way", so they are recorded apart from the uses' fixes, for
    // the CLI to make only with the conversion.
    for (const MacroInvocation *Call : Entry.Declares) {
      Plan.DeclaredDecls.push_back(
          {F, {In.fileRange(Call->Args[0].Range), pointerTo(Call->typeText())}});
      if (!Call->Brackets.empty())
        Plan.DeclaredDecls.push_back(
            {F, {In.fileRange(Call->Brackets[0]), ""}});
    }
    SourceLocation Skipped;
    std::string Why = skippedUseOf(In, First->Identifier, Skipped);
    if (!Why.empty())
      Block(Skipped, Why);
    Index[Entry.Canonical] = In.A.Vars.size() + F;
  }
  blockScopeDeclarations(In, Slot, Plan);
}

void ForeignArrays::blockScopeDeclarations(
    const PlanInputs &In, const llvm::DenseMap<const VarDecl *, unsigned> &,
    FixPlan &Plan) {
  // A VNET_DECLARE inside a function declares the table there only: no
  // file-scope declaration carries it, and its uses are not followed.
  // Recorded by its symbol as a blocking use.
  llvm::StringSet<> Named;
  for (const std::string &S : Plan.ForeignSymbols)
    Named.insert(S);
  for (const ModuleVariable &V : In.A.Vars) // this TU's own: its plan's
    Named.insert(V.Symbol);
  bool Vimage = In.Macros.preprocessor().isMacroDefined("VIMAGE");
  llvm::DenseSet<SourceLocation> FileScope; // built when first needed
  for (const MacroInvocation &Call : In.Macros.invocations()) {
    if (Call.Role != MacroRole::Declare || Call.Identifier.empty() ||
        In.SM.isInSystemHeader(Call.NameLoc))
      continue;
    SourceLocation At = In.SM.getFileLoc(Call.NameLoc);
    if (FileScope.empty())
      for (const Decl *D : In.Ctx.getTranslationUnitDecl()->decls())
        FileScope.insert(In.SM.getFileLoc(D->getLocation()));
    bool AtFileScope = FileScope.count(In.SM.getFileLoc(Call.IdentLoc));
    std::string Symbol =
        Vimage ? "vnet_entry_" + Call.Identifier : Call.Identifier;
    if (AtFileScope || !Named.insert(Symbol).second)
      continue;
    unsigned F = Bounds.size();
    Bounds.push_back("");
    BoundAt.push_back(SourceLocation());
    Declarations.push_back(nullptr);
    Plan.ForeignNames.push_back(Call.Identifier);
    Plan.ForeignSymbols.push_back(Symbol);
    Plan.ForeignWarns.push_back(false);
    VariableUse Use{};
    Use.Loc = At;
    Plan.DeclaredBlocks.push_back(
        {F, Use,
         "it is declared there inside a function, where modspace does not "
         "rewrite declarations; declare it at file scope"});
  }
}

/// The functions of this TU that run from its registrations ((VNET_)
/// SYSINIT/SYSUNINIT), directly, through calls, or as hooks they publish;
/// null in the set when a registration names no function found here.
llvm::DenseSet<const FunctionDecl *> registeredCode(const PlanInputs &In) {
  llvm::DenseSet<const FunctionDecl *> Reached;
  std::vector<const FunctionDecl *> Work;
  auto Reach = [&](const FunctionDecl *F) {
    if (Reached.insert(F).second && F)
      Work.push_back(F);
  };
  for (const MacroInvocation &Call : In.Macros.invocations()) {
    // (A nested one is VNET_SYSINIT's own SYSINIT, as Lifecycle reads.)
    if (!isRegistration(Call.Role) || Call.Args.size() < 4 || Call.Nested)
      continue;
    const FunctionDecl *Def = nullptr;
    llvm::StringRef Name = llvm::StringRef(Call.Args[3].text()).trim();
    for (const NamedDecl *D :
         In.Ctx.getTranslationUnitDecl()->lookup(&In.Ctx.Idents.get(Name)))
      if (const auto *FD = dyn_cast<FunctionDecl>(D))
        Def = Def ? Def : FD->getDefinition();
    Reach(Def);
  }
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const FunctionDecl *, 2>>
      Hooks;
  for (const PublishedFunction &P : In.Uses.Published) {
    if (P.Publisher)
      Hooks[P.Publisher].push_back(P.Function);
    else
      Reach(P.Function); // published at file scope: may run at load
  }
  while (!Work.empty()) {
    const FunctionDecl *F = Work.back();
    Work.pop_back();
    auto Calls = In.Uses.Calls.find(F);
    if (Calls != In.Uses.Calls.end())
      for (const FunctionDecl *Callee : Calls->second)
        Reach(Callee);
    auto Pub = Hooks.find(F);
    if (Pub != Hooks.end())
      for (const FunctionDecl *Hook : Pub->second)
        Reach(Hook);
  }
  return Reached;
}

void ForeignArrays::planUses(const PlanInputs &In, FixPlan &Plan) const {
  std::optional<llvm::DenseSet<const FunctionDecl *>> Registered;
  for (const VariableUse &U : In.Uses.Uses) {
    if (U.Var < In.A.Vars.size() || In.SM.isInSystemHeader(U.Loc))
      continue;
    unsigned F = U.Var - In.A.Vars.size();
    // This TU's constructors and destructors run in an order the defining
    // TU's allocation and free are not placed by.
    if (!Registered)
      Registered = registeredCode(In);
    if (U.Function &&
        (Registered->count(U.Function) || Registered->count(nullptr))) {
      Plan.DeclaredBlocks.push_back(
          {F, U,
           "it is used there by code that this translation unit registers "
           "(a constructor or destructor, code run at load or unload, or a "
           "hook they publish), which may run before it is allocated or "
           "after it is freed in the defining translation unit; convert it "
           "by hand"});
      continue;
    }
    if (U.Kind == UseKind::Keeps)
      continue;
    ModuleVariable Own = ForeignVar(F);
    Own.Name = Plan.ForeignNames[F];
    if (isObject(Own)) {
      // No text is right for both a structure and a pointer to one: the
      // rewrite is made only with the definition's conversion, as the
      // declarations' are.
      std::optional<std::string> New =
          U.Rewrite.isValid() ? rewriteText(U, "", In.Macros.preprocessor())
                              : std::nullopt;
      if (New) {
        Plan.DeclaredDecls.push_back({F, {U.Rewrite, *New}});
        continue;
      }
    }
    // Without a bound ("x[]") only what needs none can be rewritten.
    std::optional<std::string> New =
        U.Rewrite.isValid() &&
                (!Bounds[F].empty() || U.Kind == UseKind::AddressAsVoid)
            ? rewriteText(U, Bounds[F], In.Macros.preprocessor())
            : std::nullopt;
    // The bound, written into this TU, must mean here what it means at
    // the declaration (a macro redefined or #undef'd, a local of the same
    // name would change it).
    std::string Differs =
        New && U.Kind != UseKind::AddressAsVoid && BoundAt[F].isValid()
            ? In.boundDiffersAt(Bounds[F], BoundAt[F], In.SM.getFileLoc(U.Loc),
                                U.Function)
            : "";
    if (!Differs.empty()) {
      Plan.DeclaredBlocks.push_back(
          {F, U,
           "its bound '" + Bounds[F] + "' does not mean here what it means "
           "at the declaration ('" + Differs + "' is redefined or hidden "
           "in between); change it by hand"});
      continue;
    }
    if (New) {
      Plan.DeclaredUses.push_back({F, U, {U.Rewrite, *New}});
      continue;
    }
    // Why it cannot be rewritten, in the words of the defining TU's notes.
    VariablePlan Scratch;
    std::string Why = "this use cannot be rewritten";
    if (U.Kind != UseKind::Sizeof && U.Kind != UseKind::Count &&
        U.Kind != UseKind::AddressAsVoid) {
      screenUseOf(In, U, Own, Bounds[F], Scratch);
      if (!Scratch.Notes.empty()) {
        // The reason alone: the CLI puts it into a note of its own.
        llvm::StringRef Text = Scratch.Notes.front().Text;
        Text.consume_front("no fix-it for '" + Own.Name + "': ");
        Text.consume_back(" [modspace]");
        Why = Text.str();
      }
    }
    Plan.DeclaredBlocks.push_back({F, U, Why});
  }
}

} // namespace modspace

//===--- Plan.cpp - the edits that move a per-vnet array to malloc --------===//
//
// The order of the rules: what the declaration is (plan/Eligibility), how
// every use depends on it (Uses + plan/Eligibility), where it is
// allocated and freed (plan/Lifecycle), from which malloc type
// (plan/MallocType), and the text of it all (plan/EditBuilder).  A
// variable refused by any rule gets a note and no edit; when the edits of
// two variables would depend on the order they are applied in, the later
// one is refused and the plan is built again without it.
//
//===----------------------------------------------------------------------===//

#include "Plan.h"
#include "plan/EditBuilder.h"
#include "plan/Eligibility.h"
#include "plan/ForeignUses.h"
#include "plan/Lifecycle.h"
#include "plan/MallocType.h"
#include "plan/SysctlRewrite.h"
#include "clang/AST/Expr.h"
#include <set>

using namespace clang;

namespace modspace {

namespace {

/// Where and how one variable is converted.
struct Decision {
  std::vector<const MacroInvocation *> Declarations;
  LifecycleSite Ctor, Dtor;
  std::vector<SysctlEdit> Sysctls; ///< exports rewritten (sysctl=rewrite)
};

class Planner {
public:
  Planner(PlanInputs &In, FixPlan &Plan) : In(In), Plan(Plan) {}

  void run(const WarnPredicate &Warns) {
    Plan.Vars.resize(In.A.Vars.size());
    llvm::DenseMap<const VarDecl *, unsigned> Index;
    for (unsigned I = 0; I < In.A.Vars.size(); ++I) {
      const ModuleVariable &V = In.A.Vars[I];
      if (V.Measured && Warns(V) && screenDeclaration(In, I, Plan.Vars[I]))
        Index[V.Decl->getCanonicalDecl()] = I;
    }
    ForeignArrays Foreign;
    Foreign.find(In, Index, Plan);
    if (Index.empty())
      return;

    In.Uses = collectUses(In.Ctx, Index, In.Macros, In.Opts.CheckWalk);
    Decisions.resize(In.A.Vars.size());
    for (unsigned U = 0; U < In.Uses.Uses.size(); ++U) {
      const VariableUse &Use = In.Uses.Uses[U];
      if (Use.Var >= In.A.Vars.size())
        continue;
      if (In.Opts.Sysctl == Options::SysctlMode::Rewrite &&
          isSysctlExport(Use))
        planSysctl(Use);
      else
        screenUse(In, Use, Plan.Vars[Use.Var]);
      if (Use.BodyStmt)
        ByStatement[Use.BodyStmt].push_back(U);
    }
    if (!In.A.Vimage)
      screenHidingLocals();
    Lifecycle Life(In);
    for (unsigned I = 0; I < In.A.Vars.size(); ++I) {
      if (!planned(I))
        continue;
      Decisions[I].Declarations = declarationsOf(In, I, Plan.Vars[I]);
      screenSkippedCode(In, I, Plan.Vars[I]);
      if (planned(I))
        Decisions[I].Ctor = Life.constructorFor(I, Plan.Vars[I]);
      if (planned(I))
        Decisions[I].Dtor = Life.destructorFor(I, Plan.Vars[I]);
    }
    while (!buildEdits(Life)) {
    }
    Foreign.planUses(In, Plan);
  }

private:
  /// The rewrite of the sysctl export holding use \p U, or the refusal
  /// that says why there is none.
  void planSysctl(const VariableUse &U) {
    VariablePlan &P = Plan.Vars[U.Var];
    if (!planned(U.Var))
      return;
    const ModuleVariable &V = In.A.Vars[U.Var];
    EditBuilder Namer(In, Plan);
    auto NameFor = [&](llvm::StringRef Parent, llvm::StringRef Name) {
      std::string Base = "sysctl_" + Parent.ltrim('_').str() + "_" + Name.str();
      std::string Out = Namer.uniqueFunctionName(Base);
      for (unsigned N = 2; !Handlers.insert(Out).second; ++N)
        Out = Namer.uniqueFunctionName(Base + "_" + std::to_string(N));
      return Out;
    };
    SysctlEdit E = rewriteSysctl(In, U.Var, U, NameFor);
    if (!E.Why.empty()) {
      refuse(P, V, Refusal::SysctlExport, E.At,
             "'&VNET_NAME(" + V.Name + ")' exports the " +
                 (isObject(V) ? "structure" : "array") + " in place from "
                 "this " + U.Context + ", which sysctl=rewrite does not "
                 "rewrite: " + E.Why + "; replace it with a SYSCTL_PROC "
                 "handler by hand");
      return;
    }
    Decisions[U.Var].Sysctls.push_back(std::move(E));
  }

  /// Without VIMAGE, V_x is plain x: in a function with a local or a
  /// parameter named x, V_x is that local, and the uses of the table
  /// there are not seen at all.  Such a table is refused.
  void screenHidingLocals() {
    llvm::StringMap<const FunctionDecl *> Locals;
    auto Note = [&](const FunctionDecl *F, const VarDecl *VD) {
      if (!VD->getName().empty())
        Locals.try_emplace(VD->getName(), F);
    };
    for (const Decl *D : In.Ctx.getTranslationUnitDecl()->decls()) {
      const auto *F = dyn_cast<FunctionDecl>(D);
      if (!F || !F->doesThisDeclarationHaveABody())
        continue;
      for (const ParmVarDecl *Param : F->parameters())
        Note(F, Param);
      for (const Decl *Local : F->decls())
        if (const auto *VD = dyn_cast<VarDecl>(Local))
          Note(F, VD);
    }
    for (unsigned I = 0; I < In.A.Vars.size(); ++I) {
      auto It = Locals.find(In.A.Vars[I].Name);
      if (!planned(I) || It == Locals.end())
        continue;
      const ModuleVariable &V = In.A.Vars[I];
      refuse(Plan.Vars[I], V, Refusal::UnprovenUse,
             In.SM.getFileLoc(It->second->getLocation()),
             "'" + It->second->getName().str() + "' declares a local '" +
                 V.Name + "', which 'V_" + V.Name + "' names in this build "
                 "(without VIMAGE), so its uses there cannot be seen; "
                 "rename the local first");
    }
  }

  /// Whether use \p U lies in a sysctl export that is rewritten whole.
  bool inRewrittenSysctl(const VariableUse &U) const {
    for (const SysctlEdit &E : Decisions[U.Var].Sysctls)
      if (In.SM.getFileID(U.Loc) == In.SM.getFileID(E.Range.getBegin()) &&
          !In.SM.isBeforeInTranslationUnit(U.Loc, E.Range.getBegin()) &&
          In.SM.isBeforeInTranslationUnit(U.Loc, E.Range.getEnd()))
        return true;
    return false;
  }

  bool planned(unsigned I) const {
    return Plan.Vars[I].State == VariablePlan::Planned;
  }

  /// Builds every planned variable's edits.  Returns false when it had to
  /// refuse a variable on the way (its edits conflict, or cannot be
  /// written): the caller builds again without it.
  bool buildEdits(Lifecycle &Life) {
    EditBuilder B(In, Plan);
    MallocTypes Types(In);
    std::vector<unsigned> NewTypeUsers, Refused;
    for (unsigned I = 0; I < In.A.Vars.size(); ++I) {
      if (!planned(I))
        continue;
      VariablePlan &P = Plan.Vars[I];
      P.Edits.clear();
      P.Notes.clear();
      const ModuleVariable &V = In.A.Vars[I];
      const Decision &D = Decisions[I];
      const std::string &Bound = V.Invocation->BoundText;

      // Where the allocation and the release are written.
      const FunctionDecl *Ctor =
          D.Ctor.Existing ? D.Ctor.Existing->Function : nullptr;
      const FunctionDecl *Dtor =
          D.Dtor.Existing ? D.Dtor.Existing->Function : nullptr;
      SourceLocation AllocAt, FreeAt;
      SourceLocation PairAt = B.newPairPoint(In.regionAt(V.Loc));
      AllocAt = Ctor ? B.allocationPoint(Ctor, firstTouching(Life, Ctor, I))
                     : PairAt;
      FreeAt = Dtor ? B.releasePoint(Dtor) : PairAt;
      SourceLocation Points[] = {AllocAt, FreeAt};
      if (llvm::any_of(Points, [&](SourceLocation At) {
            return B.accessorAt(I, At).empty();
          })) {
        SourceLocation Where =
            B.accessorAt(I, AllocAt).empty() ? AllocAt : FreeAt;
        for (const AccessorAlias &Vnet : In.Macros.vnetDefinitions())
          if (Vnet.Undefined.isValid() && In.before(Vnet.Undefined, Where))
            Where = Vnet.Undefined;
        refuse(P, V, Refusal::NoAccessor, Where,
               "VNET() is #undef'd here, before the place where the fix "
               "would write code that uses the table; convert it by hand");
        Refused.push_back(I);
        continue;
      }
      MallocTypeChoice Type = Types.choose(Ctor, Points);
      if (Type.Create)
        NewTypeUsers.push_back(I);
      if (!Type.Why.empty())
        P.Notes.push_back({V.Loc, Type.Why + " [modspace]"});

      for (const MacroInvocation *Call : D.Declarations) {
        B.declaration(I, *Call);
        if (Call->Role == MacroRole::Declare)
          P.Notes.push_back(
              {In.SM.getFileLoc(Call->IdentLoc),
               "the declaration of '" + V.Name +
                   "' here changes too; other translation units' uses of "
                   "it are checked when they are compiled [modspace]"});
      }
      if (!V.IsStatic &&
          llvm::none_of(D.Declarations, [](const MacroInvocation *C) {
            return C->Role == MacroRole::Declare;
          }))
        P.Notes.push_back({V.Loc, "'" + V.Name +
                                      "' is not static: other translation "
                                      "units that declare it must declare "
                                      "a pointer [modspace]"});

      // Every place the fix writes the bound must read it as the
      // declaration does.
      std::string Differs = In.boundDiffers(I, AllocAt, Ctor);
      SourceLocation DiffersAt = AllocAt;
      for (const VariableUse &U : In.Uses.Uses)
        if (Differs.empty() && U.Var == I && U.Rewrite.isValid() &&
            (U.Kind == UseKind::Sizeof || U.Kind == UseKind::Count)) {
          Differs = In.boundDiffers(I, U.Rewrite.getBegin(), U.Function);
          DiffersAt = U.Loc;
        }
      if (!Differs.empty()) {
        refuse(P, V, Refusal::BoundMeaning, DiffersAt,
               "'" + Differs + "' here does not mean what it means in the "
               "declaration (a macro defined again, or a local of that "
               "name), so the bound cannot be written here; convert it by "
               "hand");
        Refused.push_back(I);
        continue;
      }

      const Stmt *Cleared = nullptr;
      if (Ctor) {
        B.allocate(I, Ctor, AllocAt, Bound, Type.Name);
        Cleared = redundantClear(Life, Ctor, I);
        if (Cleared)
          B.removeStatement(I, Cleared);
      }
      if (Dtor)
        B.release(I, Dtor, Type.Name);
      if (D.Ctor.Create || D.Dtor.Create)
        B.newPair(I, D.Ctor.Create, D.Dtor.Create, Bound, Type.Name);
      B.includeMalloc(I);
      for (const SysctlEdit &E : D.Sysctls)
        B.replace(I, E.Range, E.Text);

      for (const VariableUse &U : In.Uses.Uses)
        if (U.Var == I && U.Rewrite.isValid() &&
            !(Cleared && U.BodyStmt == Cleared) && !inRewrittenSysctl(U))
          B.rewriteUse(I, U, Bound);
    }
    if (!NewTypeUsers.empty())
      B.defineMallocType(Types.newTypeName(), NewTypeUsers);
    std::vector<unsigned> Conflicts = B.finish();
    if (!Refused.empty())
      return false;
    for (unsigned I : Conflicts)
      refuse(Plan.Vars[I], In.A.Vars[I], Refusal::ConflictingEdits,
             In.A.Vars[I].Loc,
             "its edits overlap another table's in a way whose result "
             "depends on their order; convert it by hand, or convert the "
             "other table first");
    return Conflicts.empty();
  }

  /// The first statement of constructor \p F that touches variable \p I
  /// (the allocation must come before it).
  const Stmt *firstTouching(Lifecycle &Life, const FunctionDecl *F,
                            unsigned I) const {
    for (const Stmt *S : cast<CompoundStmt>(F->getBody())->body())
      if (Life.statementTouches(S, I))
        return S;
    return nullptr;
  }

  /// The uses of variable \p I in top-level statement \p S.
  llvm::SmallVector<const VariableUse *, 4> usesIn(const Stmt *S,
                                                   unsigned I) const {
    llvm::SmallVector<const VariableUse *, 4> Out;
    auto It = ByStatement.find(S);
    if (It != ByStatement.end())
      for (unsigned U : It->second)
        if (In.Uses.Uses[U].Var == I)
          Out.push_back(&In.Uses.Uses[U]);
    return Out;
  }

  /// Whether \p S is bzero(V_x, sizeof(V_x)) or memset(V_x, 0,
  /// sizeof(V_x)), possibly cast to void: it clears the whole table,
  /// which M_ZERO already does.
  bool clearsWholeTable(const Stmt *S, unsigned I) const {
    const Expr *E = dyn_cast<Expr>(S);
    if (!E)
      return false;
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<CStyleCastExpr>(E))
      if (Cast->getType()->isVoidType())
        E = Cast->getSubExpr()->IgnoreParens();
    const auto *Call = dyn_cast<CallExpr>(E);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee)
      return false;
    bool IsBzero = Callee->getName() == "bzero";
    if (!IsBzero && Callee->getName() != "memset")
      return false;
    unsigned SizeArg = IsBzero ? 1 : 2;
    if (Call->getNumArgs() != SizeArg + 1)
      return false;
    if (!IsBzero) {
      Expr::EvalResult Value;
      if (!Call->getArg(1)->EvaluateAsInt(Value, In.Ctx) ||
          Value.Val.getInt() != 0)
        return false;
    }
    // Exactly two uses: the table as the destination, and its size.
    auto Uses = usesIn(S, I);
    if (Uses.size() != 2)
      return false;
    CharSourceRange Dest = In.fileRange(Call->getArg(0)->getSourceRange());
    const Expr *Size = Call->getArg(SizeArg)->IgnoreParens();
    bool HaveDest = false, HaveSize = false;
    for (const VariableUse *U : Uses) {
      if ((U->Kind == UseKind::Keeps || U->Kind == UseKind::AddressAsVoid ||
           U->Kind == UseKind::AddressOfObject) &&
          Dest.isValid() &&
          !In.SM.isBeforeInTranslationUnit(U->Loc, Dest.getBegin()) &&
          In.SM.isBeforeInTranslationUnit(U->Loc, Dest.getEnd()))
        HaveDest = true;
      if ((U->Kind == UseKind::Sizeof || U->Kind == UseKind::SizeofObject) &&
          U->Whole == Size)
        HaveSize = true;
    }
    return HaveDest && HaveSize;
  }

  /// The statement of constructor \p F that clears the whole table before
  /// anything else touches it: redundant with M_ZERO.
  const Stmt *redundantClear(Lifecycle &Life, const FunctionDecl *F,
                             unsigned I) const {
    for (const Stmt *S : cast<CompoundStmt>(F->getBody())->body()) {
      if (clearsWholeTable(S, I))
        return S;
      if (Life.statementTouches(S, I))
        return nullptr;
    }
    return nullptr;
  }

  PlanInputs &In;
  FixPlan &Plan;
  std::vector<Decision> Decisions;
  std::set<std::string> Handlers; ///< names given to generated handlers
  llvm::DenseMap<const Stmt *, llvm::SmallVector<unsigned, 2>> ByStatement;
};

} // namespace

FixPlan planFixes(ASTContext &Ctx, const Analysis &A,
                  const MacroRecorder &Macros, const Options &Opts,
                  const PlanContext &PC, const WarnPredicate &Warns) {
  PlanInputs In(Ctx, A, Macros, Opts, PC);
  FixPlan Plan;
  Planner(In, Plan).run(Warns);
  return Plan;
}

} // namespace modspace

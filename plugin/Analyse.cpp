//===--- Analyse.cpp - sizes and section layout ---------------------------===//

#include "Analyse.h"
#include "QuietLayout.h"
#include "References.h"
#include "StmtChildren.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/TargetInfo.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/MathExtras.h"
#include <algorithm>
#include <optional>

using namespace clang;

namespace modspace {

namespace {

/// How a report prints a type: with its tag keyword, "struct mfc *[64]".
PrintingPolicy typePolicy(const ASTContext &Ctx) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressTagKeyword = false;
  return Policy;
}

} // namespace

std::string ModuleVariable::typeName() const {
  return Decl->getType().getAsString(typePolicy(Decl->getASTContext()));
}

std::string ModuleVariable::elementTypeName() const {
  const ASTContext &Ctx = Decl->getASTContext();
  if (!Measured)
    return "";
  if (const ConstantArrayType *CAT =
          Ctx.getAsConstantArrayType(Decl->getType()))
    return CAT->getElementType().getAsString(typePolicy(Ctx));
  return "";
}

namespace {

/// Fills size and alignment of \p V, or says why it cannot be done.
void measure(ASTContext &Ctx, ModuleVariable &V) {
  const VarDecl *D = V.Decl;
  QualType T = D->getType();
  if (D->isInvalidDecl()) {
    V.Unmeasurable = "its declaration is invalid";
    return;
  }
  if (T->isIncompleteType()) {
    V.Unmeasurable = "its type '" + V.typeName() + "' is incomplete";
    return;
  }
  if (T->isDependentType() || T->isVariablyModifiedType() ||
      T->isSizelessType()) {
    V.Unmeasurable = "its type '" + V.typeName() + "' has no static size";
    return;
  }
  uint64_t Size = Ctx.getTypeSizeInChars(T).getQuantity();
  // A GNU-initialised flexible array member makes the object larger than
  // its type.
  if (D->hasInit())
    Size += D->getFlexibleArrayInitChars(Ctx).getQuantity();
  V.Size = Size;
  // The IR alignment; with an explicit section the object honours it
  // exactly (see SectionLayout.cpp).
  V.Align = Ctx.getDeclAlign(D).getQuantity();
  if (const ConstantArrayType *CAT = Ctx.getAsConstantArrayType(T))
    V.Count = CAT->getSize().getZExtValue();
  V.Measured = true;
}

/// Estimates the order in which clang creates the IR globals: a definition
/// with an initialiser when it is emitted, a tentative one when emitted
/// code first refers to it, the rest at the end in declaration order.
/// Code emitted at once is a non-inline function with external linkage and
/// the initialiser of a global that must be emitted; static functions are
/// deferred to the end of the TU, after every tentative definition.
///
/// With a reference index (\p Refs) a function is walked only when its
/// top-level group may name a variable not placed yet: walking one that
/// names none places nothing, so the order is the same.
class EmissionOrder {
public:
  EmissionOrder(ASTContext &Ctx, std::vector<ModuleVariable> &Vars,
                const ReferenceIndex *Refs)
      : Ctx(Ctx), Vars(Vars) {
    // Every declaration of each: a reference is looked up as it is.
    for (unsigned I = 0; I < Vars.size(); ++I)
      for (const VarDecl *D : Vars[I].Decl->redecls())
        Index[D] = I;
    if (Refs && !Refs->unusableFor(Ctx) &&
        llvm::all_of(Vars, [&](const ModuleVariable &V) {
          return V.Decl->isFileVarDecl() && Refs->indexes(V.Decl);
        })) {
      this->Refs = Refs;
      Unplaced.assign(Refs->numGroups(), 0);
      for (const ModuleVariable &V : Vars)
        for (unsigned G : Refs->groupsNaming(V.Decl->getIdentifier()))
          ++Unplaced[G];
    }
    AllPlaced = Vars.empty();
    for (const Decl *TopLevel : Ctx.getTranslationUnitDecl()->decls()) {
      if (AllPlaced)
        break; // every variable placed: nothing left to learn
      visitTopLevel(TopLevel);
    }
    for (unsigned I = 0; I < Vars.size(); ++I)
      place(I);
  }

  /// Indices into Vars in creation order.
  std::vector<unsigned> Order;
  /// The functions walked.
  unsigned Walked = 0;
  bool onDemand() const { return Refs; }

private:
  void visitTopLevel(const Decl *D) {
    if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
      if (!FD->doesThisDeclarationHaveABody() || !FD->isExternallyVisible() ||
          FD->isInlined())
        return;
      unsigned G;
      if (Refs && Refs->groupOf(FD, G) && !Refs->beforeStart(G) &&
          !Unplaced[G])
        return;
      ++Walked;
      walk(FD->getBody());
      return;
    }
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD || !VD->isFileVarDecl() || !VD->hasInit())
      return;
    bool Eager = VD->isExternallyVisible() || VD->hasAttr<UsedAttr>();
    if (!Eager && !Placed.count(VD->getCanonicalDecl()))
      return;
    placeDecl(VD);
    walk(VD->getInit());
  }

  /// The evaluated parts of \p S, in the order code generation emits
  /// them (each reference creates its global when first emitted).  That
  /// is source order, except: a scalar assignment and a compound
  /// assignment emit their right side first; a for loop emits its body
  /// before its increment; a condition that folds to a constant emits only
  /// the live arm of an if, a ?: or a && / ||.  Operands of sizeof/alignof
  /// and types (such as the __typeof in VNET()) create no global.
  void walk(const Stmt *S) {
    if (!S || AllPlaced)
      return;
    // One switch a node, not a chain of casts: this walk runs over every
    // emitted function until each variable is placed.
    switch (S->getStmtClass()) {
    case Stmt::UnaryExprOrTypeTraitExprClass:
      return;
    case Stmt::DeclRefExprClass:
      if (const auto *VD = dyn_cast<VarDecl>(cast<DeclRefExpr>(S)->getDecl()))
        placeDecl(VD);
      return;
    case Stmt::CompoundAssignOperatorClass: {
      const auto *BO = cast<BinaryOperator>(S);
      walk(BO->getRHS());
      walk(BO->getLHS());
      return;
    }
    case Stmt::BinaryOperatorClass: {
      const auto *BO = cast<BinaryOperator>(S);
      if (BO->getOpcode() == BO_Assign && !BO->getType()->isRecordType()) {
        walk(BO->getRHS());
        walk(BO->getLHS());
        return;
      }
      if (BO->isLogicalOp()) {
        std::optional<bool> Lhs = folded(BO->getLHS());
        if (Lhs && *Lhs == (BO->getOpcode() == BO_LOr)) {
          walk(BO->getLHS());
          return;
        }
      }
      break;
    }
    case Stmt::ConditionalOperatorClass: {
      const auto *CO = cast<ConditionalOperator>(S);
      if (std::optional<bool> Cond = folded(CO->getCond())) {
        walk(*Cond ? CO->getTrueExpr() : CO->getFalseExpr());
        return;
      }
      break;
    }
    case Stmt::IfStmtClass: {
      const auto *If = cast<IfStmt>(S);
      std::optional<bool> Cond = If->getInit() || If->getConditionVariable()
                                     ? std::nullopt
                                     : folded(If->getCond());
      if (Cond) {
        walk(*Cond ? If->getThen() : If->getElse());
        return;
      }
      break;
    }
    case Stmt::DeclStmtClass:
      for (const Decl *D : cast<DeclStmt>(S)->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->isStaticLocal())
            placeDecl(VD); // created where its function is emitted
      break;
    case Stmt::ForStmtClass: {
      const auto *For = cast<ForStmt>(S);
      walk(For->getInit());
      walk(For->getConditionVariableDeclStmt());
      walk(For->getCond());
      walk(For->getBody());
      walk(For->getInc());
      return;
    }
    default:
      break;
    }
    forEachChild(const_cast<Stmt *>(S),
                 [&](const Stmt *Child) { walk(Child); });
  }

  /// The value of condition \p E when it folds to a constant, as code
  /// generation folds it (an integer).
  std::optional<bool> folded(const Expr *E) const {
    Expr::EvalResult Result;
    if (!E || E->isValueDependent() || readsVariable(E))
      return std::nullopt;
    // Sema has folded every such condition tried first ("if (a &&
    // sizeof(struct s) > 8)", diag/quiet-layout.c); a record laid out
    // here first would be laid out for modspace alone.
    QuietLayout Quiet(Ctx);
    if (!E->EvaluateAsInt(Result, Ctx))
      return std::nullopt;
    return Result.Val.getInt().getBoolValue();
  }

  /// Whether the integer \p E surely reads a variable that is not const:
  /// then the evaluator cannot fold it, and asking it (most conditions:
  /// "x > 0", "p->len != n") costs more than the rest of the walk.  Only
  /// operators that evaluate every operand count; &&, || and ?: fold
  /// around an unknown operand.
  static bool readsVariable(const Expr *E) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
      switch (Cast->getCastKind()) {
      case CK_LValueToRValue:
        return readsObject(Cast->getSubExpr());
      case CK_IntegralCast:
      case CK_IntegralToBoolean:
        return readsVariable(Cast->getSubExpr());
      default:
        return false;
      }
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(E))
      return (BO->isComparisonOp() || BO->isAdditiveOp() ||
              BO->isMultiplicativeOp() || BO->isBitwiseOp() ||
              BO->isShiftOp()) &&
             (readsVariable(BO->getLHS()) || readsVariable(BO->getRHS()));
    if (const auto *UO = dyn_cast<UnaryOperator>(E))
      return (UO->getOpcode() == UO_LNot || UO->getOpcode() == UO_Minus ||
              UO->getOpcode() == UO_Not || UO->getOpcode() == UO_Plus) &&
             readsVariable(UO->getSubExpr());
    return false;
  }

  /// Whether reading the lvalue \p E reads a variable that is not const.
  static bool readsObject(const Expr *E) {
    E = E->IgnoreParens();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
      return VD && !VD->getType().isConstQualified();
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      return ME->isArrow() ? readsVariable(ME->getBase())
                           : readsObject(ME->getBase());
    return false;
  }

  void placeDecl(const VarDecl *VD) {
    auto It = Index.find(VD);
    if (It != Index.end())
      place(It->second);
  }

  void place(unsigned I) {
    if (!Placed.insert(Vars[I].Decl->getCanonicalDecl()).second)
      return;
    Order.push_back(I);
    AllPlaced = Order.size() == Vars.size();
    if (Refs)
      for (unsigned G : Refs->groupsNaming(Vars[I].Decl->getIdentifier()))
        --Unplaced[G];
  }

  ASTContext &Ctx;
  std::vector<ModuleVariable> &Vars;
  /// Order holds every variable (asked at each node of the walk).
  bool AllPlaced = false;
  const ReferenceIndex *Refs = nullptr;
  /// For each top-level group, how many variables not placed yet it may
  /// name.
  std::vector<unsigned> Unplaced;
  llvm::DenseMap<const VarDecl *, unsigned> Index;
  llvm::DenseSet<const VarDecl *> Placed;
};

void finishSummary(SectionSummary &S, uint64_t PointerSize) {
  S.ModuleCost = moduleCost(S.Size, PointerSize);
}

/// Whether, whatever the order, every section the IR pass did not give
/// costs at most its budget: each variable padded by at most its
/// alignment less one.
bool withinBudgetsAnyOrder(const Analysis &A) {
  uint64_t Worst[2] = {0, 0};
  for (const ModuleVariable &V : A.Vars)
    if (V.Measured && countsInSection(V, A.Vimage))
      Worst[V.Kind == SpaceKind::Pcpu] += V.Size + V.Align - 1;
  for (const SectionSummary *S : {&A.Vnet, &A.Pcpu})
    if (!S->Exact &&
        moduleCost(Worst[S->Kind == SpaceKind::Pcpu], A.PointerSize) >
            S->Budget)
      return false;
  return true;
}

/// check-walk: the order found on demand (\p Demand) against a walk of
/// every function.
void checkOrder(ASTContext &Ctx, std::vector<ModuleVariable> &Vars,
                const EmissionOrder &Demand) {
  if (!Demand.onDemand())
    return;
  EmissionOrder Full(Ctx, Vars, nullptr);
  DiagnosticsEngine &DE = Ctx.getDiagnostics();
  const SourceManager &SM = Ctx.getSourceManager();
  auto Differs = std::mismatch(Demand.Order.begin(), Demand.Order.end(),
                               Full.Order.begin(), Full.Order.end());
  if (Differs.first != Demand.Order.end()) {
    DE.Report(Vars[*Differs.first].Decl->getLocation(),
              DE.getCustomDiagID(DiagnosticsEngine::Error,
                                 "check-walk: the creation order on demand "
                                 "differs here [modspace]"));
    return;
  }
  DE.Report(SM.getLocForStartOfFile(SM.getMainFileID()),
            DE.getCustomDiagID(DiagnosticsEngine::Remark,
                               "check-walk: the same creation order of %0 "
                               "variables, %1 of %2 functions walked on "
                               "demand [modspace]"))
      << unsigned(Vars.size()) << Demand.Walked << Full.Walked;
}

/// Lays out, in estimated creation order (or, when \p Walk is false, in
/// declaration order), the sections the IR pass did not give.
void estimateLayout(ASTContext &Ctx, Analysis &A, bool Walk,
                    const ReferenceIndex *Refs, bool CheckWalk) {
  std::vector<unsigned> Order;
  if (Walk || CheckWalk) {
    EmissionOrder Demand(Ctx, A.Vars, Refs);
    if (CheckWalk)
      checkOrder(Ctx, A.Vars, Demand);
    Order = std::move(Demand.Order);
  }
  if (!Walk) {
    Order.resize(A.Vars.size());
    for (unsigned I = 0; I < Order.size(); ++I)
      Order[I] = I;
  }
  for (unsigned I : Order) {
    ModuleVariable &V = A.Vars[I];
    SectionSummary &S = summaryFor(A, V.Kind);
    if (S.Exact || !V.Measured || !countsInSection(V, A.Vimage))
      continue;
    V.Offset = llvm::alignTo(S.Size, V.Align);
    V.Placed = true;
    S.Size = V.Offset + V.Size;
    S.Align = std::max(S.Align, V.Align);
    ++S.Count;
  }
}

} // namespace

bool countsInSection(const ModuleVariable &V, bool Vimage) {
  // Without VIMAGE a VNET variable is an ordinary global: it is laid out
  // as a VIMAGE build would place it.  DPCPU has its section either way.
  if (V.Kind == SpaceKind::Vnet && !Vimage)
    return true;
  return V.InSection;
}

const SectionSummary &summaryFor(const Analysis &A, SpaceKind K) {
  return K == SpaceKind::Vnet ? A.Vnet : A.Pcpu;
}

SectionSummary &summaryFor(Analysis &A, SpaceKind K) {
  return K == SpaceKind::Vnet ? A.Vnet : A.Pcpu;
}

uint64_t moduleCost(uint64_t Size, uint64_t PointerSize) {
  return llvm::alignTo(Size, PointerSize);
}

Analysis analyse(ASTContext &Ctx, std::vector<ModuleVariable> Vars,
                 const Options &Opts, bool Vimage, bool Module,
                 const ModuleLayout *IR, const ReferenceIndex *Refs) {
  Analysis A;
  A.Vars = std::move(Vars);
  A.Vimage = Vimage;
  A.Module = Module;
  A.PointerSize =
      Ctx.getTargetInfo().getPointerWidth(LangAS::Default) / 8;
  A.Vnet.Kind = SpaceKind::Vnet;
  A.Vnet.ModuleSpace = Opts.VnetModuleSpace;
  A.Vnet.Budget = Opts.vnetBudget();
  A.Vnet.Threshold = Module ? Opts.VnetThreshold
                            : Opts.KernelThreshold.value_or(UINT64_MAX);
  A.Vnet.Hypothetical = !Vimage;
  A.Pcpu.Kind = SpaceKind::Pcpu;
  A.Pcpu.ModuleSpace = Opts.PcpuModuleSpace;
  A.Pcpu.Budget = Opts.pcpuBudget();
  A.Pcpu.Threshold = Module ? Opts.PcpuThreshold
                            : Opts.KernelPcpuThreshold.value_or(UINT64_MAX);

  {
    QuietLayout Quiet(Ctx);
    for (ModuleVariable &V : A.Vars)
      measure(Ctx, V);
  }

  // A section is exact when the pass saw every variable that counts in
  // it, in that section.
  bool HaveIR = IR && IR->Valid;
  A.Vnet.Exact = HaveIR && !A.Vnet.Hypothetical &&
                 !IR->WrittenByAsm.contains("set_vnet");
  A.Pcpu.Exact = HaveIR && !IR->WrittenByAsm.contains("set_pcpu");
  for (const ModuleVariable &V : A.Vars) {
    SectionSummary &S = summaryFor(A, V.Kind);
    if (!S.Exact || !countsInSection(V, Vimage))
      continue;
    auto It = IR->Globals.find(V.Symbol);
    S.Exact = V.InSection && It != IR->Globals.end() &&
              It->second.Section == spaceSection(V.Kind);
  }

  for (SectionSummary *S : {&A.Vnet, &A.Pcpu}) {
    if (!S->Exact)
      continue;
    auto It = IR->Sections.find(spaceSection(S->Kind));
    if (It != IR->Sections.end()) {
      S->Size = It->second.Size;
      S->Align = It->second.Align;
      S->Count = It->second.Count;
    }
  }
  for (ModuleVariable &V : A.Vars) {
    if (!summaryFor(A, V.Kind).Exact || !countsInSection(V, Vimage))
      continue;
    const PlacedGlobal &P = IR->Globals.find(V.Symbol)->second;
    V.Offset = P.Offset;
    V.Size = P.Size;
    V.Align = P.Align;
    V.Placed = true;
  }

  // Estimate the sections the pass did not give.  Ordering them walks the
  // TU's code, the plugin's largest cost on a TU with nothing to say: when
  // no front end shows the layout and no order could put a section over
  // its budget, declaration order gives the same findings.
  if (!A.Vnet.Exact || !A.Pcpu.Exact)
    estimateLayout(Ctx, A, Opts.WantLayout || !withinBudgetsAnyOrder(A), Refs,
                   Opts.CheckWalk);
  finishSummary(A.Vnet, A.PointerSize);
  finishSummary(A.Pcpu, A.PointerSize);
  return A;
}

} // namespace modspace

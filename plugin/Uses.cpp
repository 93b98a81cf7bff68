//===--- Uses.cpp - how each use of a per-vnet array depends on it --------===//

#include "Uses.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace modspace {

namespace {

/// The name of the macro whose invocation begins at \p Begin.
llvm::StringRef macroNameAt(const SourceManager &SM, const LangOptions &LO,
                            SourceLocation Begin) {
  SourceLocation Spelling = SM.getSpellingLoc(Begin);
  bool Invalid = false;
  const char *Data = SM.getCharacterData(Spelling, &Invalid);
  if (Invalid)
    return "";
  unsigned Length = Lexer::MeasureTokenLength(Spelling, SM, LO);
  return llvm::StringRef(Data, Length);
}

bool isAccessorMacro(llvm::StringRef Name) {
  return Name == "VNET" || Name == "VNET_VNET";
}

bool isAddressMacro(llvm::StringRef Name) {
  return Name == "VNET_PTR" || Name == "VNET_VNET_PTR";
}

/// Where a reference sits among macros: the accessor it was written with
/// (V_x, VNET(x)), and the macro that took that accessor as an argument
/// (nitems, SYSCTL_OPAQUE...).
struct MacroContext {
  bool ThroughAccessor = false;  ///< VNET(), VNET_VNET()
  bool ThroughAddress = false;   ///< VNET_PTR(), VNET_VNET_PTR()
  FileID AccessorBody;           ///< the expansion of that macro's body
  CharSourceRange Accessor;      ///< the accessor as written
  llvm::StringRef Consumer;      ///< macro taking it as an argument
  CharSourceRange ConsumerRange; ///< that macro's invocation
};

/// Follows the expansions that produced \p L, innermost first (into a
/// macro argument's spelling, or out to the invocation of a body token).
MacroContext macroContext(const SourceManager &SM, const LangOptions &LO,
                          SourceLocation Start) {
  SourceLocation L = Start;
  struct Level {
    llvm::StringRef Name;
    bool IsArgument;
    CharSourceRange Invocation;
    FileID Body; ///< the expansion of the macro's body
  };
  llvm::SmallVector<Level, 16> Levels;
  while (L.isMacroID()) {
    CharSourceRange Invocation = SM.getImmediateExpansionRange(L);
    bool IsArgument = SM.isMacroArgExpansion(L);
    // An argument's expansion range is where its parameter stands in the
    // macro's body; the invocation is the expansion of that spot.
    CharSourceRange Call =
        IsArgument && Invocation.getBegin().isMacroID()
            ? SM.getImmediateExpansionRange(Invocation.getBegin())
            : Invocation;
    FileID Body = IsArgument ? (Invocation.getBegin().isMacroID()
                                    ? SM.getFileID(Invocation.getBegin())
                                    : FileID())
                             : SM.getFileID(L);
    Levels.push_back(
        {macroNameAt(SM, LO, Call.getBegin()), IsArgument, Call, Body});
    L = IsArgument ? SM.getImmediateSpellingLoc(L) : Invocation.getBegin();
  }

  MacroContext C;
  size_t Outer = Levels.size();
  for (size_t I = 0; I < Levels.size(); ++I)
    if (isAccessorMacro(Levels[I].Name) || isAddressMacro(Levels[I].Name))
      Outer = I;
  if (Outer == Levels.size()) {
    // Named without an accessor: the outermost macro invocation (such as
    // SYSCTL_OPAQUE) says where.
    if (!Levels.empty())
      C.Consumer = macroNameAt(SM, LO, SM.getExpansionLoc(Start));
    return C;
  }
  C.ThroughAccessor = isAccessorMacro(Levels[Outer].Name);
  C.ThroughAddress = isAddressMacro(Levels[Outer].Name);
  C.AccessorBody = Levels[Outer].Body;
  C.Accessor = Levels[Outer].Invocation;
  for (size_t I = Outer + 1; I < Levels.size() && !Levels[I].IsArgument; ++I)
    C.Accessor = Levels[I].Invocation; // #define V_x VNET(x), or a user macro

  // The consumer: the innermost other macro whose invocation, in the file,
  // strictly contains the accessor.  Its level may come before the
  // accessor's in the chain, since arguments are expanded before they are
  // substituted (nitems(V_x)).
  CharSourceRange Acc = Lexer::makeFileCharRange(C.Accessor, SM, LO);
  if (Acc.isInvalid())
    return C;
  unsigned Best = ~0u;
  for (const Level &Lv : Levels) {
    if (isAccessorMacro(Lv.Name) || isAddressMacro(Lv.Name))
      continue;
    CharSourceRange R = Lexer::makeFileCharRange(Lv.Invocation, SM, LO);
    if (R.isInvalid())
      continue;
    unsigned Begin = SM.getFileOffset(R.getBegin());
    unsigned End = SM.getFileOffset(R.getEnd());
    unsigned AccBegin = SM.getFileOffset(Acc.getBegin());
    unsigned AccEnd = SM.getFileOffset(Acc.getEnd());
    if (SM.getFileID(R.getBegin()) != SM.getFileID(Acc.getBegin()) ||
        Begin > AccBegin || End < AccEnd || End - Begin == AccEnd - AccBegin)
      continue;
    if (End - Begin < Best) {
      Best = End - Begin;
      C.Consumer = Lv.Name;
      C.ConsumerRange = Lv.Invocation;
    }
  }
  return C;
}

/// Whether \p L comes from the expansion whose body is \p Body, directly or
/// through macros expanded inside it.  \p AtEnd follows the ends of
/// expansion ranges (for a node's last token).  A token substituted for a
/// macro parameter was both produced somewhere (its spelling, say inside
/// VNET() when nitems(V_x) pre-expands its argument) and placed
/// somewhere (the parameter's spot, say VNET()'s own "n"): either counts.
bool inExpansion(const SourceManager &SM, SourceLocation L, FileID Body,
                 bool AtEnd) {
  while (L.isMacroID()) {
    if (SM.getFileID(L) == Body)
      return true;
    if (SM.isMacroArgExpansion(L) &&
        inExpansion(SM, SM.getImmediateSpellingLoc(L), Body, AtEnd))
      return true;
    CharSourceRange R = SM.getImmediateExpansionRange(L);
    L = AtEnd ? R.getEnd() : R.getBegin();
  }
  return false;
}

/// The traversal.  The parent stack is kept with RecursiveASTVisitor's
/// data-recursion hooks.
class UseFinder : public RecursiveASTVisitor<UseFinder> {
public:
  UseFinder(ASTContext &Ctx,
            const llvm::DenseMap<const VarDecl *, unsigned> &Candidates,
            const MacroRecorder &Macros)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()),
        Candidates(Candidates) {
    for (const MacroInvocation &Call : Macros.invocations())
      if (isRegistration(Call.Role))
        Registrations.insert(SM.getExpansionLoc(Call.NameLoc));
  }

  UseIndex Index;

  bool shouldVisitImplicitCode() const { return false; }

  // VNET()'s own __typeof(VNET_NAME(n)) is not a use; anything else in a
  // __typeof is a type that would change from array to pointer.
  bool TraverseTypeOfExprTypeLoc(TypeOfExprTypeLoc TL) {
    const auto *Ref =
        dyn_cast<DeclRefExpr>(TL.getUnderlyingExpr()->IgnoreParens());
    if (Ref && Ref->getDecl()->getName().starts_with("vnet_entry_"))
      return true;
    ++InTypeof;
    bool Result = RecursiveASTVisitor::TraverseTypeOfExprTypeLoc(TL);
    --InTypeof;
    return Result;
  }

  bool TraverseFunctionDecl(FunctionDecl *FD) {
    const FunctionDecl *Saved = Function;
    Function = FD->doesThisDeclarationHaveABody() ? FD : nullptr;
    bool Result = RecursiveASTVisitor::TraverseFunctionDecl(FD);
    // A structure defined inside an expression (sizeof(struct {...}), a
    // cast) is in no DeclStmt, so the body's traversal does not reach it.
    if (Function)
      for (Decl *D : FD->decls())
        if (auto *Tag = dyn_cast<TagDecl>(D))
          if (!Tags.count(Tag))
            Result = Result && TraverseDecl(Tag);
    Function = Saved;
    return Result;
  }

  bool TraverseRecordDecl(RecordDecl *RD) {
    Tags.insert(RD);
    return RecursiveASTVisitor::TraverseRecordDecl(RD);
  }

  bool TraverseEnumDecl(EnumDecl *ED) {
    Tags.insert(ED);
    return RecursiveASTVisitor::TraverseEnumDecl(ED);
  }

  bool dataTraverseStmtPre(Stmt *S) {
    Parents.push_back(S);
    return true;
  }
  bool dataTraverseStmtPost(Stmt *) {
    Parents.pop_back();
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
    if (!Def)
      return true;
    if (Function)
      Index.Calls[Function].push_back(Def);
    // The pointer a call returns, stored where it outlives a free.
    if (Call->getType()->isPointerType() &&
        pointerUse(Parents.size() - 1) == UseKind::Escapes)
      StoredResults.push_back({Def, SM.getFileLoc(Call->getBeginLoc())});
    return true;
  }

  /// Uses the traversal could only find once it had seen every function:
  /// a call's stored result that is a pointer into a table.
  void finish() {
    for (const auto &[Callee, Loc] : StoredResults) {
      auto It = ReturnsInto.find(Callee);
      if (It == ReturnsInto.end())
        continue;
      for (unsigned Var : It->second) {
        VariableUse Use{Var, UseKind::Escapes, nullptr, nullptr, nullptr,
                        Loc, {}, "", ""};
        Index.Uses.push_back(Use);
      }
    }
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *FD = dyn_cast<FunctionDecl>(Ref->getDecl())) {
      published(Ref, FD);
      return true;
    }
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (!VD)
      return true;
    auto It = Candidates.find(VD->getCanonicalDecl());
    if (It != Candidates.end())
      Index.Uses.push_back(classify(Ref, It->second));
    return true;
  }

private:
  /// Records \p FD when \p Ref takes its address rather than calls it.
  void published(const DeclRefExpr *Ref, const FunctionDecl *FD) {
    const FunctionDecl *Def = FD->getDefinition();
    if (!Def)
      return;
    // Called: the reference is the callee, under implicit casts and parens.
    size_t I = Parents.size() - 1;
    while (I > 0 && (isa<ImplicitCastExpr>(Parents[I - 1]) ||
                     isa<ParenExpr>(Parents[I - 1])))
      --I;
    if (I > 0)
      if (const auto *Call = dyn_cast<CallExpr>(Parents[I - 1]))
        if (Call->getCallee()->IgnoreParenImpCasts() == Ref)
          return;
    SourceLocation Expansion = SM.getExpansionLoc(Ref->getLocation());
    // A (VNET_)SYSINIT registration is not a hook: its order is known.
    // A sysctl handler runs only in a vnet that is fully set up, like any
    // other entry point.
    if (Registrations.count(Expansion) ||
        (Ref->getLocation().isMacroID() &&
         macroNameAt(SM, LO, Expansion).starts_with("SYSCTL_")))
      return;
    Index.Published.push_back({Def, Function, SM.getFileLoc(Ref->getLocation())});
  }

  /// The file range of \p S when its first token (sizeof, &) is written
  /// at the use, or an invalid range: a rewrite must not change a macro's
  /// body, which other uses share (makeFileCharRange would map a whole
  /// expansion back to its invocation).
  CharSourceRange fileRange(const Stmt *S) const {
    SourceLocation First = S->getBeginLoc();
    if (SM.getSpellingLoc(First) != SM.getFileLoc(First))
      return CharSourceRange();
    return Lexer::makeFileCharRange(
        CharSourceRange::getTokenRange(S->getSourceRange()), SM, LO);
  }

  std::string text(CharSourceRange R) const {
    return Lexer::getSourceText(R, SM, LO).str();
  }

  const Stmt *bodyStatement() const {
    if (!Function)
      return nullptr;
    const Stmt *Body = Function->getBody();
    for (size_t I = 0; I + 1 < Parents.size(); ++I)
      if (Parents[I] == Body)
        return Parents[I + 1];
    return nullptr;
  }

  /// The parent of Parents[I], past the implicit casts that carry no text.
  size_t syntacticParent(size_t I) const {
    size_t P = I;
    while (P > 0 && isa<ImplicitCastExpr>(Parents[P - 1]))
      --P;
    return P;
  }

  /// Whether "N * sizeof(*V_x)" must be parenthesised where Parents[I]
  /// stands (what binds tighter than '*', or could change its type).
  bool needsParens(size_t I) const {
    size_t P = syntacticParent(I);
    if (P == 0)
      return true;
    const Stmt *Parent = Parents[P - 1];
    const Stmt *Child = Parents[P];
    if (isa<ParenExpr>(Parent) || isa<ReturnStmt>(Parent) ||
        isa<DeclStmt>(Parent) || isa<InitListExpr>(Parent) ||
        isa<ConditionalOperator>(Parent))
      return false;
    if (const auto *Call = dyn_cast<CallExpr>(Parent))
      return Call->getCallee() == Child;
    if (const auto *Sub = dyn_cast<ArraySubscriptExpr>(Parent))
      return Sub->getIdx() != Child;
    if (const auto *BO = dyn_cast<BinaryOperator>(Parent)) {
      if (BO->isAssignmentOp() || BO->isCompoundAssignmentOp())
        return BO->getRHS() != Child;
      if (BO->isCommaOp() || BO->isAdditiveOp() || BO->isShiftOp() ||
          BO->isComparisonOp() || BO->isBitwiseOp() || BO->isLogicalOp())
        return false;
      if (BO->isMultiplicativeOp())
        return BO->getLHS() != Child;
    }
    return true;
  }

  VariableUse classify(const DeclRefExpr *Ref, unsigned Var) {
    VariableUse Use{Var,
                    UseKind::Unknown,
                    Function,
                    bodyStatement(),
                    nullptr,
                    SM.getFileLoc(Ref->getLocation()),
                    {},
                    "",
                    ""};
    MacroContext MC = macroContext(SM, LO, Ref->getLocation());
    Use.Context = MC.Consumer.str();
    if (!MC.ThroughAccessor && !MC.ThroughAddress) {
      Use.Kind = UseKind::RawName;
      return Use;
    }
    if (MC.ThroughAddress) {
      Use.Kind = UseKind::AddressAsArray;
      return Use;
    }

    // The accessor expression: the outermost array-typed node that comes
    // wholly from the accessor's expansion (not V_x[0].member of a user's
    // macro, whose text also contains the accessor).
    size_t E = Parents.size();
    for (size_t I = Parents.size(); I-- > 0;) {
      const auto *Ex = dyn_cast<Expr>(Parents[I]);
      if (!Ex ||
          !inExpansion(SM, Ex->getBeginLoc(), MC.AccessorBody, false) ||
          !inExpansion(SM, Ex->getEndLoc(), MC.AccessorBody, true))
        break;
      if (Ex->getType()->isArrayType())
        E = I;
    }
    if (E == Parents.size())
      return Use;
    // Its parent, past parentheses the user wrote around it.
    size_t P = E;
    while (P > 0 && isa<ParenExpr>(Parents[P - 1]))
      --P;
    // The accessor as written: the innermost of these with a file range.
    for (size_t J = E + 1; J-- > P;) {
      CharSourceRange R = Lexer::makeFileCharRange(
          CharSourceRange::getTokenRange(Parents[J]->getSourceRange()), SM,
          LO);
      if (R.isValid()) {
        Use.AccessorText = text(R);
        Use.Loc = R.getBegin();
        break;
      }
    }
    if (InTypeof > 0)
      return Use; // Unknown: the type of an expression naming the array
    const Stmt *Parent = P > 0 ? Parents[P - 1] : nullptr;

    if (const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(Parent)) {
      if (Cast->getCastKind() == CK_ArrayToPointerDecay) {
        bool Returned = false;
        Use.Kind = pointerUse(P - 1, &Returned);
        // A function that returns a pointer into the table: its callers
        // may store it (collectUses checks them).
        if (Returned && Function)
          ReturnsInto[Function].push_back(Var);
      }
      return Use;
    }
    if (const auto *Size = dyn_cast_or_null<UnaryExprOrTypeTraitExpr>(Parent)) {
      if (Size->getKind() != UETT_SizeOf)
        return Use;
      Use.Rewrite = fileRange(Size);
      Use.Whole = Size;
      Use.Kind = UseKind::Sizeof;
      if (Use.Rewrite.isInvalid() || Use.AccessorText.empty())
        nitemsOrMacroBody(Use, MC);
      else if (!countOf(Use, Ref, P - 1))
        Use.NeedsParens = needsParens(P - 1);
      if (Use.Kind == UseKind::Count)
        Use.NeedsCast = !sizeTKept(countWhole(P - 1));
      return Use;
    }
    if (const auto *Address = dyn_cast_or_null<UnaryOperator>(Parent)) {
      if (Address->getOpcode() != UO_AddrOf)
        return Use;
      Use.Kind = UseKind::AddressAsArray;
      size_t Q = P - 1;
      while (Q > 0 && isa<ParenExpr>(Parents[Q - 1]))
        --Q;
      const auto *Conv = Q > 0 ? dyn_cast<CastExpr>(Parents[Q - 1]) : nullptr;
      if (Conv && Conv->getType()->isPointerType()) {
        QualType Pointee = Conv->getType()->getPointeeType();
        if (Pointee->isVoidType() || Pointee->isCharType()) {
          Use.Kind = UseKind::AddressAsVoid;
          Use.Rewrite = fileRange(Address);
          Use.Whole = Address;
          if (Use.Rewrite.isInvalid() || Use.AccessorText.empty())
            Use.Kind = UseKind::InMacroBody;
        }
      }
      return Use;
    }
    return Use;
  }

  /// What becomes of the pointer the array decays to at Parents[D]: kept
  /// (indexed, passed, compared), or stored where it can outlive the
  /// table (a global, a per-vnet variable, a static), or given to a
  /// builtin that measures the object it points into.
  UseKind pointerUse(size_t D, bool *Returned = nullptr) const {
    size_t Q = D;
    while (Q > 0) {
      const Stmt *Up = Parents[Q - 1];
      const auto *E = dyn_cast<Expr>(Up);
      bool Pointer = E && E->getType()->isPointerType();
      if (isa<ParenExpr>(Up) || (isa<CastExpr>(Up) && Pointer)) {
        --Q;
        continue;
      }
      if (const auto *BO = dyn_cast<BinaryOperator>(Up))
        if (BO->isAdditiveOp() && Pointer) {
          --Q;
          continue;
        }
      if (const auto *CO = dyn_cast<ConditionalOperator>(Up))
        if (CO->getCond() != Parents[Q] && Pointer) {
          --Q;
          continue;
        }
      // &V_x[i]: back to a pointer.
      if (isa<ArraySubscriptExpr>(Up) && Q > 1)
        if (const auto *Addr = dyn_cast<UnaryOperator>(Parents[Q - 2]))
          if (Addr->getOpcode() == UO_AddrOf) {
            Q -= 2;
            continue;
          }
      break;
    }
    if (Q == 0)
      return Function ? UseKind::Keeps : UseKind::Escapes; // an initialiser
    const Stmt *Up = Parents[Q - 1];
    if (const auto *Call = dyn_cast<CallExpr>(Up))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        if (Callee->getName() == "__builtin_object_size" ||
            Callee->getName() == "__builtin_dynamic_object_size")
          return UseKind::Unknown;
    if (const auto *BO = dyn_cast<BinaryOperator>(Up))
      if (BO->isAssignmentOp() && BO->getRHS() == Parents[Q] &&
          !isLocal(BO->getLHS()))
        return UseKind::Escapes;
    if (const auto *DS = dyn_cast<DeclStmt>(Up))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (!VD->hasLocalStorage())
            return UseKind::Escapes;
    if (!Function)
      return UseKind::Escapes; // in a static initialiser
    if (isa<ReturnStmt>(Up) && Returned)
      *Returned = true;
    return UseKind::Keeps;
  }

  /// Whether \p LHS stores into an automatic variable of the function.
  static bool isLocal(const Expr *LHS) {
    const Expr *E = LHS->IgnoreParenImpCasts();
    while (true) {
      if (const auto *ME = dyn_cast<MemberExpr>(E)) {
        if (ME->isArrow())
          return false;
        E = ME->getBase()->IgnoreParenImpCasts();
      } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
        // An element of a local array, not what a local pointer points to.
        const auto *Decay = dyn_cast<ImplicitCastExpr>(AS->getBase());
        if (!Decay || Decay->getCastKind() != CK_ArrayToPointerDecay)
          return false;
        E = Decay->getSubExpr()->IgnoreParenImpCasts();
      } else {
        break;
      }
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return VD && VD->hasLocalStorage();
  }

  /// The expression worth the count around sizeof(V_x) at
  /// Parents[SizeIndex]: the division (and nitems()'s parentheses).
  size_t countWhole(size_t SizeIndex) const {
    size_t Q = SizeIndex;
    auto Climb = [&] {
      while (Q > 0 && isa<ParenExpr>(Parents[Q - 1]))
        --Q;
    };
    Climb();
    if (Q > 0)
      if (const auto *Div = dyn_cast<BinaryOperator>(Parents[Q - 1]))
        if (Div->getOpcode() == BO_Div &&
            Div->getLHS()->IgnoreParens() == Parents[SizeIndex]) {
          --Q;
          Climb();
        }
    return Q;
  }

  /// Whether writing the int N for the size_t count at Parents[W] keeps
  /// the value and the type of what uses it: it is converted to an integer
  /// type either way, or meets an unsigned operand in a comparison, a
  /// division or a ?:.  Elsewhere (a subtraction, a variadic argument,
  /// printf's %zu) the count is written (size_t)N.
  bool sizeTKept(size_t W) const {
    const auto *Whole = dyn_cast<Expr>(Parents[W]);
    if (!Whole)
      return false;
    auto Same = [&](const Expr *E) {
      return E && E->IgnoreParenImpCasts() == Whole->IgnoreParenImpCasts();
    };
    auto Unsigned = [](const Expr *E) {
      return E->IgnoreParenImpCasts()->getType()->isUnsignedIntegerType();
    };
    size_t P = W;
    while (P > 0 && (isa<ParenExpr>(Parents[P - 1]) ||
                     isa<ImplicitCastExpr>(Parents[P - 1])))
      --P;
    if (P == 0)
      return false;
    const Stmt *Up = Parents[P - 1];
    if (const auto *Cast = dyn_cast<CStyleCastExpr>(Up))
      return Cast->getType()->isIntegerType();
    if (const auto *Sub = dyn_cast<ArraySubscriptExpr>(Up))
      return Same(Sub->getIdx());
    if (const auto *BO = dyn_cast<BinaryOperator>(Up)) {
      if (BO->isAssignmentOp() || BO->isCompoundAssignmentOp())
        return Same(BO->getRHS()) && BO->getLHS()->getType()->isIntegerType();
      const Expr *Other = Same(BO->getLHS()) ? BO->getRHS() : BO->getLHS();
      if (BO->isComparisonOp() || BO->getOpcode() == BO_Div ||
          BO->getOpcode() == BO_Rem)
        return Unsigned(Other);
      return false;
    }
    if (const auto *CO = dyn_cast<ConditionalOperator>(Up))
      return !Same(CO->getCond()) && CO->getType()->isUnsignedIntegerType();
    if (const auto *DS = dyn_cast<DeclStmt>(Up))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (Same(VD->getInit()))
            return VD->getType()->isIntegerType();
    if (isa<ReturnStmt>(Up))
      return Function && Function->getReturnType()->isIntegerType();
    if (const auto *Call = dyn_cast<CallExpr>(Up))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        for (unsigned I = 0; I < Call->getNumArgs(); ++I)
          if (Same(Call->getArg(I)))
            return I < Callee->getNumParams() &&
                   Callee->getParamDecl(I)->getType()->isIntegerType();
    return false;
  }

  /// sizeof(V_x) / sizeof(V_x[0]) (or / sizeof(*V_x), or / sizeof(T) of
  /// the element type), at Parents[SizeIndex], is the element count:
  /// rewritten whole to N.
  bool countOf(VariableUse &Use, const DeclRefExpr *Ref, size_t SizeIndex) {
    size_t Q = SizeIndex;
    while (Q > 0 && isa<ParenExpr>(Parents[Q - 1]))
      --Q;
    if (Q == 0)
      return false;
    const auto *Div = dyn_cast<BinaryOperator>(Parents[Q - 1]);
    if (!Div || Div->getOpcode() != BO_Div ||
        Div->getLHS()->IgnoreParens() != Parents[SizeIndex])
      return false;
    const auto *Rhs =
        dyn_cast<UnaryExprOrTypeTraitExpr>(Div->getRHS()->IgnoreParens());
    const ArrayType *AT = Ctx.getAsArrayType(Ref->getDecl()->getType());
    if (!Rhs || Rhs->getKind() != UETT_SizeOf || !AT ||
        !Ctx.hasSameUnqualifiedType(Rhs->getTypeOfArgument(),
                                    AT->getElementType()))
      return false;
    CharSourceRange R = fileRange(Div);
    if (R.isInvalid())
      return false;
    Use.Kind = UseKind::Count;
    Use.Rewrite = R;
    Use.Whole = Div;
    return true;
  }

  /// sizeof(V_x) inside a macro body: fine only as nitems(V_x), which is
  /// rewritten whole.
  void nitemsOrMacroBody(VariableUse &Use, const MacroContext &MC) {
    if (MC.Consumer == "nitems") {
      CharSourceRange Call = Lexer::makeFileCharRange(MC.ConsumerRange, SM, LO);
      if (Call.isValid()) {
        Use.Kind = UseKind::Count;
        Use.Rewrite = Call;
        return;
      }
    }
    Use.Kind = UseKind::InMacroBody;
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  const LangOptions &LO;
  const llvm::DenseMap<const VarDecl *, unsigned> &Candidates;
  llvm::DenseSet<SourceLocation> Registrations;
  llvm::DenseSet<const TagDecl *> Tags;
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<unsigned, 1>>
      ReturnsInto;
  std::vector<std::pair<const FunctionDecl *, SourceLocation>> StoredResults;
  const FunctionDecl *Function = nullptr;
  unsigned InTypeof = 0;
  llvm::SmallVector<Stmt *, 32> Parents;
};

} // namespace

UseIndex
collectUses(ASTContext &Ctx,
            const llvm::DenseMap<const VarDecl *, unsigned> &Candidates,
            const MacroRecorder &Macros) {
  UseFinder Finder(Ctx, Candidates, Macros);
  if (!Candidates.empty()) {
    Finder.TraverseDecl(Ctx.getTranslationUnitDecl());
    Finder.finish();
  }
  return std::move(Finder.Index);
}

} // namespace modspace

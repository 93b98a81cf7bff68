//===--- Uses.cpp - how each use of a per-vnet array depends on it --------===//

#include "Uses.h"
#include "References.h"
#include "StmtChildren.h"
#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include <map>

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

/// What the uses of the tables ask of their macro expansions, again and
/// again (the two references one V_x expansion makes share its outer
/// levels, the accessor macros' names are spelled in a few places): each
/// answer is remembered, for one walk.  The SourceManager's answers do
/// not change once the TU is parsed.
class ExpansionMemo {
public:
  ExpansionMemo(const SourceManager &SM, const LangOptions &LO)
      : SM(SM), LO(LO) {}

  /// The name of the macro whose invocation begins at \p Begin.
  llvm::StringRef macroNameAt(SourceLocation Begin) {
    SourceLocation Spelling = SM.getSpellingLoc(Begin);
    auto [It, New] = Names.try_emplace(Spelling.getRawEncoding());
    if (New)
      It->second = modspace::macroNameAt(SM, LO, Spelling);
    return It->second;
  }
  /// Lexer::makeFileCharRange.
  CharSourceRange fileRange(CharSourceRange R) {
    uint64_t Key = uint64_t(R.getBegin().getRawEncoding()) << 32 |
                   R.getEnd().getRawEncoding();
    auto [It, New] = Ranges.try_emplace({Key, unsigned(R.isTokenRange())});
    if (New)
      It->second = Lexer::makeFileCharRange(R, SM, LO);
    return It->second;
  }
  /// What ExpansionTest found, for the expansion body \p Body: location,
  /// and whether asked at a node's end, to whether it comes from Body.
  /// The map stays where it is while other bodies are added.
  llvm::DenseMap<uint64_t, bool> &inside(FileID Body) {
    return Inside[Body.getHashValue()];
  }

  const SourceManager &SM;
  const LangOptions &LO;

private:
  llvm::DenseMap<unsigned, llvm::StringRef> Names;
  llvm::DenseMap<std::pair<uint64_t, unsigned>, CharSourceRange> Ranges;
  std::map<unsigned, llvm::DenseMap<uint64_t, bool>> Inside;
};

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
MacroContext macroContext(ExpansionMemo &Memo, SourceLocation Start) {
  const SourceManager &SM = Memo.SM;
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
        {Memo.macroNameAt(Call.getBegin()), IsArgument, Call, Body});
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
      C.Consumer = Memo.macroNameAt(SM.getExpansionLoc(Start));
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
  CharSourceRange Acc = Memo.fileRange(C.Accessor);
  if (Acc.isInvalid())
    return C;
  unsigned Best = ~0u;
  for (const Level &Lv : Levels) {
    if (isAccessorMacro(Lv.Name) || isAddressMacro(Lv.Name))
      continue;
    CharSourceRange R = Memo.fileRange(Lv.Invocation);
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

/// Whether a location comes from the expansion whose body is \p Body,
/// directly or through macros expanded inside it.  At a node's last token
/// the ends of expansion ranges are followed.  A token substituted for a
/// macro parameter was both produced somewhere (its spelling, say inside
/// VNET() when nitems(V_x) pre-expands its argument) and placed
/// somewhere (the parameter's spot, say VNET()'s own "n"): either counts.
///
/// A use asks about each of some ten enclosing expressions, whose
/// locations climb through the same expansions: every location a climb
/// passes has the climb's answer, so it is remembered.  Each step looks
/// L's entry up once (the SourceManager's isMacroArgExpansion,
/// getImmediateSpellingLoc and getImmediateExpansionRange would each
/// search the entries again).
class ExpansionTest {
public:
  ExpansionTest(ExpansionMemo &Memo, FileID Body)
      : SM(Memo.SM), Body(Body), Known(Memo.inside(Body)) {}

  bool operator()(SourceLocation L, bool AtEnd) {
    llvm::SmallVector<uint64_t, 8> Passed;
    bool Inside = climb(L, AtEnd, Passed);
    for (uint64_t Key : Passed)
      Known[Key] = Inside;
    return Inside;
  }

private:
  bool climb(SourceLocation L, bool AtEnd,
             llvm::SmallVectorImpl<uint64_t> &Passed) {
    while (L.isMacroID()) {
      uint64_t Key = uint64_t(L.getRawEncoding()) << 1 | AtEnd;
      auto It = Known.find(Key);
      if (It != Known.end())
        return It->second;
      Passed.push_back(Key);
      auto [File, Offset] = SM.getDecomposedLoc(L);
      if (File == Body)
        return true;
      const SrcMgr::ExpansionInfo &Expansion =
          SM.getSLocEntry(File).getExpansion();
      if (Expansion.isMacroArgExpansion()) {
        // Its own climb: only its "inside" answer is this one's.
        llvm::SmallVector<uint64_t, 8> Spelled;
        SourceLocation Spelling =
            Expansion.getSpellingLoc().getLocWithOffset(Offset);
        bool Inside = climb(Spelling, AtEnd, Spelled);
        for (uint64_t K : Spelled)
          Known[K] = Inside;
        if (Inside)
          return true;
      }
      L = AtEnd ? Expansion.getExpansionLocEnd()
                : Expansion.getExpansionLocStart();
    }
    return false;
  }

  const SourceManager &SM;
  FileID Body;
  llvm::DenseMap<uint64_t, bool> &Known;
};

/// Whether \p Call's callee runs its function argument before it
/// returns (qsort's comparator): nothing it is given outlives the call.
bool callsBack(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return false;
  return llvm::is_contained({"qsort", "qsort_r", "bsearch", "heapsort",
                             "mergesort"},
                            Callee->getName());
}

/// Whether \p LHS stores into an automatic variable of the function.
bool isLocal(const Expr *LHS) {
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

/// What becomes of the pointer made at Parents[D] (an array's decay,
/// &V_x, a parameter read) in \p Function: kept
/// (indexed, passed, compared), or stored where it can outlive the
/// table (a global, a per-vnet variable, a static), or given to a
/// builtin that measures the object it points into.
UseKind pointerUse(llvm::ArrayRef<Stmt *> Parents, size_t D,
                   const FunctionDecl *Function, bool *Returned = nullptr,
                   const VarDecl **Local = nullptr,
                   const CallExpr **GivenTo = nullptr,
                   unsigned *GivenAs = nullptr) {
  size_t Q = D;
  while (Q > 0) {
    const Stmt *Up = Parents[Q - 1];
    const auto *E = dyn_cast<Expr>(Up);
    bool Pointer = E && E->getType()->isPointerType();
    // Kept as a pointer, or carried as an integer ((uintptr_t)&V_x), or
    // inside an aggregate (a compound literal, an initialiser list).
    const auto *Cast = dyn_cast<CastExpr>(Up);
    if (isa<ParenExpr>(Up) || (Cast && Pointer) ||
        (Cast && Cast->getCastKind() == CK_PointerToIntegral) ||
        isa<InitListExpr>(Up) || isa<CompoundLiteralExpr>(Up) ||
        (Cast && Cast->getCastKind() == CK_LValueToRValue &&
         isa<CompoundLiteralExpr>(Cast->getSubExpr()))) {
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
    // (c, &V_x) and ({ ...; &V_x; }) are the pointer too.
    if (const auto *Comma = dyn_cast<BinaryOperator>(Up))
      if (Comma->isCommaOp() && Comma->getRHS() == Parents[Q]) {
        --Q;
        continue;
      }
    if (const auto *Block = dyn_cast<CompoundStmt>(Up))
      if (Q > 1 && isa<StmtExpr>(Parents[Q - 2]) && !Block->body_empty() &&
          Block->body_back() == Parents[Q]) {
        Q -= 2;
        continue;
      }
    // An lvalue inside the table (V_x[i], p->f, then .g...): back to a
    // pointer when its address is taken or an array member decays.
    const auto *Member = dyn_cast<MemberExpr>(Up);
    if (isa<ArraySubscriptExpr>(Up) || (Member && Member->isArrow())) {
      size_t L = Q - 1;
      while (L > 0) {
        const auto *Outer = dyn_cast<MemberExpr>(Parents[L - 1]);
        if (!isa<ParenExpr>(Parents[L - 1]) && !(Outer && !Outer->isArrow()))
          break;
        --L;
      }
      if (L > 0) {
        const Stmt *Above = Parents[L - 1];
        const auto *Addr = dyn_cast<UnaryOperator>(Above);
        const auto *Decay = dyn_cast<ImplicitCastExpr>(Above);
        if ((Addr && Addr->getOpcode() == UO_AddrOf) ||
            (Decay && Decay->getCastKind() == CK_ArrayToPointerDecay)) {
          Q = L - 1;
          continue;
        }
      }
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
  // Handed over with a function to call later (callout_reset's
  // argument, a hook's): it may be used after the free.  (Not the
  // sorting and searching functions, which call it before returning.)
  if (const auto *Call = dyn_cast<CallExpr>(Up))
    for (const Expr *Arg : Call->arguments()) {
      if (callsBack(Call))
        break;
      const Expr *Bare = Arg->IgnoreParenImpCasts();
      const auto *Ref = dyn_cast<DeclRefExpr>(Bare);
      if (Arg != Parents[Q] &&
          ((Ref && isa<FunctionDecl>(Ref->getDecl())) ||
           Bare->getType()->isFunctionPointerType()))
        return UseKind::Handed;
    }
  if (const auto *BO = dyn_cast<BinaryOperator>(Up))
    if (BO->isAssignmentOp() && BO->getRHS() == Parents[Q]) {
      if (!isLocal(BO->getLHS()))
        return UseKind::Escapes;
      if (Local)
        if (const auto *To = dyn_cast<DeclRefExpr>(
                BO->getLHS()->IgnoreParenImpCasts()))
          *Local = dyn_cast<VarDecl>(To->getDecl());
    }
  if (const auto *DS = dyn_cast<DeclStmt>(Up))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D)) {
        if (!VD->hasLocalStorage())
          return UseKind::Escapes;
        if (Local && VD->getInit() &&
            VD->getInit()->IgnoreParenImpCasts() ==
                cast<Expr>(Parents[Q])->IgnoreParenImpCasts())
          *Local = VD;
      }
  if (!Function)
    return UseKind::Escapes; // in a static initialiser
  if (isa<ReturnStmt>(Up) && Returned)
    *Returned = true;
  if (const auto *Call = dyn_cast<CallExpr>(Up); Call && GivenTo)
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (Call->getArg(I) == Parents[Q]) {
        *GivenTo = Call;
        *GivenAs = I;
      }
  return UseKind::Keeps;
}

/// What a function of the TU does with a pointer it is given in a
/// parameter: keeps it where it outlives the call (stores it into
/// anything but a local, hands it on with a function to call later, or
/// to another function of the TU that keeps it, a few calls deep), or
/// returns it (its callers' use of the result decides).  The callers'
/// pointers into a table escape through it.
class ParameterEscape : public RecursiveASTVisitor<ParameterEscape> {
public:
  enum Fate { Stays, Returned, Kept };

  static Fate of(const FunctionDecl *F, unsigned Param, unsigned Depth = 0) {
    if (Depth > 4)
      return Kept; // too deep to follow: assume it is kept
    if (!F || !F->hasBody() || Param >= F->getNumParams())
      return Stays;
    ParameterEscape Walk(F, Param, Depth);
    Walk.TraverseStmt(F->getBody());
    return Walk.Escapes ? Kept : Walk.IsReturned ? Returned : Stays;
  }

  bool shouldVisitImplicitCode() const { return false; }
  bool dataTraverseStmtPre(Stmt *S) {
    Parents.push_back(S);
    return true;
  }
  bool dataTraverseStmtPost(Stmt *) {
    Parents.pop_back();
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (Ref->getDecl() != Param || Escapes || Parents.size() < 2)
      return true;
    const auto *Read = dyn_cast<ImplicitCastExpr>(Parents[Parents.size() - 2]);
    if (!Read || Read->getCastKind() != CK_LValueToRValue)
      return true; // assigned, or its address taken: not the pointer given
    bool Returned = false;
    const CallExpr *Call = nullptr;
    unsigned Arg = 0;
    UseKind Kind = pointerUse(Parents, Parents.size() - 2, Function,
                              &Returned, nullptr, &Call, &Arg);
    if (Kind == UseKind::Escapes || Kind == UseKind::Handed)
      Escapes = true;
    IsReturned = IsReturned || Returned;
    if (Call && !Escapes)
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        if (const FunctionDecl *Def = Callee->getDefinition())
          Escapes = of(Def, Arg, Depth + 1) == Kept;
    return true;
  }

private:
  ParameterEscape(const FunctionDecl *F, unsigned Param, unsigned Depth)
      : Function(F), Param(F->getParamDecl(Param)), Depth(Depth) {}

  const FunctionDecl *Function;
  const ParmVarDecl *Param;
  unsigned Depth;
  bool Escapes = false, IsReturned = false;
  llvm::SmallVector<Stmt *, 32> Parents;
};

/// The traversal.  The parent stack is kept with RecursiveASTVisitor's
/// data-recursion hooks.
class UseFinder : public RecursiveASTVisitor<UseFinder> {
public:
  UseFinder(ASTContext &Ctx,
            const llvm::DenseMap<const VarDecl *, unsigned> &Candidates,
            const MacroRecorder &Macros)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()),
        Candidates(Candidates) {
    // Every declaration of each, so that a reference is told apart without
    // asking for its canonical declaration (most nodes of a body).
    for (const auto &Entry : Candidates)
      for (const VarDecl *D : Entry.first->redecls()) {
        CandidateDecls.insert(D);
        Watched.add(D);
      }
    for (const MacroInvocation &Call : Macros.invocations())
      if (isRegistration(Call.Role))
        Registrations.insert(SM.getExpansionLoc(Call.NameLoc));
  }

  UseIndex Index;
  /// Whether plain functions take the lean walk (see leanFunction).
  bool Lean = true;
  unsigned LeanFunctions = 0, VisitedFunctions = 0;

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
    if (!Function && FD->doesThisDeclarationHaveABody()) {
      if (Selected && !Selected->test(groupOf(FD)))
        return true;
      Group = groupOf(FD);
      if (Selected && InPart && InPart->test(Group) && Lean &&
          walkInPart(FD)) {
        Partly.insert(FD);
        return true;
      }
      Walked.insert(FD);
    }
    if (Lean && !Function && FD->doesThisDeclarationHaveABody() &&
        leanFunction(FD)) {
      ++LeanFunctions;
      return true;
    }
    if (!Function && FD->doesThisDeclarationHaveABody())
      ++VisitedFunctions;
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
    if (!RecordFacts)
      return true;
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
    if (!Def)
      return true;
    if (Function)
      Index.Calls[Function].push_back(Def);
    // The pointer a call returns, stored where it outlives a free.
    if (Call->getType()->isPointerType() &&
        pointerUse(Parents.size() - 1) == UseKind::Escapes)
      StoredResults.push_back({Def, SM.getFileLoc(Call->getBeginLoc()), Group,
                               unsigned(StoredResults.size())});
    return true;
  }

  /// Uses the traversal could only find once it had seen every function
  /// that names a table: pointers into tables given to functions of the
  /// TU that keep them.  Fills ReturnsInto with the functions that return
  /// such a pointer.
  void finishGiven() {
    llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>,
                   ParameterEscape::Fate>
        Fates;
    for (const GivenPointer &G : Given) {
      auto [It, New] = Fates.try_emplace({G.Callee, G.Arg});
      if (New)
        It->second = ParameterEscape::of(G.Callee, G.Arg);
      if (It->second == ParameterEscape::Kept)
        Index.Uses.push_back({G.Var, UseKind::Escapes, G.Function, nullptr,
                              nullptr, G.Loc, {}, "", ""});
      else if (It->second == ParameterEscape::Returned)
        ReturnsInto[G.Callee].push_back(G.Var); // as if it returned V_x
    }
  }

  /// The functions finishGiven() found returning a pointer into a table.
  llvm::SmallVector<const FunctionDecl *, 4> returningPointers() const {
    llvm::SmallVector<const FunctionDecl *, 4> Out;
    for (const auto &Entry : ReturnsInto)
      Out.push_back(Entry.first);
    return Out;
  }

  /// Then, once the callers of those functions are walked too: a call's
  /// stored result that is a pointer into a table.
  void finishStored() {
    // Walked on demand, later callers come last: back to the TU's order.
    llvm::sort(StoredResults, [](const StoredResult &A, const StoredResult &B) {
      return std::tie(A.Group, A.Seq) < std::tie(B.Group, B.Seq);
    });
    for (const StoredResult &R : StoredResults) {
      auto It = ReturnsInto.find(R.Callee);
      if (It == ReturnsInto.end())
        continue;
      for (unsigned Var : It->second) {
        VariableUse Use{Var, UseKind::Escapes, nullptr, nullptr, nullptr,
                        R.Loc, {}, "", ""};
        Index.Uses.push_back(Use);
      }
    }
  }

  void finish() {
    finishGiven();
    finishStored();
  }

  /// Walks only the function definitions of the groups set in \p Groups
  /// (of \p Refs); every other declaration is traversed as before.  Those
  /// of the groups set in \p Part, which only the tables' names select,
  /// are walked only at the statements that may name one (walkInPart).
  void select(const ReferenceIndex &R, const llvm::BitVector &Groups,
              const llvm::BitVector *Part) {
    Refs = &R;
    Selected = &Groups;
    InPart = Part;
  }

  /// Walks function definition \p FD now, if it was not walked whole: for
  /// one walked in part, what the other statements hold (its uses are
  /// all in those it walked).
  void walk(FunctionDecl *FD) {
    if (Walked.count(FD))
      return;
    const llvm::BitVector *Saved = Selected;
    Selected = nullptr;
    RecordUses = !Partly.erase(FD);
    TraverseDecl(FD);
    RecordUses = true;
    Selected = Saved;
  }

  /// Whether \p FD was walked whole.
  bool walked(const FunctionDecl *FD) const { return Walked.count(FD); }
  unsigned walkedCount() const { return Walked.size() + Partly.size(); }
  unsigned partlyWalkedCount() const { return Partly.size(); }

  /// The group of a function definition (0 when walking every function).
  unsigned groupOf(const FunctionDecl *FD) const {
    unsigned G = 0;
    if (Refs)
      Refs->groupOf(FD, G);
    return G;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *FD = dyn_cast<FunctionDecl>(Ref->getDecl())) {
      if (RecordFacts)
        published(Ref, FD);
      return true;
    }
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (!VD || !RecordUses)
      return true;
    auto It = Candidates.find(VD->getCanonicalDecl());
    if (It != Candidates.end())
      Index.Uses.push_back(classify(Ref, It->second));
    else if (!Holders.empty())
      heldPointer(Ref, VD);
    return true;
  }

  /// A local that holds a pointer into a table ("p = &V_x;"), read
  /// where the pointer escapes ("gp = p;"): that table's pointer escapes.
  void heldPointer(const DeclRefExpr *Ref, const VarDecl *VD) {
    auto Held = Holders.find(VD);
    if (Held == Holders.end() || Parents.size() < 2)
      return;
    const auto *Read = dyn_cast<ImplicitCastExpr>(Parents[Parents.size() - 2]);
    if (!Read || Read->getCastKind() != CK_LValueToRValue)
      return;
    UseKind Kind = pointerUse(Parents.size() - 2);
    if (Kind != UseKind::Escapes && Kind != UseKind::Handed)
      return;
    for (unsigned Var : Held->second) {
      VariableUse Use{Var, Kind, Function, bodyStatement(), nullptr,
                      SM.getFileLoc(Ref->getLocation()), {}, "", ""};
      Index.Uses.push_back(Use);
    }
  }

private:
  /// The visitor costs some 170 instructions a node, most of a large TU's
  /// share of the plugin.  A function made only of the statements, types
  /// and attributes below is walked by hand instead, in the visitor's
  /// order and with the same parent stack, through the same Visit*
  /// handlers; on anything else (a tag or a variable-length array, an
  /// initialiser list, a function pointer type, an attribute that could
  /// hold an expression, a deep expression) the walk gives up, what it
  /// recorded is undone, and the visitor traverses the function.  The
  /// check-walk option runs both and compares (test/lit/diag/walk.test).
  bool leanFunction(FunctionDecl *FD) {
    Records Before = records();
    Function = FD;
    bool Done = leanHead(FD) && leanStmt(FD->getBody(), 0);
    Function = nullptr;
    if (!Done)
      undo(Before, FD);
    return Done;
  }

  /// What the lean walk records, to undo what it recorded of a function
  /// it gives up on.
  struct Records {
    size_t Uses, Published, Stored, Given, Held;
  };
  Records records() const {
    return {Index.Uses.size(), Index.Published.size(), StoredResults.size(),
            Given.size(), HeldLog.size()};
  }
  void undo(const Records &Before, const FunctionDecl *FD) {
    Index.Uses.erase(Index.Uses.begin() + Before.Uses, Index.Uses.end());
    Index.Published.resize(Before.Published);
    StoredResults.resize(Before.Stored);
    Given.resize(Before.Given);
    while (HeldLog.size() > Before.Held) {
      auto Held = Holders.find(HeldLog.back());
      Held->second.pop_back();
      if (Held->second.empty())
        Holders.erase(Held);
      HeldLog.pop_back();
    }
    if (RecordFacts)
      Index.Calls.erase(FD);
    if (RecordUses)
      ReturnsInto.erase(FD);
  }

  /// A function's attributes, return type and parameters, as the visitor
  /// walks them before the body; false at a tag it declares.
  bool leanHead(FunctionDecl *FD) {
    bool Done = leanAttributes(FD);
    TypeSourceInfo *TSI = FD->getTypeSourceInfo();
    auto Proto = TSI ? TSI->getTypeLoc().getAs<FunctionProtoTypeLoc>()
                     : FunctionProtoTypeLoc();
    Done = Done && Proto && leanType(Proto.getReturnLoc());
    for (unsigned I = 0; Done && I < Proto.getNumParams(); ++I)
      Done = Proto.getParam(I) && leanVariable(Proto.getParam(I), 0);
    for (const Decl *D : FD->decls())
      Done = Done && !isa<TagDecl>(D);
    return Done;
  }

  /// A function that only the tables' names select has its uses in a few
  /// statements of hundreds of nodes (a table is named where it is used).
  /// The index knows where each was named (ReferenceIndex::placesIn): the
  /// file lexer's place, past the name or past the invocation of the
  /// macro that made it.  Statements start where their first token's
  /// expansion begins (several may start at one), so the name is in the
  /// statements that start last before its place, or, when the statement
  /// before them reaches where they start (one macro ends it and starts
  /// them), in that one.  Those are walked, lean, for their uses alone,
  /// and, should a statement's start lie past its first token, those that
  /// start next.  Its calls and what it publishes are left for walk(), if
  /// it is reached.  False, with nothing recorded, when the places cannot
  /// be told apart in the body (one before the first statement, braces a
  /// macro writes, an #include in the body), when the lean walk gives up,
  /// or when a pointer into a table is held in a local, whose reads in
  /// the other statements are uses too.
  bool walkInPart(FunctionDecl *FD) {
    auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody());
    if (!Body)
      return false;
    SourceLocation Open = Body->getLBracLoc(), Close = Body->getRBracLoc();
    if (!Open.isFileID() || !Close.isFileID() ||
        SM.getFileID(Open) != SM.getFileID(Close) ||
        !Refs->placesIn(Open, Close, Places))
      return false;
    // The statements' starts in the file (raw file locations of one file
    // compare as offsets), asked only near the places: in order, as the
    // parser read them from one file's lexer and its macros' expansions.
    llvm::ArrayRef<Stmt *> Statements(Body->body_begin(), Body->size());
    Starts.assign(Statements.size(), 0); // no file location is 0
    bool Outside = false;
    auto StartOf = [&](size_t I) {
      if (!Starts[I]) {
        SourceLocation Begin = Statements[I]->getBeginLoc();
        Starts[I] = Begin.isValid()
                        ? SM.getExpansionLoc(Begin).getRawEncoding()
                        : ~0u;
        Outside = Outside || Starts[I] <= Open.getRawEncoding() ||
                  Starts[I] > Close.getRawEncoding();
      }
      return Starts[I];
    };
    Taken.assign(Statements.size(), false);
    for (unsigned Place : Places) {
      // The first statement that starts at or past the place.
      size_t Low = 0, High = Statements.size();
      while (Low < High) {
        size_t Mid = (Low + High) / 2;
        if (StartOf(Mid) < Place)
          Low = Mid + 1;
        else
          High = Mid;
      }
      if (Low == 0)
        return false; // not in a statement: a directive before the first
      // The statements that start last before it...
      size_t First = Low - 1;
      while (First > 0 && StartOf(First - 1) == StartOf(Low - 1))
        --First;
      // ...and those before, when the last of them reaches where these
      // start: a macro's expansion there ends a statement and starts the
      // next, and the name may be in either.
      if (First > 0 && endsAtOrPast(Statements[First - 1], StartOf(First))) {
        unsigned Before = StartOf(First - 1);
        while (First > 0 && StartOf(First - 1) == Before)
          --First;
      }
      // And those that start next, should a statement's start lie past
      // its first token.
      size_t Last = Low;
      if (Last < Statements.size()) {
        unsigned Next = StartOf(Last);
        while (Last < Statements.size() && StartOf(Last) == Next)
          ++Last;
      }
      for (size_t I = First; I < Last; ++I)
        Taken[I] = true;
    }
    if (Outside)
      return false;
    Records Before = records();
    Function = FD;
    RecordFacts = false;
    bool Done = leanHead(FD);
    Parents.push_back(Body);
    for (size_t I = 0; Done && I < Taken.size(); ++I)
      if (Taken[I])
        Done = leanStmt(Statements[I], 1);
    Parents.pop_back();
    Function = nullptr;
    Done = Done && HeldLog.size() == Before.Held;
    if (!Done)
      undo(Before, FD);
    RecordFacts = true;
    return Done;
  }

  /// Whether statement \p S's last token is in the file at or past \p
  /// Start (a raw file location), or in an expansion begun there.
  bool endsAtOrPast(const Stmt *S, unsigned Start) const {
    SourceLocation End = S->getEndLoc();
    return End.isInvalid() ||
           SM.getExpansionLoc(End).getRawEncoding() >= Start;
  }

  /// Attributes that hold no expression.
  static bool leanAttributes(const Decl *D) {
    for (const Attr *A : D->attrs())
      switch (A->getKind()) {
      case attr::Unused:
      case attr::Used:
      case attr::NoInline:
      case attr::AlwaysInline:
      case attr::Cold:
      case attr::Hot:
      case attr::Const:
      case attr::Pure:
      case attr::NoThrow:
      case attr::WarnUnusedResult:
      case attr::Weak:
      case attr::Section:
      case attr::NonNull:
      case attr::Format:
      case attr::ReturnsNonNull:
      case attr::Restrict:
      case attr::C11NoReturn:
      case attr::NoReturn:
      case attr::Builtin:
        break;
      default:
        return false;
      }
    return true;
  }

  /// A variable's attributes, type and initialiser, as TraverseVarDecl.
  bool leanVariable(VarDecl *VD, unsigned Depth) {
    if (!leanAttributes(VD) || !VD->getTypeSourceInfo() ||
        !leanType(VD->getTypeSourceInfo()->getTypeLoc()))
      return false;
    if (isa<ParmVarDecl>(VD))
      return !VD->getInit(); // a default argument: not C
    return leanStmt(VD->getInit(), Depth + 1);
  }

  /// The expressions a spelled type holds, in the visitor's order.
  bool leanType(TypeLoc TL) {
    while (true) {
      TL = TL.getUnqualifiedLoc();
      switch (TL.getTypeLocClass()) {
      case TypeLoc::Builtin:
      case TypeLoc::Typedef:
      case TypeLoc::Record:
      case TypeLoc::Enum:
        return true;
      case TypeLoc::Pointer:
        TL = TL.castAs<PointerTypeLoc>().getPointeeLoc();
        continue;
      case TypeLoc::Paren:
        TL = TL.castAs<ParenTypeLoc>().getInnerLoc();
        continue;
      case TypeLoc::Elaborated: {
        auto E = TL.castAs<ElaboratedTypeLoc>();
        if (E.getTypePtr()->getOwnedTagDecl() || E.getQualifierLoc())
          return false;
        TL = E.getNamedTypeLoc();
        continue;
      }
      case TypeLoc::ConstantArray:
      case TypeLoc::IncompleteArray: {
        auto A = TL.castAs<ArrayTypeLoc>();
        return leanType(A.getElementLoc()) && leanStmt(A.getSizeExpr(), 0);
      }
      case TypeLoc::TypeOfExpr:
        return leanTypeof(TL.castAs<TypeOfExprTypeLoc>());
      default:
        return false;
      }
    }
  }

  /// As TraverseTypeOfExprTypeLoc above.
  bool leanTypeof(TypeOfExprTypeLoc TL) {
    Expr *E = TL.getUnderlyingExpr();
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParens());
    if (Ref && Ref->getDecl()->getName().starts_with("vnet_entry_"))
      return true;
    ++InTypeof;
    bool Done = leanStmt(E, 0);
    --InTypeof;
    return Done;
  }

  /// One statement and what it holds.  The classes that make up most of a
  /// body are handled here, in a small frame; the rest in leanOther.
  /// A leaf is told apart here, at the caller: a call of leanNode costs
  /// the registers it saves (a quarter of the nodes are leaves).
  LLVM_ATTRIBUTE_ALWAYS_INLINE bool leanStmt(Stmt *S, unsigned Depth) {
    if (!S || leanLeaf(S))
      return true;
    // A conversion or parentheses around such a node: neither.
    if ((isa<ImplicitCastExpr>(S) &&
         leanLeaf(cast<ImplicitCastExpr>(S)->getSubExpr())) ||
        (isa<ParenExpr>(S) && leanLeaf(cast<ParenExpr>(S)->getSubExpr())))
      return true;
    return leanNode(S, Depth);
  }

  LLVM_ATTRIBUTE_NOINLINE bool leanNode(Stmt *S, unsigned Depth) {
    if (Depth > 200)
      return false; // the visitor's own queue has no such limit
    Parents.push_back(S);
    bool Done;
    switch (S->getStmtClass()) {
    case Stmt::ImplicitCastExprClass:
      Done = leanStmt(cast<ImplicitCastExpr>(S)->getSubExpr(), Depth + 1);
      break;
    case Stmt::ParenExprClass:
      Done = leanStmt(cast<ParenExpr>(S)->getSubExpr(), Depth + 1);
      break;
    case Stmt::UnaryOperatorClass:
      Done = leanStmt(cast<UnaryOperator>(S)->getSubExpr(), Depth + 1);
      break;
    case Stmt::MemberExprClass:
      Done = leanStmt(cast<MemberExpr>(S)->getBase(), Depth + 1);
      break;
    case Stmt::BinaryOperatorClass:
    case Stmt::CompoundAssignOperatorClass:
      Done = leanStmt(cast<BinaryOperator>(S)->getLHS(), Depth + 1) &&
             leanStmt(cast<BinaryOperator>(S)->getRHS(), Depth + 1);
      break;
    case Stmt::CompoundStmtClass:
      Done = true;
      for (Stmt *Child : cast<CompoundStmt>(S)->body())
        if (!(Done = leanStmt(Child, Depth + 1)))
          break;
      break;
    default:
      Done = leanOther(S, Depth);
      break;
    }
    Parents.pop_back();
    return Done;
  }

  /// A node no handler looks at: a literal, or a variable that is no
  /// candidate.  Most nodes of a body.
  LLVM_ATTRIBUTE_ALWAYS_INLINE bool leanLeaf(const Stmt *S) const {
    switch (S->getStmtClass()) {
    case Stmt::IntegerLiteralClass:
    case Stmt::CharacterLiteralClass:
    case Stmt::StringLiteralClass:
    case Stmt::FloatingLiteralClass:
    case Stmt::PredefinedExprClass: // __func__: its name, a literal
      return true;
    case Stmt::DeclRefExprClass:
      // (A candidate is never a local, a holder always is.)
      if (const auto *VD =
              dyn_cast<VarDecl>(cast<DeclRefExpr>(S)->getDecl()))
        return !Watched.mayHold(VD) ||
               (!CandidateDecls.count(VD) &&
                (Holders.empty() || !Holders.count(VD))); // see heldPointer
      return false;
    default:
      return false;
    }
  }

  LLVM_ATTRIBUTE_NOINLINE bool leanOther(Stmt *S, unsigned Depth) {
    switch (S->getStmtClass()) {
    case Stmt::DeclRefExprClass:
      VisitDeclRefExpr(cast<DeclRefExpr>(S));
      return true;
    case Stmt::CallExprClass:
      VisitCallExpr(cast<CallExpr>(S));
      break;
    case Stmt::CStyleCastExprClass:
      if (!leanType(
              cast<CStyleCastExpr>(S)->getTypeInfoAsWritten()->getTypeLoc()))
        return false;
      break;
    case Stmt::UnaryExprOrTypeTraitExprClass: {
      auto *U = cast<UnaryExprOrTypeTraitExpr>(S);
      if (U->isArgumentType() &&
          !leanType(U->getArgumentTypeInfo()->getTypeLoc()))
        return false;
      break;
    }
    case Stmt::DeclStmtClass:
      // The visitor walks the declarations, not the children.
      for (Decl *D : cast<DeclStmt>(S)->decls()) {
        auto *VD = dyn_cast<VarDecl>(D);
        if (!VD || !leanVariable(VD, Depth))
          return false;
      }
      return true;
    case Stmt::IfStmtClass:
      if (cast<IfStmt>(S)->getInit() ||
          cast<IfStmt>(S)->getConditionVariable())
        return false;
      break;
    case Stmt::WhileStmtClass:
      if (cast<WhileStmt>(S)->getConditionVariable())
        return false;
      break;
    case Stmt::ForStmtClass:
      if (cast<ForStmt>(S)->getConditionVariable())
        return false;
      break;
    case Stmt::SwitchStmtClass:
      if (cast<SwitchStmt>(S)->getInit() ||
          cast<SwitchStmt>(S)->getConditionVariable())
        return false;
      break;
    case Stmt::NullStmtClass:
    case Stmt::BreakStmtClass:
    case Stmt::ContinueStmtClass:
    case Stmt::ReturnStmtClass:
    case Stmt::GotoStmtClass:
    case Stmt::IndirectGotoStmtClass:
    case Stmt::LabelStmtClass:
    case Stmt::DoStmtClass:
    case Stmt::CaseStmtClass:
    case Stmt::DefaultStmtClass:
    case Stmt::ConstantExprClass:
    case Stmt::ConditionalOperatorClass:
    case Stmt::ArraySubscriptExprClass:
    case Stmt::StmtExprClass:
      break;
    default:
      return false;
    }
    bool Done = true;
    forEachChild(S, [&](Stmt *Child) {
      Done = Done && leanStmt(Child, Depth + 1);
    });
    return Done;
  }

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
    MacroContext MC = macroContext(Memo, Ref->getLocation());
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
    bool Object = Ref->getDecl()->getType()->isRecordType();
    size_t E = Parents.size();
    ExpansionTest InAccessor(Memo, MC.AccessorBody);
    for (size_t I = Parents.size(); I-- > 0;) {
      const auto *Ex = dyn_cast<Expr>(Parents[I]);
      if (!Ex || !InAccessor(Ex->getBeginLoc(), false) ||
          !InAccessor(Ex->getEndLoc(), true))
        break;
      // (An implicit cast has its operand's range: a structure's
      // lvalue-to-rvalue conversion is the use's, not the accessor's.)
      if (Object ? !isa<ImplicitCastExpr>(Ex) && Ex->getType()->isRecordType()
                 : Ex->getType()->isArrayType())
        E = I;
    }
    if (E == Parents.size())
      return Use;
    // Its parent, past parentheses the user wrote around it.
    size_t P = E;
    while (P > 0 && isa<ParenExpr>(Parents[P - 1]))
      --P;
    // The accessor as written: the innermost of these with a file range.
    CharSourceRange Accessor;
    for (size_t J = E + 1; J-- > P;) {
      CharSourceRange R = Memo.fileRange(
          CharSourceRange::getTokenRange(Parents[J]->getSourceRange()));
      if (R.isValid()) {
        Use.AccessorText = text(R);
        Use.Loc = R.getBegin();
        Accessor = R;
        break;
      }
    }
    if (InTypeof > 0)
      return Use; // Unknown: the type of an expression naming the array
    if (Object) {
      classifyObject(Use, P, Accessor);
      return Use;
    }
    const Stmt *Parent = P > 0 ? Parents[P - 1] : nullptr;

    if (const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(Parent)) {
      if (Cast->getCastKind() == CK_ArrayToPointerDecay) {
        PointerFate Fate;
        Use.Kind = followPointer(P - 1, Var, Fate);
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

  /// A use of a structure (or union) whose accessor expression, past the
  /// parentheses written around it, is Parents[P], written as \p Accessor:
  /// what it becomes once the variable is a pointer to the object.  Where
  /// the natural rewrite ('->', sizeof(*V_x), V_x for &V_x) would fall in
  /// a macro's body, the accessor, written at the use, becomes "(*V_x)",
  /// which is the object whatever surrounds it.
  void classifyObject(VariableUse &Use, size_t P, CharSourceRange Accessor) {
    const Stmt *Parent = P > 0 ? Parents[P - 1] : nullptr;
    const Stmt *Child = Parents[P];
    if (Use.AccessorText.empty()) {
      // Written in a macro's body ("#define TAGS_F V_tags.f"), which every
      // expansion shares.
      Use.Kind = UseKind::InMacroBody;
      if (Use.Context.empty())
        Use.Context =
            macroNameAt(SM, LO, SM.getExpansionLoc(Child->getBeginLoc()))
                .str();
      return;
    }
    if (!Parent)
      return; // Unknown: a statement of its own
    auto Dereference = [&] {
      Use.Kind = UseKind::Object;
      Use.Rewrite = Accessor;
      Use.Whole = cast<Expr>(Child);
    };
    if (const auto *Member = dyn_cast<MemberExpr>(Parent)) {
      if (Member->isArrow())
        return;
      Use.Kind = memberUse(P - 1, Use.Var);
      if (Use.Kind != UseKind::Member)
        return;
      // V_x.f: the '.' becomes '->', where the user wrote it.
      SourceLocation Dot = Member->getOperatorLoc();
      if (SM.getSpellingLoc(Dot) != SM.getFileLoc(Dot))
        return Dereference();
      Use.Rewrite = Lexer::makeFileCharRange(
          CharSourceRange::getTokenRange(Dot, Dot), SM, LO);
      Use.Whole = Member;
      if (Use.Rewrite.isInvalid())
        Dereference();
      return;
    }
    if (const auto *Size = dyn_cast<UnaryExprOrTypeTraitExpr>(Parent)) {
      if (Size->getKind() != UETT_SizeOf)
        return;
      Use.Rewrite = fileRange(Size);
      Use.Whole = Size;
      Use.Kind = UseKind::SizeofObject;
      if (Use.Rewrite.isInvalid())
        Dereference();
      return;
    }
    if (const auto *Address = dyn_cast<UnaryOperator>(Parent)) {
      if (Address->getOpcode() != UO_AddrOf)
        return;
      PointerFate Fate;
      Use.Kind = followPointer(P - 1, Use.Var, Fate);
      if (Use.Kind != UseKind::Keeps)
        return;
      Use.Rewrite = fileRange(Address);
      Use.Whole = Address;
      Use.Kind = UseKind::AddressOfObject;
      if (Use.Rewrite.isInvalid())
        Dereference();
      return;
    }
    // The object itself: read (passed, returned, copied) or assigned.
    // Nothing but '.' applies a postfix operator to a structure, so "*V_x"
    // needs no parentheses there.
    bool Value = false;
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Parent))
      Value = Cast->getCastKind() == CK_LValueToRValue;
    else if (const auto *BO = dyn_cast<BinaryOperator>(Parent))
      Value = BO->getOpcode() == BO_Assign && BO->getLHS() == Child;
    if (!Value)
      return;
    Dereference();
    // In a macro's argument, the same text may also be an operand of
    // sizeof or '.' in the body: one spelling, "(*V_x)", for all of them.
    Use.NeedsParens = viaMacroArgument(Child->getBeginLoc());
  }

  /// Whether \p L was written in an argument of a macro.
  bool viaMacroArgument(SourceLocation L) const {
    for (; L.isMacroID(); L = SM.getImmediateExpansionRange(L).getBegin())
      if (SM.isMacroArgExpansion(L))
        return true;
    return false;
  }

  /// What the member access at Parents[M] needs: the '.' rewritten, unless
  /// the address of the member (or of an element of it, or the array
  /// member decayed) is stored where it can outlive the object.
  UseKind memberUse(size_t M, unsigned Var) {
    size_t Q = M;
    while (Q > 0) {
      const Stmt *Up = Parents[Q - 1];
      if (isa<ParenExpr>(Up)) {
        --Q;
        continue;
      }
      if (const auto *Outer = dyn_cast<MemberExpr>(Up))
        if (!Outer->isArrow()) {
          --Q;
          continue;
        }
      break;
    }
    if (Q == 0)
      return UseKind::Member;
    const Stmt *Up = Parents[Q - 1];
    bool Pointer = false;
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Up))
      Pointer = Cast->getCastKind() == CK_ArrayToPointerDecay;
    else if (const auto *Address = dyn_cast<UnaryOperator>(Up))
      Pointer = Address->getOpcode() == UO_AddrOf;
    if (!Pointer)
      return UseKind::Member;
    PointerFate Fate;
    UseKind Kind = followPointer(Q - 1, Var, Fate);
    return Kind != UseKind::Keeps ? Kind : UseKind::Member;
  }

  UseKind pointerUse(size_t D, bool *Returned = nullptr,
                     const VarDecl **Local = nullptr,
                     const CallExpr **GivenTo = nullptr,
                     unsigned *GivenAs = nullptr) const {
    return modspace::pointerUse(Parents, D, Function, Returned, Local,
                                GivenTo, GivenAs);
  }

  /// Where a kept pointer went, besides being used in place.
  struct PointerFate {
    bool Returned = false;           ///< the function returns it
    const VarDecl *Local = nullptr;  ///< stored in this local pointer
    const CallExpr *Call = nullptr;  ///< given to this call...
    unsigned Arg = 0;                ///< ...as this argument
  };

  /// A pointer into table Var given to a function of the TU, whose body
  /// finish() reads (it may be defined later in the TU).
  struct GivenPointer {
    const FunctionDecl *Callee;
    unsigned Arg;
    unsigned Var;
    const FunctionDecl *Function;
    SourceLocation Loc;
  };

  /// pointerUse() for a pointer into table \p Var, with what follows
  /// from it: a function returning it (its callers may store it, other
  /// TUs' too when it is not static), a local holding it (whose own uses
  /// may store it: followed one level, in VisitDeclRefExpr).
  UseKind followPointer(size_t D, unsigned Var, PointerFate &Fate) {
    UseKind Kind = pointerUse(D, &Fate.Returned, &Fate.Local, &Fate.Call,
                              &Fate.Arg);
    if (Kind != UseKind::Keeps)
      return Kind;
    if (Fate.Returned && Function) {
      if (Function->isExternallyVisible())
        return UseKind::Escapes;
      ReturnsInto[Function].push_back(Var);
    }
    if (Fate.Local) {
      Holders[Fate.Local].push_back(Var);
      HeldLog.push_back(Fate.Local);
      Watched.add(Fate.Local);
    }
    if (Fate.Call)
      if (const FunctionDecl *Callee = Fate.Call->getDirectCallee())
        if (const FunctionDecl *Def = Callee->getDefinition())
          Given.push_back({Def, Fate.Arg, Var, Function,
                           SM.getFileLoc(Fate.Call->getArg(Fate.Arg)
                                             ->getExprLoc())});
    return Kind;
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
  ExpansionMemo Memo{SM, LO};
  const llvm::DenseMap<const VarDecl *, unsigned> &Candidates;
  PointerSet<VarDecl> CandidateDecls;
  /// The candidates' declarations and the holders, as a filter: most
  /// variables a body names are neither, and are told so without a probe
  /// of either table.
  class VariableFilter {
  public:
    void add(const VarDecl *VD) { Bits[bit(VD) / 64] |= mask(VD); }
    bool mayHold(const VarDecl *VD) const {
      return Bits[bit(VD) / 64] & mask(VD);
    }

  private:
    static unsigned bit(const VarDecl *VD) {
      return unsigned(spreadPointer(VD, 9));
    }
    static uint64_t mask(const VarDecl *VD) {
      return uint64_t(1) << (bit(VD) % 64);
    }
    uint64_t Bits[8] = {};
  } Watched;
  llvm::DenseSet<SourceLocation> Registrations;
  llvm::DenseSet<const TagDecl *> Tags;
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<unsigned, 1>>
      ReturnsInto;
  std::vector<GivenPointer> Given;
  /// Locals that hold a pointer into a table, and which tables.
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<unsigned, 1>> Holders;
  /// Each local added to Holders, in order (for undo).
  std::vector<const VarDecl *> HeldLog;
  struct StoredResult {
    const FunctionDecl *Callee;
    SourceLocation Loc;
    unsigned Group; ///< of the top-level declaration: the TU's order
    unsigned Seq;   ///< and the order found
  };
  std::vector<StoredResult> StoredResults;
  /// Walking on demand: the index, the groups whose functions are walked,
  /// the functions walked so far, and the group of the one being walked.
  const ReferenceIndex *Refs = nullptr;
  const llvm::BitVector *Selected = nullptr;
  llvm::DenseSet<const FunctionDecl *> Walked;
  /// Walked in part: the groups whose functions may be, those that were,
  /// and the walk's places and statement starts (kept for their storage).
  const llvm::BitVector *InPart = nullptr;
  llvm::DenseSet<const FunctionDecl *> Partly;
  llvm::SmallVector<unsigned, 16> Places, Starts;
  std::vector<bool> Taken;
  /// Off while walking in part (calls, published functions), and while
  /// walking the rest of a function walked in part (uses).
  bool RecordFacts = true, RecordUses = true;
  unsigned Group = 0;
  const FunctionDecl *Function = nullptr;
  unsigned InTypeof = 0;
  llvm::SmallVector<Stmt *, 32> Parents;
};

/// Where two lists of uses first differ, or an invalid location.
SourceLocation usesDiffer(const UseIndex &A, const UseIndex &B,
                          SourceLocation Whole) {
  for (size_t I = 0; I < std::min(A.Uses.size(), B.Uses.size()); ++I) {
    const VariableUse &U = A.Uses[I], &V = B.Uses[I];
    if (U.Var != V.Var || U.Kind != V.Kind || U.Function != V.Function ||
        U.BodyStmt != V.BodyStmt || U.Whole != V.Whole || U.Loc != V.Loc ||
        U.Rewrite.getAsRange() != V.Rewrite.getAsRange() ||
        U.Rewrite.isTokenRange() != V.Rewrite.isTokenRange() ||
        U.AccessorText != V.AccessorText ||
        U.Context != V.Context || U.NeedsParens != V.NeedsParens ||
        U.NeedsCast != V.NeedsCast)
      return U.Loc.isValid() ? U.Loc : Whole;
  }
  for (size_t I = 0; I < std::min(A.Published.size(), B.Published.size());
       ++I) {
    const PublishedFunction &P = A.Published[I], &Q = B.Published[I];
    if (P.Function != Q.Function || P.Publisher != Q.Publisher ||
        P.Loc != Q.Loc)
      return P.Loc;
  }
  if (A.Uses.size() != B.Uses.size() ||
      A.Published.size() != B.Published.size())
    return Whole;
  return SourceLocation();
}

/// Where the calls \p A records for a function differ from \p B's.
SourceLocation callsDiffer(const UseIndex &A, const UseIndex &B) {
  for (const auto &[Caller, Callees] : A.Calls) {
    auto It = B.Calls.find(Caller);
    if (It == B.Calls.end() ||
        llvm::ArrayRef(It->second) != llvm::ArrayRef(Callees))
      return Caller->getLocation();
  }
  return SourceLocation();
}

/// Where two indexes first differ, or an invalid location.
SourceLocation firstDifference(const UseIndex &A, const UseIndex &B,
                               SourceLocation Whole) {
  SourceLocation Where = usesDiffer(A, B, Whole);
  if (Where.isValid())
    return Where;
  if (A.Calls.size() != B.Calls.size())
    return Whole;
  return callsDiffer(A, B);
}

/// The definitions of the functions the TU's (VNET_)SYSINIT and
/// SYSUNINIT invocations register, as Lifecycle finds them.
llvm::SmallVector<FunctionDecl *, 8>
registeredFunctions(ASTContext &Ctx, const MacroRecorder &Macros) {
  llvm::SmallVector<FunctionDecl *, 8> Out;
  for (const MacroInvocation &Call : Macros.invocations()) {
    if (!isRegistration(Call.Role) || Call.Args.size() < 4)
      continue;
    llvm::StringRef Name = llvm::StringRef(Call.Args[3].text()).trim();
    auto Ident = Ctx.Idents.find(Name);
    if (Ident == Ctx.Idents.end())
      continue;
    for (NamedDecl *D : Ctx.getTranslationUnitDecl()->lookup(Ident->second))
      if (auto *FD = dyn_cast<FunctionDecl>(D))
        if (FunctionDecl *Def = FD->getDefinition())
          Out.push_back(Def);
  }
  return Out;
}

/// The index, if it can stand for a walk of every function: it was
/// recorded whole, and saw every function definition of the TU.  Else
/// null, and \p Why says why.
const ReferenceIndex *usableIndex(const MacroRecorder &Macros,
                                  ASTContext &Ctx, const char *&Why) {
  const ReferenceIndex *Refs = Macros.references();
  Why = !Refs ? "this front end records none" : Refs->unusableFor(Ctx);
  return Why ? nullptr : Refs;
}

/// Visits each function the registered functions and the published ones
/// (of \p Index) reach through the calls \p Index records, once; \p Visit
/// may add calls (it walks the function) and returns false to stop.
template <typename Fn>
void forEachReached(llvm::ArrayRef<FunctionDecl *> Registered,
                    const UseIndex &Index, Fn Visit) {
  std::vector<const FunctionDecl *> Work(Registered.begin(), Registered.end());
  for (const PublishedFunction &P : Index.Published)
    Work.push_back(P.Function);
  llvm::DenseSet<const FunctionDecl *> Reached;
  while (!Work.empty()) {
    const FunctionDecl *F = Work.back();
    Work.pop_back();
    if (!Reached.insert(F).second)
      continue;
    if (!Visit(F))
      return;
    auto Calls = Index.Calls.find(F);
    if (Calls != Index.Calls.end())
      Work.insert(Work.end(), Calls->second.begin(), Calls->second.end());
  }
}

/// Walks the functions whose facts the plan can need, not every function:
/// those that may name a candidate; those that may take a function's
/// address (so Published is whole); the registered functions and every
/// function that may name one (who else calls it); the callers of a
/// function that returns a pointer into a table (they may store it); and
/// every function the registered and published ones can reach (what
/// they touch, through calls).
void walkOnDemand(UseFinder &Finder, const ReferenceIndex &Refs,
                  ASTContext &Ctx, const MacroRecorder &Macros,
                  const llvm::DenseMap<const VarDecl *, unsigned> &Candidates,
                  llvm::ArrayRef<FunctionDecl *> Registered) {
  // Walked whole: where a function's address may be taken, the
  // registered functions and where they are named.
  llvm::BitVector Whole = Refs.addressGroups();
  auto Naming = [&](const NamedDecl *D, llvm::BitVector &Into) {
    for (unsigned G : Refs.groupsNaming(D->getIdentifier()))
      Into.set(G);
  };
  unsigned Own;
  for (const FunctionDecl *R : Registered) {
    Naming(R, Whole);
    if (Refs.groupOf(R, Own))
      Whole.set(Own);
  }
  // Where a table may be named, in part when the index knows where.
  llvm::BitVector Groups = Whole;
  bool Placed = true;
  for (const auto &Entry : Candidates) {
    Naming(Entry.first, Groups);
    Placed = Placed && Refs.places(Entry.first);
  }
  llvm::BitVector Part = Groups;
  Part.reset(Whole);
  TranslationUnitDecl *TU = Ctx.getTranslationUnitDecl();
  Finder.select(Refs, Groups, Placed ? &Part : nullptr);
  Finder.TraverseDecl(TU);
  Finder.finishGiven();
  llvm::SmallVector<const FunctionDecl *, 4> Returning =
      Finder.returningPointers();
  if (!Returning.empty()) {
    llvm::BitVector Callers(Groups.size());
    for (const FunctionDecl *F : Returning)
      Naming(F, Callers);
    for (Decl *D : TU->decls())
      if (auto *FD = dyn_cast<FunctionDecl>(D))
        if (FD->doesThisDeclarationHaveABody() &&
            Callers.test(Finder.groupOf(FD)))
          Finder.walk(FD);
  }
  Finder.finishStored();
  forEachReached(Registered, Finder.Index, [&](const FunctionDecl *F) {
    Finder.walk(const_cast<FunctionDecl *>(F));
    return true;
  });
}

/// Where the walk on demand (\p Demand, by \p Walked) misses what a walk
/// of every function (\p Full) finds: other uses or published functions;
/// other calls for a function it walked; a function the registered and
/// published ones reach, or a caller of a registered one, it did not walk.
SourceLocation
demandDifference(const UseIndex &Demand, const UseFinder &Walked,
                 const UseIndex &Full, llvm::ArrayRef<FunctionDecl *> Registered,
                 SourceLocation Whole) {
  SourceLocation Where = usesDiffer(Demand, Full, Whole);
  if (Where.isInvalid())
    Where = callsDiffer(Demand, Full);
  if (Where.isValid())
    return Where;
  llvm::DenseSet<const FunctionDecl *> IsRegistered(Registered.begin(),
                                                    Registered.end());
  for (const auto &[Caller, Callees] : Full.Calls)
    if (!Walked.walked(Caller) && llvm::any_of(Callees, [&](auto *Callee) {
          return IsRegistered.count(Callee);
        }))
      return Caller->getLocation();
  SourceLocation Missed;
  forEachReached(Registered, Full, [&](const FunctionDecl *F) {
    if (!Walked.walked(F))
      Missed = F->getLocation();
    return Missed.isInvalid();
  });
  return Missed;
}

} // namespace

UseIndex
collectUses(ASTContext &Ctx,
            const llvm::DenseMap<const VarDecl *, unsigned> &Candidates,
            const MacroRecorder &Macros, bool CheckWalk) {
  UseFinder Finder(Ctx, Candidates, Macros);
  if (Candidates.empty())
    return std::move(Finder.Index);
  TranslationUnitDecl *TU = Ctx.getTranslationUnitDecl();
  const char *Unused = nullptr;
  const ReferenceIndex *Refs = usableIndex(Macros, Ctx, Unused);
  llvm::SmallVector<FunctionDecl *, 8> Registered;
  if (Refs) {
    Registered = registeredFunctions(Ctx, Macros);
    walkOnDemand(Finder, *Refs, Ctx, Macros, Candidates, Registered);
  } else {
    Finder.TraverseDecl(TU);
    Finder.finish();
  }
  if (!CheckWalk)
    return std::move(Finder.Index);

  // The lean walk of every function against the visitor's, and the walk
  // on demand against the visitor's.
  UseFinder Every(Ctx, Candidates, Macros);
  if (Refs) {
    Every.TraverseDecl(TU);
    Every.finish();
  }
  const UseFinder &Lean = Refs ? Every : Finder;
  UseFinder Full(Ctx, Candidates, Macros);
  Full.Lean = false;
  Full.TraverseDecl(TU);
  Full.finish();
  SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Start = SM.getLocForStartOfFile(SM.getMainFileID());
  DiagnosticsEngine &DE = Ctx.getDiagnostics();
  SourceLocation Where = firstDifference(Lean.Index, Full.Index, Start);
  if (Where.isValid())
    DE.Report(Where, DE.getCustomDiagID(
                         DiagnosticsEngine::Error,
                         "check-walk: the lean walk and the visitor find "
                         "different uses here [modspace]"));
  else
    DE.Report(Start,
              DE.getCustomDiagID(DiagnosticsEngine::Remark,
                                 "check-walk: %0 functions walked lean, %1 "
                                 "by the visitor; the same %2 uses, calls "
                                 "and published functions [modspace]"))
        << Lean.LeanFunctions << Lean.VisitedFunctions
        << unsigned(Lean.Index.Uses.size());
  if (!Refs) {
    DE.Report(Start, DE.getCustomDiagID(
                         DiagnosticsEngine::Remark,
                         "check-walk: every function walked: the reference "
                         "index is not used (%0) [modspace]"))
        << Unused;
    return std::move(Finder.Index);
  }
  Where = demandDifference(Finder.Index, Finder, Full.Index, Registered, Start);
  if (Where.isValid())
    DE.Report(Where, DE.getCustomDiagID(
                         DiagnosticsEngine::Error,
                         "check-walk: the walk on demand misses what a walk "
                         "of every function finds here [modspace]"));
  else
    DE.Report(Start, DE.getCustomDiagID(
                         DiagnosticsEngine::Remark,
                         "check-walk: %0 of %1 functions walked on demand; "
                         "the same uses and published functions, and the "
                         "calls of all they reach; %2 walked only at the "
                         "statements that may name a table [modspace]"))
        << Finder.walkedCount() << Every.walkedCount()
        << Finder.partlyWalkedCount();
  return std::move(Finder.Index);
}

} // namespace modspace

//===--- Uses.cpp - how each use of a per-vnet array depends on it --------===//

#include "Uses.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

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
    Levels.push_back({macroNameAt(SM, LO, Call.getBegin()), IsArgument, Call});
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
  C.Accessor = Levels[Outer].Invocation;
  for (size_t I = Outer + 1; I < Levels.size() && !Levels[I].IsArgument; ++I)
    C.Accessor = Levels[I].Invocation; // #define V_x VNET(x)

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

/// The traversal.  The parent stack is kept with RecursiveASTVisitor's
/// data-recursion hooks.
class UseFinder : public RecursiveASTVisitor<UseFinder> {
public:
  UseFinder(ASTContext &Ctx,
            const llvm::DenseMap<const VarDecl *, unsigned> &Candidates)
      : SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()),
        Candidates(Candidates) {}

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
    Function = Saved;
    return Result;
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
    if (!Function)
      return true;
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      if (const FunctionDecl *Def = Callee->getDefinition())
        Index.Calls[Function].push_back(Def);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (!VD)
      return true;
    auto It = Candidates.find(VD->getCanonicalDecl());
    if (It != Candidates.end())
      Index.Uses.push_back(classify(Ref, It->second));
    return true;
  }

private:
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

  /// Whether \p S lies within the accessor's file range \p Acc.
  bool within(const Stmt *S, CharSourceRange Acc) const {
    SourceLocation B = SM.getFileLoc(S->getBeginLoc());
    SourceLocation E = SM.getFileLoc(S->getEndLoc());
    return !SM.isBeforeInTranslationUnit(B, Acc.getBegin()) &&
           SM.isBeforeInTranslationUnit(E, Acc.getEnd());
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

  VariableUse classify(const DeclRefExpr *Ref, unsigned Var) {
    VariableUse Use{Var,
                    UseKind::Unknown,
                    Function,
                    bodyStatement(),
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
    CharSourceRange Acc = Lexer::makeFileCharRange(MC.Accessor, SM, LO);
    if (Acc.isInvalid()) {
      Use.Kind = UseKind::InMacroBody;
      return Use;
    }
    Use.Loc = Acc.getBegin();
    Use.AccessorText = text(Acc);
    if (InTypeof > 0)
      return Use; // Unknown: the type of an expression naming the array
    if (MC.ThroughAddress) {
      Use.Kind = UseKind::AddressAsArray;
      return Use;
    }

    // The accessor expression: the outermost array-typed node within it.
    size_t E = Parents.size() - 1;
    for (size_t I = Parents.size(); I-- > 0;) {
      const auto *Ex = dyn_cast<Expr>(Parents[I]);
      if (!Ex || !within(Ex, Acc))
        break;
      if (Ex->getType()->isArrayType())
        E = I;
    }
    // Its parent, past parentheses the user wrote around it.
    size_t P = E;
    while (P > 0 && isa<ParenExpr>(Parents[P - 1]))
      --P;
    const Stmt *Parent = P > 0 ? Parents[P - 1] : nullptr;

    if (const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(Parent)) {
      if (Cast->getCastKind() == CK_ArrayToPointerDecay)
        Use.Kind = UseKind::Keeps;
      return Use;
    }
    if (const auto *Size = dyn_cast_or_null<UnaryExprOrTypeTraitExpr>(Parent)) {
      if (Size->getKind() != UETT_SizeOf)
        return Use;
      Use.Rewrite = fileRange(Size);
      Use.Kind = UseKind::Sizeof;
      if (Use.Rewrite.isInvalid())
        nitemsOrMacroBody(Use, MC);
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
          if (Use.Rewrite.isInvalid())
            Use.Kind = UseKind::InMacroBody;
        }
      }
      return Use;
    }
    return Use;
  }

  /// sizeof(V_x) inside a macro body: fine only as nitems(V_x), which is
  /// rewritten whole.
  void nitemsOrMacroBody(VariableUse &Use, const MacroContext &MC) {
    if (MC.Consumer == "nitems") {
      CharSourceRange Call = Lexer::makeFileCharRange(MC.ConsumerRange, SM, LO);
      if (Call.isValid()) {
        Use.Kind = UseKind::Nitems;
        Use.Rewrite = Call;
        return;
      }
    }
    Use.Kind = UseKind::InMacroBody;
  }

  const SourceManager &SM;
  const LangOptions &LO;
  const llvm::DenseMap<const VarDecl *, unsigned> &Candidates;
  const FunctionDecl *Function = nullptr;
  unsigned InTypeof = 0;
  llvm::SmallVector<Stmt *, 32> Parents;
};

} // namespace

UseIndex
collectUses(ASTContext &Ctx,
            const llvm::DenseMap<const VarDecl *, unsigned> &Candidates) {
  UseFinder Finder(Ctx, Candidates);
  if (!Candidates.empty())
    Finder.TraverseDecl(Ctx.getTranslationUnitDecl());
  return std::move(Finder.Index);
}

} // namespace modspace

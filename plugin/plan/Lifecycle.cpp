//===--- Lifecycle.cpp - where a table is allocated and freed -------------===//

#include "plan/Lifecycle.h"
#include "plan/Eligibility.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Basic/CharInfo.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace modspace {

namespace {

bool hasReturn(const Stmt *S) {
  if (!S)
    return false;
  if (isa<ReturnStmt>(S))
    return true;
  return llvm::any_of(S->children(), hasReturn);
}

bool isIdentifier(llvm::StringRef Text) {
  return !Text.empty() && llvm::all_of(Text, [](char C) {
    return isAsciiIdentifierContinue(C);
  });
}

Registration::Kind kindOf(MacroRole Role) {
  switch (Role) {
  case MacroRole::Sysinit:
    return Registration::Constructor;
  case MacroRole::Sysuninit:
    return Registration::Destructor;
  case MacroRole::PlainSysinit:
    return Registration::LoadInit;
  default:
    return Registration::UnloadFini;
  }
}

} // namespace

const FunctionDecl *Lifecycle::lookupFunction(llvm::StringRef Name) const {
  Name = Name.trim();
  if (!isIdentifier(Name))
    return nullptr;
  for (const NamedDecl *D : In.Ctx.getTranslationUnitDecl()->lookup(
           &In.Ctx.Idents.get(Name)))
    if (const auto *FD = dyn_cast<FunctionDecl>(D))
      if (const FunctionDecl *Def = FD->getDefinition())
        return Def;
  return nullptr;
}

/// An SI_* enumerator, an integer literal, or a macro that stands for one;
/// only when it has the same value in every configuration (it is not
/// defined under an #if of the main file).
bool Lifecycle::evaluate(llvm::StringRef Text, uint64_t &Out,
                         unsigned Depth) const {
  Text = Text.trim();
  if (!Text.empty() && isDigit(Text[0]))
    return !Text.getAsInteger(0, Out);
  if (!isIdentifier(Text) || Depth > 4)
    return false;
  Preprocessor &PP = In.Macros.preprocessor();
  IdentifierInfo *II = &In.Ctx.Idents.get(Text);
  if (const MacroInfo *MI = PP.getMacroInfo(II)) {
    if (!MI->isObjectLike() || MI->getNumTokens() != 1 ||
        In.regionAt(MI->getDefinitionLoc()) >= 0)
      return false;
    return evaluate(PP.getSpelling(MI->getReplacementToken(0)), Out,
                    Depth + 1);
  }
  for (const NamedDecl *D : In.Ctx.getTranslationUnitDecl()->lookup(II))
    if (const auto *EC = dyn_cast<EnumConstantDecl>(D)) {
      if (In.regionAt(EC->getLocation()) >= 0)
        return false;
      Out = EC->getInitVal().getZExtValue();
      return true;
    }
  return false;
}

Lifecycle::Lifecycle(const PlanInputs &In)
    : In(In), NumVars(In.A.Vars.size()) {
  llvm::DenseMap<const FunctionDecl *, unsigned> TimesRegistered;
  for (const MacroInvocation &Call : In.Macros.invocations()) {
    if (!isRegistration(Call.Role) || Call.Args.size() < 4 || Call.Nested)
      continue;
    Registration R;
    R.Call = &Call;
    R.Which = kindOf(Call.Role);
    R.Function = lookupFunction(Call.Args[3].text());
    uint64_t Sub = 0, Order = 0;
    R.KnownKey = evaluate(Call.Args[1].text(), Sub) &&
                 evaluate(Call.Args[2].text(), Order);
    R.Key = (Sub << 32) | Order;
    if (R.Function)
      ++TimesRegistered[R.Function];
    Registrations.push_back(R);
  }
  // A function that other code also calls (or that is published, or that
  // other TUs can call, or that code of another configuration names: a
  // registration there) would allocate or free again: not reused.
  llvm::DenseSet<const FunctionDecl *> CalledElsewhere;
  for (const auto &Entry : In.Uses.Calls)
    for (const FunctionDecl *Callee : Entry.second)
      CalledElsewhere.insert(Callee);
  for (const PublishedFunction &F : In.Uses.Published)
    CalledElsewhere.insert(F.Function);
  const SourceManager &SM = In.SM;
  for (Registration &R : Registrations) {
    const auto *Body =
        R.Function ? dyn_cast_or_null<CompoundStmt>(R.Function->getBody())
                   : nullptr;
    R.Reusable = (R.Which == Registration::Constructor ||
                  R.Which == Registration::Destructor) &&
                 R.KnownKey && Body && Body->getLBracLoc().isFileID() &&
                 Body->getRBracLoc().isFileID() &&
                 SM.isWrittenInMainFile(Body->getLBracLoc()) &&
                 TimesRegistered[R.Function] == 1 &&
                 !R.Function->isExternallyVisible() &&
                 !CalledElsewhere.count(R.Function) &&
                 !namedInSkippedCode(In, R.Function->getName());
  }

  // What each function touches directly, in one pass over the uses.
  for (const VariableUse &U : In.Uses.Uses) {
    if (U.Var >= NumVars || !U.Function)
      continue;
    llvm::BitVector &Bits = Direct[U.Function];
    if (Bits.empty())
      Bits.resize(NumVars);
    Bits.set(U.Var);
    if (U.BodyStmt) {
      llvm::BitVector &Stmt = InStatement[U.BodyStmt];
      if (Stmt.empty())
        Stmt.resize(NumVars);
      Stmt.set(U.Var);
    }
  }
  for (const PublishedFunction &F : In.Uses.Published)
    if (F.Publisher)
      PublishedBy[F.Publisher].push_back(F.Function);
  findUncertain();
  Async.resize(NumVars);
  for (const PublishedFunction &F : In.Uses.Published)
    Async |= touches(F.Function);
}

/// Functions with code the preprocessor skipped in their body, and the
/// functions that call them: in another configuration they may use any
/// table, or return early.
void Lifecycle::findUncertain() {
  llvm::ArrayRef<SourceRange> Skipped = In.Conds.skippedRanges();
  if (Skipped.empty())
    return;
  // A function is uncertain when skipped code begins in its body (in the
  // body's first file).  The skipped ranges' starts, by file and offset,
  // so that each body asks one binary search, not every range: a kernel
  // TU's headers skip thousands.
  const SourceManager &SM = In.SM;
  llvm::DenseMap<FileID, std::vector<unsigned>> Starts;
  for (SourceRange R : Skipped) {
    auto [File, Offset] = SM.getDecomposedLoc(R.getBegin());
    Starts[File].push_back(Offset);
  }
  for (auto &Entry : Starts)
    llvm::sort(Entry.second);
  for (const Decl *D : In.Ctx.getTranslationUnitDecl()->decls()) {
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || !FD->doesThisDeclarationHaveABody())
      continue;
    SourceRange Body = FD->getBody()->getSourceRange();
    SourceLocation B = SM.getFileLoc(Body.getBegin());
    SourceLocation E = SM.getFileLoc(Body.getEnd());
    auto [File, Offset] = SM.getDecomposedLoc(B);
    auto It = Starts.find(File);
    if (It == Starts.end())
      continue;
    // The first start at or after the body's: in one file, offsets are
    // the order of the TU.
    auto First = llvm::lower_bound(It->second, Offset);
    if (First != It->second.end() &&
        SM.isBeforeInTranslationUnit(SM.getComposedLoc(File, *First), E))
      Uncertain.insert(FD);
  }
  // Callers of an uncertain function are uncertain too.
  for (bool Grew = !Uncertain.empty(); Grew;) {
    Grew = false;
    for (const auto &Entry : In.Uses.Calls)
      if (!Uncertain.count(Entry.first) &&
          llvm::any_of(Entry.second, [&](const FunctionDecl *Callee) {
            return Uncertain.count(Callee);
          })) {
        Uncertain.insert(Entry.first);
        Grew = true;
      }
  }
}

const llvm::BitVector &Lifecycle::touches(const FunctionDecl *F) {
  auto It = Touch.find(F);
  if (It != Touch.end())
    return It->second;
  connect(F);
  return Touch.find(F)->second;
}

void Lifecycle::connect(const FunctionDecl *F) {
  // Tarjan's strongly connected components: functions that reach each
  // other (a recursion) touch the same tables, so each component gets
  // the union of its members' own uses and of the components it reaches.
  unsigned Index = Visit.size();
  Visit[F] = {Index, Index, true};
  Walk.push_back(F);
  llvm::BitVector Set(NumVars);
  auto D = Direct.find(F);
  if (D != Direct.end())
    Set |= D->second;
  auto Follow = [&](const FunctionDecl *Next) {
    auto Done = Touch.find(Next);
    if (Done != Touch.end()) {
      Set |= Done->second; // a finished component
      return;
    }
    auto Seen = Visit.find(Next);
    if (Seen == Visit.end()) {
      connect(Next);
      Done = Touch.find(Next);
      if (Done != Touch.end())
        Set |= Done->second;
      else
        Visit[F].Low = std::min(Visit[F].Low, Visit[Next].Low);
    } else if (Seen->second.OnWalk) {
      Visit[F].Low = std::min(Visit[F].Low, Seen->second.Index);
    }
  };
  auto Calls = In.Uses.Calls.find(F);
  if (Calls != In.Uses.Calls.end())
    for (const FunctionDecl *Callee : Calls->second)
      Follow(Callee);
  auto Pub = PublishedBy.find(F);
  if (Pub != PublishedBy.end())
    for (const FunctionDecl *Hook : Pub->second)
      Follow(Hook);
  Partial[F] = std::move(Set);
  if (Visit[F].Low != Visit[F].Index)
    return; // F's component is finished by its root
  // F is the root: its component is the walk from F on.
  llvm::BitVector Union(NumVars);
  size_t First = Walk.size();
  while (Walk[First - 1] != F)
    --First;
  --First;
  for (size_t K = First; K < Walk.size(); ++K)
    Union |= Partial[Walk[K]];
  for (size_t K = First; K < Walk.size(); ++K) {
    Visit[Walk[K]].OnWalk = false;
    Touch[Walk[K]] = Union;
    Partial.erase(Walk[K]);
  }
  Walk.resize(First);
}

bool Lifecycle::statementTouches(const Stmt *S, unsigned I) {
  if (!S)
    return false;
  auto It = InStatement.find(S);
  if (It != InStatement.end() && It->second.test(I))
    return true;
  return touchesThroughFunctions(S, I);
}

bool Lifecycle::touchesThroughFunctions(const Stmt *S, unsigned I) {
  if (!S)
    return false;
  // A call to, or the address of, a function of the TU that touches it.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (const auto *FD = dyn_cast<FunctionDecl>(Ref->getDecl()))
      if (const FunctionDecl *Def = FD->getDefinition())
        return touches(Def).test(I);
  return llvm::any_of(S->children(), [&](const Stmt *C) {
    return touchesThroughFunctions(C, I);
  });
}

bool Lifecycle::placeable(unsigned I, const Registration &R,
                          bool Destructor) const {
  if (!R.Reusable ||
      R.Which != (Destructor ? Registration::Destructor
                             : Registration::Constructor))
    return false;
  const auto *Body = cast<CompoundStmt>(R.Function->getBody());
  if ((Destructor && hasReturn(Body)) || Uncertain.count(R.Function))
    return false;
  // A parameter or local named like the table is what "V_x" means there
  // without VIMAGE.
  for (const Decl *D : R.Function->decls())
    if (const auto *Local = dyn_cast<VarDecl>(D))
      if (Local->getName() == In.A.Vars[I].Name)
        return false;
  // Compiled exactly when the variable is, and after its declaration.
  SourceLocation Decl = In.firstDeclaration(I);
  Conditionals::RegionId Region = In.regionAt(In.A.Vars[I].Loc);
  const Conditionals &C = In.Conds;
  return C.sameConditions(In.regionAt(R.Call->NameLoc), Region) &&
         C.sameConditions(In.regionAt(Body->getLBracLoc()), Region) &&
         C.sameConditions(In.regionAt(Body->getRBracLoc()), Region) &&
         In.before(Decl, Body->getLBracLoc());
}

LifecycleSite Lifecycle::choose(unsigned I, VariablePlan &P,
                                bool Destructor) {
  const ModuleVariable &V = In.A.Vars[I];
  const char *What = Destructor ? "destructor" : "constructor";
  bool Everyone = Async.test(I);
  std::vector<const Registration *> Touching;
  for (const Registration &R : Registrations) {
    if (R.onCreation() == Destructor)
      continue;
    if (!Everyone && !Uncertain.count(R.Function) &&
        !(R.Function && touches(R.Function).test(I)))
      continue;
    if (!R.KnownKey) {
      refuse(P, V, Refusal::UnknownOrder, R.Call->NameLoc,
             std::string("cannot tell when ") + What + " '" +
                 R.Call->Args[3].text() +
                 "' runs: its subsystem and order are not constants "
                 "modspace can read in every configuration");
      return {};
    }
    Touching.push_back(&R);
  }
  auto RunsFirst = [&](const Registration &R) {
    return llvm::all_of(Touching, [&](const Registration *T) {
      return T == &R || R.Key < T->Key;
    });
  };
  const Registration *Best = nullptr;
  for (const Registration &R : Registrations) {
    if (!placeable(I, R, Destructor) || !RunsFirst(R))
      continue;
    bool Touches = llvm::is_contained(Touching, &R);
    bool BestTouches = Best && llvm::is_contained(Touching, Best);
    if (!Best || (Touches && !BestTouches) ||
        (Touches == BestTouches && R.Key < Best->Key))
      Best = &R;
  }
  if (Best)
    return {Best, false};
  const Registration *Blocker = nullptr;
  for (const Registration *T : Touching)
    if (T->Key <= NewKey && (!Blocker || T->Key < Blocker->Key))
      Blocker = T;
  if (!Blocker)
    return {nullptr, true};
  refuse(P, V, Destructor ? Refusal::NoDestructor : Refusal::NoConstructor,
         Blocker->Call->NameLoc,
         std::string("no ") + What + " can run " +
             (Destructor ? "after" : "before") + " '" +
             Blocker->Call->Args[3].text() + "', registered here" +
             (Everyone ? "; a function that uses the table is called "
                         "through a pointer and may run during any " +
                             std::string(What)
                       : ", which uses it") +
             "; allocate it by hand");
  return {};
}

LifecycleSite Lifecycle::constructorFor(unsigned I, VariablePlan &P) {
  return choose(I, P, false);
}

LifecycleSite Lifecycle::destructorFor(unsigned I, VariablePlan &P) {
  return choose(I, P, true);
}

} // namespace modspace

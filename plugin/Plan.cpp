//===--- Plan.cpp - the edits that move a per-vnet array to malloc --------===//
//
// Constructor and destructor order (docs/design.md, "Fix-its"):
// constructors run in ascending (subsystem, order), destructors in
// descending order, and a module's VNET_SYSINITs run at load in every
// vnet in that order.  So the allocation goes into a constructor that runs
// strictly before every other constructor of the TU that touches the
// array (directly or through a function of the TU it calls), and the
// release into a destructor that runs strictly after every other
// destructor that touches it, at the end of its body.  When the TU has no
// such function, a new pair is registered at (SI_SUB_INIT_IF,
// SI_ORDER_FIRST): the first subsystem after SI_SUB_VNET, before every
// protocol-level constructor, and its destructor after theirs.
//
//===----------------------------------------------------------------------===//

#include "Plan.h"
#include "SourceLines.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include <optional>

using namespace clang;

namespace modspace {

namespace {

/// SI_SUB_INIT_IF and SI_ORDER_FIRST (docs/vnet-facts.md section 3).
constexpr uint64_t NewSubsystem = 0x3000000;
constexpr uint64_t NewOrder = 0;

/// A VNET_SYSINIT or VNET_SYSUNINIT of the main file.
struct Registration {
  const MacroInvocation *Call = nullptr;
  const FunctionDecl *Function = nullptr;
  bool KnownKey = false;
  uint64_t Key = 0; ///< (subsystem << 32) | order
  bool Reusable = false;
};

bool hasReturn(const Stmt *S) {
  if (!S)
    return false;
  if (isa<ReturnStmt>(S))
    return true;
  return llvm::any_of(S->children(), hasReturn);
}

std::string upper(llvm::StringRef S) {
  std::string Out;
  for (char C : S)
    Out += isAlphanumeric(C) ? toUppercase(C) : '_';
  return Out;
}

bool isSimpleBound(llvm::StringRef Bound) {
  return llvm::all_of(Bound,
                      [](char C) { return isAsciiIdentifierContinue(C); });
}

/// Width of \p Line with tabs every 8 columns.
unsigned columns(llvm::StringRef Line) {
  unsigned Col = 0;
  for (char C : Line)
    Col = C == '\t' ? (Col / 8 + 1) * 8 : Col + 1;
  return Col;
}

/// The text that replaces use \p U of an array of \p Bound elements, right
/// whether the variable is still an array or already a pointer; none for a
/// use that keeps its meaning.
std::optional<std::string> rewriteOf(const VariableUse &U,
                                     llvm::StringRef Bound) {
  std::string N = isSimpleBound(Bound) ? Bound.str() : "(" + Bound.str() + ")";
  switch (U.Kind) {
  case UseKind::Sizeof:
    return "(" + N + " * sizeof(*" + U.AccessorText + "))";
  case UseKind::Nitems:
    return "(" + Bound.str() + ")";
  case UseKind::AddressAsVoid:
    return U.AccessorText;
  default:
    return std::nullopt;
  }
}

class Planner {
public:
  Planner(ASTContext &Ctx, const Analysis &A, const MacroRecorder &Macros,
          const Options &Opts, const PlanContext &PC,
          const WarnPredicate &Warns)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()), A(A),
        Macros(Macros), Opts(Opts), PC(PC), Warns(Warns) {}

  FixPlan run() {
    Plan.Vars.resize(A.Vars.size());
    llvm::DenseMap<const VarDecl *, unsigned> Index;
    for (unsigned I = 0; I < A.Vars.size(); ++I)
      if (screen(I))
        Index[A.Vars[I].Decl->getCanonicalDecl()] = I;
    findForeignArrays(Index);
    if (Index.empty())
      return std::move(Plan);

    Uses = collectUses(Ctx, Index);
    for (const VariableUse &U : Uses.Uses)
      if (U.Var < A.Vars.size())
        refuseForUse(U);
    readRegistrations();
    chooseMallocType();
    for (unsigned I = 0; I < A.Vars.size(); ++I)
      if (Plan.Vars[I].State == VariablePlan::Planned)
        planVariable(I);
    planForeignUses();
    return std::move(Plan);
  }

private:
  //===--- Screening ------------------------------------------------------===//

  void refuse(unsigned I, SourceLocation Loc, std::string Why) {
    VariablePlan &P = Plan.Vars[I];
    if (P.State == VariablePlan::Refused)
      return; // the first reason is the one to fix first
    P.State = VariablePlan::Refused;
    P.Edits.clear();
    P.Notes.push_back({Loc, "no fix-it for '" + A.Vars[I].Name + "': " + Why +
                                " [modspace]"});
  }

  /// Whether variable \p I is an array to convert; refuses the ones that
  /// cannot be, whatever their uses.
  bool screen(unsigned I) {
    const ModuleVariable &V = A.Vars[I];
    if (!V.Measured || !Warns(V) || V.Count == 0)
      return false;
    if (!Ctx.getAsConstantArrayType(V.Decl->getType()))
      return false;
    Plan.Vars[I].State = VariablePlan::Planned;
    if (V.Kind == SpaceKind::Pcpu) {
      refuse(I, V.Loc,
             "per-CPU arrays are not converted; allocate per-CPU memory "
             "when the module loads, by hand");
      return false;
    }
    const MacroInvocation *Call = V.Invocation;
    if (!Call || V.Macro != V.Definer || !V.WrapperMacro.empty() ||
        Call->Nested) {
      std::string Where = !V.WrapperMacro.empty() ? V.WrapperMacro
                          : !V.Macro.empty()      ? V.Macro.str()
                                                  : "";
      refuse(I, V.Loc,
             Where.empty()
                 ? "it is not defined with VNET_DEFINE or VNET_DEFINE_STATIC"
                 : "its declaration is written inside macro '" + Where +
                       "', whose text a rewrite cannot change safely");
      return false;
    }
    if (V.Decl->hasInit()) {
      refuse(I, V.Loc,
             "it has an initialiser, which the allocated table would have "
             "to copy in every vnet; convert it by hand");
      return false;
    }
    if (Call->Brackets.size() != 1) {
      refuse(I, V.Loc,
             Call->Brackets.empty()
                 ? "its array type comes from a typedef; convert it by hand"
                 : "it is a multi-dimensional array; convert it by hand");
      return false;
    }
    if (Ctx.getAsConstantArrayType(V.Decl->getType())
            ->getElementType()
            ->isArrayType()) {
      refuse(I, V.Loc,
             "its elements are arrays (type '" + V.ElementType +
                 "'); convert it by hand");
      return false;
    }
    return true;
  }

  void refuseForUse(const VariableUse &U) {
    const ModuleVariable &V = A.Vars[U.Var];
    std::string Bound = V.Invocation ? V.Invocation->BoundText : "";
    switch (U.Kind) {
    case UseKind::Keeps:
    case UseKind::Sizeof:
    case UseKind::Nitems:
    case UseKind::AddressAsVoid:
      return;
    case UseKind::RawName:
      if (llvm::StringRef(U.Context).starts_with("SYSCTL_"))
        refuse(U.Var, U.Loc,
               "'&VNET_NAME(" + V.Name +
                   ")' exports the array in place "
                   "from this " +
                   U.Context +
                   ", which would then export the "
                   "8-byte pointer; replace it with a SYSCTL_PROC handler that "
                   "copies " +
                   Bound +
                   " entries out of the table, then run "
                   "modspace again");
      else
        refuse(U.Var, U.Loc,
               "'" + V.Name +
                   "' is named here without its VNET() "
                   "accessor, which would then mean the pointer, not the "
                   "array; change this use by hand");
      return;
    case UseKind::AddressAsArray:
      refuse(U.Var, U.Loc,
             "the address of the whole array is taken here as a pointer to "
             "an array, which will not exist; change this use by hand");
      return;
    case UseKind::InMacroBody:
      refuse(
          U.Var, U.Loc,
          "this use's rewrite would fall inside a macro body" +
              (U.Context.empty() ? std::string() : " ('" + U.Context + "')") +
              ", where it would change every expansion; change it by "
              "hand");
      return;
    case UseKind::Unknown:
      refuse(U.Var, U.Loc,
             "modspace cannot prove that this use of '" + U.AccessorText +
                 "' keeps its meaning when it becomes a pointer; change it "
                 "by hand");
      return;
    }
  }

  //===--- Constructors and destructors -----------------------------------===//

  void readRegistrations() {
    llvm::DenseMap<const FunctionDecl *, unsigned> TimesRegistered;
    for (const MacroInvocation &Call : Macros.invocations()) {
      if ((Call.Role != MacroRole::Sysinit &&
           Call.Role != MacroRole::Sysuninit) ||
          Call.Args.size() < 4 || Call.Nested)
        continue;
      Registration R;
      R.Call = &Call;
      R.Function = lookupFunction(Call.Args[3].Text);
      uint64_t Sub = 0, Order = 0;
      R.KnownKey = evaluate(Call.Args[1].Text, Sub) &&
                   evaluate(Call.Args[2].Text, Order);
      R.Key = (Sub << 32) | Order;
      if (R.Function)
        ++TimesRegistered[R.Function];
      (Call.Role == MacroRole::Sysinit ? Ctors : Dtors).push_back(R);
    }
    for (auto *List : {&Ctors, &Dtors})
      for (Registration &R : *List)
        R.Reusable = R.KnownKey && R.Function && R.Function->hasBody() &&
                     SM.isInMainFile(R.Function->getBody()->getBeginLoc()) &&
                     TimesRegistered[R.Function] == 1;
  }

  const FunctionDecl *lookupFunction(llvm::StringRef Name) {
    if (!isSimpleBound(Name) || Name.empty())
      return nullptr;
    for (const NamedDecl *D :
         Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Name)))
      if (const auto *FD = dyn_cast<FunctionDecl>(D))
        if (const FunctionDecl *Def = FD->getDefinition())
          return Def;
    return nullptr;
  }

  /// An SI_* enumerator or an integer literal.
  bool evaluate(llvm::StringRef Text, uint64_t &Out) {
    Text = Text.trim();
    if (!Text.getAsInteger(0, Out))
      return true;
    if (!isSimpleBound(Text) || Text.empty())
      return false;
    for (const NamedDecl *D :
         Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Text)))
      if (const auto *EC = dyn_cast<EnumConstantDecl>(D)) {
        Out = EC->getInitVal().getZExtValue();
        return true;
      }
    return false;
  }

  /// The candidates \p F uses, itself or through the TU's functions it
  /// calls.
  const llvm::BitVector &touches(const FunctionDecl *F) {
    auto It = Touch.find(F);
    if (It != Touch.end())
      return It->second;
    Touch[F] = llvm::BitVector(A.Vars.size()); // breaks recursion
    llvm::BitVector Set(A.Vars.size());
    for (const VariableUse &U : Uses.Uses)
      if (U.Function == F && U.Var < A.Vars.size())
        Set.set(U.Var);
    auto Calls = Uses.Calls.find(F);
    if (Calls != Uses.Calls.end())
      for (const FunctionDecl *Callee : Calls->second)
        Set |= touches(Callee);
    return Touch[F] = Set;
  }

  /// Picks the registration for variable \p I: for constructors the one
  /// that runs strictly before every other that touches it, for
  /// destructors strictly after.  Returns null and sets \p Create when a
  /// new one at (SI_SUB_INIT_IF, SI_ORDER_FIRST) is safe instead.
  const Registration *choose(unsigned I, std::vector<Registration> &List,
                             bool Destructor, bool &Create) {
    Create = false;
    std::vector<const Registration *> Touching;
    for (const Registration &R : List) {
      if (!R.Function || !touches(R.Function).test(I))
        continue;
      if (!R.KnownKey) {
        refuse(I, R.Call->NameLoc,
               "cannot tell when " +
                   std::string(Destructor ? "destructor" : "constructor") +
                   " '" + R.Call->Args[3].Text +
                   "' runs: its subsystem and order are not constants");
        return nullptr;
      }
      Touching.push_back(&R);
    }
    auto Safe = [&](const Registration &R) {
      if (!R.Reusable || (Destructor && hasReturn(R.Function->getBody())))
        return false;
      return llvm::all_of(Touching, [&](const Registration *T) {
        return T == &R || R.Key < T->Key;
      });
    };
    const Registration *Best = nullptr;
    for (const Registration &R : List) {
      if (!Safe(R))
        continue;
      bool Touches = llvm::is_contained(Touching, &R);
      bool BestTouches = Best && llvm::is_contained(Touching, Best);
      if (!Best || (Touches && !BestTouches) ||
          (Touches == BestTouches && R.Key < Best->Key))
        Best = &R;
    }
    if (Best)
      return Best;
    uint64_t NewKey = (NewSubsystem << 32) | NewOrder;
    if (llvm::all_of(Touching,
                     [&](const Registration *T) { return NewKey < T->Key; })) {
      Create = true;
      return nullptr;
    }
    refuse(I, A.Vars[I].Loc,
           std::string("no ") + (Destructor ? "destructor" : "constructor") +
               " can run " + (Destructor ? "after" : "before") +
               " the ones that use it; allocate it by hand");
    return nullptr;
  }

  //===--- Malloc type ----------------------------------------------------===//

  void chooseMallocType() {
    std::vector<std::string> Types;
    for (const MacroInvocation &Call : Macros.invocations())
      if (Call.Role == MacroRole::MallocDefine && !Call.Nested &&
          SM.isInMainFile(Call.NameLoc))
        Types.push_back(Call.Args[0].Text);
    if (!Types.empty()) {
      MallocType = Types.front();
      if (Types.size() > 1)
        MallocChoice = "'" + MallocType +
                       "', the first of the malloc types "
                       "this file defines (" +
                       llvm::join(Types, ", ") + ")";
      return;
    }
    MallocType = "M_" + upper(PC.FileStem);
    NewMallocType = true;
  }

  //===--- Edits
  //------------------------------------------------------------===//

  CharSourceRange fileRange(SourceRange TokenRange) {
    return Lexer::makeFileCharRange(CharSourceRange::getTokenRange(TokenRange),
                                    SM, LO);
  }

  std::string text(CharSourceRange R) {
    return Lexer::getSourceText(R, SM, LO).str();
  }

  /// The leading white space of the line holding \p Loc.
  std::string indentAt(SourceLocation Loc) {
    auto [FID, Offset] = SM.getDecomposedLoc(SM.getFileLoc(Loc));
    llvm::StringRef Buffer = SM.getBufferData(FID);
    llvm::StringRef Line = Buffer.substr(lineBegin(Buffer, Offset));
    return Line.take_while([](char C) { return C == ' ' || C == '\t'; }).str();
  }

  SourceLocation lineStart(SourceLocation Loc) {
    auto [FID, Offset] = SM.getDecomposedLoc(SM.getFileLoc(Loc));
    return SM.getComposedLoc(FID, lineBegin(SM.getBufferData(FID), Offset));
  }

  /// "V_x = mallocarray(N, sizeof(*V_x), M_T, M_WAITOK | M_ZERO);",
  /// filled to 80 columns and continued with four spaces, as style(9) does.
  std::string allocation(llvm::StringRef Indent, llvm::StringRef Accessor,
                         llvm::StringRef Bound) {
    std::string Pieces[] = {Accessor.str() + " = mallocarray(" + Bound.str() +
                                ",",
                            "sizeof(*" + Accessor.str() + "),",
                            MallocType + ",", "M_WAITOK | M_ZERO);"};
    std::string Out = Indent.str() + Pieces[0];
    std::string Line = Out;
    for (unsigned I = 1; I < 4; ++I) {
      if (columns(Line + " " + Pieces[I]) <= 80) {
        Line += " " + Pieces[I];
        Out += " " + Pieces[I];
      } else {
        Line = Indent.str() + "    " + Pieces[I];
        Out += "\n" + Line;
      }
    }
    return Out;
  }

  std::string accessorOf(unsigned I) {
    for (const VariableUse &U : Uses.Uses)
      if (U.Var == I && !U.AccessorText.empty() &&
          !llvm::StringRef(U.AccessorText).starts_with("VNET"))
        return U.AccessorText;
    return "VNET(" + A.Vars[I].Name + ")";
  }

  /// The bzero/memset that cleared the array at the start of constructor
  /// \p F: redundant with M_ZERO.  Only when no statement before it
  /// touches the array, or removing it would change what they see.
  const Stmt *redundantClear(unsigned I, const FunctionDecl *F,
                             llvm::StringRef Accessor) {
    const auto *Body = dyn_cast<CompoundStmt>(F->getBody());
    if (!Body)
      return nullptr;
    for (const Stmt *S : Body->body()) {
      const auto *Call = dyn_cast<CallExpr>(S);
      const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
      if (Callee &&
          (Callee->getName() == "bzero" || Callee->getName() == "memset")) {
        bool IsBzero = Callee->getName() == "bzero";
        unsigned SizeArg = IsBzero ? 1 : 2;
        if (Call->getNumArgs() == SizeArg + 1 &&
            text(fileRange(Call->getArg(0)->getSourceRange())) == Accessor &&
            (IsBzero ||
             text(fileRange(Call->getArg(1)->getSourceRange())) == "0")) {
          std::string Size =
              text(fileRange(Call->getArg(SizeArg)->getSourceRange()));
          if (Size == "sizeof(" + Accessor.str() + ")")
            return S;
        }
      }
      if (statementTouches(S, I))
        return nullptr;
    }
    return nullptr;
  }

  bool statementTouches(const Stmt *S, unsigned I) {
    for (const VariableUse &U : Uses.Uses)
      if (U.Var == I && U.BodyStmt == S)
        return true;
    // A call to a function of the TU that touches it.
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        if (const FunctionDecl *Def = Callee->getDefinition())
          if (touches(Def).test(I))
            return true;
    return llvm::any_of(S->children(), [&](const Stmt *C) {
      return C && statementTouches(C, I);
    });
  }

  /// Removes statement \p S with its line when it stands alone on it.
  Edit removal(const Stmt *S) {
    CharSourceRange R = fileRange(S->getSourceRange());
    auto [FID, Begin] = SM.getDecomposedLoc(R.getBegin());
    unsigned End = SM.getFileOffset(R.getEnd());
    llvm::StringRef Buffer = SM.getBufferData(FID);
    size_t LineStart = lineBegin(Buffer, Begin);
    size_t LineEnd = lineEnd(Buffer, End);
    llvm::StringRef Before = Buffer.slice(LineStart, Begin);
    llvm::StringRef After = Buffer.slice(End, LineEnd);
    if (Before.trim().empty() && After.trim() == ";" && LineEnd < Buffer.size())
      return {
          CharSourceRange::getCharRange(SM.getComposedLoc(FID, LineStart),
                                        SM.getComposedLoc(FID, LineEnd + 1)),
          ""};
    size_t Semi = Buffer.find(';', End);
    return {CharSourceRange::getCharRange(R.getBegin(),
                                          SM.getComposedLoc(FID, Semi + 1)),
            ""};
  }

  /// Where to insert the allocation in constructor \p F: after the opening
  /// brace or after its leading declarations, at the end of that line.
  SourceLocation allocationPoint(const FunctionDecl *F, std::string &Indent) {
    const auto *Body = cast<CompoundStmt>(F->getBody());
    SourceLocation After = Body->getLBracLoc();
    Indent = "\t";
    for (const Stmt *S : Body->body()) {
      Indent = indentAt(S->getBeginLoc());
      if (!isa<DeclStmt>(S))
        break;
      After = S->getEndLoc();
    }
    // The end of After's line, or of the blank line style(9) leaves after
    // the declarations (or the brace of a function without any).
    auto [FID, Offset] = SM.getDecomposedLoc(SM.getFileLoc(After));
    llvm::StringRef Buffer = SM.getBufferData(FID);
    size_t LineEnd = lineEnd(Buffer, Offset);
    if (LineEnd == Buffer.size())
      return SM.getComposedLoc(FID, LineEnd);
    size_t Next = lineEnd(Buffer, LineEnd + 1);
    if (Next < Buffer.size() && Buffer.slice(LineEnd + 1, Next).trim().empty())
      LineEnd = Next;
    return SM.getComposedLoc(FID, LineEnd);
  }

  void planVariable(unsigned I) {
    const ModuleVariable &V = A.Vars[I];
    VariablePlan &P = Plan.Vars[I];
    bool CreateCtor, CreateDtor;
    const Registration *Ctor = choose(I, Ctors, false, CreateCtor);
    if (P.State == VariablePlan::Refused)
      return;
    const Registration *Dtor = choose(I, Dtors, true, CreateDtor);
    if (P.State == VariablePlan::Refused)
      return;

    const MacroInvocation &Call = *V.Invocation;
    std::string Bound = Call.BoundText;
    std::string Accessor = accessorOf(I);
    std::vector<Edit> &E = P.Edits;

    // Declaration: T x[N] becomes T *x.
    llvm::StringRef Type = Call.typeText();
    E.push_back({fileRange(Call.Args[0].Range),
                 Type.str() + (Type.ends_with("*") ? "*" : " *")});
    E.push_back({fileRange(Call.Brackets[0]), ""});

    // The malloc type and its header, once, with the first variable.
    if (!SharedEditsDone) {
      SharedEditsDone = true;
      if (!PC.HaveMalloc)
        addMallocInclude(E);
      if (NewMallocType)
        E.push_back({CharSourceRange::getCharRange(lineStart(Call.NameLoc),
                                                   lineStart(Call.NameLoc)),
                     "static MALLOC_DEFINE(" + MallocType + ", \"" +
                         PC.FileStem + "\", \"" + PC.FileStem +
                         " per-vnet tables\");\n\n"});
      else if (!MallocChoice.empty())
        P.Notes.push_back({V.Loc, "the tables are allocated with " +
                                      MallocChoice + " [modspace]"});
    }

    // Allocation.
    const Stmt *Cleared = nullptr;
    if (Ctor) {
      std::string Indent;
      SourceLocation At = allocationPoint(Ctor->Function, Indent);
      E.push_back({CharSourceRange::getCharRange(At, At),
                   "\n" + allocation(Indent, Accessor, Bound)});
      Cleared = redundantClear(I, Ctor->Function, Accessor);
      if (Cleared)
        E.push_back(removal(Cleared));
    }
    // Release, after every other statement of the destructor.
    if (Dtor) {
      const auto *Body = cast<CompoundStmt>(Dtor->Function->getBody());
      SourceLocation Close = SM.getFileLoc(Body->getRBracLoc());
      std::string Indent = Body->body_empty()
                               ? "\t"
                               : indentAt(Body->body_back()->getBeginLoc());
      SourceLocation Start = lineStart(Close);
      bool Alone = Start.getLocWithOffset((int)indentAt(Close).size()) == Close;
      if (Alone)
        E.push_back({CharSourceRange::getCharRange(Start, Start),
                     Indent + "free(" + Accessor + ", " + MallocType + ");\n"});
      else
        E.push_back({CharSourceRange::getCharRange(Close, Close),
                     " free(" + Accessor + ", " + MallocType + "); "});
    }
    if (CreateCtor || CreateDtor)
      E.push_back(created(V, Accessor, Bound, CreateCtor, CreateDtor));

    // Uses whose meaning depends on the array.
    for (const VariableUse &U : Uses.Uses) {
      if (U.Var != I || U.Rewrite.isInvalid())
        continue;
      if (Cleared && U.BodyStmt == Cleared)
        continue;
      if (std::optional<std::string> New = rewriteOf(U, Bound))
        addUnique(E, {U.Rewrite, *New});
    }

    planDeclarations(I);
  }

  void addUnique(std::vector<Edit> &E, Edit New) {
    for (const Edit &Old : E)
      if (Old.Range.getAsRange() == New.Range.getAsRange() &&
          Old.Text == New.Text)
        return;
    E.push_back(std::move(New));
  }

  void addMallocInclude(std::vector<Edit> &E) {
    auto Includes = Macros.mainFileIncludes();
    SourceLocation At = SM.getLocForStartOfFile(SM.getMainFileID());
    if (!Includes.empty()) {
      auto [FID, Offset] = SM.getDecomposedLoc(Includes.back().HashLoc);
      llvm::StringRef Buffer = SM.getBufferData(FID);
      At = SM.getComposedLoc(
          FID, std::min(lineEnd(Buffer, Offset) + 1, Buffer.size()));
    }
    E.push_back(
        {CharSourceRange::getCharRange(At, At), "#include <sys/malloc.h>\n"});
  }

  /// A new constructor and/or destructor at the end of the main file.
  Edit created(const ModuleVariable &V, llvm::StringRef Accessor,
               llvm::StringRef Bound, bool Ctor, bool Dtor) {
    std::string Param =
        std::string("const void *unused") + (PC.HaveUnused ? " __unused" : "");
    std::string Out;
    std::string Base = "vnet_" + V.Name;
    if (Ctor)
      Out += "\nstatic void\n" + Base + "_alloc(" + Param + ")\n{\n\n" +
             allocation("\t", Accessor, Bound) + "\n}\nVNET_SYSINIT(" + Base +
             "_alloc, SI_SUB_INIT_IF, SI_ORDER_FIRST,\n    " + Base +
             "_alloc, NULL);\n";
    if (Dtor)
      Out += "\nstatic void\n" + Base + "_free(" + Param + ")\n{\n\n\tfree(" +
             Accessor.str() + ", " + MallocType + ");\n}\nVNET_SYSUNINIT(" +
             Base + "_free, SI_SUB_INIT_IF, SI_ORDER_FIRST,\n    " + Base +
             "_free, NULL);\n";
    FileID Main = SM.getMainFileID();
    llvm::StringRef Buffer = SM.getBufferData(Main);
    SourceLocation End = SM.getLocForEndOfFile(Main);
    if (!Buffer.ends_with("\n"))
      Out = "\n" + Out;
    return {CharSourceRange::getCharRange(End, End), Out};
  }

  /// VNET_DECLARE(T, x[N]) in the headers this TU includes: the same edit,
  /// so that every TU that includes them agrees.
  void planDeclarations(unsigned I) {
    const ModuleVariable &V = A.Vars[I];
    VariablePlan &P = Plan.Vars[I];
    bool Declared = false;
    for (const MacroInvocation &Call : Macros.invocations()) {
      if (Call.Role != MacroRole::Declare || Call.Identifier != V.Name ||
          Call.Nested)
        continue;
      if (Call.Brackets.size() != 1 || SM.isInSystemHeader(Call.NameLoc)) {
        refuse(I, Call.NameLoc,
               "its declaration here cannot be rewritten; change it by hand");
        return;
      }
      llvm::StringRef Type = Call.typeText();
      P.Edits.push_back({fileRange(Call.Args[0].Range),
                         Type.str() + (Type.ends_with("*") ? "*" : " *")});
      P.Edits.push_back({fileRange(Call.Brackets[0]), ""});
      Declared = true;
      P.Notes.push_back(
          {SM.getFileLoc(Call.IdentLoc),
           "the declaration of '" + V.Name +
               "' here changes too; other "
               "translation units' uses of it are checked when they are "
               "compiled [modspace]"});
    }
    if (!Declared && !V.IsStatic)
      P.Notes.push_back({V.Loc, "'" + V.Name +
                                    "' is not static: other "
                                    "translation units that declare it must "
                                    "declare a pointer [modspace]"});
  }

  //===--- Arrays only declared here --------------------------------------===//

  void findForeignArrays(llvm::DenseMap<const VarDecl *, unsigned> &Index) {
    // Only a VNET_DECLARE of an array can declare one.
    if (llvm::none_of(Macros.invocations(), [](const MacroInvocation &Call) {
          return Call.Role == MacroRole::Declare && Call.Brackets.size() == 1;
        }))
      return;
    for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || VD->getDefinition() || VD->getActingDefinition() ||
          Index.count(VD->getCanonicalDecl()))
        continue;
      const ConstantArrayType *CAT = Ctx.getAsConstantArrayType(VD->getType());
      if (!CAT || VD->getType()->isIncompleteType())
        continue;
      const MacroInvocation *Declare = nullptr;
      for (unsigned I : Macros.at(SM.getExpansionLoc(VD->getLocation()))) {
        const MacroInvocation &Call = Macros.invocation(I);
        if (Call.Role == MacroRole::Declare && Call.Brackets.size() == 1)
          Declare = &Call;
      }
      if (!Declare ||
          (uint64_t)Ctx.getTypeSizeInChars(VD->getType()).getQuantity() <
              Opts.VnetThreshold)
        continue;
      unsigned Id = A.Vars.size() + ForeignBounds.size();
      Index[VD->getCanonicalDecl()] = Id;
      ForeignBounds.push_back(Declare->BoundText);
      Plan.ForeignNames.push_back(Declare->Identifier);
    }
  }

  void planForeignUses() {
    for (const VariableUse &U : Uses.Uses) {
      if (U.Var < A.Vars.size() || U.Rewrite.isInvalid())
        continue;
      unsigned F = U.Var - A.Vars.size();
      std::optional<std::string> New = rewriteOf(U, ForeignBounds[F]);
      if (New && !SM.isInSystemHeader(U.Loc))
        Plan.DeclaredUses.push_back({F, U, {U.Rewrite, *New}});
    }
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  const LangOptions &LO;
  const Analysis &A;
  const MacroRecorder &Macros;
  const Options &Opts;
  const PlanContext &PC;
  const WarnPredicate &Warns;

  FixPlan Plan;
  UseIndex Uses;
  std::vector<Registration> Ctors, Dtors;
  llvm::DenseMap<const FunctionDecl *, llvm::BitVector> Touch;
  std::string MallocType, MallocChoice;
  bool NewMallocType = false;
  bool SharedEditsDone = false;
  std::vector<std::string> ForeignBounds;
};

} // namespace

FixPlan planFixes(ASTContext &Ctx, const Analysis &A,
                  const MacroRecorder &Macros, const Options &Opts,
                  const PlanContext &PC, const WarnPredicate &Warns) {
  return Planner(Ctx, A, Macros, Opts, PC, Warns).run();
}

} // namespace modspace

//===--- EditBuilder.cpp - the text of the conversion ---------------------===//

#include "plan/EditBuilder.h"
#include "SourceLines.h"
#include "clang/AST/Stmt.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace modspace {

namespace {

bool blank(llvm::StringRef Text) { return Text.trim(" \t\f\v").empty(); }

} // namespace

EditBuilder::EditBuilder(const PlanInputs &In, FixPlan &Plan)
    : In(In), Plan(Plan) {}

void EditBuilder::add(unsigned Var, CharSourceRange Range, std::string Text) {
  // A macro that expands its argument twice (MIN(), MAX()) shows the same
  // written use twice: one edit.
  std::vector<Edit> &Edits = Plan.Vars[Var].Edits;
  for (const Edit &E : Edits)
    if (E.Range.getAsRange() == Range.getAsRange() && E.Text == Text)
      return;
  Edits.push_back({Range, std::move(Text)});
}

void EditBuilder::insert(SourceLocation At, Join How, int Priority,
                         unsigned Var, std::string Text) {
  auto [FID, Offset] = In.SM.getDecomposedLoc(In.SM.getFileLoc(At));
  auto Key = std::make_pair(FID.getHashValue(), Offset);
  std::vector<Piece> &Pieces = Pools[Key].Pieces;
  Pieces.push_back({How, Priority, Var, std::move(Text),
                    unsigned(Pieces.size())});
  PoolLocs[Key] = In.SM.getFileLoc(At);
}

/// Whether macro definition \p D is in force wherever \p At is compiled.
bool EditBuilder::visible(const AccessorAlias &D, SourceLocation At) const {
  return In.before(D.Defined, At) &&
         (D.Undefined.isInvalid() || In.before(At, D.Undefined)) &&
         In.Conds.encloses(In.regionAt(D.Defined), In.regionAt(At));
}

std::string EditBuilder::accessorAt(unsigned Var, SourceLocation At) const {
  // "V_x" expands to VNET(x): both need VNET.
  if (llvm::none_of(In.Macros.vnetDefinitions(),
                    [&](const AccessorAlias &Vnet) { return visible(Vnet, At); }))
    return "";
  const std::string &Name = In.A.Vars[Var].Name;
  const AccessorAlias *Visible = nullptr;
  for (unsigned I : In.Macros.aliasesOf(Name))
    if (visible(In.Macros.aliases()[I], At))
      Visible = &In.Macros.aliases()[I];
  return Visible ? Visible->Macro : "VNET(" + Name + ")";
}

void EditBuilder::declaration(unsigned Var, const MacroInvocation &Call) {
  add(Var, In.fileRange(Call.Args[0].Range), pointerTo(Call.typeText()));
  if (!Call.Brackets.empty())
    add(Var, In.fileRange(Call.Brackets[0]), "");
}

void EditBuilder::rewriteUse(unsigned Var, const VariableUse &U,
                             llvm::StringRef Bound) {
  if (std::optional<std::string> Text = rewriteText(U, Bound, In.Macros.preprocessor()))
    add(Var, U.Rewrite, *Text);
}

void EditBuilder::removeStatement(unsigned Var, const Stmt *S) {
  const SourceManager &SM = In.SM;
  CharSourceRange R = In.fileRange(S->getSourceRange());
  auto [FID, Begin] = SM.getDecomposedLoc(R.getBegin());
  unsigned End = SM.getFileOffset(R.getEnd());
  llvm::StringRef Buffer = SM.getBufferData(FID);
  size_t Start = lineBegin(Buffer, Begin);
  size_t Stop = lineEnd(Buffer, End);
  llvm::StringRef After = Buffer.slice(End, Stop).trim(" \t");
  // The statement alone on its line: the line goes.
  if (blank(Buffer.slice(Start, Begin)) && After == ";" &&
      Stop < Buffer.size()) {
    add(Var,
        CharSourceRange::getCharRange(
            SM.getComposedLoc(FID, Start),
            SM.getComposedLoc(FID, pastLineEnd(Buffer, Stop))),
        "");
    return;
  }
  // Otherwise the statement and its semicolon.
  SourceLocation AfterSemi = Lexer::findLocationAfterToken(
      SM.getFileLoc(S->getEndLoc()), tok::semi, SM, In.LO, false);
  if (AfterSemi.isInvalid())
    AfterSemi = SM.getComposedLoc(FID, Buffer.find(';', End) + 1);
  add(Var, CharSourceRange::getCharRange(R.getBegin(), AfterSemi), "");
}

SourceLocation EditBuilder::lineStart(SourceLocation Loc) const {
  auto [FID, Offset] = In.SM.getDecomposedLoc(In.SM.getFileLoc(Loc));
  return In.SM.getComposedLoc(FID,
                              lineBegin(In.SM.getBufferData(FID), Offset));
}

SourceLocation EditBuilder::liftedLineStart(SourceLocation Loc,
                                            Conditionals::RegionId To) const {
  Conditionals::RegionId From = In.regionAt(Loc);
  if (From == To)
    return lineStart(Loc);
  // Before the #if that opens the region holding Loc inside To.
  return lineStart(In.Conds.region(In.Conds.childToward(To, From)).IfLoc);
}

SourceLocation EditBuilder::allocationPoint(const FunctionDecl *F,
                                            const Stmt *FirstTouching) const {
  const SourceManager &SM = In.SM;
  const auto *Body = cast<CompoundStmt>(F->getBody());
  Conditionals::RegionId BodyRegion = In.regionAt(Body->getLBracLoc());
  // After the brace and the leading declarations that do not touch the
  // table, as long as they are compiled whenever the body is (not the
  // ones under an #ifdef of their own).
  SourceLocation Anchor = Body->getLBracLoc();
  for (const Stmt *S : Body->body()) {
    if (!isa<DeclStmt>(S) || S == FirstTouching || !S->getEndLoc().isFileID() ||
        !In.Conds.sameConditions(In.regionAt(S->getBeginLoc()), BodyRegion) ||
        !In.Conds.sameConditions(In.regionAt(S->getEndLoc()), BodyRegion))
      break;
    Anchor = S->getEndLoc();
  }
  SourceLocation After = Lexer::getLocForEndOfToken(Anchor, 0, SM, In.LO);
  auto [FID, Offset] = SM.getDecomposedLoc(After);
  llvm::StringRef Buffer = SM.getBufferData(FID);
  size_t Stop = lineEnd(Buffer, Offset);
  if (!blank(Buffer.slice(Offset, Stop)))
    return After; // more on this line: insert inline, after the token
  // The end of the anchor's line, or of the blank line style(9) leaves
  // after the declarations (or the brace of a function without any).
  size_t Next = pastLineEnd(Buffer, Stop);
  size_t NextStop = lineEnd(Buffer, Next);
  if (Next < Buffer.size() && NextStop < Buffer.size() &&
      blank(Buffer.slice(Next, NextStop)))
    Stop = NextStop;
  return SM.getComposedLoc(FID, Stop);
}

SourceLocation EditBuilder::releasePoint(const FunctionDecl *F) const {
  const SourceManager &SM = In.SM;
  SourceLocation Close = cast<CompoundStmt>(F->getBody())->getRBracLoc();
  auto [FID, Offset] = SM.getDecomposedLoc(Close);
  llvm::StringRef Buffer = SM.getBufferData(FID);
  size_t Start = lineBegin(Buffer, Offset);
  if (blank(Buffer.slice(Start, Offset)))
    return SM.getComposedLoc(FID, Start); // "}" alone: a line before it
  return Close;
}

SourceLocation EditBuilder::newPairPoint(Conditionals::RegionId R) const {
  if (R < 0)
    return In.SM.getLocForEndOfFile(In.SM.getMainFileID());
  return lineStart(In.Conds.region(R).End);
}

/// Where a piece inserted at \p At goes: on its own line or inline.
std::string EditBuilder::indentInside(const CompoundStmt *Body,
                                      bool Last) const {
  const SourceManager &SM = In.SM;
  auto StartsLine = [&](SourceLocation L) {
    auto [FID, Offset] = SM.getDecomposedLoc(L);
    llvm::StringRef Buffer = SM.getBufferData(FID);
    return blank(Buffer.slice(lineBegin(Buffer, Offset), Offset));
  };
  const Stmt *Pick = nullptr;
  for (const Stmt *S : Body->body())
    if (!isa<LabelStmt>(S) && S->getBeginLoc().isFileID() &&
        StartsLine(S->getBeginLoc())) {
      Pick = S;
      if (!Last)
        break;
    }
  if (Pick)
    return Lexer::getIndentationForLine(Pick->getBeginLoc(), SM).str();
  SourceLocation Brace = Last ? Body->getRBracLoc() : Body->getLBracLoc();
  return Lexer::getIndentationForLine(Brace, SM).str() + "\t";
}

std::string EditBuilder::allocationText(llvm::StringRef Indent,
                                        llvm::StringRef Accessor,
                                        llvm::StringRef Bound,
                                        llvm::StringRef Type, bool Wrap) const {
  std::string Size = "sizeof(*" + Accessor.str() + "),";
  if (Bound.empty()) { // one structure
    std::string Pieces[] = {Accessor.str() + " = malloc(" + Size,
                            Type.str() + ",", "M_WAITOK | M_ZERO);"};
    return fill(Indent, Pieces, Wrap);
  }
  std::string Pieces[] = {Accessor.str() + " = mallocarray(" + Bound.str() +
                              ",",
                          Size, Type.str() + ",", "M_WAITOK | M_ZERO);"};
  return fill(Indent, Pieces, Wrap);
}

void EditBuilder::allocate(unsigned Var, const FunctionDecl *F,
                           SourceLocation At, llvm::StringRef Bound,
                           llvm::StringRef Type) {
  const auto *Body = cast<CompoundStmt>(F->getBody());
  std::string Accessor = accessorAt(Var, At);
  auto [FID, Offset] = In.SM.getDecomposedLoc(At);
  llvm::StringRef Buffer = In.SM.getBufferData(FID);
  bool OwnLine = Offset >= Buffer.size() || isLineEnd(Buffer[Offset]);
  if (OwnLine)
    insert(At, Join::NewLine, 2, Var,
           allocationText(indentInside(Body, false), Accessor, Bound, Type,
                          true));
  else
    insert(At, Join::After, 2, Var,
           allocationText("", Accessor, Bound, Type, false));
}

void EditBuilder::release(unsigned Var, const FunctionDecl *F,
                          llvm::StringRef Type) {
  const auto *Body = cast<CompoundStmt>(F->getBody());
  SourceLocation At = releasePoint(F);
  std::string Statement =
      "free(" + accessorAt(Var, At) + ", " + Type.str() + ");";
  auto [FID, Offset] = In.SM.getDecomposedLoc(Body->getRBracLoc());
  llvm::StringRef Buffer = In.SM.getBufferData(FID);
  if (blank(Buffer.slice(lineBegin(Buffer, Offset), Offset))) {
    // "}" alone on its line: a line of its own before it.
    insert(At, Join::LineBefore, 2, Var, indentInside(Body, true) + Statement);
    return;
  }
  // "x;}" becomes "x; free(...); }": one space before the first piece.
  bool Spaced = Offset > 0 && (Buffer[Offset - 1] == ' ' ||
                               Buffer[Offset - 1] == '\t');
  bool First = !Pools.count({FID.getHashValue(), Offset});
  insert(At, Join::Before, 2, Var, (Spaced || !First ? "" : " ") + Statement);
}

void EditBuilder::newPair(unsigned Var, bool Ctor, bool Dtor,
                          llvm::StringRef Bound, llvm::StringRef Type) {
  Conditionals::RegionId R = In.regionAt(In.A.Vars[Var].Loc);
  SourceLocation At = newPairPoint(R);
  std::string Accessor = accessorAt(Var, At);
  PairPiece P{Var, "", ""};
  if (Ctor)
    P.Alloc = allocationText("\t", Accessor, Bound, Type, true);
  if (Dtor)
    P.Free = "\tfree(" + Accessor + ", " + Type.str() + ");";
  Pairs[R].push_back(std::move(P));
}

std::string EditBuilder::uniqueFunctionName(const std::string &Base) const {
  Preprocessor &PP = In.Macros.preprocessor();
  // A function, a macro, or a registration's ident (VNET_SYSINIT(ident,
  // ...) defines names made from it).
  auto Taken = [&](llvm::StringRef Name) {
    return !In.Ctx.getTranslationUnitDecl()
                ->lookup(&In.Ctx.Idents.get(Name))
                .empty() ||
           PP.isMacroDefined(Name) ||
           llvm::any_of(In.Macros.invocations(), [&](const MacroInvocation &C) {
             return isRegistration(C.Role) && !C.Args.empty() &&
                    C.Args[0].text() == Name;
           });
  };
  std::string Name = Base;
  for (unsigned N = 2; Taken(Name); ++N)
    Name = Base + "_" + std::to_string(N);
  return Name;
}

std::string EditBuilder::pairText(Conditionals::RegionId R,
                                  const std::vector<PairPiece> &Pieces) const {
  // The parameter must not be named like a table the body uses: without
  // VIMAGE, V_unused is plain "unused".
  std::string ParamName = "unused";
  for (unsigned N = 2; llvm::any_of(Pieces, [&](const PairPiece &P) {
         return In.A.Vars[P.Var].Name == ParamName;
       });
       ++N)
    ParamName = "unused" + std::to_string(N);
  std::string Param = "const void *" + ParamName +
                      (In.PC.HaveUnused ? " __unused" : "");
  std::string Base = "vnet_" + In.A.Vars[Pieces.front().Var].Name;
  std::string Out;
  auto Function = [&](llvm::StringRef Suffix, llvm::StringRef Macro,
                      bool Allocs) {
    std::string Body;
    for (const PairPiece &P : Pieces) {
      const std::string &S = Allocs ? P.Alloc : P.Free;
      if (!S.empty())
        Body += S + "\n";
    }
    if (Body.empty())
      return;
    std::string Name = uniqueFunctionName(Base + Suffix.str());
    std::string Pieces[] = {Macro.str() + "(" + Name + ",", "SI_SUB_INIT_IF,",
                            "SI_ORDER_FIRST,"};
    Out += "\nstatic void\n" + Name + "(" + Param + ")\n{\n\n" + Body + "}\n" +
           fill("", Pieces, true) + "\n    " + Name + ", NULL);\n";
  };
  Function("_alloc", "VNET_SYSINIT", true);
  Function("_free", "VNET_SYSUNINIT", false);
  if (R < 0) {
    llvm::StringRef Buffer = In.SM.getBufferData(In.SM.getMainFileID());
    if (!Buffer.empty() && !isLineEnd(Buffer.back()))
      Out = "\n" + Out;
  }
  return Out;
}

void EditBuilder::defineMallocType(llvm::StringRef Name,
                                   llvm::ArrayRef<unsigned> Users) {
  SourceLocation First;
  Conditionals::RegionId Common = In.regionAt(In.A.Vars[Users[0]].Loc);
  for (unsigned Var : Users) {
    // In the main file: a header's VNET_DECLARE may come first, and other
    // files include that header.
    SourceLocation Decl = In.mainFileAnchor(Var);
    if (First.isInvalid() || In.before(Decl, First))
      First = Decl;
    Common = In.Conds.common(Common, In.regionAt(In.A.Vars[Var].Loc));
  }
  const std::string &Stem = In.PC.FileStem;
  std::string Pieces[] = {"static MALLOC_DEFINE(" + Name.str() + ",",
                          "\"" + Stem + "\",", "\"" + Stem + " per-vnet tables\");"};
  insert(liftedLineStart(First, Common), Join::Block, 1, Users[0],
         fill("", Pieces, true) + "\n\n");
}

void EditBuilder::includeMalloc(unsigned Var) {
  Preprocessor &PP = In.Macros.preprocessor();
  const MacroInfo *MI = PP.getMacroInfo(&In.Ctx.Idents.get("MALLOC_DEFINE"));
  if ((MI && In.Conds.encloses(In.regionAt(MI->getDefinitionLoc()),
                               In.regionAt(In.A.Vars[Var].Loc))) ||
      IncludeDone)
    return;
  IncludeDone = true;
  // style(9): <sys/param.h> (or <sys/types.h>) first, then the other
  // <sys/...> headers in alphabetical order; only unconditional ones.
  const SourceManager &SM = In.SM;
  SourceLocation Before, AfterSys, AfterAny;
  for (const MacroRecorder::Include &Inc : In.Macros.mainFileIncludes()) {
    if (In.regionAt(Inc.HashLoc) >= 0)
      continue;
    auto [FID, Offset] = SM.getDecomposedLoc(Inc.HashLoc);
    llvm::StringRef Buffer = SM.getBufferData(FID);
    SourceLocation Next = SM.getComposedLoc(
        FID, pastLineEnd(Buffer, lineEnd(Buffer, Offset)));
    llvm::StringRef Name = Inc.Name;
    bool Sys = Inc.Angled && Name.starts_with("sys/");
    if (Sys && Name != "sys/param.h" && Name != "sys/types.h" &&
        Name > "sys/malloc.h" && Before.isInvalid())
      Before = lineStart(Inc.HashLoc);
    if (Sys)
      AfterSys = Next;
    AfterAny = Next;
  }
  SourceLocation At = Before.isValid()     ? Before
                      : AfterSys.isValid() ? AfterSys
                      : AfterAny.isValid()
                          ? AfterAny
                          : SM.getLocForStartOfFile(SM.getMainFileID());
  insert(At, Join::Block, 0, Var, "#include <sys/malloc.h>\n");
}

namespace {

/// Adds \p Rs to \p To, file by file; false at the first that conflicts.
bool addAll(std::map<std::string, tooling::Replacements> &To,
            llvm::ArrayRef<tooling::Replacement> Rs) {
  for (const tooling::Replacement &R : Rs)
    if (llvm::Error Err = To[R.getFilePath().str()].add(R)) {
      llvm::consumeError(std::move(Err));
      return false;
    }
  return true;
}

} // namespace

std::vector<unsigned> EditBuilder::finish() {
  // The new pairs, one per region.
  for (auto &[Region, Pieces] : Pairs)
    insert(newPairPoint(Region), Join::Block, 3, Pieces.front().Var,
           pairText(Region, Pieces));
  Pairs.clear();

  // Each pool becomes one insertion, carried by its first variable.
  for (auto &[Key, Pool] : Pools) {
    llvm::sort(Pool.Pieces, [](const Piece &L, const Piece &R) {
      return std::tie(L.Priority, L.Var, L.Seq) <
             std::tie(R.Priority, R.Var, R.Seq);
    });
    std::string Text;
    unsigned Owner = Pool.Pieces.front().Var;
    for (const Piece &P : Pool.Pieces) {
      Owner = std::min(Owner, P.Var);
      switch (P.How) {
      case Join::NewLine:
        Text += "\n" + P.Text;
        break;
      case Join::LineBefore:
        Text += P.Text + "\n";
        break;
      case Join::After:
        Text += " " + P.Text;
        break;
      case Join::Before:
        Text += P.Text + " ";
        break;
      case Join::Block:
        Text += P.Text;
        break;
      }
    }
    SourceLocation At = PoolLocs[Key];
    llvm::StringRef Buffer = In.SM.getBufferData(In.SM.getFileID(At));
    add(Owner, CharSourceRange::getCharRange(At, At),
        withLineEnding(Text, lineEnding(Buffer)));
  }
  Pools.clear();

  // No two edits of the TU may depend on the order they are applied in.
  // A variable's edits can meet the accepted ones only where they touch
  // (overlap, adjoin, share an offset): only such a variable pays for a
  // trial copy of the accepted set, so that the check stays linear in a
  // TU with thousands of tables.
  std::vector<unsigned> Conflicts;
  std::map<std::string, tooling::Replacements> Files;
  // Per file, the accepted edits' [offset, end], by offset.
  std::map<std::string, std::map<unsigned, unsigned>> Taken;
  auto Touches = [&](const tooling::Replacement &R) {
    const std::map<unsigned, unsigned> &T = Taken[R.getFilePath().str()];
    unsigned Begin = R.getOffset(), End = Begin + R.getLength();
    auto It = T.upper_bound(End); // the first accepted edit past this one
    return It != T.begin() && std::prev(It)->second >= Begin;
  };
  for (unsigned Var = 0; Var < Plan.Vars.size(); ++Var) {
    VariablePlan &P = Plan.Vars[Var];
    if (P.State != VariablePlan::Planned)
      continue;
    std::vector<tooling::Replacement> Mine;
    bool Ok = true, Near = false;
    for (const Edit &E : P.Edits) {
      if (E.Range.isInvalid()) {
        Ok = false;
        break;
      }
      Mine.emplace_back(In.SM, E.Range, E.Text, In.LO);
      Near = Near || Touches(Mine.back());
    }
    // Far from every accepted edit, only its own edits can conflict:
    // tried alone, then added.  Near one, tried on a copy of the accepted
    // set, which then replaces it.
    std::map<std::string, tooling::Replacements> Trial;
    if (Ok && Near)
      Trial = Files;
    if (!Ok || !addAll(Trial, Mine) || (!Near && !addAll(Files, Mine))) {
      Conflicts.push_back(Var);
      continue;
    }
    if (Near)
      Files = std::move(Trial);
    for (const tooling::Replacement &R : Mine) {
      unsigned &End = Taken[R.getFilePath().str()][R.getOffset()];
      End = std::max(End, R.getOffset() + R.getLength());
    }
  }
  return Conflicts;
}

} // namespace modspace

//===--- SysctlRewrite.cpp - a sysctl export into a handler ---------------===//

#include "plan/SysctlRewrite.h"
#include "SourceLines.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Lex/MacroInfo.h"

using namespace clang;

namespace modspace {

namespace {

/// \p Text without blanks: "& VNET_NAME ( x )" reads "&VNET_NAME(x)".
std::string squeezed(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text)
    if (C != ' ' && C != '\t')
      Out += C;
  return Out;
}

/// \p Text without the parentheses that enclose all of it.
llvm::StringRef unparenthesised(llvm::StringRef Text) {
  while (Text.size() >= 2 && Text.front() == '(' && Text.back() == ')') {
    int Depth = 0;
    bool Whole = true;
    for (size_t I = 0; I + 1 < Text.size(); ++I) {
      Depth += Text[I] == '(' ? 1 : Text[I] == ')' ? -1 : 0;
      if (Depth == 0) {
        Whole = false;
        break;
      }
    }
    if (!Whole)
      break;
    Text = Text.drop_front().drop_back();
  }
  return Text;
}

/// What an access flag of a read-only export does to the rewrite.
enum class Flag { Keep, Writes, Unknown };

Flag flagKind(llvm::StringRef Name) {
  return llvm::StringSwitch<Flag>(Name)
      .Cases("CTLFLAG_RD", "CTLFLAG_VNET", "CTLFLAG_MPSAFE", "CTLFLAG_SKIP",
             "CTLFLAG_CAPRD", "CTLFLAG_STATS", Flag::Keep)
      .Cases("CTLFLAG_WR", "CTLFLAG_RW", "CTLFLAG_ANYBODY", "CTLFLAG_SECURE",
             "CTLFLAG_PRISON", "CTLFLAG_CAPRW", "CTLFLAG_CAPWR", Flag::Writes)
      .Cases("CTLFLAG_TUN", "CTLFLAG_RDTUN", "CTLFLAG_RWTUN",
             "CTLFLAG_NOFETCH", Flag::Writes)
      .Default(Flag::Unknown);
}

/// The identifiers of \p Text and, transitively, of the bodies of the
/// macros among them: what the text may mean once expanded.
llvm::StringSet<> namesReached(Preprocessor &PP, llvm::StringRef Text) {
  llvm::StringSet<> Out;
  std::vector<std::string> Work;
  auto Add = [&](llvm::StringRef Name) {
    if (Out.insert(Name).second)
      Work.push_back(Name.str());
  };
  for (size_t I = 0; I < Text.size();) {
    if (!isAsciiIdentifierStart(Text[I])) {
      // Skip a number's letters (0x1f, 10u) with it.
      size_t J = I + 1;
      if (isDigit(Text[I]))
        while (J < Text.size() && isAsciiIdentifierContinue(Text[J]))
          ++J;
      I = J;
      continue;
    }
    size_t J = I;
    while (J < Text.size() && isAsciiIdentifierContinue(Text[J]))
      ++J;
    Add(Text.slice(I, J));
    I = J;
  }
  while (!Work.empty()) {
    std::string Name = Work.back();
    Work.pop_back();
    const IdentifierInfo *II = PP.getIdentifierInfo(Name);
    const MacroInfo *MI = II ? PP.getMacroInfo(II) : nullptr;
    if (MI)
      for (const Token &T : MI->tokens())
        if (const IdentifierInfo *Used = T.getIdentifierInfo())
          Add(Used->getName());
  }
  return Out;
}

/// The handler's local: a name that is no macro, not the table's, and
/// that nothing the bound or the type expands to uses.
std::string localName(Preprocessor &PP, llvm::StringRef Avoid,
                      const llvm::StringSet<> &Reached) {
  std::string Name = "table";
  for (unsigned N = 2;
       PP.isMacroDefined(Name) || Name == Avoid || Reached.count(Name); ++N)
    Name = "table" + std::to_string(N);
  return Name;
}

/// Whether the main file names \p Flag as a token (not in a comment).
bool mainFileNames(const SourceManager &SM, const LangOptions &LO,
                   llvm::StringRef Flag) {
  FileID Main = SM.getMainFileID();
  llvm::StringRef Buffer = SM.getBufferData(Main);
  if (!Buffer.contains(Flag))
    return false;
  Lexer Raw(SM.getLocForStartOfFile(Main), LO, Buffer.begin(), Buffer.begin(),
            Buffer.end());
  Token Tok;
  for (Raw.LexFromRawLexer(Tok); Tok.isNot(tok::eof);
       Raw.LexFromRawLexer(Tok))
    if (Tok.is(tok::raw_identifier) && Tok.getRawIdentifier() == Flag)
      return true;
  return false;
}

/// Whether \p Name is a macro standing for VNET(x), parenthesised or not
/// ("#define V_x VNET(x)", "#define V_x (VNET(x))").
bool accessorMacro(Preprocessor &PP, llvm::StringRef Name,
                   llvm::StringRef Var) {
  const IdentifierInfo *II = PP.getIdentifierInfo(Name);
  const MacroInfo *MI = II ? PP.getMacroInfo(II) : nullptr;
  if (!MI || MI->isFunctionLike())
    return false;
  std::string Body;
  for (const Token &T : MI->tokens())
    Body += PP.getSpelling(T);
  return unparenthesised(Body) == "VNET(" + Var.str() + ")";
}

} // namespace

bool isSysctlExport(const VariableUse &U) {
  return U.Kind == UseKind::RawName &&
         (U.Context == "SYSCTL_OPAQUE" || U.Context == "SYSCTL_STRUCT");
}

SysctlEdit rewriteSysctl(
    const PlanInputs &In, unsigned I, const VariableUse &U,
    llvm::function_ref<std::string(llvm::StringRef, llvm::StringRef)>
        NameFor) {
  const ModuleVariable &V = In.A.Vars[I];
  const SourceManager &SM = In.SM;
  SysctlEdit Out;
  Out.At = U.Loc;
  auto Refuse = [&](std::string Why) {
    Out.Why = std::move(Why);
    return Out;
  };

  // The export as written: the invocation whose text holds the use.
  const MacroInvocation *Call = nullptr;
  for (const MacroInvocation &Each : In.Macros.invocations()) {
    if (Each.Role != MacroRole::SysctlExport || Each.Nested)
      continue; // (SYSCTL_STRUCT's own SYSCTL_OPAQUE is nested)
    CharSourceRange R = In.fileRange(Each.Range);
    if (R.isValid() && SM.getFileID(R.getBegin()) == SM.getFileID(U.Loc) &&
        !SM.isBeforeInTranslationUnit(U.Loc, R.getBegin()) &&
        SM.isBeforeInTranslationUnit(U.Loc, R.getEnd())) {
      Call = &Each;
      Out.Range = R;
    }
  }
  bool Struct = Call && Call->Macro == "SYSCTL_STRUCT";
  if (!Call || Call->Args.size() != (Struct ? 7u : 8u))
    return Refuse("it is not written as a SYSCTL_OPAQUE or SYSCTL_STRUCT "
                  "invocation of its own, which the rewrite needs");
  if (!SM.isWrittenInMainFile(Out.Range.getBegin()))
    return Refuse("it is written in a header, where a handler would be "
                  "defined in every file that includes it");
  auto Arg = [&](unsigned N) -> llvm::StringRef {
    return Call->Args[N].text();
  };
  if (squeezed(Arg(4)) != "&VNET_NAME(" + V.Name + ")")
    return Refuse("its pointer is not written '&VNET_NAME(" + V.Name + ")'");

  // Read-only, per vnet, and only flags whose meaning the handler keeps.
  bool Vnet = false, Read = false, MpSafe = false;
  std::string Flags = unparenthesised(squeezed(Arg(3))).str();
  llvm::SmallVector<llvm::StringRef, 4> Pieces;
  llvm::StringRef(Flags).split(Pieces, '|');
  for (llvm::StringRef Piece : Pieces) {
    llvm::StringRef F = unparenthesised(Piece);
    switch (flagKind(F)) {
    case Flag::Writes:
      return Refuse("it is writable or tunable ('" + F.str() +
                    "'), and the rewrite only copies the table out");
    case Flag::Unknown:
      return Refuse("its access '" + Arg(3).str() +
                    "' has a part modspace does not know ('" + F.str() +
                    "')");
    case Flag::Keep:
      Vnet = Vnet || F == "CTLFLAG_VNET";
      Read = Read || F == "CTLFLAG_RD";
      MpSafe = MpSafe || F == "CTLFLAG_MPSAFE";
      break;
    }
  }
  if (!Read)
    return Refuse("it is not CTLFLAG_RD");
  if (!Vnet)
    return Refuse("it has no CTLFLAG_VNET, so it exports the master copy, "
                  "not a vnet's");

  // The whole table, and the format that says so.
  bool Object = isObject(V);
  std::string Format;
  if (Struct) {
    const RecordDecl *Record = V.Decl->getType()->getAsRecordDecl();
    if (!Object || !Record || !Record->getIdentifier() ||
        Record->getName() != squeezed(Arg(5)))
      return Refuse("it exports 'struct " + Arg(5).str() +
                    "', not the whole " +
                    (Object ? "structure" : "table"));
    Format = "\"S," + Arg(5).str() + "\"";
  } else {
    std::string Size = squeezed(unparenthesised(squeezed(Arg(5))));
    // sizeof(A), sizeof A, sizeof((A)) for A = VNET(x) or an accessor.
    llvm::StringRef Operand = Size;
    bool Whole = Operand.consume_front("sizeof");
    std::string Inner = unparenthesised(Operand).str();
    Whole = Whole && (Inner == "VNET(" + V.Name + ")" ||
                      accessorMacro(In.Macros.preprocessor(), Inner, V.Name));
    if (!Whole)
      return Refuse("its size '" + Arg(5).str() +
                    "' is not written as the size of the whole " +
                    (Object ? "structure" : "table") + " ('sizeof(V_" +
                    V.Name + ")')");
    Format = Arg(6).str();
  }
  if (!In.boundDiffers(I, Out.Range.getBegin(), nullptr).empty())
    return Refuse("its bound does not mean at the sysctl what it means at "
                  "the declaration");

  // style(9): the file's own habit for CTLFLAG_MPSAFE.
  llvm::StringRef Buffer = SM.getBufferData(SM.getMainFileID());
  std::string Access = Arg(3).str();
  if (!MpSafe && mainFileNames(SM, In.LO, "CTLFLAG_MPSAFE"))
    Access += " | CTLFLAG_MPSAFE";

  // The handler's parameters and local must not hide a name the bound or
  // the element type stands for.
  Preprocessor &PP = In.Macros.preprocessor();
  llvm::StringSet<> Reached = namesReached(
      PP, V.Invocation->BoundText + " " + V.Invocation->typeText().str());
  for (const char *Param : {"oidp", "arg1", "arg2", "req"})
    if (Reached.count(Param))
      return Refuse("its bound or type stands for '" + std::string(Param) +
                    "', which the handler's parameter of that name would "
                    "hide");
  std::string Handler = NameFor(Arg(0), Arg(2));
  std::string Table = localName(PP, V.Name, Reached);
  std::string Pointer = pointerTo(V.Invocation->typeText());
  std::string Size = Object ? "sizeof(*" + Table + ")"
                            : boundExpression(V.Invocation->BoundText, PP) +
                                  " * sizeof(*" + Table + ")";
  std::string Text =
      "static int\n" + Handler + "(SYSCTL_HANDLER_ARGS)\n{\n\t" +
      Pointer + Table + ";\n\n" +
      "\t/* This vnet's pointer: CTLFLAG_VNET rebases &VNET_NAME(" + V.Name +
      "). */\n" + "\t" + Table + " = *(" + pointerTo(Pointer) + ")arg1;\n" +
      "\tif (" + Table + " == NULL)\t/* not allocated in this vnet */\n" +
      "\t\treturn (0);\n" +
      fill("\t", {"return (SYSCTL_OUT(req,", Table + ",", Size + "));"},
           true) +
      "\n}\n";
  std::string Proc[] = {"SYSCTL_PROC(" + Arg(0).str() + ",",
                        Arg(1).str() + ",",
                        Arg(2).str() + ",",
                        "CTLTYPE_OPAQUE | " + Access + ",",
                        "&VNET_NAME(" + V.Name + "),",
                        "0,",
                        Handler + ",",
                        Format + ",",
                        Arg(Struct ? 6 : 7).str() + ")"};
  Text += fill("", Proc, true);
  // A blank line between the handler and what comes before it.
  size_t Start = lineBegin(Buffer, SM.getFileOffset(Out.Range.getBegin()));
  if (Start > 0) {
    size_t End = Start - 1; // the previous line's end, "\r\n" as one
    if (End > 0 && Buffer[End] == '\n' && Buffer[End - 1] == '\r')
      --End;
    if (!Buffer.slice(lineBegin(Buffer, End), End).trim().empty())
      Text = "\n" + Text;
  }
  Out.Text = withLineEnding(Text, lineEnding(Buffer));
  return Out;
}

} // namespace modspace

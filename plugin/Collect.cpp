//===--- Collect.cpp - find per-vnet and per-CPU variables ----------------===//

#include "Collect.h"
#include "clang/AST/Attr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroArgs.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallString.h"
#include <iterator>

using namespace clang;

namespace modspace {

namespace {

/// The macros the recorder looks for, with what they do.
struct TrackedMacro {
  llvm::StringLiteral Name;
  MacroRole Role;
  SpaceKind Kind;
};
constexpr TrackedMacro TrackedMacros[] = {
    {"VNET_DEFINE", MacroRole::Define, SpaceKind::Vnet},
    {"VNET_DEFINE_STATIC", MacroRole::Define, SpaceKind::Vnet},
    {"VNET_PCPUSTAT_DEFINE", MacroRole::Define, SpaceKind::Vnet},
    {"VNET_PCPUSTAT_DEFINE_STATIC", MacroRole::Define, SpaceKind::Vnet},
    {"DPCPU_DEFINE", MacroRole::Define, SpaceKind::Pcpu},
    {"DPCPU_DEFINE_STATIC", MacroRole::Define, SpaceKind::Pcpu},
    {"VNET_DECLARE", MacroRole::Declare, SpaceKind::Vnet},
    {"MALLOC_DEFINE", MacroRole::MallocDefine, SpaceKind::Vnet},
    {"VNET_SYSINIT", MacroRole::Sysinit, SpaceKind::Vnet},
    {"VNET_SYSUNINIT", MacroRole::Sysuninit, SpaceKind::Vnet},
    {"SYSINIT", MacroRole::PlainSysinit, SpaceKind::Vnet},
    {"SYSUNINIT", MacroRole::PlainSysuninit, SpaceKind::Vnet},
    {"SYSCTL_OPAQUE", MacroRole::SysctlExport, SpaceKind::Vnet},
    {"SYSCTL_STRUCT", MacroRole::SysctlExport, SpaceKind::Vnet},
};
constexpr unsigned NumTracked = std::size(TrackedMacros);

/// Bit N set when a tracked name (or "VNET") that begins with \p First is
/// N characters long: by these two, most macro names are none.
constexpr uint64_t trackedLengths(char First) {
  uint64_t Mask = First == 'V' ? uint64_t(1) << 4 : 0; // VNET
  for (const TrackedMacro &M : TrackedMacros)
    if (M.Name.data()[0] == First)
      Mask |= uint64_t(1) << M.Name.size();
  return Mask;
}
constexpr uint64_t LengthsV = trackedLengths('V');
constexpr uint64_t LengthsD = trackedLengths('D');
constexpr uint64_t LengthsM = trackedLengths('M');
constexpr uint64_t LengthsS = trackedLengths('S');
constexpr bool trackedNamesFit() {
  for (const TrackedMacro &M : TrackedMacros)
    if (M.Name.size() >= 64 ||
        (M.Name.data()[0] != 'V' && M.Name.data()[0] != 'D' &&
         M.Name.data()[0] != 'M' && M.Name.data()[0] != 'S'))
      return false;
  return true;
}
static_assert(trackedNamesFit(), "each name begins with V, D, M or S and "
                                 "has fewer than 64 characters");

/// Whether \p II may be a tracked macro's name, or VNET.
bool mayBeTracked(const IdentifierInfo *II) {
  unsigned Length = II->getLength();
  if (Length >= 64)
    return false;
  uint64_t Lengths;
  switch (II->getNameStart()[0]) {
  case 'V':
    Lengths = LengthsV;
    break;
  case 'D':
    Lengths = LengthsD;
    break;
  case 'M':
    Lengths = LengthsM;
    break;
  case 'S':
    Lengths = LengthsS;
    break;
  default:
    return false;
  }
  return Lengths >> Length & 1;
}

/// Finds the top-level [...] groups of a name argument such as
/// "viftable[MAXVIFS]" or "grid[3][5] __aligned(8)".
void readBrackets(Preprocessor &PP, const Token *Arg, MacroInvocation &Call) {
  int Depth = 0;
  SourceLocation Open;
  std::string Inner;
  for (; Arg->isNot(tok::eof); ++Arg) {
    if (Arg->isOneOf(tok::l_paren, tok::l_brace) ||
        (Arg->is(tok::l_square) && Depth > 0)) {
      ++Depth;
    } else if (Arg->isOneOf(tok::r_paren, tok::r_brace) ||
               (Arg->is(tok::r_square) && Depth > 1)) {
      --Depth;
    } else if (Arg->is(tok::l_square)) {
      Depth = 1;
      Open = Arg->getLocation();
      Inner.clear();
      continue;
    } else if (Arg->is(tok::r_square) && Depth == 1) {
      Depth = 0;
      Call.Brackets.push_back(SourceRange(Open, Arg->getLocation()));
      if (Call.Brackets.size() == 1)
        Call.BoundText = Inner;
      continue;
    }
    if (Depth > 0) {
      if (!Inner.empty() && Arg->hasLeadingSpace())
        Inner += ' ';
      llvm::SmallString<32> Buffer;
      Inner += PP.getSpelling(*Arg, Buffer);
    }
  }
}

/// The tracked defining or declaring macro called \p Name, or null.
const TrackedMacro *trackedDefiner(llvm::StringRef Name) {
  for (const TrackedMacro &M : TrackedMacros)
    if (Name == M.Name &&
        (M.Role == MacroRole::Define || M.Role == MacroRole::Declare))
      return &M;
  return nullptr;
}

/// Where \p Name is written in the file range \p Written (the name of a
/// variable as the user passed it to their own macro); invalid if not.
SourceLocation spelledName(const SourceManager &SM, const LangOptions &LO,
                           CharSourceRange Written, llvm::StringRef Name) {
  auto [FID, Offset] = SM.getDecomposedLoc(Written.getBegin());
  unsigned End = SM.getFileOffset(Written.getEnd());
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return {};
  Lexer Raw(SM.getLocForStartOfFile(FID), LO, Buffer.begin(),
            Buffer.begin() + Offset, Buffer.end());
  Token Tok;
  for (Raw.LexFromRawLexer(Tok);
       Tok.isNot(tok::eof) && SM.getFileOffset(Tok.getLocation()) <= End;
       Raw.LexFromRawLexer(Tok))
    if (Tok.is(tok::raw_identifier) && Tok.getRawIdentifier() == Name)
      return Tok.getLocation();
  return {};
}

/// Strips the token-pasted prefix VNET_NAME/DPCPU_NAME adds.
llvm::StringRef macroName(llvm::StringRef Symbol) {
  if (!Symbol.consume_front("vnet_entry_"))
    Symbol.consume_front("pcpu_entry_");
  return Symbol;
}

} // namespace

MacroArgument::MacroArgument(const Preprocessor &PP, const Token *Arg)
    : PP(&PP) {
  for (; Arg->isNot(tok::eof); ++Arg)
    Tokens.push_back(*Arg);
  if (!Tokens.empty())
    Range = SourceRange(Tokens.front().getLocation(),
                        Tokens.back().getLocation());
}

const std::string &MacroArgument::text() const {
  if (!Text) {
    // The tokens' spellings stay where they are (a file's buffer, the
    // identifier table, the scratch buffer) for the whole TU.
    Text.emplace();
    llvm::SmallString<32> Buffer; // spellings without a std::string each
    for (const Token &Tok : Tokens) {
      if (!Text->empty() && Tok.hasLeadingSpace())
        *Text += ' ';
      *Text += PP->getSpelling(Tok, Buffer);
    }
  }
  return *Text;
}

llvm::StringRef spaceSection(SpaceKind K) {
  return K == SpaceKind::Vnet ? "set_vnet" : "set_pcpu";
}

llvm::StringRef spaceName(SpaceKind K) {
  return K == SpaceKind::Vnet ? "vnet" : "pcpu";
}

MacroRecorder::MacroRecorder(Preprocessor &PP)
    : PP(PP), Tracked(NumTracked, nullptr) {}

bool MacroRecorder::inMainFile(SourceLocation Loc) const {
  return Loc.isFileID() && PP.getSourceManager().isWrittenInMainFile(Loc);
}

void MacroRecorder::MacroExpands(const Token &MacroNameTok,
                                 const MacroDefinition &MD, SourceRange Range,
                                 const MacroArgs *Args) {
  if (Refs)
    Refs->expanded(MD.getLocalDirective(), MacroNameTok.getLocation());
  // Every expansion of the TU comes here.  Each tracked macro takes two
  // arguments or more; then one probe of a small table.
  if (!Args || Args->getNumMacroArguments() < 2)
    return;
  const IdentifierInfo *II = MacroNameTok.getIdentifierInfo();
  unsigned Slot = trackedSlot(II), Which = NumTracked;
  for (; TrackedSlots[Slot].first; Slot = (Slot + 1) % TrackedSlots.size())
    if (TrackedSlots[Slot].first == II) {
      Which = TrackedSlots[Slot].second;
      break;
    }
  if (Which == NumTracked)
    return;
  recordInvocation(Which, MacroNameTok, Range, Args);
}

void MacroRecorder::recordInvocation(unsigned Which, const Token &MacroNameTok,
                                     SourceRange Range, const MacroArgs *Args) {
  const TrackedMacro &M = TrackedMacros[Which];
  MacroInvocation Call;
  Call.Macro = M.Name;
  Call.Role = M.Role;
  Call.Kind = M.Kind;
  Call.NameLoc = MacroNameTok.getLocation();
  Call.Range = Range;
  Call.Nested = Call.NameLoc.isMacroID();
  unsigned NumArgs = Args->getNumMacroArguments();
  Call.Args.reserve(NumArgs);
  for (unsigned I = 0; I < NumArgs; ++I)
    Call.Args.emplace_back(PP, Args->getUnexpArgument(I));
  const Token *NameArg = Args->getUnexpArgument(1);
  if (NameArg->getIdentifierInfo()) {
    llvm::SmallString<32> Buffer; // an identifier's name, unless a UCN
    Call.Identifier = PP.getSpelling(*NameArg, Buffer).str();
    Call.IdentLoc = NameArg->getLocation();
  }
  if (M.Role == MacroRole::Define || M.Role == MacroRole::Declare) {
    readBrackets(PP, NameArg, Call);
    SourceLocation Key = PP.getSourceManager().getExpansionLoc(Call.NameLoc);
    ByExpansion[Key].push_back(Calls.size());
    if (!Call.Identifier.empty())
      DefinedNames.insert(Call.Identifier);
  }
  Calls.push_back(std::move(Call));
}

ReferenceIndex &MacroRecorder::indexReferences(uint64_t MinVnet,
                                               uint64_t MinPcpu) {
  if (!Refs)
    Refs = std::make_unique<ReferenceIndex>(PP, MinVnet, MinPcpu);
  return *Refs;
}

void MacroRecorder::FileChanged(SourceLocation Loc, FileChangeReason Reason,
                                SrcMgr::CharacteristicKind, FileID) {
  // The main file itself, not the predefines buffer (which an AST file's
  // reader enters too, and which counts as "in" the main file).
  const SourceManager &SM = PP.getSourceManager();
  if (Reason == EnterFile && !SawMainFile)
    SawMainFile = SM.getFileID(Loc) == SM.getMainFileID();
  if (Refs) {
    Refs->textBroken();
    if (Reason == EnterFile)
      Refs->entered(SM.getIncludeLoc(SM.getFileID(Loc)));
  }
}

void MacroRecorder::PragmaDirective(SourceLocation,
                                    PragmaIntroducerKind Introducer) {
  // A _Pragma's string has a lexer of its own, and may come from a
  // macro's body: what it names is not in the file's text.
  if (Refs && Introducer != PIK_HashPragma)
    Refs->textBroken();
}

void MacroRecorder::recoverFromExpansions(const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  auto Recover = [&](const VarDecl *VD) {
    SourceLocation Loc = VD->getLocation();
    if (!Loc.isMacroID())
      return;
    // The outermost expansion is the invocation as the user wrote it.
    SourceLocation Begin = SM.getExpansionRange(Loc).getBegin();
    std::string Name = macroName(VD->getName()).str();
    auto Known = ByExpansion.find(Begin);
    if (Known != ByExpansion.end() &&
        llvm::any_of(Known->second,
                     [&](unsigned I) { return Calls[I].Identifier == Name; }))
      return;
    if (Known == ByExpansion.end() && recoverInvocation(Begin))
      return;
    // Not one modspace tracks: the user's own macro around one.  Find the
    // tracked macro among the expansions that produced the name; its
    // arguments are the wrapper's, so only the name is recovered.
    // Upwards from the name: through each argument substitution to the
    // body it was substituted into, and from each body to the invocation
    // that expanded it, noting the tracked macros on the way.
    llvm::SmallVector<std::pair<const TrackedMacro *, CharSourceRange>, 2>
        Found;
    for (SourceLocation L = Loc; L.isMacroID();) {
      CharSourceRange Invocation = SM.getImmediateExpansionRange(L);
      if (!SM.isMacroArgExpansion(L))
        if (const TrackedMacro *M = trackedDefiner(
                Lexer::getImmediateMacroName(L, SM, Ctx.getLangOpts())))
          Found.push_back({M, Invocation});
      L = Invocation.getBegin();
    }
    // Outermost first, as the preprocessor would have recorded them.
    for (auto &[M, Invocation] : llvm::reverse(Found)) {
      MacroInvocation Call;
      Call.Macro = M->Name;
      Call.Role = M->Role;
      Call.Kind = M->Kind;
      Call.NameLoc = Invocation.getBegin();
      Call.Range = Invocation.getAsRange();
      Call.Nested = Call.NameLoc.isMacroID();
      Call.Args.resize(2);
      Call.Identifier = Name;
      Call.IdentLoc = spelledName(SM, Ctx.getLangOpts(),
                                  SM.getExpansionRange(Loc), Name);
      ByExpansion[Begin].push_back(Calls.size());
      DefinedNames.insert(Name);
      Calls.push_back(std::move(Call));
    }
  };
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    if (const auto *VD = dyn_cast<VarDecl>(D))
      Recover(VD);
    // VNET_DEFINE_STATIC in a function: a static local.
    if (const auto *FD = dyn_cast<FunctionDecl>(D))
      if (FD->doesThisDeclarationHaveABody())
        for (const Decl *Local : FD->decls())
          if (const auto *VD = dyn_cast<VarDecl>(Local))
            if (VD->isStaticLocal())
              Recover(VD);
  }
}

bool MacroRecorder::recoverInvocation(SourceLocation Begin) {
  const SourceManager &SM = PP.getSourceManager();
  auto [FID, Offset] = SM.getDecomposedLoc(Begin);
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return false;
  Lexer Raw(SM.getLocForStartOfFile(FID), PP.getLangOpts(), Buffer.begin(),
            Buffer.begin() + Offset, Buffer.end());
  Token Name, Tok;
  Raw.LexFromRawLexer(Name);
  if (Name.isNot(tok::raw_identifier))
    return false;
  const TrackedMacro *M = trackedDefiner(Name.getRawIdentifier());
  if (!M)
    return false;
  Raw.LexFromRawLexer(Tok);
  if (Tok.isNot(tok::l_paren))
    return false;
  // The arguments' tokens, each list ended by an eof token as the
  // preprocessor's unexpanded arguments are.
  std::vector<std::vector<Token>> Args(1);
  Token End;
  End.startToken();
  End.setKind(tok::eof);
  int Depth = 0;
  for (Raw.LexFromRawLexer(Tok);; Raw.LexFromRawLexer(Tok)) {
    if (Tok.is(tok::eof))
      return false; // unbalanced: not an invocation we can read
    if (Tok.isOneOf(tok::l_paren, tok::l_square, tok::l_brace))
      ++Depth;
    else if (Tok.isOneOf(tok::r_square, tok::r_brace))
      --Depth;
    else if (Tok.is(tok::r_paren) && Depth-- == 0)
      break;
    if (Tok.is(tok::comma) && Depth == 0) {
      Args.emplace_back();
      continue;
    }
    Args.back().push_back(Tok);
  }
  if (Args.size() < 2 || Args[1].empty())
    return false;
  MacroInvocation Call;
  Call.Macro = M->Name;
  Call.Role = M->Role;
  Call.Kind = M->Kind;
  Call.NameLoc = Name.getLocation();
  Call.Range = SourceRange(Name.getLocation(), Tok.getLocation());
  Call.Nested = false;
  for (std::vector<Token> &Arg : Args) {
    Arg.push_back(End);
    Call.Args.emplace_back(PP, Arg.data());
  }
  if (Args[1][0].is(tok::raw_identifier)) {
    Call.Identifier = Args[1][0].getRawIdentifier().str();
    Call.IdentLoc = Args[1][0].getLocation();
  }
  readBrackets(PP, Args[1].data(), Call);
  ByExpansion[Begin].push_back(Calls.size());
  if (!Call.Identifier.empty())
    DefinedNames.insert(Call.Identifier);
  Calls.push_back(std::move(Call));
  return true;
}

void MacroRecorder::InclusionDirective(SourceLocation HashLoc, const Token &,
                                       llvm::StringRef FileName, bool IsAngled,
                                       CharSourceRange, OptionalFileEntryRef,
                                       llvm::StringRef, llvm::StringRef,
                                       const Module *, bool,
                                       SrcMgr::CharacteristicKind) {
  if (PP.getSourceManager().isInMainFile(HashLoc))
    Includes.push_back({HashLoc, FileName.str(), IsAngled});
}

void MacroRecorder::MacroDefined(const Token &MacroNameTok,
                                 const MacroDirective *MD) {
  // Every #define of the TU comes here (hundreds from the predefines and
  // the headers): the rare cases are out of line.
  const IdentifierInfo *II = MacroNameTok.getIdentifierInfo();
  if (mayBeTracked(II))
    noteTracked(II);
  if (II == VnetMacro) {
    VnetDefinitions.push_back({"VNET", "", MacroNameTok.getLocation(), {}});
    return;
  }
  // Only "#define NAME VNET(x)": four tokens.  (A #define hands over its
  // own directive: no chain to walk for the info.)
  const auto *Def = dyn_cast<DefMacroDirective>(MD);
  const MacroInfo *MI = Def ? Def->getInfo() : MD->getMacroInfo();
  if (MI && MI->getNumTokens() == 4 && MI->isObjectLike())
    noteAccessor(MacroNameTok, *MI);
}

void MacroRecorder::noteTracked(const IdentifierInfo *II) {
  llvm::StringRef Name = II->getName();
  if (Name == "VNET")
    VnetMacro = II;
  for (unsigned I = 0; I < NumTracked; ++I)
    if (Name == TrackedMacros[I].Name) {
      Tracked[I] = II;
      unsigned Slot = trackedSlot(II);
      while (TrackedSlots[Slot].first && TrackedSlots[Slot].first != II)
        Slot = (Slot + 1) % TrackedSlots.size();
      TrackedSlots[Slot] = {II, I};
    }
}

void MacroRecorder::noteAccessor(const Token &MacroNameTok,
                                 const MacroInfo &MI) {
  // The first token VNET.  (An accessor may be defined before VNET
  // itself: then by name.)
  const Token &First = MI.getReplacementToken(0);
  const IdentifierInfo *Head = First.getIdentifierInfo();
  if (!Head || (Head != VnetMacro && Head->getName() != "VNET") ||
      MI.getReplacementToken(1).isNot(tok::l_paren) ||
      !MI.getReplacementToken(2).getIdentifierInfo() ||
      MI.getReplacementToken(3).isNot(tok::r_paren))
    return;
  Aliases.push_back({MacroNameTok.getIdentifierInfo()->getName().str(),
                     PP.getSpelling(MI.getReplacementToken(2)),
                     MacroNameTok.getLocation(),
                     {}});
}

void MacroRecorder::MacroUndefined(const Token &MacroNameTok,
                                   const MacroDefinition &,
                                   const MacroDirective *) {
  llvm::StringRef Name = MacroNameTok.getIdentifierInfo()->getName();
  if (MacroNameTok.getIdentifierInfo() == VnetMacro) {
    if (!VnetDefinitions.empty() && VnetDefinitions.back().Undefined.isInvalid())
      VnetDefinitions.back().Undefined = MacroNameTok.getLocation();
    return;
  }
  for (AccessorAlias &A : llvm::reverse(Aliases))
    if (A.Macro == Name && A.Undefined.isInvalid()) {
      A.Undefined = MacroNameTok.getLocation();
      return;
    }
}

// The main file's conditionals.  Each callback says whether its branch is
// compiled; no callback comes from inside a skipped branch.
void MacroRecorder::If(SourceLocation Loc, SourceRange,
                       ConditionValueKind Value) {
  if (inMainFile(Loc))
    Conds.open(PP.getSourceManager(), Loc, Value == CVK_True);
}

void MacroRecorder::Ifdef(SourceLocation Loc, const Token &,
                          const MacroDefinition &MD) {
  if (inMainFile(Loc))
    Conds.open(PP.getSourceManager(), Loc, bool(MD));
}

void MacroRecorder::Ifndef(SourceLocation Loc, const Token &,
                           const MacroDefinition &MD) {
  if (inMainFile(Loc))
    Conds.open(PP.getSourceManager(), Loc, !MD);
}

void MacroRecorder::Elif(SourceLocation Loc, SourceRange,
                         ConditionValueKind Value, SourceLocation) {
  if (inMainFile(Loc))
    Conds.branch(PP.getSourceManager(), Loc, Value == CVK_True);
}

void MacroRecorder::Elifdef(SourceLocation Loc, const Token &,
                            const MacroDefinition &MD) {
  if (inMainFile(Loc))
    Conds.branch(PP.getSourceManager(), Loc, bool(MD));
}

void MacroRecorder::Elifdef(SourceLocation Loc, SourceRange, SourceLocation) {
  if (inMainFile(Loc))
    Conds.branch(PP.getSourceManager(), Loc, false);
}

void MacroRecorder::Elifndef(SourceLocation Loc, const Token &,
                             const MacroDefinition &MD) {
  if (inMainFile(Loc))
    Conds.branch(PP.getSourceManager(), Loc, !MD);
}

void MacroRecorder::Elifndef(SourceLocation Loc, SourceRange, SourceLocation) {
  if (inMainFile(Loc))
    Conds.branch(PP.getSourceManager(), Loc, false);
}

void MacroRecorder::Else(SourceLocation Loc, SourceLocation) {
  if (inMainFile(Loc))
    Conds.branch(PP.getSourceManager(), Loc, true);
}

void MacroRecorder::Endif(SourceLocation Loc, SourceLocation) {
  if (inMainFile(Loc))
    Conds.close(PP.getSourceManager(), Loc);
}

void MacroRecorder::SourceRangeSkipped(SourceRange Range, SourceLocation) {
  Conds.skipped(Range);
}

llvm::ArrayRef<unsigned>
MacroRecorder::aliasesOf(llvm::StringRef Variable) const {
  if (!AliasIndexed) {
    for (unsigned I = 0; I < Aliases.size(); ++I)
      AliasIndex[Aliases[I].Variable].push_back(I);
    AliasIndexed = true;
  }
  auto It = AliasIndex.find(Variable);
  if (It == AliasIndex.end())
    return {};
  return It->second;
}

llvm::ArrayRef<unsigned> MacroRecorder::at(SourceLocation FileLoc) const {
  auto It = ByExpansion.find(FileLoc);
  if (It == ByExpansion.end())
    return {};
  return It->second;
}

namespace {

/// Builds the ModuleVariable for one defining declaration, or returns false
/// when the variable is none of ours.
bool describe(const VarDecl *D, const SourceManager &SM,
              const MacroRecorder &Macros, ModuleVariable &Out) {
  llvm::StringRef Name = macroName(D->getName());
  if (const auto *Section = D->getAttr<SectionAttr>()) {
    if (Section->getName() == "set_vnet") {
      Out.Kind = SpaceKind::Vnet;
      Out.InSection = true;
    } else if (Section->getName() == "set_pcpu") {
      Out.Kind = SpaceKind::Pcpu;
      Out.InSection = true;
    }
  }

  // Join to the invocations that produced this declaration: the ones that
  // expand at the same file location and name this variable.  (Finding
  // that location costs a walk up its expansions: not for a name no
  // invocation was given, most macro-made variables.)
  const MacroInvocation *Outer = nullptr;
  llvm::ArrayRef<unsigned> Candidates;
  if (Macros.definedNames().contains(Name))
    Candidates = Macros.at(SM.getExpansionLoc(D->getLocation()));
  for (unsigned I : Candidates) {
    const MacroInvocation &Call = Macros.invocation(I);
    if (Call.Role != MacroRole::Define || Call.Identifier != Name)
      continue;
    if (!Outer)
      Outer = &Call;
    Out.Invocation = &Call;
  }
  if (!Out.InSection && !Outer)
    return false;

  Out.Decl = D;
  Out.Symbol = D->getName().str();
  Out.Name = Name.str();
  // Clang names a static local's global after its function: "f.x".
  if (D->isStaticLocal())
    if (const auto *FD = dyn_cast<FunctionDecl>(D->getDeclContext()))
      Out.Symbol = FD->getName().str() + "." + Out.Symbol;
  Out.IsStatic = D->getStorageClass() == SC_Static;

  if (Outer) {
    Out.Macro = Outer->Macro;
    Out.Definer = Out.Invocation->Macro;
    if (!Out.InSection)
      Out.Kind = Out.Invocation->Kind;
    if (Outer->Nested) {
      // A user macro wraps the invocation; name it for the report.
      SourceLocation WrapLoc = SM.getExpansionLoc(Outer->NameLoc);
      Out.WrapperMacro =
          Lexer::getSourceText(CharSourceRange::getTokenRange(WrapLoc), SM,
                               D->getASTContext().getLangOpts())
              .str();
    }
    Out.Loc = SM.getFileLoc(Outer->IdentLoc.isValid() ? Outer->IdentLoc
                                                      : Outer->NameLoc);
  } else {
    Out.Loc = SM.getFileLoc(D->getLocation());
  }
  return true;
}

} // namespace

namespace {

/// A VNET_DEFINE_STATIC written inside a function is a static local: not
/// a top-level declaration, but in set_vnet all the same.  Only when some
/// defining macro was expanded that no top-level variable accounts for
/// are the functions' own declarations read.
void collectBlockScope(ASTContext &Ctx, const MacroRecorder &Macros,
                       std::vector<ModuleVariable> &Vars) {
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::DenseSet<SourceLocation> Unjoined;
  for (const MacroInvocation &Call : Macros.invocations())
    if (Call.Role == MacroRole::Define)
      Unjoined.insert(SM.getExpansionLoc(Call.NameLoc));
  for (const ModuleVariable &V : Vars)
    for (const VarDecl *R : V.Decl->redecls())
      Unjoined.erase(SM.getExpansionLoc(R->getLocation()));
  if (Unjoined.empty())
    return;
  for (const Decl *TopLevel : Ctx.getTranslationUnitDecl()->decls()) {
    const auto *FD = dyn_cast<FunctionDecl>(TopLevel);
    if (!FD || !FD->doesThisDeclarationHaveABody())
      continue;
    for (const Decl *Local : FD->decls()) {
      const auto *VD = dyn_cast<VarDecl>(Local);
      if (!VD || !VD->isStaticLocal() ||
          !Unjoined.count(SM.getExpansionLoc(VD->getLocation())))
        continue;
      ModuleVariable Var;
      if (describe(VD, SM, Macros, Var))
        Vars.push_back(std::move(Var));
    }
  }
}

} // namespace

std::vector<ModuleVariable> collectVariables(ASTContext &Ctx,
                                             const MacroRecorder &Macros) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<ModuleVariable> Vars;
  llvm::DenseSet<const VarDecl *> Seen;
  for (const Decl *TopLevel : Ctx.getTranslationUnitDecl()->decls()) {
    const auto *VD = dyn_cast<VarDecl>(TopLevel);
    if (!VD || !VD->isFileVarDecl() ||
        VD->isThisDeclarationADefinition() == VarDecl::DeclarationOnly)
      continue;
    // Several tentative definitions make one object: the acting one holds
    // the completed type (an "x[]" becomes "x[1]" at the end of the TU).
    // A variable declared once is its own (most are).
    const VarDecl *Def = VD;
    if (!VD->isFirstDecl() || VD->getMostRecentDecl() != VD) {
      Def = VD->getDefinition();
      if (!Def)
        Def = VD->getActingDefinition();
    }
    if (!Def || !Seen.insert(Def->getCanonicalDecl()).second)
      continue;
    ModuleVariable Var;
    if (describe(Def, SM, Macros, Var)) {
      // Report where the user first wrote it, not where it was completed.
      if (Def != VD && VD->getLocation().isValid()) {
        ModuleVariable First;
        if (describe(VD, SM, Macros, First)) {
          Var.Loc = First.Loc;
          Var.Invocation = First.Invocation;
        }
      }
      Vars.push_back(std::move(Var));
    }
  }
  collectBlockScope(Ctx, Macros, Vars);
  return Vars;
}

} // namespace modspace

//===--- Collect.cpp - find per-vnet and per-CPU variables ----------------===//

#include "Collect.h"
#include "clang/AST/Attr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroArgs.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace modspace {

namespace {

constexpr const char *TrackedNames[] = {
    "VNET_DEFINE",  "VNET_DEFINE_STATIC",  "VNET_PCPUSTAT_DEFINE",
    "VNET_PCPUSTAT_DEFINE_STATIC", "DPCPU_DEFINE", "DPCPU_DEFINE_STATIC"};

/// The spelling of one unexpanded macro argument, single-spaced.
std::string argumentText(Preprocessor &PP, const Token *Arg) {
  std::string Text;
  for (; Arg->isNot(tok::eof); ++Arg) {
    if (!Text.empty() && Arg->hasLeadingSpace())
      Text += ' ';
    Text += PP.getSpelling(*Arg);
  }
  return Text;
}

/// Strips the token-pasted prefix VNET_NAME/DPCPU_NAME adds.
llvm::StringRef macroName(llvm::StringRef Symbol) {
  if (Symbol.consume_front("vnet_entry_") || Symbol.consume_front("pcpu_entry_"))
    return Symbol;
  return Symbol;
}

} // namespace

llvm::StringRef spaceSection(SpaceKind K) {
  return K == SpaceKind::Vnet ? "set_vnet" : "set_pcpu";
}

llvm::StringRef spaceName(SpaceKind K) {
  return K == SpaceKind::Vnet ? "vnet" : "pcpu";
}

MacroRecorder::MacroRecorder(Preprocessor &PP) : PP(PP) {
  for (unsigned I = 0; I < 6; ++I)
    Tracked[I] = PP.getIdentifierInfo(TrackedNames[I]);
}

void MacroRecorder::MacroExpands(const Token &MacroNameTok,
                                 const MacroDefinition &MD, SourceRange Range,
                                 const MacroArgs *Args) {
  const IdentifierInfo *II = MacroNameTok.getIdentifierInfo();
  unsigned Which = 0;
  while (Which < 6 && Tracked[Which] != II)
    ++Which;
  if (Which == 6 || !Args || Args->getNumMacroArguments() < 2)
    return;

  MacroInvocation Call;
  Call.Macro = TrackedNames[Which];
  Call.Kind = Which < 4 ? SpaceKind::Vnet : SpaceKind::Pcpu;
  Call.NameLoc = MacroNameTok.getLocation();
  Call.Range = Range;
  Call.Nested = Call.NameLoc.isMacroID();
  Call.TypeText = argumentText(PP, Args->getUnexpArgument(0));
  const Token *NameArg = Args->getUnexpArgument(1);
  Call.NameText = argumentText(PP, NameArg);
  if (NameArg->is(tok::identifier) || NameArg->getIdentifierInfo()) {
    Call.Identifier = PP.getSpelling(*NameArg);
    Call.IdentLoc = NameArg->getLocation();
  }

  SourceLocation Key = PP.getSourceManager().getExpansionLoc(Call.NameLoc);
  ByExpansion[Key].push_back(Calls.size());
  Calls.push_back(std::move(Call));
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
  Out.Decl = D;
  Out.Symbol = D->getName().str();
  Out.Name = macroName(D->getName()).str();
  Out.IsStatic = D->getStorageClass() == SC_Static;

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
  // expand at the same file location and name this variable.
  SourceLocation Expansion = SM.getExpansionLoc(D->getLocation());
  const MacroInvocation *Outer = nullptr;
  for (unsigned I : Macros.at(Expansion)) {
    const MacroInvocation &Call = Macros.invocation(I);
    if (Call.Identifier != Out.Name)
      continue;
    if (!Outer)
      Outer = &Call;
    Out.Invocation = &Call;
  }
  if (!Out.InSection && !Outer)
    return false;

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
    const VarDecl *Def = VD->getDefinition();
    if (!Def)
      Def = VD->getActingDefinition();
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
  return Vars;
}

} // namespace modspace

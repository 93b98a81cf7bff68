//===--- Driver.cpp - one translation unit, for every front end -----------===//

#include "Driver.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace modspace {

namespace {

/// The #include, #include_next and #import directives of the code the
/// preprocessor skipped, outside system headers.
std::vector<SkippedInclude> skippedIncludes(const SourceManager &SM,
                                            const LangOptions &LO,
                                            const Conditionals &Conds) {
  std::vector<SkippedInclude> Out;
  for (SourceRange R : Conds.skippedRanges()) {
    if (SM.isInSystemHeader(R.getBegin()))
      continue;
    auto [FID, Begin] = SM.getDecomposedLoc(R.getBegin());
    unsigned End = SM.getFileOffset(R.getEnd());
    llvm::StringRef Buffer = SM.getBufferData(FID);
    Lexer Raw(SM.getLocForStartOfFile(FID), LO, Buffer.begin(),
              Buffer.begin() + Begin, Buffer.end());
    Token Hash, Word;
    for (Raw.LexFromRawLexer(Hash);
         Hash.isNot(tok::eof) && SM.getFileOffset(Hash.getLocation()) <= End;
         Hash = Word) {
      Raw.LexFromRawLexer(Word);
      if (Hash.isNot(tok::hash) || !Hash.isAtStartOfLine() ||
          Word.isNot(tok::raw_identifier) ||
          !llvm::is_contained({"include", "include_next", "import"},
                              Word.getRawIdentifier()))
        continue;
      // The rest of the line: "name" or <name>.
      size_t From = SM.getFileOffset(Word.getEndLoc());
      llvm::StringRef Line =
          Buffer.substr(From).take_until([](char C) { return C == '\n'; });
      Line = Line.trim();
      char Close = Line.starts_with("\"") ? '"' : Line.starts_with("<") ? '>' : 0;
      if (!Close)
        continue;
      llvm::StringRef Name = Line.drop_front().take_until(
          [&](char C) { return C == Close; });
      Out.push_back({Name.str(), Hash.getLocation()});
    }
  }
  return Out;
}

/// check-walk's comparison of the size bounds with the layouts: an error
/// at the first variable whose bound is below, else how many agree.
void reportSizeBounds(ASTContext &Ctx, const ReferenceIndex &Refs) {
  DiagnosticsEngine &Diags = Ctx.getDiagnostics();
  if (const VarDecl *VD = Refs.boundBelowSize()) {
    Diags.Report(VD->getLocation(),
                 Diags.getCustomDiagID(DiagnosticsEngine::Error,
                                       "check-walk: the size bound of '%0' "
                                       "is below its size or alignment "
                                       "[modspace]"))
        << VD->getName();
    return;
  }
  const SourceManager &SM = Ctx.getSourceManager();
  Diags.Report(SM.getLocForStartOfFile(SM.getMainFileID()),
               Diags.getCustomDiagID(DiagnosticsEngine::Remark,
                                     "check-walk: the size bounds of %0 "
                                     "file-scope variables are no less than "
                                     "their sizes and alignments [modspace]"))
      << Refs.boundsChecked();
}

} // namespace

ReferenceIndex &startReferenceIndex(MacroRecorder &Macros,
                                    const Options &Opts, bool GeneratesCode) {
  ReferenceIndex &Refs = Macros.indexReferences(Opts.smallestVnetThreshold(),
                                                Opts.smallestPcpuThreshold());
  if (Opts.CheckWalk)
    Refs.checkSizeBounds();
  if (GeneratesCode)
    Refs.layOutRecords();
  return Refs;
}

std::string recoverUnseenMacros(ASTContext &Ctx, MacroRecorder &Macros) {
  Preprocessor &PP = Macros.preprocessor();
  std::string Why;
  if (!Macros.sawMainFile())
    Why = "this translation unit was read from an AST file, where modspace "
          "cannot see the preprocessor's conditionals and skipped code, so "
          "it offers no fix-it; run it on the source file to see whether "
          "one can be made";
  else if (!PP.getPreprocessorOpts().ImplicitPCHInclude.empty() ||
           PP.getLangOpts().Modules)
    Why = "this translation unit uses a precompiled header or modules, "
          "whose macros and skipped code modspace cannot see, so it offers "
          "no fix-it; build it without them to see whether one can be made";
  if (!Why.empty())
    Macros.recoverFromExpansions(Ctx);
  return Why;
}

TUResult runTU(ASTContext &Ctx, const MacroRecorder &Macros,
               const Options &Opts, const ModuleLayout *IR, bool WantPlan) {
  const SourceManager &SM = Ctx.getSourceManager();
  Preprocessor &PP = Macros.preprocessor();
  TUResult R;
  if (const ReferenceIndex *Refs = Macros.references())
    if (Refs->checksSizeBounds())
      reportSizeBounds(Ctx, *Refs);
  if (OptionalFileEntryRef FE = SM.getFileEntryRefForID(SM.getMainFileID()))
    R.MainFile = FE->getName().str();
  bool Vimage = PP.isMacroDefined("VIMAGE");
  bool Module = Opts.Build == Options::BuildKind::Module ||
                (Opts.Build == Options::BuildKind::Auto &&
                 PP.isMacroDefined("KLD_MODULE"));
  R.A = analyse(Ctx, collectVariables(Ctx, Macros), Opts, Vimage, Module, IR,
                Macros.references());
  if (WantPlan) {
    PlanContext PC;
    PC.HaveUnused = PP.isMacroDefined("__unused");
    PC.FileStem = llvm::sys::path::stem(R.MainFile).str();
    R.Plan = planFixes(Ctx, R.A, Macros, Opts, PC,
                       [&](const ModuleVariable &V) {
                         return warnsOn(V, R.A, SM);
                       });
  }
  R.Findings = findingsOf(SM, R.A, R.Plan);
  if (Opts.ListSkippedIncludes)
    R.SkippedIncludes =
        skippedIncludes(SM, Ctx.getLangOpts(), Macros.conditionals());
  return R;
}

} // namespace modspace

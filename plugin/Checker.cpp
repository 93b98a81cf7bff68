//===--- Checker.cpp - freebsd.VnetModuleSpace, for scan-build ------------===//
//
// The static analyzer front end: the same modspace.so, loaded with
// "-load" (scan-build's -load-plugin), registers the checker
// freebsd.VnetModuleSpace.  Under the analyzer the plugin action stands
// down (ModspacePlugin.cpp), so each finding is reported once.  It runs the same Driver as the plugin and turns
// each finding into an analyzer report, with its fix-its (which plist
// output keeps) and its notes.
//
// The analyzer gives checkers no preprocessor callbacks of their own, but
// it registers them from ASTConsumer::Initialize, before the main file is
// entered: the registration function attaches the same MacroRecorder the
// plugin uses, so both front ends see the same macros, conditionals and
// skipped code.  A checker registered too late for that says so and
// reports nothing rather than guessing.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "clang/Basic/Version.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;
using namespace clang::ento;

namespace modspace {

namespace {

/// The checker's full name, as -analyzer-checker and -enable-checker take it.
constexpr const char CheckerName[] = "freebsd.VnetModuleSpace";

/// Each -analyzer-config freebsd.VnetModuleSpace:<Name>=<value>, the
/// plugin option it sets, and its default ("": the plugin's, which
/// depends on other options).
struct CheckerOption {
  const char *Name;
  const char *PluginName;
  const char *Default;
  const char *Description;
};

const CheckerOption CheckerOptions[] = {
    {"Threshold", "threshold", "1024",
     "Warn on each per-vnet variable of this many bytes or more."},
    {"PcpuThreshold", "pcpu-threshold", "256",
     "Warn on each per-CPU variable of this many bytes or more."},
    {"Budget", "budget", "",
     "Warn when the TU's set_vnet costs more than this many bytes (empty: "
     "a quarter of ModuleSpace)."},
    {"PcpuBudget", "pcpu-budget", "",
     "Warn when the TU's set_pcpu costs more than this many bytes (empty: "
     "a quarter of PcpuModuleSpace)."},
    {"ModuleSpace", "modspace", "32768",
     "The per-vnet module space in bytes (the kernel's VNET_MODMIN)."},
    {"PcpuModuleSpace", "pcpu-modspace", "2048",
     "The per-CPU module space in bytes (the kernel's DPCPU_MODMIN)."},
    {"KernelThreshold", "kernel-threshold", "",
     "In a kernel build (no KLD_MODULE), warn on each per-vnet variable of "
     "this many bytes or more (empty: say nothing of kernel builds)."},
    {"KernelPcpuThreshold", "kernel-pcpu-threshold", "",
     "The same for per-CPU variables."},
    {"Build", "build", "auto",
     "auto (KLD_MODULE decides), module or kernel."},
    {"Fix", "fix", "safe",
     "safe (attach the fix-its modspace proves safe) or none."},
    {"Extern", "extern", "refuse",
     "refuse or convert tables that other translation units may use (the "
     "modspace CLI converts them safely)."},
    {"Sysctl", "sysctl", "refuse",
     "refuse or rewrite a read-only sysctl that exports a converted table "
     "in place (into a SYSCTL_PROC handler that copies it out)."},
};

/// What \p O takes, for the analyzer's "invalid input" error.
const char *expected(const CheckerOption &O) {
  return llvm::StringSwitch<const char *>(O.Name)
      .Case("Build", "'auto', 'module' or 'kernel'")
      .Case("Fix", "'safe' or 'none'")
      .Case("Extern", "'refuse' or 'convert'")
      .Case("Sysctl", "'refuse' or 'rewrite'")
      .Cases("ModuleSpace", "PcpuModuleSpace",
             "a byte count greater than 0 (decimal or 0x, with an optional "
             "K, M or G)")
      .Default("a byte count (decimal or 0x, with an optional K, M or G)");
}

/// A report's bug type name, by finding rule: what scan-build's index
/// groups and filters by.
llvm::StringRef bugName(llvm::StringRef Rule) {
  return llvm::StringSwitch<llvm::StringRef>(Rule)
      .Case("vnet-variable", "Per-vnet variable in module space")
      .Case("pcpu-variable", "Per-CPU variable in module space")
      .Case("kernel-variable", "Large per-vnet or per-CPU kernel variable")
      .Case("section-budget", "Module space budget exceeded")
      .Case("declared-use", "Use that depends on an array")
      .Default("Module space cannot be measured");
}

/// How many files \p Edits change.
unsigned filesOf(const SourceManager &SM, llvm::ArrayRef<Edit> Edits) {
  llvm::SmallPtrSet<const void *, 4> Files;
  for (const Edit &E : Edits)
    Files.insert(SM.getFileEntryForID(SM.getFileID(E.Range.getBegin())));
  return Files.size();
}

/// freebsd.VnetModuleSpace: the plugin's findings as analyzer reports.
class VnetModuleSpaceChecker : public Checker<check::EndOfTranslationUnit> {
public:
  void checkEndOfTranslationUnit(const TranslationUnitDecl *TU,
                                 AnalysisManager &Mgr, BugReporter &BR) const;

  Options Opts;
  MacroRecorder *Macros = nullptr; ///< null: registered too late
  bool ProgressTurnedOff = false;

private:
  const BugType &bugType(llvm::StringRef Rule) const;

  mutable llvm::StringMap<std::unique_ptr<BugType>> BugTypes;
};

const BugType &VnetModuleSpaceChecker::bugType(llvm::StringRef Rule) const {
  llvm::StringRef Name = bugName(Rule);
  std::unique_ptr<BugType> &BT = BugTypes[Name];
  if (!BT)
    BT = std::make_unique<BugType>(this, Name, "FreeBSD module space");
  return *BT;
}

void VnetModuleSpaceChecker::checkEndOfTranslationUnit(
    const TranslationUnitDecl *TU, AnalysisManager &Mgr,
    BugReporter &BR) const {
  ASTContext &Ctx = Mgr.getASTContext();
  DiagnosticsEngine &Diags = Ctx.getDiagnostics();
  if (!Macros) {
    Diags.Report(Diags.getCustomDiagID(
        DiagnosticsEngine::Warning,
        "freebsd.VnetModuleSpace was registered after preprocessing began, "
        "so it cannot see the macros that define per-vnet variables; it "
        "reports nothing for this translation unit [modspace]"));
    return;
  }
  // Sizes of code that does not compile would be guesses.
  if (Diags.hasUncompilableErrorOccurred())
    return;
  // A TU read from an AST file (or built on a precompiled header) was not
  // all preprocessed here: its invocations come back from the expansion
  // locations, the rest (skipped code, conditionals, registrations)
  // cannot, and no fix-it is safe without them.
  Options TUOpts = Opts;
  TUOpts.WantLayout = false; // reports show findings, not the layout
  bool FixIts = Opts.Fix == Options::FixMode::Safe;
  std::string Unseen = recoverUnseenMacros(Ctx, *Macros);
  if (!Unseen.empty()) {
    FixIts = false;
    TUOpts.RefuseAll = Unseen;
  }
  // No code generation under the analyzer: the layout is the estimate,
  // as under -fsyntax-only.
  TUResult R = runTU(Ctx, *Macros, TUOpts, /*IR=*/nullptr, /*WantPlan=*/true);
  const SourceManager &SM = Ctx.getSourceManager();
  if (ProgressTurnedOff && !R.Findings.empty())
    llvm::errs() << CheckerName
                 << ": -analyzer-display-progress is turned off for this "
                    "file (with it, clang 19.1 crashes writing this "
                    "checker's reports)\n";
  // apply-fixits puts a report's fix-its into one file's replacements: a
  // conversion that edits several files would be written half.  The
  // conversions of a TU share edits (one constructor, one malloc type,
  // carried by one of them), so then none of them gets its fix-its.
  std::string Split;
  for (const Finding &F : R.Findings)
    if (F.Var >= 0 && filesOf(SM, F.Fixes) > 1) {
      Split = R.A.Vars[F.Var].Name;
      break;
    }
  for (const Finding &F : R.Findings) {
    auto Report = std::make_unique<BasicBugReport>(
        bugType(F.Rule), F.Message, PathDiagnosticLocation(F.Loc, SM));
    // The variable (or the TU) the finding is about.
    const Decl *About = TU;
    if (F.Var >= 0 && R.A.Vars[F.Var].Decl)
      About = R.A.Vars[F.Var].Decl;
    Report->setDeclWithIssue(About);
    for (const PlanNote &N : F.Notes)
      Report->addNote(N.Text, PathDiagnosticLocation(N.Loc, SM));
    if (FixIts && !F.Fixes.empty() && F.Var >= 0 && !Split.empty())
      Report->addNote(
          "no fix-it here for '" + R.A.Vars[F.Var].Name +
              "': the conversion of '" + Split +
              "' edits several files, which the analyzer cannot apply "
              "together, and the conversions of a file share edits; apply "
              "them with the plugin (-fplugin=modspace.so -Xclang -fixit) "
              "or with modspace --fix [modspace]",
          PathDiagnosticLocation(F.Loc, SM));
    else if (FixIts)
      for (const Edit &E : F.Fixes)
        Report->addFixItHint(FixItHint::CreateReplacement(E.Range, E.Text));
    BR.emitReport(std::move(Report));
  }
}

void registerChecker(CheckerManager &Mgr) {
  auto *C = Mgr.registerChecker<VnetModuleSpaceChecker>();
  C->Opts.ExternConvertSpelling =
      "-analyzer-config " + std::string(CheckerName) + ":Extern=convert";
  C->Opts.SysctlRewriteSpelling =
      "-analyzer-config " + std::string(CheckerName) + ":Sysctl=rewrite";
  const AnalyzerOptions &AO = Mgr.getAnalyzerOptions();
  // clang 19.1 crashes flushing the plist, HTML or SARIF output when
  // -analyzer-display-progress (scan-build -v -v) is on, the TU has
  // functions, and a checker reported at the end of the TU: the progress
  // lines go, the reports stay.
  if (AO.AnalyzerDisplayProgress) {
    const_cast<AnalyzerOptions &>(AO).AnalyzerDisplayProgress = false;
    C->ProgressTurnedOff = true; // said where it matters: when it reports
  }
  for (const CheckerOption &O : CheckerOptions) {
    llvm::StringRef Value = AO.getCheckerStringOption(C, O.Name);
    if (Value.empty())
      continue;
    std::string Error =
        applyOption(C->Opts, (llvm::Twine(O.PluginName) + "=" + Value).str());
    if (!Error.empty())
      Mgr.reportInvalidCheckerOptionValue(C, O.Name, expected(O));
  }
  // CheckerManager hands out the preprocessor as const; attaching
  // callbacks changes no state it relies on.
  Preprocessor &PP = const_cast<Preprocessor &>(Mgr.getPreprocessor());
  if (PP.getPredefinesFileID().isValid())
    return; // the main file was entered: too late, Macros stays null
  auto Recorder = std::make_unique<MacroRecorder>(PP);
  C->Macros = Recorder.get();
  PP.addPPCallbacks(std::move(Recorder));
}

bool shouldRegisterChecker(const CheckerManager &) { return true; }

} // namespace

} // namespace modspace

extern "C" LLVM_ATTRIBUTE_VISIBILITY_DEFAULT const char
    clang_analyzerAPIVersionString[] = CLANG_ANALYZER_API_VERSION_STRING;

extern "C" LLVM_ATTRIBUTE_VISIBILITY_DEFAULT void
clang_registerCheckers(clang::ento::CheckerRegistry &Registry) {
  using namespace modspace;
  Registry.addChecker(registerChecker, shouldRegisterChecker, CheckerName,
                      "Reports per-vnet and per-CPU variables that take a "
                      "loadable module's fixed module space, with fix-its "
                      "that move large arrays to malloc'd memory",
                      /*DocsUri=*/"",
                      /*IsHidden=*/false);
  for (const CheckerOption &O : CheckerOptions)
    Registry.addCheckerOption("string", CheckerName, O.Name, O.Default,
                              O.Description, "released");
}

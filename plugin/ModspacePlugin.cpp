//===--- ModspacePlugin.cpp - the -fplugin=modspace.so entry point --------===//
//
// modspace tells FreeBSD kernel developers, while they compile, which
// VNET_DEFINE and DPCPU_DEFINE variables take the fixed module space a
// loadable module's per-vnet (32 KiB) and per-CPU (2 KiB) data come from,
// and by how many bytes, before kldload fails with a vague error.
//
// This file only wires things: it parses options, hooks the preprocessor
// (collect), hands code generation an LLVM pass so that the section
// layout is read from the final IR (exact when code is generated),
// and runs analyse and emit when the TU is complete.  With
// AddAfterMainAction, "clang -c" still writes its object file, and code
// generation (with the layout pass) runs before HandleTranslationUnit here.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "Report.h"
#include "SectionLayout.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Support/Compiler.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>

using namespace clang;

namespace modspace {
namespace {

/// Runs analyse and emit once the TU (and its code generation) is done.
class ModspaceConsumer : public ASTConsumer {
public:
  ModspaceConsumer(CompilerInstance &CI, Options Given, MacroRecorder &Macros,
                   bool GeneratesCode)
      : CI(CI), Opts(std::move(Given)), Macros(Macros),
        Refs(startReferenceIndex(Macros, Opts, GeneratesCode)),
        GeneratesCode(GeneratesCode) {}

  bool HandleTopLevelDecl(DeclGroupRef Group) override {
    Refs.declared(Group, CI.hasSema() ? &CI.getSema() : nullptr);
    return true;
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    Refs.finish();
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    // Sizes of code that does not compile would be guesses: say nothing.
    if (Diags.hasUncompilableErrorOccurred())
      return;
    const SourceManager &SM = Ctx.getSourceManager();
    bool WantReport = !Opts.ReportPath.empty() || !Opts.ReportDir.empty();
    // A precompiled header's macros were never seen here.
    std::optional<Options> Refusing;
    std::string Unseen = recoverUnseenMacros(Ctx, Macros);
    if (!Unseen.empty()) {
      Refusing.emplace(Opts);
      Refusing->RefuseAll = Unseen;
      Refusing->Fix = Options::FixMode::None;
    }
    const Options &TUOpts = Refusing ? *Refusing : Opts;
    // Under -w nothing is shown; the plan is still wanted for a report.
    // Without code generation no pass ran: no layout to read, and no
    // thread-local one to make.
    TUResult R = runTU(Ctx, Macros, TUOpts,
                       GeneratesCode ? &currentModuleLayout() : nullptr,
                       !Diags.getIgnoreAllWarnings() || WantReport);
    // A compile that fails for other reasons (-Werror, #pragma clang
    // diagnostic error, a check-walk difference) gets its diagnostics but
    // no report, as under the CLI; one that fails only on modspace's own
    // errors (errors=always) keeps its report, which says why.
    bool Failed = Diags.hasErrorOccurred();
    emitFindings(Diags, R.Findings, TUOpts);
    llvm::StringRef MainFile = R.MainFile;

    if (Opts.Summary)
      printSummary(llvm::errs(), R.A, MainFile);
    if (!WantReport || Failed)
      return;
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    OS << llvm::formatv("{0:2}", buildReport(R, SM)) << "\n";
    // report= is one path: each TU of a build would replace the last
    // one's (the driver runs them as separate processes), which is what
    // report-dir= is for.
    if (!Opts.ReportPath.empty())
      write(Opts.ReportPath, Text);
    if (!Opts.ReportDir.empty()) {
      std::error_code EC = llvm::sys::fs::create_directories(Opts.ReportDir);
      if (EC)
        reportError(Opts.ReportDir,
                    "cannot create the directory: " + EC.message());
      else if (!llvm::sys::fs::is_directory(Opts.ReportDir))
        reportError(Opts.ReportDir, "it is not a directory");
      else
        write(reportPathIn(Opts.ReportDir, MainFile,
                           CI.getFrontendOpts().OutputFile),
              Text);
    }
  }

private:
  void write(llvm::StringRef Path, llvm::StringRef Text) {
    std::string Error = writeReport(Path, Text);
    if (!Error.empty())
      reportError(Path, Error);
  }

  void reportError(llvm::StringRef Path, llvm::StringRef Why) {
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    Diags.Report(Diags.getCustomDiagID(
        DiagnosticsEngine::Error,
        "cannot write the modspace report '%0': %1 [modspace]"))
        << Path << Why;
  }

  CompilerInstance &CI;
  // A copy: clang destroys the plugin action once it has made the consumer.
  const Options Opts;
  MacroRecorder &Macros;
  ReferenceIndex &Refs;
  bool GeneratesCode;
};

/// Whether the compile runs a pipeline, and so the layout pass:
/// -fsyntax-only has none.
bool generatesCode(const CompilerInstance &CI) {
  return CI.getFrontendOpts().ProgramAction != frontend::ParseSyntaxOnly;
}

/// -fplugin=modspace.so: options, collect, and the pass-plugin hook-up.
class ModspaceAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    // Under the static analyzer the checker freebsd.VnetModuleSpace
    // (Checker.cpp) is the front end; clang adds this action to every
    // compile that loads the .so, and it would say everything twice.
    if (CI.getFrontendOpts().ProgramAction == frontend::RunAnalysis)
      return std::make_unique<ASTConsumer>();
    bool GeneratesCode = generatesCode(CI);
    // The driver may compile several TUs in this process.
    if (GeneratesCode)
      currentModuleLayout() = ModuleLayout();
    auto Recorder = std::make_unique<MacroRecorder>(CI.getPreprocessor());
    MacroRecorder &Macros = *Recorder;
    CI.getPreprocessor().addPPCallbacks(std::move(Recorder));
    Options TUOpts = Opts;
    TUOpts.WantLayout = Opts.Summary || !Opts.ReportPath.empty() ||
                        !Opts.ReportDir.empty();
    return std::make_unique<ModspaceConsumer>(CI, std::move(TUOpts), Macros,
                                              GeneratesCode);
  }

public:
  ~ModspaceAction() override {
    // clang -cc1 -plugin modspace asks this action twice how it runs
    // (CreateFrontendAction: neither ReplaceAction nor
    // CmdlineAfterMainAction), then exits 1 without a word.  Every other
    // instance clang makes is asked once: to see whether it replaces the
    // main action (LoadRequestedPlugins), or to add it, and then it is given
    // its arguments (-fplugin=, -add-plugin).
    if (TimesAsked == 2 && !ArgsParsed)
      llvm::errs() << "error: the modspace plugin runs beside the compile, "
                      "not in place of it; load it with -fplugin=modspace.so, "
                      "or with -cc1 -load modspace.so -add-plugin modspace "
                      "[modspace]\n";
  }

protected:
  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    ArgsParsed = true;
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    for (const std::string &Arg : Args) {
      std::string Error = applyOption(Opts, Arg);
      if (!Error.empty()) {
        Diags.Report(
            Diags.getCustomDiagID(DiagnosticsEngine::Error,
                                  "-fplugin-arg-modspace-%0: %1 [modspace]"))
            << Arg << Error;
        return false;
      }
    }
    // Hand code generation the layout pass, which runs at the end of the
    // optimisation pipeline (at -O0 too); -fsyntax-only has no pipeline.
    // Code generation calls these where it registers pass plugins' own,
    // and this .so is in the process already: loading it again as a pass
    // plugin (found by dladdr) cost some 22 000 instructions.  Once for
    // the process: a -cc1 line may compile several TUs.
    if (!generatesCode(CI))
      return true;
    auto &Callbacks = const_cast<CompilerInstance &>(CI)
                          .getCodeGenOpts()
                          .PassBuilderCallbacks;
    using Register = void (*)(llvm::PassBuilder &);
    if (llvm::none_of(Callbacks, [](const auto &F) {
          const Register *R = F.template target<Register>();
          return R && *R == registerLayoutPass;
        }))
      Callbacks.push_back(registerLayoutPass);
    return true;
  }

  ActionType getActionType() override {
    ++TimesAsked;
    return AddAfterMainAction;
  }

private:
  Options Opts;
  unsigned TimesAsked = 0; ///< how often clang asked how the action runs
  bool ArgsParsed = false; ///< whether clang gave it its arguments
};

} // namespace
} // namespace modspace

static clang::FrontendPluginRegistry::Add<modspace::ModspaceAction>
    RegisterModspace("modspace",
                     "report per-vnet and per-CPU module space use");

// The pass-plugin entry point LLVM's loader looks up (the analyzer's two
// are in Checker.cpp).
extern "C" LLVM_ATTRIBUTE_WEAK
    LLVM_ATTRIBUTE_VISIBILITY_DEFAULT ::llvm::PassPluginLibraryInfo
    llvmGetPassPluginInfo() {
  return modspace::modspacePassPluginInfo();
}

//===--- Analyze.cpp - one compile command, analysed in this process ------===//

#include "Analyze.h"
#include "Collect.h"
#include "Driver.h"
#include "Report.h"
#include "SectionLayout.h"
#include "clang/CodeGen/CodeGenAction.h"
#include "clang/Driver/Driver.h"
#include "clang/Driver/Options.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

using namespace clang;

namespace modspace {

namespace {

/// Runs the shared core when the TU is complete (after code generation
/// in the exact mode, so after the layout pass).
class ToolConsumer : public ASTConsumer {
public:
  ToolConsumer(CompilerInstance &CI, const Options &Opts,
               MacroRecorder &Macros, bool Exact, TUOutcome &Out)
      : CI(CI), Opts(Opts), Macros(Macros),
        Refs(startReferenceIndex(Macros, Opts, Exact)), Exact(Exact),
        Out(Out) {}

  bool HandleTopLevelDecl(DeclGroupRef Group) override {
    Refs.declared(Group, CI.hasSema() ? &CI.getSema() : nullptr);
    return true;
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    Refs.finish();
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    if (Diags.hasUncompilableErrorOccurred())
      return; // the caller reports the compiler's errors
    unsigned ErrorsBefore = Diags.getNumErrors();
    TUResult R = runTU(Ctx, Macros, Opts,
                       Exact ? &currentModuleLayout() : nullptr, true);
    // check-walk's own errors: the core's walks or bounds disagree.
    if (Opts.CheckWalk && Diags.getNumErrors() > ErrorsBefore) {
      Out.CheckWalkFailed = true;
      return;
    }
    Out.Report = buildReport(R, Ctx.getSourceManager(), /*WithInputs=*/true);
    Out.Ok = true;
  }

private:
  CompilerInstance &CI;
  const Options &Opts;
  const MacroRecorder &Macros;
  ReferenceIndex &Refs;
  bool Exact;
  TUOutcome &Out;
};

/// The preprocessor hooks and our consumer, for either action.
std::unique_ptr<ASTConsumer> ourConsumer(CompilerInstance &CI,
                                         const Options &Opts, bool Exact,
                                         TUOutcome &Out) {
  if (Exact)
    currentModuleLayout() = ModuleLayout();
  auto Recorder = std::make_unique<MacroRecorder>(CI.getPreprocessor());
  MacroRecorder &Macros = *Recorder;
  CI.getPreprocessor().addPPCallbacks(std::move(Recorder));
  return std::make_unique<ToolConsumer>(CI, Opts, Macros, Exact, Out);
}

/// The exact mode: code generation to IR, the layout pass at the end of
/// the optimisation pipeline, nothing written.
class ExactAction : public EmitLLVMOnlyAction {
public:
  ExactAction(const Options &Opts, TUOutcome &Out) : Opts(Opts), Out(Out) {}

protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef InFile) override {
    CI.getCodeGenOpts().PassBuilderCallbacks.push_back(registerLayoutPass);
    // The driver asks code generation to free the AST before the backend
    // runs (it does not when plugins are loaded); ours reads it after.
    CI.getCodeGenOpts().ClearASTBeforeBackend = false;
    std::vector<std::unique_ptr<ASTConsumer>> Consumers;
    Consumers.push_back(EmitLLVMOnlyAction::CreateASTConsumer(CI, InFile));
    Consumers.push_back(ourConsumer(CI, Opts, true, Out));
    return std::make_unique<MultiplexConsumer>(std::move(Consumers));
  }

private:
  const Options &Opts;
  TUOutcome &Out;
};

/// --fast: syntax only, the layout estimated.
class FastAction : public ASTFrontendAction {
public:
  FastAction(const Options &Opts, TUOutcome &Out) : Opts(Opts), Out(Out) {}

protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    return ourConsumer(CI, Opts, false, Out);
  }

private:
  const Options &Opts;
  TUOutcome &Out;
};

/// The first diagnostic of \p Log whose message after "error: " starts
/// with \p Tag: its location ("file:1:2", the line before ": error: ")
/// and its message, to the end of the line; empty when there is none.
std::pair<llvm::StringRef, llvm::StringRef> firstError(llvm::StringRef Log,
                                                       llvm::StringRef Tag) {
  size_t At = Log.find(("error: " + Tag).str());
  if (At == llvm::StringRef::npos)
    return {};
  size_t Begin = Log.rfind('\n', At);
  Begin = Begin == llvm::StringRef::npos ? 0 : Begin + 1;
  llvm::StringRef Where = Log.slice(Begin, At).rtrim(": ");
  return {Where, Log.substr(At + 7).take_until(
                     [](char C) { return C == '\n'; })};
}

/// Whether the recorded argument \p A, of option \p O, must go: it would
/// write an output, fail on warnings, load a plugin into this process
/// (which is modspace already), pick another action than ours, or is one
/// the driver does not know (a GCC-only flag), which it would reject.
bool dropped(const llvm::opt::Arg &A, llvm::StringRef Spelling) {
  namespace opts = driver::options;
  const llvm::opt::Option &O = A.getOption();
  for (unsigned ID :
       {opts::OPT_UNKNOWN, opts::OPT_o, opts::OPT_M_Group,
        opts::OPT_dependency_file, opts::OPT_sys_header_deps,
        opts::OPT_fplugin_EQ, opts::OPT_fplugin_arg, opts::OPT_fpass_plugin_EQ,
        opts::OPT_load, opts::OPT_plugin, opts::OPT_add_plugin,
        opts::OPT_plugin_arg, opts::OPT_Action_Group,
        opts::OPT_pedantic_errors, opts::OPT_resource_dir,
        opts::OPT_resource_dir_EQ})
    if (O.matches(ID))
      return true;
  // -Werror, -Werror=x, -Werror-implicit-function-declaration.
  if (Spelling.starts_with("-Werror"))
    return true;
  // Dependency files asked for through the preprocessor.
  if (O.matches(opts::OPT_Wp_COMMA))
    return llvm::any_of(A.getValues(), [](llvm::StringRef V) {
      return V.starts_with("-M");
    });
  return false;
}

/// The -cc1 options that follow an -Xclang and must go with it: the same
/// reasons, and the number of -Xclang'd words each takes.
unsigned droppedAfterXclang(llvm::StringRef A) {
  if (A == "-load" || A == "-plugin" || A == "-add-plugin" ||
      A.starts_with("-plugin-arg-") || A == "-dependency-file" ||
      A == "-MT" || A == "-MQ" || A == "-resource-dir")
    return 2;
  if (A.starts_with("-Werror") || A == "-emit-obj" || A == "-emit-llvm" ||
      A == "-emit-llvm-bc" || A == "-S" || A == "-E" ||
      A == "-sys-header-deps" || A.starts_with("-fpass-plugin="))
    return 1;
  return 0;
}

/// Whether \p Input names the TU's file \p File (both relative to \p Dir).
bool sameFile(llvm::StringRef Input, llvm::StringRef File,
              llvm::StringRef Dir) {
  auto Absolute = [&](llvm::StringRef P) {
    llvm::SmallString<256> Out(P);
    if (llvm::sys::path::is_relative(Out)) {
      Out = Dir;
      llvm::sys::path::append(Out, P);
    }
    llvm::sys::path::remove_dots(Out, /*remove_dot_dot=*/true);
    return std::string(Out);
  };
  return Absolute(Input) == Absolute(File);
}

} // namespace

std::vector<std::string> adjustCommand(const tooling::CompileCommand &Cmd,
                                       const AnalyzeSettings &S) {
  const std::vector<std::string> &In = Cmd.CommandLine;
  if (In.empty())
    return In;
  bool CC1 = In.size() > 1 && In[1] == "-cc1";
  size_t First = CC1 ? 2 : 1;
  std::vector<const char *> Argv;
  for (size_t I = First; I < In.size(); ++I)
    Argv.push_back(In[I].c_str());
  const llvm::opt::OptTable &Table = driver::getDriverOptTable();
  unsigned MissingIndex, MissingCount;
  llvm::opt::InputArgList Parsed = Table.ParseArgs(
      Argv, MissingIndex, MissingCount,
      llvm::opt::Visibility(CC1 ? driver::options::CC1Option
                                : driver::options::ClangOption));
  // Each parsed argument covers the words from its index to the next one's.
  std::vector<bool> Drop(Argv.size(), false);
  std::vector<const llvm::opt::Arg *> Args(Parsed.begin(), Parsed.end());
  bool SeveralInputs =
      llvm::count_if(Args, [](const llvm::opt::Arg *A) {
        return A->getOption().matches(driver::options::OPT_INPUT);
      }) > 1;
  for (size_t K = 0; K < Args.size(); ++K) {
    const llvm::opt::Arg &A = *Args[K];
    unsigned Begin = A.getIndex();
    unsigned End = K + 1 < Args.size() ? Args[K + 1]->getIndex() : Argv.size();
    bool Gone = dropped(A, Argv[Begin]);
    // A command that compiles several files: only this entry's stays.
    if (SeveralInputs && A.getOption().matches(driver::options::OPT_INPUT) &&
        !sameFile(A.getValue(), Cmd.Filename, Cmd.Directory))
      Gone = true;
    for (unsigned W = Begin; W < End && W < Argv.size(); ++W)
      Drop[W] = Drop[W] || Gone;
  }
  // -Xclang pairs carry -cc1 options the table cannot see through.
  for (size_t W = 0; W + 1 < Argv.size(); ++W) {
    if (llvm::StringRef(Argv[W]) != "-Xclang")
      continue;
    unsigned Words = droppedAfterXclang(Argv[W + 1]);
    for (unsigned K = 0; K < Words && W + 2 * K + 1 < Argv.size(); ++K)
      Drop[W + 2 * K] = Drop[W + 2 * K + 1] = true;
  }
  std::vector<std::string> Out(In.begin(), In.begin() + First);
  if (!CC1)
    Out.insert(Out.end(), S.ExtraArgsBefore.begin(), S.ExtraArgsBefore.end());
  // Everything after "--" is a file (an inferred command ends so): ours go
  // before it.
  std::vector<std::string> Files;
  bool AfterDashes = false;
  for (size_t W = 0; W < Argv.size(); ++W) {
    AfterDashes = AfterDashes || llvm::StringRef(Argv[W]) == "--";
    if (!Drop[W])
      (AfterDashes ? Files : Out).push_back(Argv[W]);
  }
  // One job, whatever the recorded command built: the action decides what
  // runs (code generation too, in the exact mode).  Warnings never fail
  // it, and the headers clang itself ships are this clang's.
  Out.push_back("-fsyntax-only");
  // The compiler's warnings are not modspace's findings: only its errors
  // are shown, without the "N warnings generated" line.
  Out.push_back("-w");
  Out.push_back("-fno-caret-diagnostics");
  Out.push_back("-Wno-error");
  if (!CC1)
    Out.push_back("-Wno-unknown-warning-option");
  if (!S.ResourceDir.empty()) {
    Out.push_back("-resource-dir");
    Out.push_back(S.ResourceDir);
  }
  if (!CC1)
    Out.insert(Out.end(), S.ExtraArgs.begin(), S.ExtraArgs.end());
  Out.insert(Out.end(), Files.begin(), Files.end());
  return Out;
}

TUOutcome analyzeTU(const tooling::CompileCommand &Cmd,
                    const AnalyzeSettings &S, const Options &Opts) {
  TUOutcome Out;
  std::vector<std::string> Args = adjustCommand(Cmd, S);
  if (Args.empty()) {
    Out.Error = "the compile command is empty";
    return Out;
  }
  // A file system of its own, with its own working directory: threads
  // must not chdir the process.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS(
      llvm::vfs::createPhysicalFileSystem().release());
  if (!S.Overlay.empty()) {
    llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> Edited(
        new llvm::vfs::InMemoryFileSystem);
    for (const auto &[Path, Text] : S.Overlay)
      Edited->addFile(Path, 0,
                      llvm::MemoryBuffer::getMemBufferCopy(Text, Path));
    llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> Both(
        new llvm::vfs::OverlayFileSystem(FS));
    Both->pushOverlay(Edited);
    FS = Both;
  }
  if (FS->setCurrentWorkingDirectory(Cmd.Directory)) {
    Out.Error = "its directory '" + Cmd.Directory + "' is not there";
    return Out;
  }
  llvm::SmallString<256> File(Cmd.Filename);
  if (llvm::sys::path::is_relative(File)) {
    File = Cmd.Directory;
    llvm::sys::path::append(File, Cmd.Filename);
  }
  if (!llvm::sys::fs::exists(File)) {
    Out.Error = "it does not exist";
    return Out;
  }
  FileSystemOptions FSO;
  FSO.WorkingDir = Cmd.Directory;
  llvm::IntrusiveRefCntPtr<FileManager> Files(new FileManager(FSO, FS));
  std::string Log;
  llvm::raw_string_ostream LogOS(Log);
  llvm::IntrusiveRefCntPtr<DiagnosticOptions> DiagOpts = new DiagnosticOptions();
  // One line per diagnostic: the log is shown ten lines at most, and
  // quoted source would crowd out the errors after the first.
  DiagOpts->ShowCarets = false;
  TextDiagnosticPrinter Printer(LogOS, DiagOpts.get());
  std::unique_ptr<FrontendAction> Action;
  if (S.Fast)
    Action = std::make_unique<FastAction>(Opts, Out);
  else
    Action = std::make_unique<ExactAction>(Opts, Out);
  tooling::ToolInvocation Invocation(Args, std::move(Action), Files.get(),
                                     std::make_shared<PCHContainerOperations>());
  Invocation.setDiagnosticConsumer(&Printer);
  bool Ran = Invocation.run();
  LogOS.flush();
  if (Opts.CheckWalk && Out.Ok) {
    // Its remarks are its result: their lines alone, without the
    // compiler's other diagnostics or the source they quote.
    for (llvm::StringRef L = Log; !L.empty();) {
      auto [Line, Rest] = L.split('\n');
      if (Line.contains(": check-walk: ") && Line.ends_with("[modspace]"))
        Out.CheckWalkLog += (Line + "\n").str();
      L = Rest;
    }
  }
  if (!Out.Ok)
    Out.CompilerLog = Log;
  if (Out.CheckWalkFailed) {
    // The first difference, where it is, as the reason.
    auto [Where, What] = firstError(Log, "check-walk: ");
    Out.Error = What.empty() ? "check-walk found a difference"
                             : (Where + ": " + What).str();
  } else if (!Out.Ok) {
    // The first error the compiler gave, as the reason.
    llvm::StringRef What = firstError(Log, "").second;
    Out.Error = What.empty() ? (Ran ? "it did not produce a translation unit"
                                    : "the compiler could not run it")
                             : ("does not compile: " + What).str();
  }
  return Out;
}

} // namespace modspace

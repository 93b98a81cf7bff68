//===--- ModspaceMain.cpp - modspace: the whole tree in one run -----------===//
//
// A thin driver over the core the plugin uses: it reads a compile
// database the way clang-tidy does (-p, source filters, --extra-arg, --),
// analyses every TU in parallel in this process, then hands the per-TU
// reports to the tree step (modules, cross-TU decisions, merged edits)
// and prints, diffs, exports or applies the result.
//
// Exit status: 0 fine; 1 a module is over its budget (or, with
// --warnings-as-errors, any finding); 2 bad usage or no database; 3 an
// entry could not be analysed; 4 --fix or --diff wrote nothing.
//
//===----------------------------------------------------------------------===//

#include "Analyze.h"
#include "Apply.h"
#include "Output.h"
#include "Patch.h"
#include "Picture.h"
#include "Report.h"
#include "Tree.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include <mutex>

using namespace clang;
using namespace modspace;
namespace cl = llvm::cl;

namespace {

cl::OptionCategory Category("modspace options");

cl::opt<std::string> BuildPath(
    "p", cl::desc("The build directory holding compile_commands.json (or "
                  "the file itself)"),
    cl::value_desc("build-path"), cl::cat(Category));
cl::list<std::string> Sources(
    cl::Positional,
    cl::desc("[<source>...]  Only these files (default: every entry)"),
    cl::cat(Category));
cl::list<std::string> ExtraArgs(
    "extra-arg", cl::desc("An argument to append to each compile command"),
    cl::cat(Category));
cl::list<std::string> ExtraArgsBefore(
    "extra-arg-before",
    cl::desc("An argument to prepend to each compile command"),
    cl::cat(Category));
cl::opt<unsigned> JobCount(
    "j", cl::desc("Analyse this many TUs at once (default: the CPUs)"),
    cl::init(0), cl::Prefix, cl::cat(Category));
cl::opt<bool> Fast("fast",
                   cl::desc("Syntax only: sizes are exact, offsets and "
                            "section sizes an estimate"),
                   cl::cat(Category));
cl::list<std::string> ModuleRules(
    "module",
    cl::desc("NAME=GLOB: TUs whose path matches GLOB form module NAME"),
    cl::value_desc("name=glob"), cl::cat(Category));
cl::opt<std::string> Budget(
    "budget",
    cl::desc("Fail (exit 1) when a module's per-vnet cost exceeds this "
             "(default: the module space, 32768)"),
    cl::value_desc("bytes"), cl::cat(Category));
cl::opt<std::string> PcpuBudget(
    "pcpu-budget",
    cl::desc("The same for per-CPU data (default: the module space, 2048)"),
    cl::value_desc("bytes"), cl::cat(Category));
cl::opt<bool> WarningsAsErrors(
    "warnings-as-errors",
    cl::desc("Report warnings as errors and exit 1 if there is one (a "
             "pre-commit hook)"),
    cl::cat(Category));
cl::opt<std::string> Format("format", cl::desc("text, json or sarif"),
                            cl::init("text"), cl::cat(Category));
cl::opt<std::string> OutputFile(
    "output", cl::desc("Write the report here instead of standard output"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> Fix("fix",
                  cl::desc("Apply every planned edit, or none if any file "
                           "changed or cannot be written"),
                  cl::cat(Category));
cl::opt<bool> Diff("diff",
                   cl::desc("Print the edits as a unified diff; write "
                            "nothing"),
                   cl::cat(Category));
cl::opt<std::string> ExportFixes(
    "export-fixes",
    cl::desc("Write the findings and edits as clang-apply-replacements "
             "YAML"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> PatchFile(
    "patch",
    cl::desc("Write the edits as a patch for review: a commit message with "
             "each changed module's figures before and after, measured, "
             "then the diff; edit nothing"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> SvgFile(
    "svg",
    cl::desc("Draw each module's block of module space, to scale, as SVG"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> HtmlFile(
    "html", cl::desc("The same drawing as one self-contained HTML page"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> ResourceDir(
    "resource-dir", cl::desc("clang's resource directory (stddef.h...)"),
    cl::init(MODSPACE_RESOURCE_DIR), cl::cat(Category));
cl::list<std::string> PluginOptions(
    "option",
    cl::desc("NAME=VALUE: an option of the plugin (threshold=, modspace=, "
             "build=...; see modspace(7))"),
    cl::value_desc("name=value"), cl::cat(Category));
cl::opt<std::string> TestBeforeCheck(
    "test-before-check", cl::Hidden,
    cl::desc("Run this shell command after the analysis, before --fix "
             "checks the files (tests)"));

int usage(const llvm::Twine &Why) {
  llvm::errs() << "modspace: error: " << Why << "\n";
  return 2;
}

/// The compile database: -p, or the one above the first source, or the
/// command line after --.
std::unique_ptr<tooling::CompilationDatabase>
loadDatabase(std::unique_ptr<tooling::CompilationDatabase> Fixed,
             std::string &Error) {
  if (Fixed)
    return Fixed;
  std::unique_ptr<tooling::CompilationDatabase> DB;
  if (!BuildPath.empty()) {
    llvm::SmallString<256> File(BuildPath);
    if (!llvm::sys::fs::exists(File)) {
      Error = "'" + BuildPath + "' does not exist (give -p the build "
              "directory that holds compile_commands.json)";
      return nullptr;
    }
    if (llvm::sys::fs::is_directory(File))
      llvm::sys::path::append(File, "compile_commands.json");
    if (!llvm::sys::fs::exists(File)) {
      Error = "no compile database at '" + std::string(File) +
              "' (give the build directory with -p)";
      return nullptr;
    }
    std::string Why;
    DB = tooling::JSONCompilationDatabase::loadFromFile(
        File, Why, tooling::JSONCommandLineSyntax::AutoDetect);
    if (!DB) {
      Error = "cannot read the compile database '" + std::string(File) +
              "': " + Why;
      return nullptr;
    }
  } else if (!Sources.empty()) {
    std::string Why;
    DB = tooling::CompilationDatabase::autoDetectFromSource(Sources[0], Why);
    if (!DB) {
      Error = "no compile database found above '" + Sources[0] +
              "' (give the build directory with -p, or the command after "
              "--)";
      return nullptr;
    }
  } else {
    Error = "no compile database: give the build directory with -p";
    return nullptr;
  }
  DB = tooling::expandResponseFiles(std::move(DB),
                                    llvm::vfs::getRealFileSystem());
  DB = tooling::inferTargetAndDriverMode(std::move(DB));
  return tooling::inferMissingCompileCommands(std::move(DB));
}

std::string absolutePath(llvm::StringRef P, llvm::StringRef Dir = "") {
  llvm::SmallString<256> Out(P);
  if (llvm::sys::path::is_relative(Out)) {
    if (Dir.empty())
      llvm::sys::fs::make_absolute(Out);
    else {
      Out = Dir;
      llvm::sys::path::append(Out, P);
    }
  }
  llvm::sys::path::remove_dots(Out, /*remove_dot_dot=*/true);
  return std::string(Out);
}

/// Why a TU is not analysed at all, or "".
std::string skipReason(const tooling::CompileCommand &Cmd) {
  llvm::StringRef Ext = llvm::sys::path::extension(Cmd.Filename);
  if (Ext == ".s" || Ext == ".S" || Ext == ".asm" || Ext == ".sx")
    return "an assembler source: it has no C variables";
  return "";
}

/// Shows "[37/123] file" on a terminal, nothing when piped.
class Progress {
public:
  explicit Progress(size_t Total)
      : Total(Total), On(llvm::sys::Process::StandardErrIsDisplayed()) {}
  void done(llvm::StringRef File) {
    if (!On)
      return;
    std::lock_guard<std::mutex> Lock(M);
    ++Count;
    llvm::errs() << "\r\x1b[K[" << Count << "/" << Total << "] "
                 << displayPath(File);
    llvm::errs().flush();
  }
  ~Progress() {
    if (On && Count)
      llvm::errs() << "\r\x1b[K";
  }

private:
  size_t Total, Count = 0;
  bool On;
  std::mutex M;
};

/// Analyses the jobs named in \p Which, in parallel.
void analyse(std::vector<TUJob> &Jobs, const std::vector<unsigned> &Which,
             const AnalyzeSettings &S) {
  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(JobCount));
  Progress P(Which.size());
  for (unsigned I : Which)
    Pool.async([&, I] {
      Jobs[I].Out = analyzeTU(Jobs[I].Cmd, S, Jobs[I].Opts);
      P.done(Jobs[I].Cmd.Filename);
    });
  Pool.wait();
}

/// Adds \p More to the jobs' refusals; returns the jobs that changed.
std::vector<unsigned>
addRefusals(std::vector<TUJob> &Jobs,
            const std::map<unsigned, std::map<std::string, std::string>> &More) {
  std::vector<unsigned> Changed;
  for (const auto &[J, Names] : More) {
    bool Any = false;
    for (const auto &[Name, Why] : Names)
      Any |= Jobs[J].Opts.ForceRefuse.insert({Name, {Why, SourceLocation()}})
                 .second;
    if (Any)
      Changed.push_back(J);
  }
  return Changed;
}

/// Why an output file of the run would overwrite another output or, once
/// the run has read them (\p R), a file it read; or "".
std::string outputsClash(const TreeResult *R) {
  std::vector<std::pair<std::string, std::string>> Outs;
  for (auto [Name, Path] : {std::pair{"--patch", &PatchFile},
                            {"--output", &OutputFile},
                            {"--export-fixes", &ExportFixes},
                            {"--svg", &SvgFile},
                            {"--html", &HtmlFile}})
    if (!Path->empty()) {
      llvm::SmallString<256> Abs(*Path), Real;
      llvm::sys::fs::make_absolute(Abs);
      llvm::sys::path::remove_dots(Abs, true);
      if (!llvm::sys::fs::real_path(Abs, Real))
        Abs = Real;
      Outs.push_back({Name, std::string(Abs)});
    }
  for (size_t I = 0; I < Outs.size(); ++I) {
    for (size_t J = 0; J < I; ++J)
      if (Outs[I].second == Outs[J].second)
        return Outs[J].first + " and " + Outs[I].first + " name one file";
    if (R && (R->Inputs.count(Outs[I].second) ||
              llvm::sys::path::filename(Outs[I].second) ==
                  "compile_commands.json"))
      return Outs[I].first + " names '" + displayPath(Outs[I].second) +
             "', a file the run reads";
  }
  return "";
}

/// --patch: the tree analysed again as the edits of \p R leave it (the
/// edited files read from memory), then the commit message and the diff
/// written to the file.  Returns "" or why not.
std::string writePatch(const std::vector<TUJob> &Jobs,
                       const AnalyzeSettings &S, const Budgets &B,
                       const TreeResult &R) {
  if (!R.Errors.empty())
    return "not every translation unit could be analysed, so the figures "
           "would leave some out (run modspace without --patch to see them)";
  AnalyzeSettings Edited = S;
  std::map<std::string, std::string> Texts;
  if (std::string Why = readUnchanged(R.Changes, R.Inputs, Texts);
      !Why.empty())
    return Why + " (run modspace again)";
  for (const auto &[Path, Change] : R.Changes)
    Edited.Overlay[Path] = applyEdits(Texts[Path], Change.Edits);
  std::vector<TUJob> Again = Jobs;
  std::vector<unsigned> All;
  for (unsigned I = 0; I < Again.size(); ++I)
    if (Again[I].Skipped.empty())
      All.push_back(I);
  analyse(Again, All, Edited);
  std::map<unsigned, std::map<std::string, std::string>> Conflicts;
  TreeResult After = buildTree(Again, B, Conflicts);
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  if (std::string Why = printPatch(OS, R, After); !Why.empty())
    return Why;
  OS.flush();
  return writeReport(PatchFile, Text);
}

/// Writes \p Text to --output, or standard output.
bool emit(llvm::StringRef Text) {
  if (OutputFile.empty()) {
    llvm::outs() << Text;
    llvm::outs().flush();
    return true;
  }
  if (std::string Why = writeReport(OutputFile, Text); !Why.empty()) {
    llvm::errs() << "modspace: error: cannot write '" << OutputFile
                 << "': " << Why << "\n";
    return false;
  }
  return true;
}

} // namespace

int main(int argc, const char **argv) {
  llvm::InitLLVM X(argc, argv);
  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargets();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmParsers();
  llvm::InitializeAllAsmPrinters();

  // "--" ends modspace's options: the rest is one compile command for the
  // named files.
  std::string FixedError;
  std::unique_ptr<tooling::CompilationDatabase> Fixed =
      tooling::FixedCompilationDatabase::loadFromCommandLine(argc, argv,
                                                             FixedError);
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "modspace 0.1 (clang " << LLVM_VERSION_STRING << ")\n";
  });
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "modspace: per-vnet and per-CPU module space of a whole tree\n",
          &llvm::errs()))
    return 2;
  if (!FixedError.empty())
    return usage(FixedError);

  // Options first: a mistake costs nothing to report.
  Options Opts;
  Opts.Extern = Options::ExternMode::Convert; // this run sees the other TUs
  Opts.WholeTree = true;
  Opts.SysctlRewriteSpelling = "--option sysctl=rewrite";
  Opts.ListSkippedIncludes = true;
  for (const std::string &O : PluginOptions) {
    llvm::StringRef Name = llvm::StringRef(O).split('=').first;
    if (Name == "report" || Name == "report-dir" || Name == "summary")
      return usage("--option " + Name +
                   " is the plugin's; the CLI writes one report with "
                   "--format=json --output=FILE");
    if (std::string Why = applyOption(Opts, O); !Why.empty())
      return usage("--option " + O + ": " + Why);
  }
  Budgets B;
  for (auto [Text, Into] : {std::make_pair(&Budget, &B.Vnet),
                            std::make_pair(&PcpuBudget, &B.Pcpu)}) {
    if (Text->empty())
      continue;
    uint64_t N;
    if (!parseBytes(*Text, N))
      return usage("--" + Text->ArgStr + "=" + *Text +
                   ": not a byte count (decimal or 0x, K/M/G)");
    *Into = N;
  }
  std::vector<ModuleRule> Rules;
  for (const std::string &M : ModuleRules) {
    auto [Name, Glob] = llvm::StringRef(M).split('=');
    if (Name.empty() || Glob.empty())
      return usage("--module " + M + ": write NAME=GLOB");
    if (llvm::Expected<llvm::GlobPattern> G = llvm::GlobPattern::create(Glob);
        !G)
      return usage("--module " + M + ": " + llvm::toString(G.takeError()));
    Rules.push_back({Name.str(), Glob.str()});
  }
  if (PatchFile.getNumOccurrences() && PatchFile.empty())
    return usage("--patch: the file name is empty");
  if (!PatchFile.empty() && Fix)
    return usage("--patch writes the edits for review; --fix applies "
                 "them: give one");
  if (!PatchFile.empty() && Fast)
    return usage("--patch measures the figures it quotes: drop --fast");
  if (std::string Why = outputsClash(nullptr); !Why.empty())
    return usage(Why);
  if (Format != "text" && Format != "json" && Format != "sarif")
    return usage("--format=" + Format + ": use text, json or sarif");
  if (Fix && Diff)
    return usage("--fix and --diff: choose one (--diff writes nothing)");
  if (Fixed && Sources.empty())
    return usage("a command after -- needs the files to analyse before it");
  if (!ResourceDir.empty() && !llvm::sys::fs::is_directory(ResourceDir))
    return usage("--resource-dir " + ResourceDir + ": not a directory");

  std::string DBError;
  std::unique_ptr<tooling::CompilationDatabase> DB =
      loadDatabase(std::move(Fixed), DBError);
  if (!DB)
    return usage(DBError);

  // The TUs: every entry, or those of the files named.
  std::vector<TUJob> Jobs;
  bool WholeDatabase = true;
  // One object is built once: an entry recorded twice (same output, or
  // the same command) is one TU, its last command the one that counts.
  std::map<std::string, unsigned> ByOutput;
  auto AddJob = [&](tooling::CompileCommand Cmd) {
    // A relative directory is taken from where modspace runs, as clang
    // tools that change into it do; applied once, here.
    Cmd.Directory = absolutePath(Cmd.Directory);
    // (An inferred command keeps the output of the entry it came from.)
    std::string Key = Cmd.Output.empty() || !Cmd.Heuristic.empty()
                          ? absolutePath(Cmd.Filename, Cmd.Directory) + '\0' +
                                llvm::join(Cmd.CommandLine, "\1")
                          : absolutePath(Cmd.Output, Cmd.Directory);
    auto [Seen, New] = ByOutput.insert({Key, Jobs.size()});
    if (!New) {
      Jobs[Seen->second].Cmd = std::move(Cmd);
      return;
    }
    TUJob J;
    std::tie(J.Module, J.ModuleDir) = moduleOf(Cmd, Rules);
    J.Skipped = skipReason(Cmd);
    J.Opts = Opts;
    // A header named on the command line is parsed alone: a table it
    // defines belongs to the files that include it, whose constructors
    // and uses this run does not see.
    llvm::StringRef Ext = llvm::sys::path::extension(Cmd.Filename);
    if (Ext == ".h" || Ext == ".hh" || Ext == ".hpp" || Ext == ".hxx" ||
        Ext == ".inc")
      J.Opts.RefuseAll = "this header is analysed on its own (it was named "
                         "on the command line), so the files that include "
                         "it are not seen; run modspace on them";
    if (Cmd.CommandLine.empty())
      J.Out.Error = "its compile command is empty";
    J.Cmd = std::move(Cmd);
    Jobs.push_back(std::move(J));
  };
  if (Sources.empty()) {
    for (tooling::CompileCommand &Cmd : DB->getAllCompileCommands())
      AddJob(std::move(Cmd));
    if (Jobs.empty())
      return usage("the compile database has no entries");
  } else {
    llvm::StringSet<> Named;
    for (const std::string &S : Sources) {
      std::string File = absolutePath(S);
      if (!Named.insert(File).second)
        continue;
      std::vector<tooling::CompileCommand> Cmds = DB->getCompileCommands(File);
      if (Cmds.empty()) {
        tooling::CompileCommand None;
        None.Filename = File;
        TUJob J;
        J.Cmd = None;
        J.Opts = Opts;
        J.Out.Error = "no compile command for it, and none could be inferred";
        Jobs.push_back(std::move(J));
        continue;
      }
      for (tooling::CompileCommand &Cmd : Cmds)
        AddJob(std::move(Cmd));
    }
    // The named files may still be the whole database.
    for (const std::string &F : DB->getAllFiles())
      WholeDatabase = WholeDatabase && Named.contains(absolutePath(F));
  }

  AnalyzeSettings S;
  S.Fast = Fast;
  S.ResourceDir = ResourceDir;
  S.ExtraArgs = ExtraArgs;
  S.ExtraArgsBefore = ExtraArgsBefore;
  std::vector<unsigned> All;
  for (unsigned I = 0; I < Jobs.size(); ++I)
    if (Jobs[I].Skipped.empty() && !Jobs[I].Cmd.CommandLine.empty())
      All.push_back(I);
  analyse(Jobs, All, S);

  // Refusals the other TUs impose, until none is new.  Each round can
  // only refuse more, so this ends; a handful of rounds is plenty.
  TreeResult R;
  for (unsigned Round = 0;; ++Round) {
    std::map<unsigned, std::map<std::string, std::string>> Conflicts;
    std::vector<unsigned> Again =
        addRefusals(Jobs, crossTURefusals(Jobs, WholeDatabase));
    if (Again.empty()) {
      R = buildTree(Jobs, B, Conflicts);
      Again = addRefusals(Jobs, Conflicts);
      if (Again.empty())
        break;
    }
    if (Round == 16) {
      R = buildTree(Jobs, B, Conflicts);
      R.Changes.clear();
      R.Errors.push_back("the translation units' edits did not settle; "
                         "nothing will be fixed");
      break;
    }
    analyse(Jobs, Again, S);
  }

  if (WarningsAsErrors)
    for (TreeFinding &F : R.Findings)
      F.Level = "error";
  if (std::string Why = outputsClash(&R); !Why.empty())
    return usage(Why);

  for (const TUJob &J : Jobs)
    if (J.Out.Ok) {
      llvm::errs() << J.Out.CheckWalkLog; // only under check-walk
    } else if (J.Skipped.empty()) {
      llvm::errs() << "modspace: error: " << displayPath(absolutePath(
                                                J.Cmd.Filename, J.Cmd.Directory))
                   << ": " << J.Out.Error << "\n";
      llvm::StringRef Log = J.Out.CompilerLog;
      for (int Lines = 0; !Log.empty() && Lines < 10; ++Lines) {
        auto [Line, Rest] = Log.split('\n');
        llvm::errs() << "  " << Line << "\n";
        Log = Rest;
      }
      if (!Log.empty()) {
        size_t More = Log.count('\n') + !Log.ends_with("\n");
        llvm::errs() << "  (" << More << " more line" << (More == 1 ? "" : "s")
                     << ")\n";
      }
    }

  std::string Text;
  llvm::raw_string_ostream OS(Text);
  if (Format == "json")
    OS << llvm::formatv("{0:2}", treeJSON(R, Jobs)) << "\n";
  else if (Format == "sarif")
    OS << llvm::formatv("{0:2}", treeSARIF(R, Jobs)) << "\n";
  else
    printText(OS, R, Jobs);
  OS.flush();
  // With --diff, standard output is the diff; the report only goes to a
  // file.
  if ((!Diff || !OutputFile.empty()) && !emit(Text))
    return 2;
  if (Diff) {
    std::string DiffText;
    llvm::raw_string_ostream DS(DiffText);
    if (std::string Why = printDiff(DS, R.Changes); !Why.empty()) {
      llvm::errs() << "modspace: error: " << Why << "\n";
      return 4;
    }
    DS.flush();
    llvm::outs() << DiffText;
  }
  if (!PatchFile.empty()) {
    if (R.Changes.empty()) {
      llvm::errs() << "modspace: no edits to make: no patch written\n";
    } else if (std::string Why = writePatch(Jobs, S, B, R); !Why.empty()) {
      llvm::errs() << "modspace: error: cannot write the patch '" << PatchFile
                   << "': " << Why << "\n";
      return 2;
    }
  }
  // picture.c names the file and the reason on standard error.
  if ((!SvgFile.empty() || !HtmlFile.empty()) &&
      !writePicture(R, SvgFile, HtmlFile))
    return 2;
  if (!ExportFixes.empty())
    if (std::string Why = exportFixes(ExportFixes, R); !Why.empty()) {
      llvm::errs() << "modspace: error: cannot write '" << ExportFixes
                   << "': " << Why << "\n";
      return 2;
    }
  if (Fix) {
    std::vector<std::string> Written;
    std::string Why = applyChanges(
        R.Changes, R.Inputs,
        [&] {
          if (!TestBeforeCheck.empty())
            (void)std::system(TestBeforeCheck.c_str());
        },
        Written);
    if (!Why.empty()) {
      llvm::errs() << "modspace: error: " << Why << "\n";
      return 4;
    }
    if (!Written.empty()) {
      llvm::errs() << "modspace: fixed " << Written.size() << " file"
                   << (Written.size() == 1 ? "" : "s") << ":";
      for (const std::string &W : Written)
        llvm::errs() << " " << W;
      llvm::errs() << "\n";
    }
  }
  if (!R.Errors.empty())
    return 3;
  for (const modspace::Module &M : R.Modules)
    if (M.OverBudget || M.PcpuOverBudget)
      return 1;
  if (WarningsAsErrors && !R.Findings.empty())
    return 1;
  return 0;
}

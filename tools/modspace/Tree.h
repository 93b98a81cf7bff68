//===--- Tree.h - the whole database, after every TU was analysed -*- C++ -*-===//
//
// The CLI's tree step.  It works only from the per-TU reports (the same
// JSON the plugin's report-dir= writes): it groups TUs into modules and
// links their sections as the linker would, decides which non-static
// tables other TUs let it convert, merges every TU's edits per file, and
// turns what is left into one list of findings.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_TOOL_TREE_H
#define MODSPACE_TOOL_TREE_H

#include "Analyze.h"
#include "llvm/Support/JSON.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace modspace {

/// One compile command and what became of it.
struct TUJob {
  clang::tooling::CompileCommand Cmd;
  std::string Module;   ///< the module's name
  std::string ModuleDir; ///< the directory that named it, if one did
  std::string Skipped;  ///< why it was not analysed at all (assembler...)
  Options Opts;         ///< its own: the tree step adds refusals
  TUOutcome Out;
};

/// Replace Length bytes at Offset of the file at Path with Text.
struct Replacement {
  std::string Path;
  unsigned Offset = 0, Length = 0;
  std::string Text;
  bool operator<(const Replacement &O) const {
    return std::tie(Path, Offset, Length, Text) <
           std::tie(O.Path, O.Offset, O.Length, O.Text);
  }
  bool operator==(const Replacement &O) const {
    return !(*this < O) && !(O < *this);
  }
};

/// A place in a file, as reports give it.
struct Place {
  std::string Path; ///< absolute
  unsigned Line = 0, Column = 0;
};

/// A note after a finding.
struct TreeNote {
  Place At;
  std::string Message;
};

/// One finding of the tree: a TU's, or a module's.
struct TreeFinding {
  std::string Rule;
  std::string Level; ///< "warning" or "error"
  std::string Message;
  Place At;
  std::vector<TreeNote> Notes;
  std::vector<Replacement> Fixes; ///< each edit of the run is on one finding
  std::string TU;                 ///< the TU that reported it first
  std::string Table; ///< a size warning: the table ("x", whatever the build)
};

/// One section of a module, linked.
struct LinkedSection {
  std::string Name;
  uint64_t Size = 0, Align = 1, Cost = 0, Space = 0, Variables = 0;
  bool Exact = true, Hypothetical = false;
};

/// A variable of a module, for its largest ones.
struct ModuleVar {
  std::string Name, Kind;
  uint64_t Size = 0;
  Place At;
};

/// A module: the TUs linked into one .ko.
struct Module {
  std::string Name, Directory;
  std::vector<unsigned> TUs; ///< indices into the jobs, in database order
  bool Kernel = false;       ///< linked into the kernel: no module space
  bool Incomplete = false;   ///< some of its TUs could not be analysed
  bool Vimage = false, Plain = false; ///< it has VIMAGE / non-VIMAGE TUs
  unsigned PointerSize = 8;
  LinkedSection Vnet, Pcpu;
  std::vector<ModuleVar> Largest; ///< at most five, largest first
  bool OverBudget = false, PcpuOverBudget = false;
  uint64_t Budget = 0, PcpuBudget = 0;
};

/// A file the run changes.
struct FileChange {
  std::string Path;
  std::string Hash; ///< of its contents when it was analysed
  std::vector<Replacement> Edits; ///< sorted, no two overlapping
};

/// What the whole run found.
struct TreeResult {
  std::vector<Module> Modules;
  std::vector<TreeFinding> Findings;
  std::map<std::string, FileChange> Changes;
  /// Every file the TUs read, with its hash then: --fix checks them all.
  std::map<std::string, std::string> Inputs;
  /// One line per entry that could not be analysed: "FILE: why".
  std::vector<std::string> Errors;
  bool Exact = true;
};

/// Budgets of the module gate; unset: the module space itself.
struct Budgets {
  std::optional<uint64_t> Vnet, Pcpu;
};

/// A module of the form NAME=GLOB, matched against TU paths.
struct ModuleRule {
  std::string Name, Glob;
};

/// The module of \p Cmd: the first rule whose glob matches its file, else
/// the directory of its output file, else its directory.  Returns
/// {name, directory}.
std::pair<std::string, std::string>
moduleOf(const clang::tooling::CompileCommand &Cmd,
         llvm::ArrayRef<ModuleRule> Rules);

/// Refusals the tree adds: per job, the tables to refuse and why.  Empty
/// when no job needs another run.
std::map<unsigned, std::map<std::string, std::string>>
crossTURefusals(const std::vector<TUJob> &Jobs, bool WholeDatabase);

/// Everything else: modules, findings, merged edits.  Edits that conflict
/// are returned as refusals to run again (\p Conflicts), as above.
TreeResult buildTree(const std::vector<TUJob> &Jobs, const Budgets &B,
                     std::map<unsigned, std::map<std::string, std::string>>
                         &Conflicts);

/// \p Path as the user would write it: relative to the working directory
/// when it is under it.
std::string displayPath(llvm::StringRef Path);

} // namespace modspace

#endif // MODSPACE_TOOL_TREE_H

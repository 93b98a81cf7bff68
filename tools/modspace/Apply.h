//===--- Apply.h - --fix, --diff and --export-fixes --------------*- C++ -*-===//
//
// The three ways the merged edits of a run leave it.  --fix writes all of
// them or none: every file must still be what was analysed, each is
// written to a temporary file beside it and renamed over it only once all
// are written, and a failed rename puts the renamed ones back.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_TOOL_APPLY_H
#define MODSPACE_TOOL_APPLY_H

#include "Tree.h"
#include "llvm/Support/raw_ostream.h"
#include <functional>

namespace modspace {

/// \p Old with \p Edits (sorted, disjoint) applied.
std::string applyEdits(llvm::StringRef Old,
                       const std::vector<Replacement> &Edits);

/// Writes every change, or none, and none if any of \p Inputs (every file
/// the analysis read, with its hash) changed.  \p BeforeCheck runs after the analysis
/// and before the files are checked (a test's way to change one).
/// Returns "" or why nothing was written; \p Written gets the files.
std::string applyChanges(const std::map<std::string, FileChange> &Changes,
                         const std::map<std::string, std::string> &Inputs,
                         const std::function<void()> &BeforeCheck,
                         std::vector<std::string> &Written);

/// Reads each changed file into \p Texts, checking that it and every other
/// file the analysis read (\p Inputs) are still what was analysed.
/// Returns "" or which one changed.
std::string readUnchanged(const std::map<std::string, FileChange> &Changes,
                          const std::map<std::string, std::string> &Inputs,
                          std::map<std::string, std::string> &Texts);

/// Prints the changes as a unified diff that `git apply` and `patch -p1`
/// take from the working directory.  Returns "" or why it could not.
std::string printDiff(llvm::raw_ostream &OS,
                      const std::map<std::string, FileChange> &Changes);

/// Writes the findings and their edits as clang-apply-replacements YAML
/// (clang::tooling::TranslationUnitDiagnostics).  Returns "" or why not.
std::string exportFixes(llvm::StringRef Path, const TreeResult &R);

} // namespace modspace

#endif // MODSPACE_TOOL_APPLY_H

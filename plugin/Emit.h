//===--- Emit.h - diagnostics and summary ------------------------*- C++
//-*-===//
//
// Stage 4 of collect -> analyse -> plan -> emit.  Clang 19 gives a
// plugin's custom diagnostics no -W group, so they would ignore -Werror,
// -w and system headers; this stage honours them itself, and the
// NOLINT(modspace) / NOLINTNEXTLINE(modspace) comments clang-tidy users
// know.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_EMIT_H
#define MODSPACE_EMIT_H

#include "Analyse.h"
#include "Options.h"
#include "Plan.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/Support/raw_ostream.h"

namespace modspace {

/// One thing modspace has to say, before a front end says it: a clang
/// diagnostic (the plugin), an analyzer report, a JSON or SARIF result (the
/// CLI).  The same finding has the same text everywhere.
struct Finding {
  std::string Rule;            ///< a stable id: "vnet-variable", ...
  clang::SourceLocation Loc;   ///< a file location
  std::string Message;         ///< one sentence, "[modspace]" at the end
  std::vector<Edit> Fixes;     ///< the fix-its, all on this finding
  std::vector<PlanNote> Notes; ///< shown after it
  int Var = -1;                ///< the variable's index, if about one
};

/// The size warnings (with their planned fix-its), the notes that explain
/// refusals, the TU budget warnings, and the warnings on uses of arrays
/// that are only declared here.  System headers and NOLINT are honoured.
std::vector<Finding> findingsOf(const clang::SourceManager &SM,
                                const Analysis &A, const FixPlan &Plan);

/// The clang sink: each finding as a warning (or an error, as Opts.Errors
/// and -Werror say) with its fix-its unless fix=none, then its notes;
/// nothing under -w.
void emitFindings(clang::DiagnosticsEngine &Diags,
                  llvm::ArrayRef<Finding> Findings, const Options &Opts);

/// Whether \p V gets a size warning (at or over its threshold, in its
/// section, not in a system header, not silenced by NOLINT).
bool warnsOn(const ModuleVariable &V, const Analysis &A,
             const clang::SourceManager &SM);

/// Whether a NOLINT(modspace) on \p Loc's line, or a
/// NOLINTNEXTLINE(modspace) on the line before, silences modspace there.
bool isSuppressedByComment(const clang::SourceManager &SM,
                           clang::SourceLocation Loc);

/// Prints a table of every variable and both sections (the "summary"
/// option, and make demo).
void printSummary(llvm::raw_ostream &OS, const Analysis &A,
                  llvm::StringRef MainFile);

/// "5.5%": \p Part as a percentage of \p Whole, one decimal.
std::string percentOf(uint64_t Part, uint64_t Whole);

} // namespace modspace

#endif // MODSPACE_EMIT_H

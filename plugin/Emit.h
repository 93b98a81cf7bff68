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
#include "Plan.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/Support/raw_ostream.h"

namespace modspace {

/// Emits the size warnings (with the planned fix-its unless fix=none),
/// the notes that explain refusals, the TU budget warning and its note,
/// and the warnings on uses of arrays that are only declared here, as
/// warnings or errors as Opts.Errors says.
void emitDiagnostics(clang::DiagnosticsEngine &Diags,
                     const clang::SourceManager &SM, const Analysis &A,
                     const FixPlan &Plan, const Options &Opts);

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

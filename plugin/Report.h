//===--- Report.h - the per-TU JSON report -----------------------*- C++
//-*-===//
//
// Part of the emit stage.  The schema is documented in docs/report.md.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_REPORT_H
#define MODSPACE_REPORT_H

#include "Analyse.h"
#include "Plan.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/JSON.h"

namespace modspace {

/// The report for one TU as a JSON value.
llvm::json::Value buildReport(const Analysis &A, const FixPlan &Plan,
                              const clang::SourceManager &SM,
                              llvm::StringRef MainFile);

/// Writes \p Text to \p Path atomically: a temporary file in the same
/// directory, then rename.  Returns an empty string or the reason.
std::string writeFileAtomically(llvm::StringRef Path, llvm::StringRef Text);

} // namespace modspace

#endif // MODSPACE_REPORT_H

//===--- Report.h - the per-TU JSON report -----------------------*- C++
//-*-===//
//
// Part of the emit stage.  The schema is documented in docs/report.md.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_REPORT_H
#define MODSPACE_REPORT_H

#include "Driver.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/JSON.h"

namespace modspace {

/// The report for one TU as a JSON value: what the plugin's report= and
/// report-dir= write, and what the CLI's whole-tree step works from.
/// \p WithInputs adds "inputs": every file the TU read, with its hash.
llvm::json::Value buildReport(const TUResult &R,
                              const clang::SourceManager &SM,
                              bool WithInputs = false);

/// Writes \p Text to \p Path so that no reader sees half a report and
/// nothing at the path is destroyed: a regular file (or the file a symlink
/// points to, the link kept) is replaced atomically, through a temporary
/// file beside it that never outlives the call; a character device, FIFO
/// or /dev/fd link is written in place.  Returns "" or the reason.
std::string writeReport(llvm::StringRef Path, llvm::StringRef Text);

/// The report of one TU in directory \p Dir: the main file's name and a
/// hash of its absolute path and of the output file, so that two TUs with
/// the same base name, or one file built twice, never collide.
std::string reportPathIn(llvm::StringRef Dir, llvm::StringRef MainFile,
                         llvm::StringRef OutputFile);

} // namespace modspace

#endif // MODSPACE_REPORT_H

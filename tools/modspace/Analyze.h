//===--- Analyze.h - one compile command, analysed in this process -*- C++ -*-===//
//
// The CLI's per-TU step: a recorded compile command, adjusted so that it
// runs here (GCC-only flags, -Werror, output and dependency files,
// plugins, raw -cc1 lines, the resource directory), then parsed and, in
// the exact mode, taken through code generation up to the layout pass
// (no object is written).  The result is the same JSON report the plugin
// writes, so the tree step works the same from a report-dir.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_TOOL_ANALYZE_H
#define MODSPACE_TOOL_ANALYZE_H

#include "Options.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/JSON.h"
#include <map>
#include <string>
#include <vector>

namespace modspace {

/// How every TU is analysed.
struct AnalyzeSettings {
  bool Fast = false;       ///< syntax only: the layout is an estimate
  std::string ResourceDir; ///< clang's resource directory
  std::vector<std::string> ExtraArgs, ExtraArgsBefore;
  /// Files read from here instead of the disk (absolute path -> text):
  /// --patch measures the tree as its edits leave it.
  std::map<std::string, std::string> Overlay;
};

/// What one TU gave.
struct TUOutcome {
  bool Ok = false;
  std::string Error;       ///< why not, one line
  std::string CompilerLog; ///< the compiler's own diagnostics, when it failed
  /// Under check-walk: its remarks, one line each, when the TU was
  /// analysed; or whether it found a difference (Error says which).
  std::string CheckWalkLog;
  bool CheckWalkFailed = false;
  llvm::json::Value Report = nullptr; ///< the per-TU report
};

/// The command line that runs \p Cmd here.
std::vector<std::string> adjustCommand(const clang::tooling::CompileCommand &Cmd,
                                       const AnalyzeSettings &S);

/// Analyses one TU; safe to call from several threads at once.
TUOutcome analyzeTU(const clang::tooling::CompileCommand &Cmd,
                    const AnalyzeSettings &S, const Options &Opts);

} // namespace modspace

#endif // MODSPACE_TOOL_ANALYZE_H

//===--- Driver.h - one translation unit, for every front end ---*- C++ -*-===//
//
// The plugin, the CLI and (later) the analyzer checker differ in how they
// are invoked and where findings go, never in what they decide: each
// calls runTU() once the TU is parsed (and, when code is generated, after
// the layout pass ran), then hands the findings to its own sink.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_DRIVER_H
#define MODSPACE_DRIVER_H

#include "Analyse.h"
#include "Collect.h"
#include "Emit.h"
#include "Options.h"
#include "Plan.h"
#include "SectionLayout.h"

namespace modspace {

/// What one TU yields.
/// An #include in code the preprocessor skipped.
struct SkippedInclude {
  std::string Name; ///< as written between the quotes or brackets
  clang::SourceLocation Loc;
};

struct TUResult {
  Analysis A;
  FixPlan Plan;
  std::vector<Finding> Findings;
  std::string MainFile; ///< as the compiler was given it
  /// Only with Options::ListSkippedIncludes: the headers this TU includes
  /// in configurations it is not compiled in (the CLI's cross-TU check).
  std::vector<SkippedInclude> SkippedIncludes;
};

/// Why \p Macros cannot have seen every macro of the TU of \p Ctx ("" if
/// it has): the TU was read from an AST file, or uses a precompiled header
/// or modules.  Then the defining invocations it missed are recovered from
/// the expansion locations, and the reason is the note that refuses every
/// fix-it (skipped code and conditionals are not recoverable).
std::string recoverUnseenMacros(clang::ASTContext &Ctx, MacroRecorder &Macros);

/// Starts the reference index of \p Macros' TU as every front end needs
/// it: for the smallest thresholds \p Opts can flag at; under check-walk
/// comparing each variable's size bound with its layout (runTU reports
/// the result); and laying records out at once when \p GeneratesCode,
/// since code generation lays out what it emits anyway.
ReferenceIndex &startReferenceIndex(MacroRecorder &Macros,
                                    const Options &Opts, bool GeneratesCode);

/// Collect, analyse, plan and find for the TU of \p Ctx.  \p IR is the
/// layout the pass read (null or invalid without code generation).
/// \p WantPlan false skips planning when no front end will use it.
TUResult runTU(clang::ASTContext &Ctx, const MacroRecorder &Macros,
               const Options &Opts, const ModuleLayout *IR, bool WantPlan);

} // namespace modspace

#endif // MODSPACE_DRIVER_H

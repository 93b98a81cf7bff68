//===--- QuietLayout.h - laying records out as silently as clang -*- C++ -*-===//
//
// Clang prints some warnings only while it lays a record out (-Wpadded,
// -Wpacked, -Wunaligned-access), and lays a record out only when it needs
// its size.  At the end of the TU it has laid out, and warned about, every
// record it needed; one that modspace lays out only for its own figures
// (a -fsyntax-only run lays out no variable's structure) must stay as
// silent as it is without the plugin, or -Werror fails the compile.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_QUIETLAYOUT_H
#define MODSPACE_QUIETLAYOUT_H

#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"

namespace modspace {

/// While it lives, no diagnostic is printed or counted as an error (clang
/// counts a suppressed error only in its error traps).  Only around the
/// end-of-TU code that asks for sizes: modspace's own diagnostics are not
/// reported inside it.
class QuietLayout {
public:
  // The source manager's engine is the context's, without a call.
  explicit QuietLayout(const clang::ASTContext &Ctx)
      : Diags(Ctx.getSourceManager().getDiagnostics()),
        WasSuppressed(Diags.getSuppressAllDiagnostics()) {
    Diags.setSuppressAllDiagnostics(true);
  }
  ~QuietLayout() { Diags.setSuppressAllDiagnostics(WasSuppressed); }
  QuietLayout(const QuietLayout &) = delete;
  QuietLayout &operator=(const QuietLayout &) = delete;

private:
  clang::DiagnosticsEngine &Diags;
  bool WasSuppressed;
};

} // namespace modspace

#endif // MODSPACE_QUIETLAYOUT_H

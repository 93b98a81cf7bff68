//===--- SysctlRewrite.h - a sysctl export into a handler -------*- C++ -*-===//
//
// With sysctl=rewrite: a read-only SYSCTL_OPAQUE or SYSCTL_STRUCT that
// exports &VNET_NAME(x) of a table being converted would export the
// 8-byte pointer afterwards.  It is rewritten in place into a SYSCTL_PROC
// with a generated handler that copies the whole table out.  The handler
// reads the table through arg1 = &VNET_NAME(x), which CTLFLAG_VNET
// rebases into the caller's vnet (the kernel runs every handler in the
// caller's vnet, but only rebases arg1 for CTLFLAG_VNET OIDs), and
// returns no data for a vnet whose table is not allocated (yet, or any
// more).  Any other shape is refused: a writable or tunable export, a
// size that is not the whole table, an OID without CTLFLAG_VNET, flags or
// arguments it cannot read.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_PLAN_SYSCTLREWRITE_H
#define MODSPACE_PLAN_SYSCTLREWRITE_H

#include "plan/PlanInputs.h"

namespace modspace {

/// The replacement of one sysctl export, or why there is none.
struct SysctlEdit {
  clang::CharSourceRange Range;          ///< the export's text, name .. ')'
  std::string Text;                      ///< the handler and SYSCTL_PROC
  std::string Why;                       ///< set when refused
  clang::SourceLocation At;              ///< where the refusal points
};

/// Whether use \p U (a raw &VNET_NAME(x) of variable \p I) is in a
/// sysctl export this option would rewrite.
bool isSysctlExport(const VariableUse &U);

/// The rewrite of the export holding use \p U of variable \p I; its
/// handler is named by \p NameFor(parent, OID name).
SysctlEdit rewriteSysctl(
    const PlanInputs &In, unsigned I, const VariableUse &U,
    llvm::function_ref<std::string(llvm::StringRef, llvm::StringRef)>
        NameFor);

} // namespace modspace

#endif // MODSPACE_PLAN_SYSCTLREWRITE_H

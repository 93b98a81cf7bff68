//===--- Uses.h - how each use of a per-vnet array depends on it -*- C++ -*-===//
//
// Part of the collect stage, run only when some array is a candidate for
// a fix-it.  One traversal of the TU finds every reference to the
// candidates and classifies it by whether its meaning survives the array
// becoming a pointer: V_x[i], V_x + i and passing V_x decay to a pointer
// either way; sizeof(V_x), nitems(V_x) and &V_x do not; a reference not
// made through the VNET() accessor (&VNET_NAME(x) in a sysctl) cannot be
// rewritten at all.  A structure's every use changes: V_x.f becomes
// V_x->f, &V_x becomes V_x, sizeof(V_x) sizeof(*V_x), the object itself
// *V_x; a pointer into it that is stored where it outlives the object
// refuses it, as for an array.  The same traversal records how the TU's functions
// reach each other: direct calls, and functions whose address is taken
// (callouts, hooks, handlers), which may run at any time after the code
// that published them.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_USES_H
#define MODSPACE_USES_H

#include "Collect.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <string>
#include <vector>

namespace modspace {

/// What a use needs when its array (or structure) becomes a pointer.
enum class UseKind {
  Keeps,          ///< decays to a pointer: same meaning, no edit
  Sizeof,         ///< sizeof(V_x), sizeof V_x: becomes N * sizeof(*V_x)
  Count,          ///< sizeof(V_x) / sizeof(V_x[0]), nitems(V_x): becomes N
  AddressAsVoid,  ///< &V_x converted to void * or char *: becomes V_x
  AddressAsArray, ///< &V_x used as T (*)[N]: no safe rewrite
  Escapes,        ///< a pointer into it stored where it outlives a free
  Handed,         ///< a pointer into it passed with a function to call later
  RawName,        ///< the variable named without the accessor
  InMacroBody,    ///< the rewrite would fall inside a macro's body
  Unknown,        ///< a context modspace does not prove safe
  // A structure or union becoming a pointer to one:
  Member,          ///< V_x.f: the '.' becomes '->'
  SizeofObject,    ///< sizeof(V_x): becomes sizeof(*V_x)
  AddressOfObject, ///< &V_x: becomes V_x
  Object,          ///< the object itself (V_x = e, f(V_x)): becomes *V_x,
                   ///< or (*V_x) where the other rewrites cannot be written
};

/// One reference to a candidate array.
struct VariableUse {
  unsigned Var; ///< index of the variable
  UseKind Kind;
  const clang::FunctionDecl *Function; ///< enclosing function, or null
  const clang::Stmt *BodyStmt;         ///< its statement in the body
  const clang::Stmt *Whole;            ///< the expression the rewrite replaces
  clang::SourceLocation Loc;           ///< a file location, for notes
  clang::CharSourceRange Rewrite;      ///< file range to replace
  std::string AccessorText;            ///< "V_x" or "VNET(x)" as written
  std::string Context;                 ///< consumer macro, e.g. "SYSCTL_OPAQUE"
  bool NeedsParens = true; ///< the replacement must be parenthesised
  /// A count (N) that must stay a size_t: where the int N would change
  /// the arithmetic or a format.
  bool NeedsCast = false;
};

/// A function of the TU whose address is taken: from then on it may run
/// at any time (a callout, a hook, an event handler).
struct PublishedFunction {
  const clang::FunctionDecl *Function;  ///< its definition
  const clang::FunctionDecl *Publisher; ///< where it is taken; null at file
                                        ///< scope (an initialiser)
  clang::SourceLocation Loc;            ///< where, for notes
};

/// Every use of the candidates, and how the TU's functions reach each other.
struct UseIndex {
  std::vector<VariableUse> Uses;
  /// Direct calls from a function to functions defined in this TU.
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::SmallVector<const clang::FunctionDecl *, 4>>
      Calls;
  /// Functions whose address is taken outside the registration macros
  /// ((VNET_)SYSINIT/SYSUNINIT), in traversal order.
  std::vector<PublishedFunction> Published;
};

/// Finds the uses of \p Candidates (canonical declarations, mapped to the
/// index reported in VariableUse::Var).  With \p CheckWalk, also traverses
/// every function with the visitor and reports an error where the lean
/// walk found something else (a self-check for tests).
UseIndex
collectUses(clang::ASTContext &Ctx,
            const llvm::DenseMap<const clang::VarDecl *, unsigned> &Candidates,
            const MacroRecorder &Macros, bool CheckWalk = false);

} // namespace modspace

#endif // MODSPACE_USES_H

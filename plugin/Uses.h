//===--- Uses.h - how each use of a per-vnet array depends on it -*- C++
//-*-===//
//
// Part of the collect stage, run only when some array is a candidate for
// a fix-it.  One traversal of the TU finds every reference to the
// candidates and classifies it by whether its meaning survives the array
// becoming a pointer: V_x[i], V_x + i and passing V_x decay to a pointer
// either way; sizeof(V_x), nitems(V_x) and &V_x do not; a reference not
// made through the VNET() accessor (&VNET_NAME(x) in a sysctl) cannot be
// rewritten at all.  It also records direct calls between the TU's
// functions, so that "this constructor touches V_x" can follow helpers.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_USES_H
#define MODSPACE_USES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <string>
#include <vector>

namespace modspace {

/// What a use needs when its array becomes a pointer.
enum class UseKind {
  Keeps,          ///< decays to a pointer: same meaning, no edit
  Sizeof,         ///< sizeof(V_x), sizeof V_x: becomes (N * sizeof(*V_x))
  Nitems,         ///< nitems(V_x): becomes (N)
  AddressAsVoid,  ///< &V_x converted to void * or char *: becomes V_x
  AddressAsArray, ///< &V_x used as T (*)[N]: no safe rewrite
  RawName,        ///< the variable named without the accessor
  InMacroBody,    ///< the rewrite would fall inside a macro's body
  Unknown,        ///< a context modspace does not prove safe
};

/// One reference to a candidate array.
struct VariableUse {
  unsigned Var; ///< index of the variable
  UseKind Kind;
  const clang::FunctionDecl *Function; ///< enclosing function, or null
  const clang::Stmt *BodyStmt;         ///< its statement in the body
  clang::SourceLocation Loc;           ///< a file location, for notes
  clang::CharSourceRange Rewrite;      ///< file range to replace
  std::string AccessorText;            ///< "V_x" or "VNET(x)" as written
  std::string Context;                 ///< consumer macro, e.g. "SYSCTL_OPAQUE"
};

/// Every use of the candidates, and who calls whom.
struct UseIndex {
  std::vector<VariableUse> Uses;
  /// Direct calls from a function to functions defined in this TU.
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::SmallVector<const clang::FunctionDecl *, 4>>
      Calls;
};

/// Finds the uses of \p Candidates (canonical declarations, mapped to the
/// index reported in VariableUse::Var).
UseIndex
collectUses(clang::ASTContext &Ctx,
            const llvm::DenseMap<const clang::VarDecl *, unsigned> &Candidates);

} // namespace modspace

#endif // MODSPACE_USES_H

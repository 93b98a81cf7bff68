//===--- ForeignUses.h - arrays this TU only declares -----------*- C++ -*-===//
//
// A table defined in another TU and declared here with VNET_DECLARE (in a
// shared header) becomes a pointer when its defining TU is converted.
// This TU's uses that depend on it being an array (sizeof, nitems, &V_x)
// are flagged and rewritten to forms right for both an array and a
// pointer, so that the TUs can be fixed in either order.  A structure's
// uses have no such form: their rewrites, like the declarations', are
// made only with the conversion of the definition (by the CLI).
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_PLAN_FOREIGNUSES_H
#define MODSPACE_PLAN_FOREIGNUSES_H

#include "plan/PlanInputs.h"

namespace modspace {

/// The declared-only arrays over the threshold, and their uses' fixes.
class ForeignArrays {
public:
  /// Adds each declared-only array to \p Index, numbered after the TU's
  /// own variables, and its name to \p Plan.
  void find(const PlanInputs &In,
            llvm::DenseMap<const clang::VarDecl *, unsigned> &Index,
            FixPlan &Plan);
  /// The fixes of their uses (In.Uses must be filled).
  void planUses(const PlanInputs &In, FixPlan &Plan) const;

private:
  /// Declarations of tables inside functions, found through the macro
  /// invocations (the AST's top level does not hold them).
  void blockScopeDeclarations(
      const PlanInputs &In,
      const llvm::DenseMap<const clang::VarDecl *, unsigned> &Slot,
      FixPlan &Plan);

  std::vector<std::string> Bounds;
  std::vector<clang::SourceLocation> BoundAt; ///< where each bound is written
  /// Foreign variable \p F as the rules see it (its declaration only).
  ModuleVariable ForeignVar(unsigned F) const {
    ModuleVariable V;
    V.Decl = Declarations[F];
    return V;
  }
  /// Each one's declaration (null for one inside a function).
  std::vector<const clang::VarDecl *> Declarations;
};

} // namespace modspace

#endif // MODSPACE_PLAN_FOREIGNUSES_H

//===--- Lifecycle.h - where a table is allocated and freed -----*- C++ -*-===//
//
// Constructors (VNET_SYSINIT) run in ascending (subsystem, order) when a
// vnet is created, and a module's run in that order at load in every
// vnet; destructors (VNET_SYSUNINIT) run in descending order.  A plain
// SYSINIT runs once at load at its key, a SYSUNINIT once at unload.  So
// the allocation goes into a constructor that runs strictly before every
// other registered function that touches the array, and the release at
// the end of a destructor that runs strictly after every other one (equal
// keys have no defined order).  When none qualifies, a new pair is
// registered at (SI_SUB_INIT_IF, SI_ORDER_FIRST): the first subsystem
// after SI_SUB_VNET, before every protocol-level constructor and, as a
// destructor, after all of theirs.
//
// "Touches" follows the TU's own calls, and treats a function whose
// address is taken (a callout, a hook, an event handler) as running at
// any time after the code that published it, in any vnet: the publisher
// touches what it touches; and since a hook published once can run while
// a later vnet's constructors run, and the code that withdraws it
// (callout_drain, EVENTHANDLER_DEREGISTER) does not name it, every
// constructor and every destructor counts as touching an array that such
// a function reaches.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_PLAN_LIFECYCLE_H
#define MODSPACE_PLAN_LIFECYCLE_H

#include "plan/PlanInputs.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseSet.h"

namespace modspace {

/// A (VNET_)SYSINIT or (VNET_)SYSUNINIT of the main file.
struct Registration {
  enum Kind { Constructor, Destructor, LoadInit, UnloadFini };
  const MacroInvocation *Call = nullptr;
  const clang::FunctionDecl *Function = nullptr;
  Kind Which = Constructor;
  bool KnownKey = false;
  uint64_t Key = 0; ///< (subsystem << 32) | order
  /// A VNET_SYSINIT/SYSUNINIT of a function of the main file, registered
  /// once, whose body edits can be written.
  bool Reusable = false;

  bool onCreation() const { return Which == Constructor || Which == LoadInit; }
};

/// Where one variable is allocated or freed.
struct LifecycleSite {
  const Registration *Existing = nullptr; ///< a function to edit
  bool Create = false;                    ///< a new one at NewKey
};

/// The TU's registrations and what each function touches.
class Lifecycle {
public:
  explicit Lifecycle(const PlanInputs &In);

  /// (SI_SUB_INIT_IF << 32) | SI_ORDER_FIRST.
  static constexpr uint64_t NewKey = uint64_t(0x3000000) << 32;

  /// Where variable \p I is allocated; refuses it in \p P when no place
  /// is safe (then the result is empty).
  LifecycleSite constructorFor(unsigned I, VariablePlan &P);
  /// Where it is freed.
  LifecycleSite destructorFor(unsigned I, VariablePlan &P);

  /// Whether statement \p S of a function body touches variable \p I,
  /// itself or through the TU's functions it calls or publishes.
  bool statementTouches(const clang::Stmt *S, unsigned I);

private:
  const llvm::BitVector &touches(const clang::FunctionDecl *F);
  void connect(const clang::FunctionDecl *F);
  bool touchesThroughFunctions(const clang::Stmt *S, unsigned I);
  LifecycleSite choose(unsigned I, VariablePlan &P, bool Destructor);
  bool placeable(unsigned I, const Registration &R, bool Destructor) const;
  const clang::FunctionDecl *lookupFunction(llvm::StringRef Name) const;
  bool evaluate(llvm::StringRef Text, uint64_t &Out, unsigned Depth = 0) const;
  void findUncertain();

  const PlanInputs &In;
  std::vector<Registration> Registrations;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::BitVector> Direct, Touch;
  /// connect()'s state: each function's visit, the functions whose
  /// component is not finished, and what each of them touches so far.
  struct VisitState {
    unsigned Index, Low;
    bool OnWalk;
  };
  llvm::DenseMap<const clang::FunctionDecl *, VisitState> Visit;
  std::vector<const clang::FunctionDecl *> Walk;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::BitVector> Partial;
  llvm::DenseMap<const clang::Stmt *, llvm::BitVector> InStatement;
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::SmallVector<const clang::FunctionDecl *, 2>>
      PublishedBy;
  /// Variables reached from a published function.
  llvm::BitVector Async;
  /// Functions whose body holds skipped code, and their callers.
  llvm::DenseSet<const clang::FunctionDecl *> Uncertain;
  unsigned NumVars;
};

} // namespace modspace

#endif // MODSPACE_PLAN_LIFECYCLE_H

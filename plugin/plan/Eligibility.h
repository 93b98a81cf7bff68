//===--- Eligibility.h - which arrays can be converted ----------*- C++ -*-===//
//
// The rules that refuse a variable, each with a stable reason code and a
// note at the code that blocks it: what the declaration is (only a
// one-dimensional array written with VNET_DEFINE(_STATIC), without an
// initialiser, qualifies), how each use depends on it being an array, how
// every declaration of it is written, and whether code the preprocessor
// skipped mentions it (such code is invisible to the AST, so no rewrite
// can account for it).
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_PLAN_ELIGIBILITY_H
#define MODSPACE_PLAN_ELIGIBILITY_H

#include "plan/PlanInputs.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

namespace modspace {

/// Whether variable \p I, which gets the size warning, is an array the
/// rules below may convert; refuses it in \p P otherwise.
bool screenDeclaration(const PlanInputs &In, unsigned I, VariablePlan &P);

/// Refuses variable \p U.Var when use \p U cannot keep its meaning.
void screenUse(const PlanInputs &In, const VariableUse &U, VariablePlan &P);

/// The same for variable \p V with bound \p Bound (an array only declared
/// in this TU, for instance).
void screenUseOf(const PlanInputs &In, const VariableUse &U,
                 const ModuleVariable &V, llvm::StringRef Bound,
                 VariablePlan &P);

/// The invocations that declare variable \p I (its definition, repeated
/// tentative definitions, VNET_DECLAREs in headers), each to be rewritten;
/// refuses the variable when one of them cannot be.
std::vector<const MacroInvocation *> declarationsOf(const PlanInputs &In,
                                                    unsigned I,
                                                    VariablePlan &P);

/// Every identifier written in code the preprocessor skipped, outside
/// system headers, other than as a member or in an element access
/// ("V_x[i]"): lexed once per TU, looked up per variable.
class SkippedMentions {
public:
  explicit SkippedMentions(const PlanInputs &In);
  /// The first mention, in TU order, of one of \p Names or of a macro
  /// (outside system headers) whose expansion names one (invalid: none).
  std::pair<llvm::StringRef, clang::SourceLocation>
  firstReaching(const PlanInputs &In, const llvm::StringSet<> &Names) const;

private:
  /// The identifiers \p Macro's body names, transitively; memoised, so
  /// that each macro is walked once per TU whatever the variables.
  const llvm::StringSet<> &closure(const PlanInputs &In,
                                   llvm::StringRef Macro) const;

  /// Each identifier once, at its first mention, in TU order.
  std::vector<std::pair<std::string, clang::SourceLocation>> Mentions;
  mutable llvm::StringMap<llvm::StringSet<>> Closures;
  /// For each identifier, the first mention that is it or reaches it
  /// through macros: built on the first query, so that each query is a
  /// look-up per name, not a scan of the mentions.
  mutable llvm::StringMap<unsigned> FirstReach;
  mutable bool Indexed = false;
};

/// Why code the preprocessor skipped in this configuration may use the
/// variable named \p Name (through an accessor or a macro) in a way whose
/// meaning might change, with \p At where; "" if it does not.
std::string skippedUseOf(const PlanInputs &In, llvm::StringRef Name,
                         clang::SourceLocation &At);

/// Whether code the preprocessor skipped names \p Name (a function: a
/// registration there would run it once more, a call use it).
bool namedInSkippedCode(const PlanInputs &In, llvm::StringRef Name);

/// Refuses variable \p I when skippedUseOf() finds such a use.
void screenSkippedCode(const PlanInputs &In, unsigned I, VariablePlan &P);

} // namespace modspace

#endif // MODSPACE_PLAN_ELIGIBILITY_H

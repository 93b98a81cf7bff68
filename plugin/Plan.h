//===--- Plan.h - the edits that move a per-vnet array to malloc -*- C++ -*-===//
//
// Stage 3 of collect -> analyse -> plan -> emit.  For each per-vnet array
// over the threshold, either the complete set of edits that turns it into
// a per-vnet pointer (declarations, allocation in a constructor, release
// in a destructor, malloc type, every use whose meaning depends on the
// array), or the reason no edit is safe.  A wrong fix is worse than none:
// any use that cannot be proven to keep its meaning refuses the variable.
// The rules live in plan/ (one file each); planFixes() runs them.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_PLAN_H
#define MODSPACE_PLAN_H

#include "Analyse.h"
#include "Uses.h"
#include "clang/Basic/SourceManager.h"
#include <functional>

namespace modspace {

/// One text edit: replace Range (empty for an insertion) with Text.
struct Edit {
  clang::CharSourceRange Range;
  std::string Text;
};

/// A note to show after the variable's warning.
struct PlanNote {
  clang::SourceLocation Loc;
  std::string Text;
};

/// Why a variable over the threshold gets no fix-it (stable codes for the
/// JSON report, docs/report.md).
enum class Refusal {
  PerCpu,             ///< "pcpu": DPCPU arrays are out of scope
  NotArray,           ///< "not-array": a scalar (or an incomplete type)
  NotDefinedByMacro,  ///< "not-vnet-define": placed in set_vnet by hand
  MacroNested,        ///< "macro-nested": written inside another macro
  Initialiser,        ///< "initialiser"
  TypedefArray,       ///< "typedef-array": the array type is a typedef
  MultiDimensional,   ///< "multi-dimensional"
  ArrayElements,      ///< "array-elements": elements are arrays (typedef)
  SysctlExport,       ///< "sysctl-export": &VNET_NAME(x) in a sysctl
  RawName,            ///< "raw-name": named without the accessor
  AddressAsArray,     ///< "address-as-array": &V_x as T (*)[N]
  InMacroBody,        ///< "in-macro-body": the rewrite is in a macro body
  UnprovenUse,        ///< "unproven-use"
  ConditionalCode,    ///< "conditional-code": used in skipped code
  Declaration,        ///< "declaration": a declaration cannot be rewritten
  UnknownOrder,       ///< "unknown-order": a key is not a constant
  NoConstructor,      ///< "no-safe-constructor"
  NoDestructor,       ///< "no-safe-destructor"
  ConflictingEdits,   ///< "conflicting-edits"
  NoAccessor,         ///< "no-accessor": VNET() is #undef'd there
  KernelBuild,        ///< "kernel-build": not module code
  NoBound,            ///< "no-bound": "x[]" completed at the end of the TU
  QualifiedElements,  ///< "qualified-elements": const or volatile elements
  Escapes,            ///< "escapes": a pointer into it is stored elsewhere
  BoundMeaning,       ///< "bound-meaning": N means something else there
  Extern,             ///< "extern": other TUs may use it (extern=refuse)
  OtherTU,            ///< "other-tu": another TU's use blocks it (CLI)
  HeaderStatic,       ///< "header-static": each includer has a copy (extern=refuse)
  FlexibleMember,     ///< "flexible-member": a structure ending in x[]
  ExternObject,       ///< "extern-object": a non-static structure
};

/// The stable code of \p R.
llvm::StringRef refusalCode(Refusal R);

/// What will happen to one variable.
struct VariablePlan {
  enum Status { None, Planned, Refused } State = None;
  Refusal Reason = Refusal::UnprovenUse; ///< Refused: why
  std::vector<Edit> Edits;     ///< Planned: all of them, on the warning
  std::vector<PlanNote> Notes; ///< why refused, or what was chosen
};

/// A use in this TU of an array only declared here (VNET_DECLARE), whose
/// meaning changes when the defining TU converts it.
struct DeclaredUseFix {
  unsigned Var; ///< index into ForeignNames
  VariableUse Use;
  Edit Fix;
};

/// A use in this TU of a declared-only array that no rewrite can keep
/// right once its definition becomes a pointer: it blocks the conversion
/// of that array (the CLI, which sees every TU, refuses it then).
struct DeclaredUseBlock {
  unsigned Var; ///< index into ForeignNames
  VariableUse Use;
  std::string Why;
};

/// One edit of a declaration (VNET_DECLARE) of an array only declared in
/// this TU.
struct DeclaredDeclEdit {
  unsigned Var; ///< index into ForeignNames
  Edit Fix;
};

/// The plan for a TU.
struct FixPlan {
  std::vector<VariablePlan> Vars; ///< parallel to Analysis::Vars
  std::vector<DeclaredUseFix> DeclaredUses;
  std::vector<DeclaredUseBlock> DeclaredBlocks;
  std::vector<std::string> ForeignNames;   ///< names of declared-only arrays
  std::vector<std::string> ForeignSymbols; ///< their symbols
  /// Whether each is over the threshold here: only those get warnings.
  std::vector<bool> ForeignWarns;
  /// The edits that turn this TU's declarations of them into pointers:
  /// right only with the conversion of the definition (the CLI's).
  std::vector<DeclaredDeclEdit> DeclaredDecls;
};

/// Facts about the TU's preprocessor state the plan needs.
struct PlanContext {
  bool HaveUnused = false; ///< __unused is defined
  std::string FileStem;    ///< main file name without directory/extension
};

/// Which variables get a warning (and so may get a fix-it).
using WarnPredicate = std::function<bool(const ModuleVariable &)>;

FixPlan planFixes(clang::ASTContext &Ctx, const Analysis &A,
                  const MacroRecorder &Macros, const Options &Opts,
                  const PlanContext &PC, const WarnPredicate &Warns);

} // namespace modspace

#endif // MODSPACE_PLAN_H

//===--- MallocType.h - which malloc(9) type a table comes from -*- C++ -*-===//
//
// vmstat -m reports memory per malloc type, so the type says what the
// memory is for.  A converted table uses a type the module already uses
// for such memory: one its allocating constructor already allocates from,
// or the file's only MALLOC_DEFINE; never a type for another purpose
// ("temporary" data).  Otherwise the fix defines a new static type named
// after the file.  Whatever is chosen must be declared, in every
// configuration, wherever the allocation and the release are written.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_PLAN_MALLOCTYPE_H
#define MODSPACE_PLAN_MALLOCTYPE_H

#include "plan/PlanInputs.h"

namespace modspace {

/// The malloc type of one table.
struct MallocTypeChoice {
  std::string Name;
  bool Create = false; ///< the new static MALLOC_DEFINE
  std::string Why;     ///< for a note, when the file offered several
};

/// The main file's malloc types and the rule that picks one.
class MallocTypes {
public:
  explicit MallocTypes(const PlanInputs &In);

  /// The type for a table allocated in \p Ctor (null: a new constructor)
  /// whose allocation and release are written at \p Points.
  MallocTypeChoice choose(const clang::FunctionDecl *Ctor,
                          llvm::ArrayRef<clang::SourceLocation> Points) const;

  /// The name of the type a fix defines: M_<FILE>, made unique.
  const std::string &newTypeName() const { return NewName; }

private:
  struct Defined {
    std::string Name;
    std::string Description; ///< both descriptions, as written
    clang::SourceLocation Loc;
  };
  bool visibleAt(clang::SourceLocation Declared,
                 llvm::ArrayRef<clang::SourceLocation> Points) const;
  bool forOtherPurpose(llvm::StringRef Name) const;
  const Defined *defined(llvm::StringRef Name) const;

  const PlanInputs &In;
  std::vector<Defined> Types;
  std::string NewName;
};

} // namespace modspace

#endif // MODSPACE_PLAN_MALLOCTYPE_H

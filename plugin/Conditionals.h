//===--- Conditionals.h - #if regions of the main file ----------*- C++ -*-===//
//
// Code the fix-its add must be compiled exactly when the code it serves
// is: a constructor for an array defined under "#ifdef INET6" goes under
// "#ifdef INET6" too, or the other configuration stops compiling.  The
// preprocessor tells which branch of each conditional it took; this
// records those branches as nested regions of the main file, so that the
// planner can ask "is this compiled whenever that is?" (one region
// encloses the other) and "where does this region end?".  It also keeps
// the ranges the preprocessor skipped, in every file, since code there is
// invisible to the AST and a rewrite cannot account for it.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_CONDITIONALS_H
#define MODSPACE_CONDITIONALS_H

#include "clang/Basic/SourceLocation.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallVector.h"
#include <vector>

namespace modspace {

/// One taken branch of a conditional of the main file: from its directive
/// (#if, #ifdef, #ifndef, #elif, #else) to the next one of the same
/// conditional.
struct Region {
  clang::SourceLocation IfLoc; ///< the conditional's #if directive
  clang::SourceLocation Begin; ///< this branch's directive
  clang::SourceLocation End;   ///< the next directive (#elif/#else/#endif)
  unsigned BeginOffset = 0, EndOffset = ~0u;
  int Parent = -1; ///< enclosing region, or -1
  /// What makes this branch compiled, as written: "ifdef INET", or
  /// "if X; else" for an #else after "#if X".  Two regions with the same
  /// chain of conditions are compiled in the same configurations.
  std::string Condition;
};

/// The taken branches of the main file's conditionals, and every skipped
/// range.  Filled by MacroRecorder's callbacks.
class Conditionals {
public:
  /// A region index, or -1 for the top level of the file.
  using RegionId = int;

  /// An #if, #ifdef or #ifndef at \p Loc; \p Taken: its branch is compiled.
  void open(const clang::SourceManager &SM, clang::SourceLocation Loc,
            bool Taken);
  /// An #elif or #else at \p Loc; \p Taken: its condition held (an #else
  /// passes true: it is taken when no earlier branch was).
  void branch(const clang::SourceManager &SM, clang::SourceLocation Loc,
              bool Taken);
  /// An #endif at \p Loc.
  void close(const clang::SourceManager &SM, clang::SourceLocation Loc);
  void skipped(clang::SourceRange Range) { Skipped.push_back(Range); }

  /// The innermost region holding \p Loc (a main-file location), or -1.
  RegionId at(const clang::SourceManager &SM, clang::SourceLocation Loc) const;
  /// Whether code in region \p Inner is compiled only when code in
  /// \p Outer is: the conditions that hold \p Outer are the first ones
  /// of those that hold \p Inner (the same region, one that encloses it,
  /// or one written alike elsewhere, such as a second "#ifdef INET").
  bool encloses(RegionId Outer, RegionId Inner) const;
  /// Whether the two are compiled in exactly the same configurations.
  bool sameConditions(RegionId A, RegionId B) const {
    return encloses(A, B) && encloses(B, A);
  }
  /// The innermost region that holds both, as written (not by condition).
  RegionId common(RegionId A, RegionId B) const;
  /// The child of \p Outer on the way to \p Inner (\p Outer must enclose
  /// \p Inner and differ from it).
  RegionId childToward(RegionId Outer, RegionId Inner) const;
  const Region &region(RegionId Id) const { return Regions[Id]; }

  llvm::ArrayRef<clang::SourceRange> skippedRanges() const { return Skipped; }

private:
  struct OpenConditional {
    clang::SourceLocation IfLoc;
    bool AnyTaken;
    RegionId Current; ///< the taken branch being read, or -1
    std::string Before; ///< the conditions of the branches so far
  };
  void startRegion(const clang::SourceManager &SM, OpenConditional &C,
                   clang::SourceLocation Loc, std::string Condition);
  static std::string directiveText(const clang::SourceManager &SM,
                                   clang::SourceLocation Loc);
  void endRegion(const clang::SourceManager &SM, OpenConditional &C,
                 clang::SourceLocation Loc);

  std::vector<Region> Regions;
  llvm::SmallVector<OpenConditional, 8> Open;
  std::vector<clang::SourceRange> Skipped;
};

} // namespace modspace

#endif // MODSPACE_CONDITIONALS_H

//===--- EditBuilder.h - the text of the conversion -------------*- C++ -*-===//
//
// Turns decisions into edits, by syntax rather than by line: statements
// go after a body's "{" (or its leading declarations) and before its "}",
// on their own lines when the body has lines, inline when it is written
// on one; new top-level code goes at the end of the #if region of the
// declaration it serves (or of the file), so that it is compiled exactly
// when that declaration is; text follows style(9) and the file's line
// ending; generated code names a table only through its own accessor
// ("V_x" where visible, else "VNET(x)").
//
// Several tables can need code at the same spot (two allocations in one
// constructor, a new pair for two arrays of one region, the include and
// a new MALLOC_DEFINE).  Insertions at one offset are merged into one
// edit, carried by the first variable that needs it, so that the TU's
// edits never depend on the order they are applied in; every edit is
// checked that way with clang::tooling::Replacements.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_PLAN_EDITBUILDER_H
#define MODSPACE_PLAN_EDITBUILDER_H

#include "plan/PlanInputs.h"
#include <map>

namespace modspace {

/// Builds the edits of the variables being converted.
class EditBuilder {
public:
  EditBuilder(const PlanInputs &In, FixPlan &Plan);

  /// "V_x" if that accessor is defined as VNET(x) wherever \p At is
  /// compiled, else "VNET(x)"; empty if VNET itself is not (#undef).
  std::string accessorAt(unsigned Var, clang::SourceLocation At) const;

  /// T x[N] becomes T *x in \p Call.
  void declaration(unsigned Var, const MacroInvocation &Call);
  /// The rewrite of use \p U of an array of \p Bound elements.
  void rewriteUse(unsigned Var, const VariableUse &U, llvm::StringRef Bound);
  /// Removes statement \p S (a clear made redundant by M_ZERO).
  void removeStatement(unsigned Var, const clang::Stmt *S);

  /// Where an allocation goes in constructor \p F: after the "{" and the
  /// leading declarations that do not touch the table.
  clang::SourceLocation allocationPoint(const clang::FunctionDecl *F,
                                        const clang::Stmt *FirstTouching) const;
  /// Where a release goes in destructor \p F: before its "}".
  clang::SourceLocation releasePoint(const clang::FunctionDecl *F) const;
  /// Where a new constructor/destructor pair for region \p R goes.
  clang::SourceLocation newPairPoint(Conditionals::RegionId R) const;

  /// "V_x = mallocarray(N, sizeof(*V_x), TYPE, M_WAITOK | M_ZERO);" in
  /// constructor \p F, at allocationPoint().
  void allocate(unsigned Var, const clang::FunctionDecl *F,
                clang::SourceLocation At, llvm::StringRef Bound,
                llvm::StringRef Type);
  /// "free(V_x, TYPE);" at the end of destructor \p F.
  void release(unsigned Var, const clang::FunctionDecl *F,
               llvm::StringRef Type);
  /// Adds variable \p Var to the new constructor (\p Ctor) and/or
  /// destructor (\p Dtor) of its region.
  void newPair(unsigned Var, bool Ctor, bool Dtor, llvm::StringRef Bound,
               llvm::StringRef Type);
  /// A new "static MALLOC_DEFINE(NAME, ...)" visible to every variable in
  /// \p Users.
  void defineMallocType(llvm::StringRef Name, llvm::ArrayRef<unsigned> Users);
  /// "#include <sys/malloc.h>" among the file's unconditional includes,
  /// unless the declarations of \p Users already see it.
  void includeMalloc(unsigned Var);

  /// Replaces \p Range (a sysctl export, say) with \p Text.
  void replace(unsigned Var, clang::CharSourceRange Range, std::string Text) {
    add(Var, Range, std::move(Text));
  }
  /// \p Base, or \p Base_2, _3...: a name no function, macro or
  /// registration of the TU has.
  std::string uniqueFunctionName(const std::string &Base) const;

  /// Merges the pooled insertions into the plan and checks every edit of
  /// the TU for order dependence.  Returns the variables whose edits
  /// conflict (empty when all is well).
  std::vector<unsigned> finish();

private:
  /// How pieces inserted at one offset are joined.
  enum class Join {
    NewLine,    ///< each piece on a new line after the offset
    LineBefore, ///< each piece as a line before the offset (a line start)
    After,      ///< " piece" after a token, on the same line
    Before,     ///< "piece " before a token, on the same line
    Block,      ///< pieces are whole text blocks
  };
  struct Piece {
    Join How;
    int Priority;
    unsigned Var;
    std::string Text;
    unsigned Seq; ///< insertion order, for a stable sort
  };
  struct Pool {
    std::vector<Piece> Pieces;
  };
  struct PairPiece {
    unsigned Var;
    std::string Alloc, Free; ///< the statements, either may be empty
  };

  bool visible(const AccessorAlias &D, clang::SourceLocation At) const;
  void insert(clang::SourceLocation At, Join How, int Priority, unsigned Var,
              std::string Text);
  void add(unsigned Var, clang::CharSourceRange Range, std::string Text);
  Join joinAt(clang::SourceLocation At, bool Release) const;
  std::string indentInside(const clang::CompoundStmt *Body, bool Last) const;
  std::string allocationText(llvm::StringRef Indent, llvm::StringRef Accessor,
                             llvm::StringRef Bound, llvm::StringRef Type,
                             bool Wrap) const;
  std::string pairText(Conditionals::RegionId R,
                       const std::vector<PairPiece> &Pieces) const;
  clang::SourceLocation lineStart(clang::SourceLocation Loc) const;
  clang::SourceLocation liftedLineStart(clang::SourceLocation Loc,
                                        Conditionals::RegionId To) const;

  const PlanInputs &In;
  FixPlan &Plan;
  /// Pooled insertions by file and offset (ordered: stable output).
  std::map<std::pair<unsigned, unsigned>, Pool> Pools;
  std::map<std::pair<unsigned, unsigned>, clang::SourceLocation> PoolLocs;
  /// New pairs by region.
  std::map<Conditionals::RegionId, std::vector<PairPiece>> Pairs;
  bool IncludeDone = false;
};

} // namespace modspace

#endif // MODSPACE_PLAN_EDITBUILDER_H

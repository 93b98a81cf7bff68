//===--- PlanInputs.h - what every planning rule reads ----------*- C++ -*-===//
//
// The rules in plan/ each decide one thing (eligibility, constructor and
// destructor, malloc type, edit text); they share these inputs and the
// way a refusal is recorded.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_PLAN_PLANINPUTS_H
#define MODSPACE_PLAN_PLANINPUTS_H

#include "Plan.h"
#include "clang/Lex/Lexer.h"
#include <memory>
#include <optional>

namespace modspace {

class SkippedMentions;

/// The TU, its analysis and its uses, as the planning rules see them.
struct PlanInputs {
  PlanInputs(clang::ASTContext &Ctx, const Analysis &A,
             const MacroRecorder &Macros, const Options &Opts,
             const PlanContext &PC)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()), A(A),
        Macros(Macros), Conds(Macros.conditionals()), Opts(Opts), PC(PC) {}

  clang::ASTContext &Ctx;
  const clang::SourceManager &SM;
  const clang::LangOptions &LO;
  const Analysis &A;
  const MacroRecorder &Macros;
  const Conditionals &Conds;
  const Options &Opts;
  const PlanContext &PC;
  UseIndex Uses; ///< filled once the candidates are known
  /// The identifiers of skipped code, built when first needed.
  mutable std::shared_ptr<SkippedMentions> Skipped;

  /// The file range of a token range, or an invalid range inside macros.
  clang::CharSourceRange fileRange(clang::SourceRange TokenRange) const {
    return clang::Lexer::makeFileCharRange(
        clang::CharSourceRange::getTokenRange(TokenRange), SM, LO);
  }
  std::string text(clang::CharSourceRange R) const {
    return clang::Lexer::getSourceText(R, SM, LO).str();
  }
  /// The main-file region holding \p Loc; for a location in a header, the
  /// region of the #include that brought it in.
  Conditionals::RegionId regionAt(clang::SourceLocation Loc) const {
    Loc = SM.getFileLoc(Loc);
    while (Loc.isValid() && !SM.isWrittenInMainFile(Loc))
      Loc = SM.getIncludeLoc(SM.getFileID(Loc));
    return Conds.at(SM, Loc);
  }
  /// Whether \p A comes before \p B in the TU.
  bool before(clang::SourceLocation A, clang::SourceLocation B) const {
    return SM.isBeforeInTranslationUnit(SM.getFileLoc(A), SM.getFileLoc(B));
  }
  /// The main-file location of the declaration of variable \p I that
  /// comes first (where it becomes visible).
  clang::SourceLocation firstDeclaration(unsigned I) const;
  /// The first place in the main file where variable \p I is declared, or
  /// the #include that brings in a header declaring it.
  clang::SourceLocation mainFileAnchor(unsigned I) const;

  /// Whether variable \p I's bound, as written, means at \p At (in
  /// function \p F, or at file scope) what it means at its declaration:
  /// no macro in it redefined in between, no name in it shadowed by a
  /// local of \p F.  Returns the name that differs, or "".
  std::string boundDiffers(unsigned I, clang::SourceLocation At,
                           const clang::FunctionDecl *F) const;
  /// The same for a bound \p Bound written at \p Declared.
  std::string boundDiffersAt(llvm::StringRef Bound,
                             clang::SourceLocation Declared,
                             clang::SourceLocation At,
                             const clang::FunctionDecl *F) const;
};

/// Records that variable \p V gets no fix-it: the first reason is kept
/// (the one to fix first), with a note at \p Loc.
void refuse(VariablePlan &P, const ModuleVariable &V, Refusal Why,
            clang::SourceLocation Loc, llvm::StringRef Text);

/// The element count as written, ready to stand in an expression: "N",
/// "(N + 1)", or "(N)" for a macro whose body is not one primary
/// expression ("#define N 256 + 256").
std::string boundExpression(llvm::StringRef Bound,
                            const clang::Preprocessor &PP);

/// "T *" for "T", "T **" for "T *" or "T*": the type of the pointer a
/// declaration of an array of T becomes.
std::string pointerTo(llvm::StringRef Type);

/// Whether \p V is a structure or union, which becomes a pointer to one
/// object (its invocation has no bound).
bool isObject(const ModuleVariable &V);

/// The text that replaces use \p U of an array of \p Bound elements,
/// right whether the variable is still an array or already a pointer;
/// none for a use that keeps its meaning.  A structure's uses (bound "")
/// get the text right once it is a pointer.
std::optional<std::string> rewriteText(const VariableUse &U,
                                       llvm::StringRef Bound,
                                       const clang::Preprocessor &PP);

} // namespace modspace

#endif // MODSPACE_PLAN_PLANINPUTS_H

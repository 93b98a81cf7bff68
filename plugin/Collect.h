//===--- Collect.h - find per-vnet and per-CPU variables --------*- C++ -*-===//
//
// Stage 1 of collect -> analyse -> plan -> emit.  Finds every variable that
// VNET_DEFINE, VNET_DEFINE_STATIC, "static VNET_DEFINE",
// VNET_PCPUSTAT_DEFINE(_STATIC), DPCPU_DEFINE or DPCPU_DEFINE_STATIC
// defines.  With VIMAGE they are the globals in section set_vnet/set_pcpu;
// without it a VNET variable is an ordinary global, so the macro
// invocations (recorded by the preprocessor) are what identifies them.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_COLLECT_H
#define MODSPACE_COLLECT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <string>
#include <vector>

namespace modspace {

/// Which module space a variable is carved from.
enum class SpaceKind { Vnet, Pcpu };

llvm::StringRef spaceSection(SpaceKind K); // "set_vnet" / "set_pcpu"
llvm::StringRef spaceName(SpaceKind K);    // "vnet" / "pcpu"

/// One invocation of a defining macro, as the user wrote it.
struct MacroInvocation {
  llvm::StringRef Macro;          ///< e.g. "VNET_DEFINE_STATIC"
  SpaceKind Kind;                 ///< from the macro's name
  clang::SourceLocation NameLoc;  ///< the macro-name token
  clang::SourceRange Range;       ///< name token .. closing parenthesis
  bool Nested;                    ///< written inside another macro's body
  std::string TypeText;           ///< first argument, as spelled
  std::string NameText;           ///< second argument, as spelled
  std::string Identifier;         ///< leading identifier of NameText
  clang::SourceLocation IdentLoc; ///< that identifier's token
};

/// Records invocations of the defining macros.  Cheap on every expansion:
/// one pointer comparison against six identifiers.
class MacroRecorder : public clang::PPCallbacks {
public:
  explicit MacroRecorder(clang::Preprocessor &PP);

  void MacroExpands(const clang::Token &MacroNameTok,
                    const clang::MacroDefinition &MD, clang::SourceRange Range,
                    const clang::MacroArgs *Args) override;

  /// Invocations whose outermost expansion starts at \p FileLoc, outermost
  /// first.
  llvm::ArrayRef<unsigned> at(clang::SourceLocation FileLoc) const;
  const MacroInvocation &invocation(unsigned I) const { return Calls[I]; }

private:
  clang::Preprocessor &PP;
  const clang::IdentifierInfo *Tracked[6];
  std::vector<MacroInvocation> Calls;
  llvm::DenseMap<clang::SourceLocation, llvm::SmallVector<unsigned, 2>>
      ByExpansion;
};

/// A variable that occupies (or, without VIMAGE, would occupy) module space.
struct ModuleVariable {
  const clang::VarDecl *Decl = nullptr; ///< the (acting) definition
  SpaceKind Kind = SpaceKind::Vnet;
  std::string Name;   ///< as in the macro: "viftable"
  std::string Symbol; ///< as in the object: "vnet_entry_viftable"
  llvm::StringRef Macro;     ///< outermost defining macro; empty if none
  llvm::StringRef Definer;   ///< innermost defining macro; empty if none
  std::string WrapperMacro;  ///< a user macro around the invocation
  const MacroInvocation *Invocation = nullptr; ///< the definer's invocation
  clang::SourceLocation Loc; ///< where diagnostics point (a file location)
  bool InSection = false;    ///< has section set_vnet / set_pcpu
  bool IsStatic = false;

  // Filled by analyse.
  bool Measured = false;
  std::string Unmeasurable; ///< why Measured is false
  std::string TypeName;
  std::string ElementType; ///< arrays: the element type (outermost bound)
  uint64_t Count = 0;      ///< arrays: the outermost bound
  uint64_t Size = 0;
  uint64_t Align = 0;
  uint64_t Offset = 0;
  bool Placed = false;     ///< Offset is meaningful (in a laid-out section)
};

/// One pass over the top-level declarations of \p Ctx.
std::vector<ModuleVariable> collectVariables(clang::ASTContext &Ctx,
                                             const MacroRecorder &Macros);

} // namespace modspace

#endif // MODSPACE_COLLECT_H

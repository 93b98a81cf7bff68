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

#include "Conditionals.h"
#include "References.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace modspace {

/// Which module space a variable is carved from.
enum class SpaceKind { Vnet, Pcpu };

llvm::StringRef spaceSection(SpaceKind K); // "set_vnet" / "set_pcpu"
llvm::StringRef spaceName(SpaceKind K);    // "vnet" / "pcpu"

/// What a recorded macro does.
enum class MacroRole {
  Define,       ///< VNET_DEFINE*, VNET_PCPUSTAT_DEFINE*, DPCPU_DEFINE*
  Declare,      ///< VNET_DECLARE
  MallocDefine, ///< MALLOC_DEFINE
  Sysinit,      ///< VNET_SYSINIT
  Sysuninit,    ///< VNET_SYSUNINIT
  PlainSysinit,   ///< SYSINIT: runs once, when the module loads
  PlainSysuninit, ///< SYSUNINIT: runs once, when it unloads
  SysctlExport,   ///< SYSCTL_OPAQUE, SYSCTL_STRUCT: may export a table
};

/// Whether \p R registers a function to run at load, unload, or in vnets.
inline bool isRegistration(MacroRole R) {
  return R == MacroRole::Sysinit || R == MacroRole::Sysuninit ||
         R == MacroRole::PlainSysinit || R == MacroRole::PlainSysuninit;
}

/// One macro argument as written.  Its spelling is made when first asked
/// for: most are never read (a sysctl's eight arguments, unless a fix-it
/// rewrites it).
class MacroArgument {
public:
  MacroArgument() = default;
  /// The tokens from \p Arg up to the eof token that ends the argument.
  MacroArgument(const clang::Preprocessor &PP, const clang::Token *Arg);

  /// Its tokens, single-spaced.
  const std::string &text() const;

  clang::SourceRange Range; ///< first .. last token (a token range)

private:
  const clang::Preprocessor *PP = nullptr;
  llvm::SmallVector<clang::Token, 4> Tokens;
  mutable std::optional<std::string> Text;
};

/// One invocation of a macro modspace cares about, as the user wrote it.
struct MacroInvocation {
  llvm::StringRef Macro; ///< e.g. "VNET_DEFINE_STATIC"
  MacroRole Role;
  SpaceKind Kind;                ///< Define/Declare: from the macro's name
  clang::SourceLocation NameLoc; ///< the macro-name token
  clang::SourceRange Range;      ///< name token .. closing parenthesis
  bool Nested;                   ///< written inside another macro's body
  std::vector<MacroArgument> Args;
  std::string Identifier;         ///< leading identifier of argument 1
  clang::SourceLocation IdentLoc; ///< that identifier's token
  /// Top-level [...] groups of argument 1, "[" .. "]" token ranges.
  llvm::SmallVector<clang::SourceRange, 2> Brackets;
  std::string BoundText; ///< inside the first bracket group, as written

  llvm::StringRef typeText() const { return Args[0].text(); }
};

/// A macro defined as exactly "VNET(x)": the accessor "#define V_x VNET(x)".
struct AccessorAlias {
  std::string Macro;                ///< "V_x"
  std::string Variable;             ///< "x"
  clang::SourceLocation Defined;    ///< its #define's name token
  clang::SourceLocation Undefined;  ///< its #undef's name token, if any
};

/// Records invocations of the VNET/DPCPU defining macros, VNET_DECLARE,
/// MALLOC_DEFINE, (VNET_)SYSINIT/SYSUNINIT, the accessor macros, the main
/// file's #includes and conditionals, and the ranges the preprocessor
/// skipped.  Cheap on every expansion: a few pointer comparisons.
class MacroRecorder : public clang::PPCallbacks {
public:
  explicit MacroRecorder(clang::Preprocessor &PP);

  void MacroExpands(const clang::Token &MacroNameTok,
                    const clang::MacroDefinition &MD, clang::SourceRange Range,
                    const clang::MacroArgs *Args) override;
  void
  InclusionDirective(clang::SourceLocation HashLoc,
                     const clang::Token &IncludeTok, llvm::StringRef FileName,
                     bool IsAngled, clang::CharSourceRange FilenameRange,
                     clang::OptionalFileEntryRef File,
                     llvm::StringRef SearchPath, llvm::StringRef RelativePath,
                     const clang::Module *SuggestedModule, bool ModuleImported,
                     clang::SrcMgr::CharacteristicKind FileType) override;
  void MacroDefined(const clang::Token &MacroNameTok,
                    const clang::MacroDirective *MD) override;
  void MacroUndefined(const clang::Token &MacroNameTok,
                      const clang::MacroDefinition &MD,
                      const clang::MacroDirective *Undef) override;
  void If(clang::SourceLocation Loc, clang::SourceRange ConditionRange,
          ConditionValueKind ConditionValue) override;
  void Ifdef(clang::SourceLocation Loc, const clang::Token &MacroNameTok,
             const clang::MacroDefinition &MD) override;
  void Ifndef(clang::SourceLocation Loc, const clang::Token &MacroNameTok,
              const clang::MacroDefinition &MD) override;
  void Elif(clang::SourceLocation Loc, clang::SourceRange ConditionRange,
            ConditionValueKind ConditionValue,
            clang::SourceLocation IfLoc) override;
  void Elifdef(clang::SourceLocation Loc, const clang::Token &MacroNameTok,
               const clang::MacroDefinition &MD) override;
  void Elifdef(clang::SourceLocation Loc, clang::SourceRange ConditionRange,
               clang::SourceLocation IfLoc) override;
  void Elifndef(clang::SourceLocation Loc, const clang::Token &MacroNameTok,
                const clang::MacroDefinition &MD) override;
  void Elifndef(clang::SourceLocation Loc, clang::SourceRange ConditionRange,
                clang::SourceLocation IfLoc) override;
  void Else(clang::SourceLocation Loc, clang::SourceLocation IfLoc) override;
  void Endif(clang::SourceLocation Loc, clang::SourceLocation IfLoc) override;
  void SourceRangeSkipped(clang::SourceRange Range,
                          clang::SourceLocation EndifLoc) override;
  void FileChanged(clang::SourceLocation Loc, FileChangeReason Reason,
                   clang::SrcMgr::CharacteristicKind FileType,
                   clang::FileID PrevFID) override;
  void PragmaDirective(clang::SourceLocation Loc,
                       clang::PragmaIntroducerKind Introducer) override;

  /// Whether the preprocessor entered the main file while this recorder
  /// listened (not so for a TU read from an AST file).
  bool sawMainFile() const { return SawMainFile; }

  /// Starts a ReferenceIndex, for a front end that hands it each
  /// top-level declaration as it is parsed and calls finish() at the end
  /// of the TU.  It lives as long as the preprocessor, which points to it.
  ReferenceIndex &indexReferences(uint64_t MinVnet, uint64_t MinPcpu);
  /// The index, or null when no front end started one.
  const ReferenceIndex *references() const { return Refs.get(); }

  /// The names tracked Define/Declare invocations were given ("viftable").
  const llvm::StringSet<> &definedNames() const { return DefinedNames; }
  /// Define/Declare invocations whose outermost expansion starts at
  /// \p FileLoc, outermost first.
  llvm::ArrayRef<unsigned> at(clang::SourceLocation FileLoc) const;
  const MacroInvocation &invocation(unsigned I) const { return Calls[I]; }
  /// All invocations, in the order they were expanded.
  llvm::ArrayRef<MacroInvocation> invocations() const { return Calls; }

  /// An #include written in the main file.
  struct Include {
    clang::SourceLocation HashLoc;
    std::string Name; ///< as written between <> or ""
    bool Angled;
  };
  llvm::ArrayRef<Include> mainFileIncludes() const { return Includes; }

  /// Every "#define M VNET(x)" seen, in order.
  llvm::ArrayRef<AccessorAlias> aliases() const { return Aliases; }
  /// Those whose variable is \p Variable, in order (indexed on first
  /// use, after preprocessing: one look-up per variable, not a scan).
  llvm::ArrayRef<unsigned> aliasesOf(llvm::StringRef Variable) const;
  /// Every definition of VNET itself (Macro "VNET", no Variable).
  llvm::ArrayRef<AccessorAlias> vnetDefinitions() const {
    return VnetDefinitions;
  }
  const Conditionals &conditionals() const { return Conds; }
  clang::Preprocessor &preprocessor() const { return PP; }

  /// For a TU the preprocessor never ran on (read from an AST file, as
  /// the analyzer can): rebuilds the defining and declaring invocations
  /// from the expansion locations of \p Ctx's file-scope variables, by
  /// re-lexing each outermost invocation as written.  Conditionals,
  /// skipped code, accessors and registrations cannot be recovered.
  void recoverFromExpansions(const clang::ASTContext &Ctx);

private:
  /// Records an invocation of tracked macro \p Which: MacroExpands' rare
  /// case, out of line, since every expansion of the TU passes the rest.
  LLVM_ATTRIBUTE_NOINLINE void
  recordInvocation(unsigned Which, const clang::Token &MacroNameTok,
                   clang::SourceRange Range, const clang::MacroArgs *Args);
  /// MacroDefined's rare cases: a name with a tracked one's first letter
  /// and length (or VNET's), and a four-token object-like macro, which
  /// may be "VNET(x)".
  LLVM_ATTRIBUTE_NOINLINE __attribute__((preserve_most)) void
  noteTracked(const clang::IdentifierInfo *II);
  LLVM_ATTRIBUTE_NOINLINE __attribute__((preserve_most)) void
  noteAccessor(const clang::Token &MacroNameTok, const clang::MacroInfo &MI);
  /// Re-lexes the tracked invocation written at \p Begin; false if none.
  bool recoverInvocation(clang::SourceLocation Begin);

  bool inMainFile(clang::SourceLocation Loc) const;

  clang::Preprocessor &PP;
  /// VNET's identifier, and the tracked macros' (parallel to the table in
  /// Collect.cpp), taken from their #defines: creating identifiers before
  /// the TU is read would move every identifier clang allocates after
  /// them, and with them the probe lengths of clang's own pointer-keyed
  /// hash tables (measured: 9 M instructions on a large TU).
  const clang::IdentifierInfo *VnetMacro = nullptr;
  std::vector<AccessorAlias> Aliases, VnetDefinitions;
  mutable llvm::StringMap<llvm::SmallVector<unsigned, 1>> AliasIndex;
  mutable bool AliasIndexed = false;
  Conditionals Conds;
  llvm::SmallVector<const clang::IdentifierInfo *, 16> Tracked;
  /// The same, open-addressed by identifier: Tracked's index of each.
  std::array<std::pair<const clang::IdentifierInfo *, unsigned>, 64>
      TrackedSlots{};
  static unsigned trackedSlot(const clang::IdentifierInfo *II) {
    // Identifiers are allocated one after another: spread them out.
    return spreadPointer(II, 6);
  }
  // SmallVector moves its elements when it grows (std::vector would copy
  // them: MacroInvocation's move is not noexcept).
  llvm::SmallVector<MacroInvocation, 0> Calls;
  std::vector<Include> Includes;
  bool SawMainFile = false;
  llvm::DenseMap<clang::SourceLocation, llvm::SmallVector<unsigned, 2>>
      ByExpansion;
  llvm::StringSet<> DefinedNames;
  std::unique_ptr<ReferenceIndex> Refs;
};

/// A variable that occupies (or, without VIMAGE, would occupy) module space.
struct ModuleVariable {
  const clang::VarDecl *Decl = nullptr; ///< the (acting) definition
  SpaceKind Kind = SpaceKind::Vnet;
  std::string Name;         ///< as in the macro: "viftable"
  std::string Symbol;       ///< as in the object: "vnet_entry_viftable"
  llvm::StringRef Macro;    ///< outermost defining macro; empty if none
  llvm::StringRef Definer;  ///< innermost defining macro; empty if none
  std::string WrapperMacro; ///< a user macro around the invocation
  const MacroInvocation *Invocation = nullptr; ///< the definer's invocation
  clang::SourceLocation Loc; ///< where diagnostics point (a file location)
  bool InSection = false;    ///< has section set_vnet / set_pcpu
  bool IsStatic = false;

  // Filled by analyse.
  bool Measured = false;
  std::string Unmeasurable; ///< why Measured is false
  uint64_t Count = 0; ///< arrays: the outermost bound
  uint64_t Size = 0;
  uint64_t Align = 0;
  uint64_t Offset = 0;
  bool Placed = false; ///< Offset is meaningful (in a laid-out section)

  // Printed when a report or a diagnostic shows them, not for every
  // variable (Analyse.cpp).
  /// Its type as clang prints it, tag keywords kept: "struct mfc *[64]".
  std::string typeName() const;
  /// A measured array's element type (outermost bound); else empty.
  std::string elementTypeName() const;
};

/// One pass over the top-level declarations of \p Ctx.
std::vector<ModuleVariable> collectVariables(clang::ASTContext &Ctx,
                                             const MacroRecorder &Macros);

} // namespace modspace

#endif // MODSPACE_COLLECT_H

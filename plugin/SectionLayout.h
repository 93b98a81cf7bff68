//===--- SectionLayout.h - exact layout from the final IR ------*- C++ -*-===//
//
// Clang creates a TU's globals in an order that is not the declaration
// order (initialised definitions first, tentative ones when first used or
// at the end), and the object's alignment of a global is not always its
// type's.  So the exact layout of set_vnet/set_pcpu is read where it is
// decided: an LLVM module pass at the end of the optimisation pipeline,
// which the same modspace.so registers as a pass plugin.  The pass leaves
// its result here; the front end reads it in HandleTranslationUnit, which
// runs after code generation (AddAfterMainAction).
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_SECTIONLAYOUT_H
#define MODSPACE_SECTIONLAYOUT_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/Module.h"
#include "llvm/Passes/PassPlugin.h"
#include <cstdint>
#include <string>

namespace modspace {

/// Where one global sits in its section, as the object file will have it.
struct PlacedGlobal {
  std::string Section;
  uint64_t Offset = 0;
  uint64_t Size = 0;
  uint64_t Align = 1;
};

/// One section's total, as llvm-readelf -S will show it.
struct SectionExtent {
  uint64_t Size = 0;
  uint64_t Align = 1;
  unsigned Count = 0;
};

/// The layout of set_vnet and set_pcpu in the module just compiled.
struct ModuleLayout {
  bool Valid = false; ///< the pass ran for this TU
  llvm::StringMap<PlacedGlobal> Globals;
  llvm::StringMap<SectionExtent> Sections;
  /// Sections that file-scope asm() writes to: their size is not known.
  llvm::StringSet<> WrittenByAsm;
};

/// Computes the layout of set_vnet/set_pcpu globals in \p M, in the order
/// and with the alignment the AsmPrinter will emit them.
ModuleLayout computeModuleLayout(const llvm::Module &M);

/// The layout of the TU being compiled in this process, shared between the
/// pass and the front end; reset by the front end at the start of each TU.
ModuleLayout &currentModuleLayout();

/// Adds the pass that records the layout to \p PB's pipeline, at its end
/// (it runs at -O0 too): what the pass plugin does, and what a front end
/// that runs code generation itself (the CLI) adds to CodeGenOptions.
void registerLayoutPass(llvm::PassBuilder &PB);

/// Pass plugin entry, for llvmGetPassPluginInfo.
llvm::PassPluginLibraryInfo modspacePassPluginInfo();

} // namespace modspace

#endif // MODSPACE_SECTIONLAYOUT_H

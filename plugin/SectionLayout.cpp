//===--- SectionLayout.cpp - exact layout from the final IR ---------------===//

#include "SectionLayout.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/Alignment.h"

namespace modspace {

namespace {

/// The alignment the AsmPrinter gives \p GV (AsmPrinter::getGVAlignment):
/// the data layout's preferred alignment, except that an explicit
/// alignment wins when it is larger or when the global has a section,
/// so that no padding is added to a section the program controls.
llvm::Align emittedAlign(const llvm::GlobalVariable &GV,
                         const llvm::DataLayout &DL) {
  llvm::Align Alignment = DL.getPreferredAlign(&GV);
  if (llvm::MaybeAlign Explicit = GV.getAlign())
    if (*Explicit > Alignment || GV.hasSection())
      Alignment = *Explicit;
  return Alignment;
}

/// Records the layout; changes nothing.
struct RecordLayoutPass : llvm::PassInfoMixin<RecordLayoutPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &) {
    currentModuleLayout() = computeModuleLayout(M);
    return llvm::PreservedAnalyses::all();
  }
  static bool isRequired() { return true; }
};

} // namespace

ModuleLayout computeModuleLayout(const llvm::Module &M) {
  ModuleLayout Layout;
  Layout.Valid = true;
  const llvm::DataLayout &DL = M.getDataLayout();
  // Data a file-scope asm() puts there is invisible to the IR.
  for (llvm::StringRef Section : {"set_vnet", "set_pcpu"})
    if (M.getModuleInlineAsm().find(Section) != std::string::npos)
      Layout.WrittenByAsm.insert(Section);
  // Globals are emitted in module order; a declaration takes no space.
  for (const llvm::GlobalVariable &GV : M.globals()) {
    if (GV.isDeclaration() || !GV.hasSection())
      continue;
    llvm::StringRef Section = GV.getSection();
    if (Section != "set_vnet" && Section != "set_pcpu")
      continue;
    SectionExtent &Extent = Layout.Sections[Section];
    llvm::Align Alignment = emittedAlign(GV, DL);
    PlacedGlobal Placed;
    Placed.Section = Section.str();
    Placed.Offset = llvm::alignTo(Extent.Size, Alignment);
    Placed.Size = DL.getTypeAllocSize(GV.getValueType());
    Placed.Align = Alignment.value();
    Extent.Size = Placed.Offset + Placed.Size;
    Extent.Align = std::max<uint64_t>(Extent.Align, Placed.Align);
    ++Extent.Count;
    Layout.Globals[GV.getName()] = std::move(Placed);
  }
  return Layout;
}

ModuleLayout &currentModuleLayout() {
  // One per thread: the CLI analyses TUs on several at once.
  static thread_local ModuleLayout Layout;
  return Layout;
}

void registerLayoutPass(llvm::PassBuilder &PB) {
  PB.registerOptimizerLastEPCallback(
      [](llvm::ModulePassManager &MPM, llvm::OptimizationLevel) {
        MPM.addPass(RecordLayoutPass());
      });
}

llvm::PassPluginLibraryInfo modspacePassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "modspace", "0.1", registerLayoutPass};
}

} // namespace modspace

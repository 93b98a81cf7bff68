//===--- Analyse.h - sizes and section layout --------------------*- C++
//-*-===//
//
// Stage 2 of collect -> analyse -> plan -> emit.  Measures each variable
// (type, size, alignment) and lays out each section.  When the TU was
// compiled to code, the layout is the exact one the pass read from the
// final IR; otherwise (-fsyntax-only, the CLI) it is an estimate that
// follows clang's rules for the order in which globals are created.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_ANALYSE_H
#define MODSPACE_ANALYSE_H

#include "Collect.h"
#include "Options.h"
#include "SectionLayout.h"

namespace modspace {

class ReferenceIndex;

/// One section of the TU and what it costs against module space.
struct SectionSummary {
  SpaceKind Kind = SpaceKind::Vnet;
  uint64_t Size = 0;       ///< section size, padding included
  uint64_t Align = 1;      ///< section alignment
  uint64_t ModuleCost = 0; ///< moduleCost(Size): what kldload asks for
  unsigned Count = 0;      ///< variables laid out in it
  uint64_t ModuleSpace = 0;
  uint64_t Budget = 0;
  /// Warn on each variable of this many bytes or more; UINT64_MAX: never
  /// (a kernel build without kernel-threshold=).
  uint64_t Threshold = 0;
  /// Laid out for a VIMAGE build although this build has no such section
  /// (VNET variables without -DVIMAGE).
  bool Hypothetical = false;
  /// Read from the final IR; otherwise estimated from the AST.
  bool Exact = false;
};

/// Everything the emit stage needs about one TU.
struct Analysis {
  std::vector<ModuleVariable> Vars;
  SectionSummary Vnet, Pcpu;
  bool Vimage = false; ///< the VIMAGE macro was defined
  /// Module code (KLD_MODULE, or build=module): its sections come out of
  /// module space.  Otherwise the file is linked into the kernel, whose
  /// own set_vnet holds it: no module space, only per-vnet memory.
  bool Module = true;
  /// The kernel linker's rounding of a module's request: sizeof(void *)
  /// of the target.
  uint64_t PointerSize = 8;

  /// Every real (not hypothetical) section was read from the final IR.
  bool exact() const { return (Vnet.Hypothetical || Vnet.Exact) && Pcpu.Exact; }
};

/// Measures every variable and lays out both sections.  \p IR may be null
/// or invalid (no code generation): the layout is then estimated, walking
/// only the functions \p Refs (when given and usable) says may name a
/// module variable.
Analysis analyse(clang::ASTContext &Ctx, std::vector<ModuleVariable> Vars,
                 const Options &Opts, bool Vimage, bool Module,
                 const ModuleLayout *IR, const ReferenceIndex *Refs);

/// What the kernel linker asks of module space for a section of \p Size
/// bytes: rounded up to the target's pointer size (vnet_data_alloc and
/// dpcpu_alloc round each request to sizeof(void *)).
uint64_t moduleCost(uint64_t Size, uint64_t PointerSize);

/// Whether \p V takes space in its section in this build.
bool countsInSection(const ModuleVariable &V, bool Vimage);

const SectionSummary &summaryFor(const Analysis &A, SpaceKind K);
SectionSummary &summaryFor(Analysis &A, SpaceKind K);

} // namespace modspace

#endif // MODSPACE_ANALYSE_H

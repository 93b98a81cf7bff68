//===--- Driver.cpp - one translation unit, for every front end -----------===//

#include "Driver.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace modspace {

TUResult runTU(ASTContext &Ctx, const MacroRecorder &Macros,
               const Options &Opts, const ModuleLayout *IR, bool WantPlan) {
  const SourceManager &SM = Ctx.getSourceManager();
  Preprocessor &PP = Macros.preprocessor();
  TUResult R;
  if (OptionalFileEntryRef FE = SM.getFileEntryRefForID(SM.getMainFileID()))
    R.MainFile = FE->getName().str();
  bool Vimage = PP.isMacroDefined("VIMAGE");
  bool Module = Opts.Build == Options::BuildKind::Module ||
                (Opts.Build == Options::BuildKind::Auto &&
                 PP.isMacroDefined("KLD_MODULE"));
  R.A = analyse(Ctx, collectVariables(Ctx, Macros), Opts, Vimage, Module, IR);
  if (WantPlan) {
    PlanContext PC;
    PC.HaveUnused = PP.isMacroDefined("__unused");
    PC.FileStem = llvm::sys::path::stem(R.MainFile).str();
    R.Plan = planFixes(Ctx, R.A, Macros, Opts, PC,
                       [&](const ModuleVariable &V) {
                         return warnsOn(V, R.A, SM);
                       });
  }
  R.Findings = findingsOf(SM, R.A, R.Plan);
  return R;
}

} // namespace modspace

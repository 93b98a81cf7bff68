//===--- Emit.cpp - diagnostics and summary -------------------------------===//

#include "Emit.h"
#include "SourceLines.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"
#include <algorithm>

using namespace clang;

namespace modspace {

std::string percentOf(uint64_t Part, uint64_t Whole) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::format("%.1f%%",
                     Whole ? 100.0 * double(Part) / double(Whole) : 0.0);
  return Out;
}

namespace {

/// Whether the check list of a NOLINT comment ("", "(*)", "(a, modspace)")
/// names modspace.  \p Rest starts right after the NOLINT word.
bool namesModspace(llvm::StringRef Rest) {
  if (!Rest.starts_with("("))
    return true; // a bare NOLINT silences every check
  llvm::StringRef List = Rest.drop_front().take_until(
      [](char C) { return C == ')' || C == '\n'; });
  llvm::SmallVector<llvm::StringRef, 4> Checks;
  List.split(Checks, ',');
  return llvm::any_of(Checks, [](llvm::StringRef C) {
    C = C.trim();
    return C == "*" || C == "modspace" || C == "modspace*";
  });
}

/// Whether \p Line has \p Word (NOLINT or NOLINTNEXTLINE) naming modspace.
bool lineHas(llvm::StringRef Line, llvm::StringRef Word) {
  for (size_t Pos = Line.find(Word); Pos != llvm::StringRef::npos;
       Pos = Line.find(Word, Pos + 1)) {
    llvm::StringRef Rest = Line.substr(Pos + Word.size());
    // NOLINT must not match the front of NOLINTNEXTLINE or NOLINTBEGIN.
    if (!Rest.empty() && (isalnum(Rest[0]) || Rest[0] == '_'))
      continue;
    if (namesModspace(Rest))
      return true;
  }
  return false;
}

} // namespace

bool isSuppressedByComment(const SourceManager &SM, SourceLocation Loc) {
  if (Loc.isInvalid() || !Loc.isFileID())
    return false;
  auto [FID, Offset] = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(FID, &Invalid);
  if (Invalid || Offset > Buffer.size())
    return false;
  size_t Start = lineBegin(Buffer, Offset);
  if (lineHas(Buffer.slice(Start, lineEnd(Buffer, Offset)), "NOLINT"))
    return true;
  if (Start == 0)
    return false;
  size_t PrevEnd = Start - 1;
  return lineHas(Buffer.slice(lineBegin(Buffer, PrevEnd), PrevEnd),
                 "NOLINTNEXTLINE");
}

namespace {

/// Builds diagnostics at the level -Werror/-w ask for.
class Emitter {
public:
  Emitter(DiagnosticsEngine &Diags, const SourceManager &SM, const Analysis &A,
          const FixPlan &Plan, const Options &Opts)
      : Diags(Diags), SM(SM), A(A), Plan(Plan),
        FixIts(Opts.Fix == Options::FixMode::Safe) {
    // By default a kernel build's -Werror does not turn modspace's
    // findings into errors: lint must not fail the build unless asked.
    bool Errors = Opts.Errors == Options::ErrorMode::Always ||
                  (Opts.Errors == Options::ErrorMode::Werror &&
                   Diags.getWarningsAsErrors());
    Level = Errors ? DiagnosticsEngine::Error : DiagnosticsEngine::Warning;
  }

  void run() {
    if (Diags.getIgnoreAllWarnings())
      return;
    for (unsigned I = 0; I < A.Vars.size(); ++I)
      variable(A.Vars[I], I < Plan.Vars.size() ? &Plan.Vars[I] : nullptr);
    section(A.Vnet);
    section(A.Pcpu);
    for (const DeclaredUseFix &U : Plan.DeclaredUses)
      declaredUse(U);
  }

private:
  bool silent(SourceLocation Loc) const {
    return Loc.isInvalid() || SM.isInSystemHeader(SM.getExpansionLoc(Loc));
  }

  void variable(const ModuleVariable &V, const VariablePlan *P) {
    const SectionSummary &S = summaryFor(A, V.Kind);
    // Only what would be reported pays for reading the source line.
    if (V.Measured && countsInSection(V, A.Vimage) && V.Size < S.Threshold)
      return;
    if (silent(V.Loc) || isSuppressedByComment(SM, V.Loc))
      return;
    if (!V.Measured) {
      unsigned ID = Diags.getCustomDiagID(
          Level, "cannot measure the module-space cost of %0 variable '%1': "
                 "%2 [modspace]");
      Diags.Report(V.Loc, ID) << kindWords(V.Kind) << V.Name << V.Unmeasurable;
      return;
    }
    if (!countsInSection(V, A.Vimage)) {
      unsigned ID = Diags.getCustomDiagID(
          Level, "%0 variable '%1' is defined with %2 but is not in section "
                 "%3, so its module-space cost is not measured; check which "
                 "%2 definition is in effect [modspace]");
      Diags.Report(V.Loc, ID)
          << kindWords(V.Kind) << V.Name << V.Definer << spaceSection(V.Kind);
      return;
    }
    if (V.Size < S.Threshold)
      return;
    if (!A.Module) {
      kernelVariable(V, S, P);
      return;
    }
    if (V.Kind == SpaceKind::Pcpu) {
      unsigned ID = Diags.getCustomDiagID(
          Level, "per-CPU variable '%0' takes %1 bytes, %2 of the %3-byte "
                 "pcpu module space; allocate it when the module loads "
                 "instead of with DPCPU_DEFINE [modspace]");
      Diags.Report(V.Loc, ID)
          << V.Name << std::to_string(V.Size)
          << percentOf(V.Size, S.ModuleSpace) << std::to_string(S.ModuleSpace);
      if (P)
        notes(P->Notes);
      return;
    }
    {
      unsigned ID = Diags.getCustomDiagID(
          Level, "per-vnet variable '%0' %select{takes|would take}1 %2 "
                 "bytes, %3 of the %4-byte vnet module space%select{| in a "
                 "VIMAGE kernel}1; allocate it in a VNET_SYSINIT constructor "
                 "and keep only a pointer per vnet [modspace]");
      DiagnosticBuilder DB = Diags.Report(V.Loc, ID);
      DB << V.Name << S.Hypothetical << std::to_string(V.Size)
         << percentOf(V.Size, S.ModuleSpace) << std::to_string(S.ModuleSpace);
      if (FixIts && P && P->State == VariablePlan::Planned)
        for (const Edit &E : P->Edits)
          DB << FixItHint::CreateReplacement(E.Range, E.Text);
    }
    if (P)
      notes(P->Notes);
  }

  /// A kernel build: the variable costs memory in every vnet (or on every
  /// CPU), and no module space; say what it would cost in a module.
  void kernelVariable(const ModuleVariable &V, const SectionSummary &S,
                      const VariablePlan *P) {
    unsigned ID = Diags.getCustomDiagID(
        Level, "%select{per-vnet|per-CPU}0 variable '%1' takes %2 bytes "
               "%select{in every vnet|on every CPU}0; this file is built "
               "into the kernel (no KLD_MODULE), where that takes no module "
               "space, but built as a module it would take %3 of the "
               "%4-byte %select{vnet|pcpu}0 module space [modspace]");
    Diags.Report(V.Loc, ID)
        << (V.Kind == SpaceKind::Pcpu) << V.Name << std::to_string(V.Size)
        << percentOf(V.Size, S.ModuleSpace) << std::to_string(S.ModuleSpace);
    if (P)
      notes(P->Notes);
  }

  void notes(const std::vector<PlanNote> &Notes) {
    unsigned ID = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");
    for (const PlanNote &N : Notes)
      Diags.Report(N.Loc, ID) << N.Text;
  }

  void declaredUse(const DeclaredUseFix &U) {
    if (silent(U.Use.Loc) || isSuppressedByComment(SM, U.Use.Loc))
      return;
    unsigned ID = Diags.getCustomDiagID(
        Level, "'%0' here depends on per-vnet '%1' being an array, which "
               "it stops being when its definition moves it to malloc'd "
               "memory; write '%2', which is right either way [modspace]");
    DiagnosticBuilder DB = Diags.Report(U.Use.Loc, ID);
    DB << Lexer::getSourceText(U.Use.Rewrite, SM, LangOptions())
       << Plan.ForeignNames[U.Var] << U.Fix.Text;
    if (FixIts)
      DB << FixItHint::CreateReplacement(U.Fix.Range, U.Fix.Text);
  }

  void section(const SectionSummary &S) {
    if (!A.Module || S.Count == 0 || S.ModuleCost <= S.Budget)
      return;
    // Point at the largest variable the user can act on.
    std::vector<const ModuleVariable *> Members;
    for (const ModuleVariable &V : A.Vars)
      if (V.Kind == S.Kind && V.Placed)
        Members.push_back(&V);
    // Largest first; equal sizes in section order, so output is stable.
    llvm::sort(Members, [](const ModuleVariable *L, const ModuleVariable *R) {
      return L->Size != R->Size ? L->Size > R->Size : L->Offset < R->Offset;
    });
    auto Where = llvm::find_if(
        Members, [&](const ModuleVariable *V) { return !silent(V->Loc); });
    if (Where == Members.end())
      return;
    SourceLocation Loc = (*Where)->Loc;
    {
      unsigned ID = Diags.getCustomDiagID(
          Level, "%select{|estimated }0%1 section of this translation unit "
                 "%select{costs|would cost}2 %3 bytes of %4 module space, %5 "
                 "of %6 and over the %7-byte budget; move its largest "
                 "variables to memory allocated at load time [modspace]");
      Diags.Report(Loc, ID)
          << !S.Exact << spaceSection(S.Kind) << S.Hypothetical
          << std::to_string(S.ModuleCost) << spaceName(S.Kind)
          << percentOf(S.ModuleCost, S.ModuleSpace)
          << std::to_string(S.ModuleSpace) << std::to_string(S.Budget);
    }
    std::string Top;
    for (unsigned I = 0; I < Members.size() && I < 3; ++I) {
      if (I)
        Top += ", ";
      Top += "'" + Members[I]->Name + "' " + std::to_string(Members[I]->Size);
    }
    unsigned NoteID = Diags.getCustomDiagID(
        DiagnosticsEngine::Note,
        "%0 holds %1 variables in %2 bytes; largest: %3 [modspace]");
    Diags.Report(Loc, NoteID) << spaceSection(S.Kind) << std::to_string(S.Count)
                              << std::to_string(S.Size) << Top;
  }

  static llvm::StringRef kindWords(SpaceKind K) {
    return K == SpaceKind::Vnet ? "per-vnet" : "per-CPU";
  }

  DiagnosticsEngine &Diags;
  const SourceManager &SM;
  const Analysis &A;
  const FixPlan &Plan;
  bool FixIts;
  DiagnosticsEngine::Level Level;
};

} // namespace

void emitDiagnostics(DiagnosticsEngine &Diags, const SourceManager &SM,
                     const Analysis &A, const FixPlan &Plan,
                     const Options &Opts) {
  Emitter(Diags, SM, A, Plan, Opts).run();
}

bool warnsOn(const ModuleVariable &V, const Analysis &A,
             const SourceManager &SM) {
  return V.Measured && countsInSection(V, A.Vimage) &&
         V.Size >= summaryFor(A, V.Kind).Threshold && V.Loc.isValid() &&
         !SM.isInSystemHeader(SM.getExpansionLoc(V.Loc)) &&
         !isSuppressedByComment(SM, V.Loc);
}

void printSummary(llvm::raw_ostream &OS, const Analysis &A,
                  llvm::StringRef MainFile) {
  for (const SectionSummary *S : {&A.Vnet, &A.Pcpu}) {
    if (S->Count == 0)
      continue;
    OS << "modspace: " << MainFile << ": " << spaceSection(S->Kind) << " "
       << S->Size << " bytes in " << S->Count << " variables, module cost "
       << S->ModuleCost
       << " bytes = " << percentOf(S->ModuleCost, S->ModuleSpace) << " of "
       << S->ModuleSpace << " (" << (S->Exact ? "exact" : "estimate")
       << (S->Hypothetical ? ", for a VIMAGE build" : "")
       << (A.Module ? "" : "; built into the kernel: no module space")
       << ")\n";
    OS << "  offset      bytes align  variable                 type\n";
    std::vector<const ModuleVariable *> InOrder;
    for (const ModuleVariable &V : A.Vars)
      if (V.Kind == S->Kind && V.Placed)
        InOrder.push_back(&V);
    llvm::sort(InOrder, [](const ModuleVariable *L, const ModuleVariable *R) {
      return L->Offset < R->Offset;
    });
    for (const ModuleVariable *VP : InOrder) {
      const ModuleVariable &V = *VP;
      OS << llvm::format(
          "  0x%06llx %8llu %5llu  %-24s %s\n", (unsigned long long)V.Offset,
          (unsigned long long)V.Size, (unsigned long long)V.Align,
          V.Name.c_str(), V.TypeName.c_str());
    }
  }
}

} // namespace modspace

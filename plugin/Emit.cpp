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

/// Turns the analysis and the plan into findings, in the order a reader
/// wants them: each variable's (with its notes), each section's, then the
/// uses of arrays only declared here.
class FindingBuilder {
public:
  FindingBuilder(const SourceManager &SM, const Analysis &A,
                 const FixPlan &Plan)
      : SM(SM), A(A), Plan(Plan) {}

  std::vector<Finding> run() {
    for (unsigned I = 0; I < A.Vars.size(); ++I)
      variable(A.Vars[I], I < Plan.Vars.size() ? &Plan.Vars[I] : nullptr);
    section(A.Vnet);
    section(A.Pcpu);
    for (const DeclaredUseFix &U : Plan.DeclaredUses)
      declaredUse(U);
    return std::move(Out);
  }

private:
  bool silent(SourceLocation Loc) const {
    return Loc.isInvalid() || SM.isInSystemHeader(SM.getExpansionLoc(Loc));
  }

  Finding &add(llvm::StringRef Rule, SourceLocation Loc, std::string Text,
               int Var = -1) {
    Out.push_back({std::string(Rule), Loc, std::move(Text) + " [modspace]",
                   {}, {}, Var});
    return Out.back();
  }

  void variable(const ModuleVariable &V, const VariablePlan *P) {
    const SectionSummary &S = summaryFor(A, V.Kind);
    // Only what would be reported pays for reading the source line.
    if (V.Measured && countsInSection(V, A.Vimage) && V.Size < S.Threshold)
      return;
    if (silent(V.Loc) || isSuppressedByComment(SM, V.Loc))
      return;
    int Index = &V - A.Vars.data();
    if (!V.Measured) {
      add("unmeasurable", V.Loc,
          "cannot measure the module-space cost of " + kindWords(V.Kind) +
              " variable '" + V.Name + "': " + V.Unmeasurable,
          Index);
      return;
    }
    if (!countsInSection(V, A.Vimage)) {
      std::string Definer = V.Definer.str();
      add("not-in-section", V.Loc,
          kindWords(V.Kind) + " variable '" + V.Name + "' is defined with " +
              Definer + " but is not in section " +
              spaceSection(V.Kind).str() +
              ", so its module-space cost is not measured; check which " +
              Definer + " definition is in effect",
          Index);
      return;
    }
    if (V.Size < S.Threshold)
      return;
    std::string Size = std::to_string(V.Size);
    std::string Share = percentOf(V.Size, S.ModuleSpace);
    std::string Space = std::to_string(S.ModuleSpace);
    Finding *F;
    if (!A.Module) {
      // A kernel build: memory in every vnet (or on every CPU), no module
      // space; say what it would cost in a module.
      bool Pcpu = V.Kind == SpaceKind::Pcpu;
      F = &add("kernel-variable", V.Loc,
               std::string(Pcpu ? "per-CPU" : "per-vnet") + " variable '" +
                   V.Name + "' takes " + Size + " bytes " +
                   (Pcpu ? "on every CPU" : "in every vnet") +
                   "; this file is built into the kernel (no KLD_MODULE), "
                   "where that takes no module space, but built as a module "
                   "it would take " +
                   Share + " of the " + Space + "-byte " +
                   (Pcpu ? "pcpu" : "vnet") + " module space",
               Index);
    } else if (V.Kind == SpaceKind::Pcpu) {
      F = &add("pcpu-variable", V.Loc,
               "per-CPU variable '" + V.Name + "' takes " + Size + " bytes, " +
                   Share + " of the " + Space +
                   "-byte pcpu module space; allocate it when the module "
                   "loads instead of with DPCPU_DEFINE",
               Index);
    } else {
      F = &add("vnet-variable", V.Loc,
               "per-vnet variable '" + V.Name + "' " +
                   (S.Hypothetical ? "would take " : "takes ") + Size +
                   " bytes, " + Share + " of the " + Space +
                   "-byte vnet module space" +
                   (S.Hypothetical ? " in a VIMAGE kernel" : "") +
                   "; allocate it in a VNET_SYSINIT constructor and keep "
                   "only a pointer per vnet",
               Index);
      if (P && P->State == VariablePlan::Planned)
        F->Fixes = P->Edits;
    }
    if (P)
      F->Notes = P->Notes;
  }

  void declaredUse(const DeclaredUseFix &U) {
    if (!Plan.ForeignWarns[U.Var] || silent(U.Use.Loc) ||
        isSuppressedByComment(SM, U.Use.Loc))
      return;
    Finding &F = add(
        "declared-use", U.Use.Loc,
        "'" + Lexer::getSourceText(U.Use.Rewrite, SM, LangOptions()).str() +
            "' here depends on per-vnet '" + Plan.ForeignNames[U.Var] +
            "' being an array, which it stops being when its definition "
            "moves it to malloc'd memory; write '" +
            U.Fix.Text + "', which is right either way");
    F.Fixes.push_back(U.Fix);
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
    Finding &F = add(
        "section-budget", Loc,
        std::string(S.Exact ? "" : "estimated ") + spaceSection(S.Kind).str() +
            " section of this translation unit " +
            (S.Hypothetical ? "would cost " : "costs ") +
            std::to_string(S.ModuleCost) + " bytes of " +
            spaceName(S.Kind).str() + " module space, " +
            percentOf(S.ModuleCost, S.ModuleSpace) + " of " +
            std::to_string(S.ModuleSpace) + " and over the " +
            std::to_string(S.Budget) +
            "-byte budget; move its largest variables to memory allocated "
            "at load time");
    std::string Top;
    for (unsigned I = 0; I < Members.size() && I < 3; ++I) {
      if (I)
        Top += ", ";
      Top += "'" + Members[I]->Name + "' " + std::to_string(Members[I]->Size);
    }
    F.Notes.push_back({Loc, spaceSection(S.Kind).str() + " holds " +
                                std::to_string(S.Count) +
                                (S.Count == 1 ? " variable in " : " variables in ") +
                                std::to_string(S.Size) +
                                " bytes; largest: " + Top + " [modspace]"});
  }

  static std::string kindWords(SpaceKind K) {
    return K == SpaceKind::Vnet ? "per-vnet" : "per-CPU";
  }

  const SourceManager &SM;
  const Analysis &A;
  const FixPlan &Plan;
  std::vector<Finding> Out;
};

} // namespace

std::vector<Finding> findingsOf(const SourceManager &SM, const Analysis &A,
                                const FixPlan &Plan) {
  return FindingBuilder(SM, A, Plan).run();
}

void emitFindings(DiagnosticsEngine &Diags,
                  llvm::ArrayRef<Finding> Findings, const Options &Opts) {
  if (Findings.empty() || Diags.getIgnoreAllWarnings())
    return;
  // By default a kernel build's -Werror does not turn modspace's findings
  // into errors: lint must not fail the build unless asked.
  bool Errors = Opts.Errors == Options::ErrorMode::Always ||
                (Opts.Errors == Options::ErrorMode::Werror &&
                 Diags.getWarningsAsErrors());
  unsigned ID = Diags.getCustomDiagID(
      Errors ? DiagnosticsEngine::Error : DiagnosticsEngine::Warning, "%0");
  unsigned NoteID = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");
  bool FixIts = Opts.Fix == Options::FixMode::Safe;
  for (const Finding &F : Findings) {
    {
      DiagnosticBuilder DB = Diags.Report(F.Loc, ID);
      DB << F.Message;
      if (FixIts)
        for (const Edit &E : F.Fixes)
          DB << FixItHint::CreateReplacement(E.Range, E.Text);
    }
    // A note is emitted after its warning's builder has gone.
    for (const PlanNote &N : F.Notes)
      Diags.Report(N.Loc, NoteID) << N.Text;
  }
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
       << S->Size << " bytes in " << S->Count
       << (S->Count == 1 ? " variable" : " variables") << ", module cost "
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
          V.Name.c_str(), V.typeName().c_str());
    }
  }
}

} // namespace modspace

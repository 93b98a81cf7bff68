//===--- Report.cpp - the per-TU JSON report ------------------------------===//

#include "Report.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace modspace {

namespace {

llvm::json::Object sectionJSON(const SectionSummary &S) {
  return llvm::json::Object{
      {"name", spaceSection(S.Kind)},
      {"variables", S.Count},
      {"size", S.Size},
      {"align", S.Align},
      {"module_cost", S.ModuleCost},
      {"module_space", S.ModuleSpace},
      {"budget", S.Budget},
      {"threshold", S.Threshold},
      {"over_budget", S.ModuleCost > S.Budget},
      {"hypothetical", S.Hypothetical},
      {"layout", S.Exact ? "exact" : "estimate"},
  };
}

llvm::json::Object variableJSON(const ModuleVariable &V,
                                const SourceManager &SM) {
  PresumedLoc P = SM.getPresumedLoc(V.Loc);
  llvm::json::Object O{
      {"name", V.Name},
      {"symbol", V.Symbol},
      {"kind", spaceName(V.Kind)},
      {"macro", V.Macro.empty() ? llvm::json::Value(nullptr)
                                : llvm::json::Value(V.Macro)},
      {"file", P.isValid() ? P.getFilename() : ""},
      {"line", P.isValid() ? P.getLine() : 0},
      {"column", P.isValid() ? P.getColumn() : 0},
      {"static", V.IsStatic},
      {"in_section", V.InSection},
      {"type", V.TypeName},
      {"measured", V.Measured},
  };
  if (!V.WrapperMacro.empty())
    O["wrapper_macro"] = V.WrapperMacro;
  if (!V.Measured) {
    O["unmeasurable"] = V.Unmeasurable;
    return O;
  }
  O["size"] = V.Size;
  O["align"] = V.Align;
  O["offset"] =
      V.Placed ? llvm::json::Value(V.Offset) : llvm::json::Value(nullptr);
  if (!V.ElementType.empty()) {
    O["element_type"] = V.ElementType;
    O["count"] = V.Count;
  }
  return O;
}

llvm::json::Object editJSON(const Edit &E, const SourceManager &SM) {
  PresumedLoc P = SM.getPresumedLoc(E.Range.getBegin());
  unsigned Begin = SM.getFileOffset(E.Range.getBegin());
  unsigned End = SM.getFileOffset(E.Range.getEnd());
  return llvm::json::Object{
      {"file", P.isValid() ? P.getFilename() : ""},
      {"line", P.isValid() ? P.getLine() : 0},
      {"column", P.isValid() ? P.getColumn() : 0},
      {"offset", Begin},
      {"length", End - Begin},
      {"text", E.Text},
  };
}

llvm::json::Object fixJSON(const VariablePlan &P, const SourceManager &SM) {
  static const char *States[] = {"none", "planned", "refused"};
  llvm::json::Array Edits, Notes;
  for (const Edit &E : P.Edits)
    Edits.push_back(editJSON(E, SM));
  for (const PlanNote &N : P.Notes)
    Notes.push_back(N.Text);
  llvm::json::Object O{
      {"status", States[P.State]},
      {"edits", std::move(Edits)},
      {"notes", std::move(Notes)},
  };
  if (P.State == VariablePlan::Refused)
    O["reason"] = refusalCode(P.Reason);
  return O;
}

} // namespace

llvm::json::Value buildReport(const Analysis &A, const FixPlan &Plan,
                              const SourceManager &SM,
                              llvm::StringRef MainFile) {
  llvm::json::Array Vars;
  for (unsigned I = 0; I < A.Vars.size(); ++I) {
    llvm::json::Object O = variableJSON(A.Vars[I], SM);
    if (I < Plan.Vars.size() && Plan.Vars[I].State != VariablePlan::None)
      O["fix"] = fixJSON(Plan.Vars[I], SM);
    Vars.push_back(std::move(O));
  }
  return llvm::json::Object{
      {"schema", "modspace-report/1"},
      {"file", MainFile},
      {"vimage", A.Vimage},
      {"layout", A.exact() ? "exact" : "estimate"},
      {"sections", llvm::json::Array{sectionJSON(A.Vnet), sectionJSON(A.Pcpu)}},
      {"variables", std::move(Vars)},
  };
}

std::string writeFileAtomically(llvm::StringRef Path, llvm::StringRef Text) {
  llvm::SmallString<256> Temp;
  int FD;
  llvm::SmallString<256> Model(Path);
  Model += ".tmp-%%%%%%%%";
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Model, FD, Temp))
    return "cannot create a file beside it: " + EC.message();
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      std::string Reason = OS.error().message();
      OS.clear_error();
      llvm::sys::fs::remove(Temp);
      return "cannot write it: " + Reason;
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path)) {
    llvm::sys::fs::remove(Temp);
    return "cannot rename the temporary file onto it: " + EC.message();
  }
  return "";
}

} // namespace modspace

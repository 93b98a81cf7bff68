//===--- Output.cpp - the run as text, JSON or SARIF ----------------------===//

#include "Output.h"
#include "Emit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace modspace {

namespace json = llvm::json;

namespace {

std::string where(const Place &P) {
  return displayPath(P.Path) + ":" + std::to_string(P.Line) + ":" +
         std::to_string(P.Column);
}

std::string plural(uint64_t N, llvm::StringRef One) {
  return std::to_string(N) + " " + One.str() + (N == 1 ? "" : "s");
}

void printSection(llvm::raw_ostream &OS, const Module &M,
                  const LinkedSection &S, uint64_t Budget) {
  OS << "  " << S.Name << ": ";
  if (S.Variables == 0) {
    OS << "none\n";
    return;
  }
  OS << S.Size << " bytes in " << plural(S.Variables, "variable");
  if (M.Kernel) {
    OS << ", in the kernel (no module space)\n";
    return;
  }
  OS << ", costs " << S.Cost << " of " << S.Space << " (" +
                                                  percentOf(S.Cost, S.Space) +
                                                  ")";
  if (Budget != S.Space)
    OS << ", budget " << Budget;
  if (S.Hypothetical)
    OS << ", as a VIMAGE build would lay it out";
  OS << (S.Cost > Budget ? ": over\n" : "\n");
}

json::Object placeJSON(const Place &P) {
  return json::Object{{"path", P.Path},
                      {"file", displayPath(P.Path)},
                      {"line", P.Line},
                      {"column", P.Column}};
}

json::Array editsJSON(const std::vector<Replacement> &Edits) {
  json::Array Out;
  for (const Replacement &E : Edits)
    Out.push_back(json::Object{{"path", E.Path},
                               {"offset", E.Offset},
                               {"length", E.Length},
                               {"text", E.Text}});
  return Out;
}

json::Object sectionJSON(const Module &M, const LinkedSection &S,
                         uint64_t Budget) {
  return json::Object{
      {"name", S.Name},
      {"size", S.Size},
      {"align", S.Align},
      {"variables", S.Variables},
      {"module_cost", S.Cost},
      {"module_space", S.Space},
      {"budget", Budget},
      {"over_budget", !M.Kernel && S.Cost > Budget},
      {"hypothetical", S.Hypothetical},
      {"layout", S.Exact ? "exact" : "estimate"},
  };
}

std::string tuStatus(const TUJob &J) {
  return !J.Skipped.empty() ? "skipped" : J.Out.Ok ? "analysed" : "failed";
}

} // namespace

void printText(llvm::raw_ostream &OS, const TreeResult &R,
               const std::vector<TUJob> &Jobs) {
  unsigned Warnings = 0, Errors = 0;
  for (const TreeFinding &F : R.Findings) {
    (F.Level == "error" ? Errors : Warnings)++;
    if (F.At.Path.empty())
      OS << "modspace: ";
    else
      OS << where(F.At) << ": ";
    OS << F.Level << ": " << F.Message << "\n";
    for (const TreeNote &N : F.Notes)
      OS << (N.At.Path.empty() ? "modspace" : where(N.At)) << ": note: "
         << N.Message << "\n";
  }
  for (const Module &M : R.Modules) {
    unsigned Failed = llvm::count_if(M.TUs, [&](unsigned J) {
      return !Jobs[J].Out.Ok;
    });
    OS << "module " << M.Name << " (" << plural(M.TUs.size(),
                                                "translation unit");
    if (Failed)
      OS << ", " << Failed << " not analysed: incomplete";
    OS << ", " << (M.Vnet.Exact && M.Pcpu.Exact ? "exact" : "estimate")
       << ")\n";
    printSection(OS, M, M.Vnet, M.Budget);
    printSection(OS, M, M.Pcpu, M.PcpuBudget);
    if (!M.Largest.empty()) {
      OS << "  largest:";
      for (size_t I = 0; I < M.Largest.size(); ++I)
        OS << (I ? "," : "") << " " << M.Largest[I].Name << " "
           << M.Largest[I].Size << " (" << where(M.Largest[I].At) << ")";
      OS << "\n";
    }
  }
  size_t Edits = 0;
  for (const auto &[Path, C] : R.Changes)
    Edits += C.Edits.size();
  OS << plural(Warnings, "warning") << ", " << plural(Errors, "error");
  if (!R.Errors.empty())
    OS << ", " << R.Errors.size() << " not analysed";
  if (Edits)
    OS << "; " << plural(Edits, "edit") << " in "
       << plural(R.Changes.size(), "file") << " (--fix applies them)";
  OS << "\n";
}

namespace {

json::Array modulesJSON(const TreeResult &R, const std::vector<TUJob> &Jobs) {
  json::Array Modules;
  for (const Module &M : R.Modules) {
    json::Array Files, Largest;
    for (unsigned J : M.TUs)
      Files.push_back(displayPath(Jobs[J].Cmd.Filename));
    for (const ModuleVar &V : M.Largest) {
      json::Object O = placeJSON(V.At);
      O["name"] = V.Name;
      O["kind"] = V.Kind;
      O["size"] = V.Size;
      Largest.push_back(std::move(O));
    }
    Modules.push_back(json::Object{
        {"name", M.Name},
        {"directory", M.Directory},
        {"build", M.Kernel ? "kernel" : "module"},
        {"complete", !M.Incomplete},
        {"pointer_size", M.PointerSize},
        {"translation_units", std::move(Files)},
        {"sections", json::Array{sectionJSON(M, M.Vnet, M.Budget),
                                 sectionJSON(M, M.Pcpu, M.PcpuBudget)}},
        {"largest", std::move(Largest)},
    });
  }
  return Modules;
}

} // namespace

json::Value treeJSON(const TreeResult &R, const std::vector<TUJob> &Jobs) {
  json::Array TUs, Diagnostics, Changes, Errors;
  for (const TUJob &J : Jobs) {
    json::Object O{{"file", J.Cmd.Filename},
                   {"directory", J.Cmd.Directory},
                   {"output", J.Cmd.Output},
                   {"module", J.Module},
                   {"status", tuStatus(J)}};
    if (!J.Skipped.empty())
      O["error"] = J.Skipped;
    else if (!J.Out.Ok)
      O["error"] = J.Out.Error;
    json::Array Refused;
    for (const auto &[Name, Why] : J.Opts.ForceRefuse)
      Refused.push_back(json::Object{{"name", Name}, {"why", Why.first}});
    O["refused_by_tree"] = std::move(Refused);
    TUs.push_back(std::move(O));
  }
  for (const TreeFinding &F : R.Findings) {
    json::Object O = placeJSON(F.At);
    O["rule"] = F.Rule;
    O["level"] = F.Level;
    O["message"] = F.Message;
    json::Array Notes;
    for (const TreeNote &N : F.Notes) {
      json::Object NO = placeJSON(N.At);
      NO["message"] = N.Message;
      Notes.push_back(std::move(NO));
    }
    O["notes"] = std::move(Notes);
    O["fixes"] = editsJSON(F.Fixes);
    Diagnostics.push_back(std::move(O));
  }
  for (const auto &[Path, C] : R.Changes)
    Changes.push_back(json::Object{
        {"path", Path}, {"hash", C.Hash}, {"edits", editsJSON(C.Edits)}});
  for (const std::string &E : R.Errors)
    Errors.push_back(E);
  return json::Object{
      {"schema", "modspace-tree/1"},
      {"layout", R.Exact ? "exact" : "estimate"},
      {"modules", modulesJSON(R, Jobs)},
      {"translation_units", std::move(TUs)},
      {"diagnostics", std::move(Diagnostics)},
      {"changes", std::move(Changes)},
      {"errors", std::move(Errors)},
  };
}

namespace {

/// What each rule is, for SARIF's rule list.
struct RuleInfo {
  const char *Id, *Short, *Level;
};
constexpr RuleInfo Rules[] = {
    {"vnet-variable",
     "A per-vnet variable takes this much of its module's per-vnet module "
     "space (VNET_MODMIN)",
     "warning"},
    {"pcpu-variable",
     "A per-CPU variable takes this much of its module's per-CPU module "
     "space (DPCPU_MODMIN)",
     "warning"},
    {"kernel-variable",
     "A per-vnet or per-CPU variable linked into the kernel is large",
     "warning"},
    {"declared-use",
     "A use of a per-vnet array declared here depends on its being an "
     "array",
     "warning"},
    {"unmeasurable", "The size of a per-vnet variable cannot be known",
     "warning"},
    {"not-in-section",
     "A variable written as per-vnet is not placed in its section",
     "warning"},
    {"module-budget",
     "A module needs more per-vnet or per-CPU module space than its budget",
     "error"},
    {"module-mixed",
     "A module mixes translation units built with and without VIMAGE",
     "warning"},
};

/// A file URI: relative to the working directory's base id when under it.
json::Object artifact(llvm::StringRef Path) {
  auto Encode = [](llvm::StringRef P) {
    std::string Out;
    for (unsigned char C : P) {
      if (llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C))
        Out += C;
      else
        Out += "%" + llvm::utohexstr(C, /*LowerCase=*/false, 2);
    }
    return Out;
  };
  std::string Shown = displayPath(Path);
  if (llvm::sys::path::is_relative(Shown))
    return json::Object{{"uri", Encode(Shown)}, {"uriBaseId", "SRCROOT"}};
  return json::Object{{"uri", "file://" + Encode(Path)}};
}

json::Object location(const Place &P) {
  json::Object Region{{"startLine", std::max(1u, P.Line)}};
  if (P.Column)
    Region["startColumn"] = P.Column;
  return json::Object{
      {"physicalLocation",
       json::Object{{"artifactLocation", artifact(P.Path)},
                    {"region", std::move(Region)}}}};
}

} // namespace

json::Value treeSARIF(const TreeResult &R, const std::vector<TUJob> &Jobs) {
  json::Array RuleList, Results, Notifications;
  for (const RuleInfo &I : Rules)
    RuleList.push_back(json::Object{
        {"id", I.Id},
        {"shortDescription", json::Object{{"text", I.Short}}},
        {"defaultConfiguration", json::Object{{"level", I.Level}}}});
  for (const TreeFinding &F : R.Findings) {
    json::Object O{{"ruleId", F.Rule},
                   {"level", F.Level},
                   {"message", json::Object{{"text", F.Message}}}};
    for (size_t I = 0; I < std::size(Rules); ++I)
      if (F.Rule == Rules[I].Id)
        O["ruleIndex"] = (int64_t)I;
    if (!F.At.Path.empty())
      O["locations"] = json::Array{location(F.At)};
    json::Array Related;
    for (size_t I = 0; I < F.Notes.size(); ++I) {
      if (F.Notes[I].At.Path.empty())
        continue;
      json::Object L = location(F.Notes[I].At);
      L["id"] = (int64_t)I;
      L["message"] = json::Object{{"text", F.Notes[I].Message}};
      Related.push_back(std::move(L));
    }
    if (!Related.empty())
      O["relatedLocations"] = std::move(Related);
    if (!F.Fixes.empty()) {
      // One artifactChange per file, its replacements in file order.
      std::map<std::string, json::Array> PerFile;
      for (const Replacement &E : F.Fixes)
        PerFile[E.Path].push_back(json::Object{
            {"deletedRegion", json::Object{{"byteOffset", E.Offset},
                                           {"byteLength", E.Length}}},
            {"insertedContent", json::Object{{"text", E.Text}}}});
      json::Array Changes;
      for (auto &[Path, Reps] : PerFile)
        Changes.push_back(json::Object{{"artifactLocation", artifact(Path)},
                                       {"replacements", std::move(Reps)}});
      O["fixes"] = json::Array{json::Object{
          {"description",
           json::Object{{"text", "Move the array to malloc'd memory"}}},
          {"artifactChanges", std::move(Changes)}}};
    }
    Results.push_back(std::move(O));
  }
  for (const std::string &E : R.Errors)
    Notifications.push_back(json::Object{
        {"level", "error"}, {"message", json::Object{{"text", E}}}});
  llvm::SmallString<256> Cwd;
  (void)llvm::sys::fs::current_path(Cwd);
  json::Object Properties{{"modules", modulesJSON(R, Jobs)}};
  return json::Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       json::Array{json::Object{
           {"tool",
            json::Object{
                {"driver",
                 json::Object{{"name", "modspace"},
                              {"version", "0.1"},
                              {"rules", std::move(RuleList)}}}}},
           {"originalUriBaseIds",
            json::Object{
                {"SRCROOT",
                 json::Object{{"uri", "file://" + std::string(Cwd) + "/"}}}}},
           {"invocations",
            json::Array{json::Object{
                {"executionSuccessful", R.Errors.empty()},
                {"toolExecutionNotifications", std::move(Notifications)}}}},
           {"results", std::move(Results)},
           {"properties", std::move(Properties)}}}},
  };
}

} // namespace modspace

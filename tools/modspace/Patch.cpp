//===--- Patch.cpp - --patch: the edits as a patch a reviewer takes -------===//

#include "Patch.h"
#include "Apply.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include <algorithm>
#include <map>
#include <set>

namespace modspace {

namespace {

/// \p Text wrapped at 72 columns, as commit messages are.
std::string wrap(llvm::StringRef Text) {
  std::string Out, Line;
  llvm::SmallVector<llvm::StringRef, 64> Words;
  Text.split(Words, ' ', -1, false);
  for (llvm::StringRef W : Words) {
    if (!Line.empty() && Line.size() + 1 + W.size() > 72) {
      Out += Line + "\n";
      Line.clear();
    }
    Line += (Line.empty() ? "" : " ") + W.str();
  }
  return Out + Line + "\n";
}

/// "a", "a and b", "a, b and c".
std::string list(const std::vector<std::string> &Items) {
  std::string Out;
  for (size_t I = 0; I < Items.size(); ++I)
    Out += (I == 0 ? "" : I + 1 == Items.size() ? " and " : ", ") + Items[I];
  return Out;
}

/// The bytes a size warning says the table takes.
std::string takes(llvm::StringRef Message) {
  size_t At = Message.find(" takes ");
  if (At == llvm::StringRef::npos)
    return "";
  return Message.substr(At + 7).take_while(llvm::isDigit).str();
}

const Module *find(const TreeResult &R, llvm::StringRef Name) {
  for (const Module &M : R.Modules)
    if (M.Name == Name)
      return &M;
  return nullptr;
}

} // namespace

std::string printPatch(llvm::raw_ostream &OS, const TreeResult &Before,
                       const TreeResult &After) {
  // What moved: each table whose size warning carries the conversion.
  std::vector<std::string> Moved;
  std::set<std::string> Seen;
  for (const TreeFinding &F : Before.Findings)
    if (F.Rule == "vnet-variable" && !F.Table.empty() && !F.Fixes.empty() &&
        Seen.insert(F.Table).second) {
      std::string Bytes = takes(F.Message);
      Moved.push_back(F.Table +
                      (Bytes.empty() ? "" : " (" + Bytes + " bytes)"));
    }
  // What a table over the threshold keeps, for the reviewer to see.
  std::vector<std::string> Kept;
  for (const TreeFinding &F : Before.Findings)
    if (F.Rule == "vnet-variable" && !F.Table.empty() && F.Fixes.empty() &&
        Seen.insert(F.Table).second)
      Kept.push_back(F.Table);
  // The modules whose figures changed.
  struct Row {
    std::string Name, Section;
    uint64_t Old, New;
  };
  std::vector<Row> Rows;
  std::vector<std::string> Names;
  for (const Module &M : Before.Modules) {
    const Module *N = find(After, M.Name);
    if (!N)
      continue;
    bool Any = false;
    for (auto [O, A] : {std::pair{&M.Vnet, &N->Vnet}, {&M.Pcpu, &N->Pcpu}})
      if (O->Cost != A->Cost) {
        Rows.push_back({M.Name, O->Name.empty() ? A->Name : O->Name, O->Cost,
                        A->Cost});
        Any = true;
      }
    if (Any)
      Names.push_back(M.Name);
  }
  std::string Area = Names.empty() ? "vnet" : list(Names);
  if (Names.size() > 3)
    Area = Names[0] + ", " + Names[1] + " and others";
  OS << Area << ": allocate large per-vnet arrays at vnet creation\n\n";
  OS << wrap("Move the per-vnet arrays " + list(Moved) +
             " out of the vnet module space: " +
             (Moved.size() == 1 ? "it becomes a pointer" :
                                  "each becomes a pointer") +
             ", allocated with malloc(9) in a VNET_SYSINIT constructor and "
             "freed in the matching VNET_SYSUNINIT destructor, and the uses "
             "that depended on the array type (sizeof, nitems) say what "
             "they meant.");
  if (!Kept.empty())
    OS << "\n"
       << wrap("Not moved: " + list(Kept) + ": modspace cannot prove a "
               "conversion of " + (Kept.size() == 1 ? "it" : "them") +
               " safe (its report says why).");
  OS << "\n"
     << wrap("With options VIMAGE, the VNET_DEFINE variables of every "
             "loadable module share a fixed per-vnet module space "
             "(VNET_MODMIN, 32 KiB); when it is full, kldload fails.");
  if (!Rows.empty()) {
    OS << "\nModule space before and after, in bytes, measured by compiling "
          "both\nversions (the section rounded up to the pointer size):\n\n";
    size_t Width = 6;
    for (const Row &R : Rows)
      Width = std::max(Width, R.Name.size());
    std::string Format =
        "    {0,-" + std::to_string(Width) + "}  {1,-8} {2,8} {3,8} {4,8}\n";
    OS << llvm::formatv(Format.c_str(), "module", "section", "before", "after",
                        "change");
    for (const Row &R : Rows)
      OS << llvm::formatv(Format.c_str(), R.Name,
                          R.Section, R.Old, R.New,
                          (R.New >= R.Old ? "+" : "-") +
                              std::to_string(R.New >= R.Old ? R.New - R.Old
                                                            : R.Old - R.New));
  }
  if (!Before.Exact || !After.Exact)
    OS << "\nSome figures are estimates: a translation unit could not be "
          "taken\nthrough code generation.\n";
  OS << "\nGenerated by modspace --patch.\n\n";
  return printDiff(OS, Before.Changes);
}

} // namespace modspace

//===--- Report.cpp - the per-TU JSON report ------------------------------===//

#include "Report.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/xxhash.h"
#include <cerrno>
#include <map>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace modspace {

namespace {

llvm::json::Object sectionJSON(const SectionSummary &S, bool Module) {
  return llvm::json::Object{
      {"name", spaceSection(S.Kind)},
      {"variables", S.Count},
      {"size", S.Size},
      {"align", S.Align},
      {"module_cost", S.ModuleCost},
      {"module_space", S.ModuleSpace},
      {"budget", S.Budget},
      {"threshold", S.Threshold == UINT64_MAX
                        ? llvm::json::Value(nullptr)
                        : llvm::json::Value(S.Threshold)},
      {"over_budget", Module && S.ModuleCost > S.Budget},
      {"hypothetical", S.Hypothetical},
      {"layout", S.Exact ? "exact" : "estimate"},
  };
}

/// Where things are, in the report's terms: the file as the compiler named
/// it, its absolute path (what the CLI merges on), line and column.  Also
/// remembers the contents of every file an edit touches, so that a later
/// --fix can tell whether the file changed since.
class Locator {
public:
  explicit Locator(const SourceManager &SM) : SM(SM) {}

  void place(llvm::json::Object &O, SourceLocation Loc) {
    PresumedLoc P = SM.getPresumedLoc(Loc);
    O["file"] = P.isValid() ? P.getFilename() : "";
    O["path"] = path(Loc);
    O["line"] = P.isValid() ? P.getLine() : 0;
    O["column"] = P.isValid() ? P.getColumn() : 0;
  }

  llvm::json::Object edit(const Edit &E) {
    llvm::json::Object O;
    place(O, E.Range.getBegin());
    auto [FID, Begin] = SM.getDecomposedLoc(E.Range.getBegin());
    unsigned End = SM.getFileOffset(E.Range.getEnd());
    O["offset"] = Begin;
    O["length"] = End - Begin;
    O["text"] = E.Text;
    std::string P = path(E.Range.getBegin());
    if (!Hashes.count(P))
      Hashes[P] = llvm::utohexstr(llvm::xxh3_64bits(SM.getBufferData(FID)),
                                  /*LowerCase=*/true, 16);
    return O;
  }

  /// Every file the TU read (headers included) with its hash: what the
  /// CLI checks before --fix writes, edited or not.
  llvm::json::Array inputs() const {
    std::map<std::string, std::string> Seen;
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
      std::optional<llvm::MemoryBufferRef> Buf =
          It->second->getBufferIfLoaded();
      if (!Buf)
        continue;
      llvm::SmallString<256> Path(It->first.getName());
      SM.getFileManager().makeAbsolutePath(Path);
      llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
      Seen[std::string(Path)] =
          llvm::utohexstr(llvm::xxh3_64bits(Buf->getBuffer()),
                          /*LowerCase=*/true, 16);
    }
    llvm::json::Array Out;
    for (const auto &[Path, Hash] : Seen)
      Out.push_back(llvm::json::Object{{"path", Path}, {"hash", Hash}});
    return Out;
  }

  llvm::json::Array files() const {
    llvm::json::Array Out;
    for (const auto &[Path, Hash] : Hashes)
      Out.push_back(llvm::json::Object{{"path", Path}, {"hash", Hash}});
    return Out;
  }

private:
  std::string path(SourceLocation Loc) const {
    if (Loc.isInvalid())
      return "";
    FileID FID = SM.getFileID(SM.getFileLoc(Loc));
    OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID);
    if (!FE)
      return "";
    llvm::SmallString<256> Path(FE->getName());
    SM.getFileManager().makeAbsolutePath(Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    return std::string(Path);
  }

  const SourceManager &SM;
  std::map<std::string, std::string> Hashes; // ordered: stable output
};

llvm::json::Object variableJSON(const ModuleVariable &V, Locator &L) {
  llvm::json::Object O{
      {"name", V.Name},
      {"symbol", V.Symbol},
      {"kind", spaceName(V.Kind)},
      {"macro", V.Macro.empty() ? llvm::json::Value(nullptr)
                                : llvm::json::Value(V.Macro)},
      {"static", V.IsStatic},
      {"in_section", V.InSection},
      {"type", V.typeName()},
      {"measured", V.Measured},
  };
  L.place(O, V.Loc);
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
  if (std::string Element = V.elementTypeName(); !Element.empty()) {
    O["element_type"] = std::move(Element);
    O["count"] = V.Count;
  }
  return O;
}

llvm::json::Object fixJSON(const VariablePlan &P, Locator &L) {
  static const char *States[] = {"none", "planned", "refused"};
  llvm::json::Array Edits, Notes;
  for (const Edit &E : P.Edits)
    Edits.push_back(L.edit(E));
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

llvm::json::Object findingJSON(const Finding &F, Locator &L) {
  llvm::json::Object O{{"rule", F.Rule}, {"message", F.Message}};
  L.place(O, F.Loc);
  O["variable"] = F.Var >= 0 ? llvm::json::Value(F.Var)
                             : llvm::json::Value(nullptr);
  llvm::json::Array Notes, Fixes;
  for (const PlanNote &N : F.Notes) {
    llvm::json::Object Note{{"message", N.Text}};
    L.place(Note, N.Loc);
    Notes.push_back(std::move(Note));
  }
  for (const Edit &E : F.Fixes)
    Fixes.push_back(L.edit(E));
  O["notes"] = std::move(Notes);
  O["fixes"] = std::move(Fixes);
  return O;
}

/// The arrays this TU only declares, and each use of them that depends
/// on their being arrays: its fix, or why it has none.
llvm::json::Array declaredJSON(const FixPlan &Plan, Locator &L) {
  llvm::json::Array Out;
  for (unsigned F = 0; F < Plan.ForeignNames.size(); ++F) {
    llvm::json::Array Uses;
    for (const DeclaredUseFix &U : Plan.DeclaredUses)
      if (U.Var == F) {
        llvm::json::Object O{{"fix", L.edit(U.Fix)},
                             {"blocks", nullptr}};
        L.place(O, U.Use.Loc);
        Uses.push_back(std::move(O));
      }
    for (const DeclaredUseBlock &B : Plan.DeclaredBlocks)
      if (B.Var == F) {
        llvm::json::Object O{{"fix", nullptr}, {"blocks", B.Why}};
        L.place(O, B.Use.Loc);
        Uses.push_back(std::move(O));
      }
    llvm::json::Array Declarations;
    for (const DeclaredDeclEdit &D : Plan.DeclaredDecls)
      if (D.Var == F)
        Declarations.push_back(L.edit(D.Fix));
    Out.push_back(llvm::json::Object{{"name", Plan.ForeignNames[F]},
                                     {"symbol", Plan.ForeignSymbols[F]},
                                     {"warns", (bool)Plan.ForeignWarns[F]},
                                     {"declarations", std::move(Declarations)},
                                     {"uses", std::move(Uses)}});
  }
  return Out;
}

} // namespace

llvm::json::Value buildReport(const TUResult &R, const SourceManager &SM,
                              bool WithInputs) {
  const Analysis &A = R.A;
  const FixPlan &Plan = R.Plan;
  Locator L(SM);
  llvm::json::Array Vars, Diagnostics;
  for (unsigned I = 0; I < A.Vars.size(); ++I) {
    llvm::json::Object O = variableJSON(A.Vars[I], L);
    if (I < Plan.Vars.size() && Plan.Vars[I].State != VariablePlan::None)
      O["fix"] = fixJSON(Plan.Vars[I], L);
    Vars.push_back(std::move(O));
  }
  for (const Finding &F : R.Findings)
    Diagnostics.push_back(findingJSON(F, L));
  llvm::json::Array Declared = declaredJSON(Plan, L);
  llvm::json::Object Out{
      {"schema", "modspace-report/1"},
      {"file", R.MainFile},
      {"build", A.Module ? "module" : "kernel"},
      {"pointer_size", A.PointerSize},
      {"vimage", A.Vimage},
      {"layout", A.exact() ? "exact" : "estimate"},
      {"sections", llvm::json::Array{sectionJSON(A.Vnet, A.Module),
                                       sectionJSON(A.Pcpu, A.Module)}},
      {"variables", std::move(Vars)},
      {"diagnostics", std::move(Diagnostics)},
      {"declared", std::move(Declared)},
      {"files", L.files()},
  };
  if (WithInputs) {
    Out["inputs"] = L.inputs();
    llvm::json::Array Skipped;
    for (const SkippedInclude &I : R.SkippedIncludes) {
      llvm::json::Object O{{"name", I.Name}};
      L.place(O, I.Loc);
      Skipped.push_back(std::move(O));
    }
    Out["skipped_includes"] = std::move(Skipped);
  }
  return Out;
}

namespace {

/// Writes \p Text into the existing non-regular file \p Path (a device, a
/// FIFO, a terminal), appending, as a shell's ">>" would.
std::string writeInPlace(llvm::StringRef Path, llvm::StringRef Text) {
  std::string P = Path.str();
  // Non-blocking only for the open: a FIFO nobody reads is an error, not a
  // hang.
  int FD = ::open(P.c_str(), O_WRONLY | O_APPEND | O_NONBLOCK | O_CLOEXEC);
  if (FD < 0)
    return errno == ENXIO ? "no process is reading it"
                          : "cannot open it: " + std::string(strerror(errno));
  int Flags = ::fcntl(FD, F_GETFL);
  if (Flags >= 0)
    (void)::fcntl(FD, F_SETFL, Flags & ~O_NONBLOCK);
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
  OS << Text;
  OS.close();
  if (OS.has_error()) {
    std::string Reason = OS.error().message();
    OS.clear_error();
    return "cannot write it: " + Reason;
  }
  return "";
}

} // namespace

std::string writeReport(llvm::StringRef Path, llvm::StringRef Text) {
  // Follow symlinks to the file they name; a /dev/fd or /proc link names
  // an open file (/dev/stdout), which is written in place.
  std::string Target = Path.str();
  int Hops = 0;
  for (;; ++Hops) {
    if (Hops == 32)
      return "too many levels of symbolic links";
    llvm::StringRef T(Target);
    if (T.starts_with("/dev/fd/") || T.starts_with("/proc/"))
      return writeInPlace(Path, Text);
    struct stat Link;
    if (::lstat(Target.c_str(), &Link) != 0 || !S_ISLNK(Link.st_mode))
      break;
    char Buf[4096];
    ssize_t N = ::readlink(Target.c_str(), Buf, sizeof(Buf) - 1);
    if (N < 0)
      return "cannot read the link: " + std::string(strerror(errno));
    llvm::SmallString<256> Next(llvm::StringRef(Buf, N));
    if (llvm::sys::path::is_relative(Next)) {
      llvm::SmallString<256> Dir(llvm::sys::path::parent_path(Target));
      llvm::sys::path::append(Dir, Next);
      Next = Dir;
    }
    Target = std::string(Next);
  }
  struct stat St;
  if (::stat(Target.c_str(), &St) == 0) {
    if (S_ISDIR(St.st_mode))
      return "it is a directory";
    if (!S_ISREG(St.st_mode))
      return writeInPlace(Target, Text);
  }
  llvm::StringRef Dir = llvm::sys::path::parent_path(Target);
  if (!Dir.empty() && !llvm::sys::fs::is_directory(Dir))
    return "its directory '" + Dir.str() + "' does not exist";
  if (llvm::Error E = llvm::writeToOutput(Target, [&](llvm::raw_ostream &OS) {
        OS << Text;
        return llvm::Error::success();
      })) {
    std::string Why = llvm::toString(std::move(E));
    // writeToOutput names the file, which the caller already does.
    llvm::StringRef W(Why);
    if (W.consume_front("'" + Target + "': "))
      return W.str();
    return Why;
  }
  return "";
}

std::string reportPathIn(llvm::StringRef Dir, llvm::StringRef MainFile,
                         llvm::StringRef OutputFile) {
  llvm::SmallString<256> Absolute(MainFile);
  llvm::sys::fs::make_absolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  std::string Key = std::string(Absolute) + '\0' + OutputFile.str();
  llvm::SmallString<256> Path(Dir);
  // The hash keeps names apart; a long file name is cut to keep under
  // the 255 bytes a file name may have.
  llvm::StringRef Name = llvm::sys::path::filename(MainFile).take_front(200);
  llvm::sys::path::append(
      Path, Name + "." +
                llvm::utohexstr(llvm::xxh3_64bits(Key), /*LowerCase=*/true,
                                16) +
                ".json");
  return std::string(Path);
}

} // namespace modspace

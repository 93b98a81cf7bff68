//===--- Tree.cpp - the whole database, after every TU was analysed -------===//

#include "Tree.h"
#include "Emit.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/Path.h"
#include <mutex>
#include <set>

namespace modspace {

namespace json = llvm::json;

namespace {

std::string absolute(llvm::StringRef Path, llvm::StringRef Dir) {
  llvm::SmallString<256> Out(Path);
  if (llvm::sys::path::is_relative(Out)) {
    Out = Dir;
    llvm::sys::path::append(Out, Path);
    llvm::sys::fs::make_absolute(Out); // "--" gives the directory "."
  }
  llvm::sys::path::remove_dots(Out, /*remove_dot_dot=*/true);
  return std::string(Out);
}

const json::Object *report(const TUJob &J) {
  return J.Out.Ok ? J.Out.Report.getAsObject() : nullptr;
}


/// The array under \p Key of \p O, or an empty one.
const json::Array &arrayOf(const json::Object &O, llvm::StringRef Key) {
  static const json::Array None;
  const json::Array *A = O.getArray(Key);
  return A ? *A : None;
}

std::string stringOf(const json::Object &O, llvm::StringRef Key) {
  return O.getString(Key).value_or("").str();
}

uint64_t intOf(const json::Object &O, llvm::StringRef Key) {
  return (uint64_t)O.getInteger(Key).value_or(0);
}

/// The file itself, whatever path a TU reached it by (a symlinked include
/// directory, "a/../b"): edits and hashes of one file must meet under one
/// name, or --fix would write it twice.
std::string canonical(llvm::StringRef Path) {
  static std::mutex Lock;
  static std::map<std::string, std::string, std::less<>> Seen;
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Seen.find(Path);
  if (It != Seen.end())
    return It->second;
  llvm::SmallString<256> Real;
  std::string Out = Path.empty() || llvm::sys::fs::real_path(Path, Real)
                        ? Path.str()
                        : std::string(Real);
  Seen.emplace(Path.str(), Out);
  return Out;
}

/// The real path of \p J's main file, as report paths are compared.
std::string mainFileOf(const TUJob &J) {
  return canonical(absolute(J.Cmd.Filename, J.Cmd.Directory));
}

/// The table a symbol names, whatever the build: "vnet_entry_x" with
/// VIMAGE and "x" without are one table, and TUs of both kinds meet here.
std::string tableOf(llvm::StringRef Symbol) {
  Symbol.consume_front("vnet_entry_");
  return Symbol.str();
}

Place placeOf(const json::Object &O) {
  return {canonical(stringOf(O, "path")), (unsigned)intOf(O, "line"),
          (unsigned)intOf(O, "column")};
}

std::string where(const Place &P) {
  return displayPath(P.Path) + ":" + std::to_string(P.Line) + ":" +
         std::to_string(P.Column);
}

Replacement replacementOf(const json::Object &E) {
  return {canonical(stringOf(E, "path")), (unsigned)intOf(E, "offset"),
          (unsigned)intOf(E, "length"), stringOf(E, "text")};
}

/// The variables of a report that a fix is planned for and that other TUs
/// may use: non-static.  Calls \p Fn(name, symbol).
template <typename Fn> void forEachPlannedExtern(const json::Object &R, Fn F) {
  for (const json::Value &V : arrayOf(R, "variables")) {
    const json::Object *O = V.getAsObject();
    const json::Object *Fix = O ? O->getObject("fix") : nullptr;
    if (Fix && stringOf(*Fix, "status") == "planned" &&
        !O->getBoolean("static").value_or(true))
      F(stringOf(*O, "name"), stringOf(*O, "symbol"));
  }
}

} // namespace

std::string displayPath(llvm::StringRef Path) {
  llvm::SmallString<256> Cwd, Real;
  if (Path.empty() || llvm::sys::fs::current_path(Cwd))
    return Path.str();
  // current_path prefers $PWD, which may name the directory through a
  // link (FreeBSD's /home -> usr/home); the tree's paths are real.
  (void)llvm::sys::fs::real_path(Cwd, Real);
  for (llvm::StringRef Dir : {Cwd.str(), Real.str()}) {
    llvm::StringRef P(Path);
    if (!Dir.empty() && P.consume_front(Dir) && P.consume_front("/"))
      return P.str();
  }
  return Path.str();
}

std::pair<std::string, std::string>
moduleOf(const clang::tooling::CompileCommand &Cmd,
         llvm::ArrayRef<ModuleRule> Rules) {
  std::string File = absolute(Cmd.Filename, Cmd.Directory);
  std::string Relative = displayPath(File);
  for (const ModuleRule &R : Rules) {
    llvm::Expected<llvm::GlobPattern> G = llvm::GlobPattern::create(R.Glob);
    if (!G) {
      llvm::consumeError(G.takeError());
      continue; // the caller checked the globs
    }
    if (G->match(File) || G->match(Relative))
      return {R.Name, ""};
  }
  std::string Dir = Cmd.Output.empty()
                        ? absolute(".", Cmd.Directory)
                        : llvm::sys::path::parent_path(
                              absolute(Cmd.Output, Cmd.Directory))
                              .str();
  return {llvm::sys::path::filename(Dir).str(), Dir};
}

namespace {

std::string tuName(const TUJob &J) {
  return displayPath(absolute(J.Cmd.Filename, J.Cmd.Directory));
}

/// The reason of a refused fix, without the note's frame.
std::string refusalText(const json::Object &Var, const json::Object &Fix) {
  std::string Why = arrayOf(Fix, "notes").empty()
                        ? std::string("it is refused there")
                        : arrayOf(Fix, "notes")[0].getAsString().value_or("").str();
  llvm::StringRef W(Why);
  W.consume_front("no fix-it for '" + stringOf(Var, "name") + "': ");
  W.consume_back(" [modspace]");
  return W.str();
}

/// The decisions only the whole database can make, as refusals per job.
class CrossTU {
public:
  CrossTU(const std::vector<TUJob> &Jobs, bool WholeDatabase)
      : Jobs(Jobs), WholeDatabase(WholeDatabase) {
    for (unsigned J = 0; J < Jobs.size(); ++J)
      if (const json::Object *R = report(Jobs[J]))
        for (const json::Value &V : arrayOf(*R, "variables")) {
          const json::Object *O = V.getAsObject();
          if (O->getBoolean("static").value_or(true))
            continue;
          const json::Object *Fix = O->getObject("fix");
          std::string Table = tableOf(stringOf(*O, "symbol"));
          Modules[Table].insert(Jobs[J].Module);
          if (Fix && stringOf(*Fix, "status") == "planned")
            Planned[Table].push_back({J, stringOf(*O, "name")});
        }
  }

  std::map<unsigned, std::map<std::string, std::string>> decide() {
    sharedDefinitions();
    for (unsigned J = 0; J < Jobs.size(); ++J)
      if (const json::Object *R = report(Jobs[J])) {
        blockingUses(J, *R);
        skippedIncludes(J, *R);
      }
    unseen();
    return std::move(Out);
  }

private:
  struct Definition {
    unsigned Job;
    std::string Name;
  };

  /// The planned definitions TU \p J means when it names \p Table: its
  /// own module's when its module defines one (a module links its own
  /// first), else every module's.
  std::vector<Definition> referredBy(unsigned J, const std::string &Table) {
    std::vector<Definition> Out;
    auto It = Planned.find(Table);
    if (It == Planned.end())
      return Out;
    bool Own = Modules[Table].count(Jobs[J].Module);
    for (const Definition &D : It->second)
      if (!Own || Jobs[D.Job].Module == Jobs[J].Module)
        Out.push_back(D);
    return Out;
  }

  void refuse(const std::vector<Definition> &Defs, const std::string &Why) {
    for (const Definition &D : Defs)
      Out[D.Job].insert({D.Name, Why});
  }

  /// A use another TU makes that no edit can keep right.
  void blockingUses(unsigned J, const json::Object &R) {
    for (const json::Value &D : arrayOf(R, "declared")) {
      const json::Object &DO = *D.getAsObject();
      std::string Table = tableOf(stringOf(DO, "symbol"));
      // Several modules define it and this TU's module none: its one
      // declaration cannot be right for a converted and an unconverted
      // one at once.
      std::vector<Definition> Referred = referredBy(J, Table);
      if (!Referred.empty() && !Modules[Table].count(Jobs[J].Module)) {
        std::set<std::string> Converting;
        for (const Definition &Def : Referred)
          Converting.insert(Jobs[Def.Job].Module);
        for (const std::string &M : Modules[Table])
          if (!Converting.count(M)) {
            refuse(Referred, "translation unit " + tuName(Jobs[J]) +
                                 " uses it, and module " + M +
                                 " defines a table of the same name that "
                                 "is not converted");
            break;
          }
      }
      for (const json::Value &U : arrayOf(DO, "uses")) {
        std::optional<llvm::StringRef> Block =
            U.getAsObject()->getString("blocks");
        if (!Block)
          continue;
        Place At = placeOf(*U.getAsObject());
        std::string TU = mainFileOf(Jobs[J]);
        // A use in a header: which TU saw it matters (its configuration).
        refuse(referredBy(J, Table),
               "its use at " + where(At) +
                   (At.Path == TU ? std::string()
                                  : " (in translation unit " + tuName(Jobs[J]) +
                                        ")") +
                   " cannot be rewritten: " + Block->str());
        break;
      }
    }
  }

  /// A TU that includes a header declaring a table only in code its
  /// configuration skips may use the table there: unknown uses.
  void skippedIncludes(unsigned J, const json::Object &R) {
    const json::Array &Skipped = arrayOf(R, "skipped_includes");
    if (Skipped.empty())
      return;
    std::set<std::string> Declared;
    for (const json::Value &D : arrayOf(R, "declared"))
      Declared.insert(tableOf(stringOf(*D.getAsObject(), "symbol")));
    for (const auto &[Table, Defs] : Planned) {
      if (Declared.count(Table))
        continue; // seen through an include that is compiled
      const std::set<std::string> &Homes = headersOf(Table);
      for (const json::Value &I : Skipped) {
        std::string Name = stringOf(*I.getAsObject(), "name");
        if (!Homes.count(llvm::sys::path::filename(Name).str()))
          continue;
        refuse(referredBy(J, Table),
               "translation unit " + tuName(Jobs[J]) + " includes '" + Name +
                   "' at " + where(placeOf(*I.getAsObject())) +
                   " only in a configuration it is not compiled in, so its "
                   "uses of the table there are not known");
        break;
      }
    }
  }

  /// The names of the headers where \p Table is declared or defined: its
  /// definitions' edits outside their own file, other TUs' declarations.
  const std::set<std::string> &headersOf(const std::string &Table) {
    auto [It, New] = Homes.try_emplace(Table);
    if (!New)
      return It->second;
    for (unsigned J = 0; J < Jobs.size(); ++J) {
      const json::Object *R = report(Jobs[J]);
      if (!R)
        continue;
      std::string Main = mainFileOf(Jobs[J]);
      for (const json::Value &V : arrayOf(*R, "variables")) {
        const json::Object &O = *V.getAsObject();
        const json::Object *Fix = O.getObject("fix");
        if (!Fix || tableOf(stringOf(O, "symbol")) != Table)
          continue;
        for (const json::Value &E : arrayOf(*Fix, "edits"))
          if (canonical(stringOf(*E.getAsObject(), "path")) != Main)
            It->second.insert(llvm::sys::path::filename(
                                  stringOf(*E.getAsObject(), "path"))
                                  .str());
      }
      for (const json::Value &D : arrayOf(*R, "declared"))
        if (tableOf(stringOf(*D.getAsObject(), "symbol")) == Table)
          for (const json::Value &E :
               arrayOf(*D.getAsObject(), "declarations"))
            It->second.insert(llvm::sys::path::filename(
                                  stringOf(*E.getAsObject(), "path"))
                                  .str());
    }
    return It->second;
  }

  /// One definition compiled by several TUs (a file built twice, in two
  /// modules or configurations; a static table in a header): a TU that
  /// refuses the table saw something the others did not, and the edits
  /// are in the same file, so the others must not convert it either.
  /// Defined in a header, a static table must be converted by every TU
  /// that includes it (each allocates its own copy), and every such TU
  /// must have been seen.
  void sharedDefinitions() {
    std::map<std::pair<std::string, std::string>, std::string> RefusedAt;
    for (const TUJob &J : Jobs) {
      const json::Object *R = report(J);
      if (!R)
        continue;
      std::string Main = mainFileOf(J);
      for (const json::Value &V : arrayOf(*R, "variables")) {
        const json::Object *O = V.getAsObject();
        const json::Object *Fix = O->getObject("fix");
        std::string DefinedIn = canonical(stringOf(*O, "path"));
        bool OwnFile = DefinedIn == Main;
        std::string Status = Fix ? stringOf(*Fix, "status") : "none";
        if (Status == "planned")
          continue;
        // In the TU's own file, the allocation is written there too: not
        // being module code is no reason there.
        std::string Why;
        if (Status == "refused" &&
            (!OwnFile || stringOf(*Fix, "reason") != "kernel-build"))
          Why = refusalText(*O, *Fix);
        else if (!OwnFile && O->getBoolean("static").value_or(false))
          Why = stringOf(*R, "build") == "kernel"
                    ? "it is not module code there, so it would not "
                      "allocate its copy of the table"
                    : "the table is under the threshold there, so it would "
                      "not allocate its copy";
        if (!Why.empty())
          RefusedAt.insert({{DefinedIn, stringOf(*O, "name")},
                            "the build of this file in translation unit " +
                                tuName(J) + " (module " + J.Module +
                                ") refuses it: " + Why});
      }
    }
    for (unsigned J = 0; J < Jobs.size(); ++J) {
      const json::Object *R = report(Jobs[J]);
      if (!R)
        continue;
      std::string Main = mainFileOf(Jobs[J]);
      for (const json::Value &V : arrayOf(*R, "variables")) {
        const json::Object *O = V.getAsObject();
        const json::Object *Fix = O->getObject("fix");
        if (!Fix || stringOf(*Fix, "status") != "planned")
          continue;
        std::string DefinedIn = canonical(stringOf(*O, "path"));
        auto It = RefusedAt.find({DefinedIn, stringOf(*O, "name")});
        if (It != RefusedAt.end())
          Out[J].insert({stringOf(*O, "name"), It->second});
        else if (DefinedIn != Main && O->getBoolean("static").value_or(false) &&
                 !unseenWhy("it is defined in a header").empty())
          Out[J].insert({stringOf(*O, "name"),
                         unseenWhy("it is defined in a header")});
      }
    }
  }

  /// Why tables other TUs may use cannot be converted: a TU not seen.
  std::string unseenWhy(llvm::StringRef What) const {
    if (!WholeDatabase)
      return What.str() + ", and only some translation units of the "
                          "compile database were analysed; run modspace "
                          "over the whole database to convert it";
    for (const TUJob &J : Jobs)
      if (!J.Out.Ok && J.Skipped.empty())
        return What.str() + ", and the translation unit " + tuName(J) +
               " could not be analysed, so its uses are not known";
    return "";
  }

  void unseen() {
    std::string Why = unseenWhy("it is not static");
    if (Why.empty())
      return;
    for (const auto &[Table, Defs] : Planned)
      refuse(Defs, Why);
  }

  const std::vector<TUJob> &Jobs;
  bool WholeDatabase;
  std::map<std::string, std::set<std::string>> Modules; ///< defining a table
  std::map<std::string, std::vector<Definition>> Planned;
  std::map<std::string, std::set<std::string>> Homes;
  std::map<unsigned, std::map<std::string, std::string>> Out;
};

} // namespace

std::map<unsigned, std::map<std::string, std::string>>
crossTURefusals(const std::vector<TUJob> &Jobs, bool WholeDatabase) {
  return CrossTU(Jobs, WholeDatabase).decide();
}

namespace {

/// Builds the tree from the jobs' reports.
class TreeBuilder {
public:
  TreeBuilder(const std::vector<TUJob> &Jobs, const Budgets &B,
              std::map<unsigned, std::map<std::string, std::string>> &Conflicts)
      : Jobs(Jobs), B(B), Conflicts(Conflicts) {}

  TreeResult build() {
    for (const TUJob &J : Jobs) {
      if (!J.Out.Ok && J.Skipped.empty())
        R.Errors.push_back(displayPath(absolute(J.Cmd.Filename,
                                                J.Cmd.Directory)) +
                           ": " + J.Out.Error);
      if (const json::Object *Rep = report(J))
        R.Exact = R.Exact && stringOf(*Rep, "layout") == "exact";
    }
    symbols();
    findings();
    merge();
    hashes();
    modules();
    return std::move(R);
  }

private:
  /// Which non-static tables this run converts, in which modules.
  void symbols() {
    for (const TUJob &J : Jobs) {
      const json::Object *Rep = report(J);
      if (!Rep)
        continue;
      for (const json::Value &V : arrayOf(*Rep, "variables")) {
        const json::Object *O = V.getAsObject();
        if (O->getBoolean("static").value_or(true))
          continue;
        std::string Table = tableOf(stringOf(*O, "symbol"));
        Defining[Table].insert(J.Module);
        const json::Object *Fix = O->getObject("fix");
        if (Fix && stringOf(*Fix, "status") == "planned")
          Converting[Table].insert(J.Module);
      }
    }
  }

  /// What becomes of the table \p Table that job \p J only declares:
  /// the definition its module links (its own module's, else any).
  enum class Fate { Unknown, Converted, Stays };
  Fate fateOf(unsigned J, const std::string &Table) {
    const std::set<std::string> &Defs = Defining[Table];
    if (Defs.empty())
      return Fate::Unknown;
    const std::set<std::string> &Conv = Converting[Table];
    if (Defs.count(Jobs[J].Module))
      return Conv.count(Jobs[J].Module) ? Fate::Converted : Fate::Stays;
    // The tree step refuses every definition when they disagree.
    return Conv.size() == Defs.size() ? Fate::Converted : Fate::Stays;
  }

  /// Every TU's findings, once each; the TU budget warnings give way to
  /// the module's.
  void findings() {
    std::set<std::tuple<std::string, std::string, unsigned, unsigned,
                        std::string>>
        Seen;
    for (unsigned JI = 0; JI < Jobs.size(); ++JI) {
      const json::Object *Rep = report(Jobs[JI]);
      if (!Rep)
        continue;
      // Where this TU's uses of declared-only arrays are, by table.  The
      // edits of a table this run converts are taken from here, all of
      // them: the uses' and the declarations' (which the plugin offers
      // on no warning, since they are right only with the conversion),
      // whatever the array's size in this TU's configuration.
      std::map<std::tuple<std::string, unsigned, unsigned>, std::string>
          DeclaredAt;
      for (const json::Value &D : arrayOf(*Rep, "declared")) {
        const json::Object &DO = *D.getAsObject();
        std::string Table = tableOf(stringOf(DO, "symbol"));
        bool Take = fateOf(JI, Table) == Fate::Converted;
        for (const json::Value &U : arrayOf(DO, "uses")) {
          Place P = placeOf(*U.getAsObject());
          DeclaredAt[{P.Path, P.Line, P.Column}] = Table;
          const json::Object *Fix = U.getAsObject()->getObject("fix");
          if (Take && Fix)
            Edits.push_back({replacementOf(*Fix), JI, "table " + Table, false});
        }
        for (const json::Value &E : arrayOf(DO, "declarations"))
          if (Take)
            Edits.push_back(
                {replacementOf(*E.getAsObject()), JI, "table " + Table, false});
      }
      const json::Array &Vars = arrayOf(*Rep, "variables");
      for (const json::Value &DV : arrayOf(*Rep, "diagnostics")) {
        const json::Object &D = *DV.getAsObject();
        TreeFinding F;
        F.Rule = stringOf(D, "rule");
        if (F.Rule == "section-budget")
          continue;
        F.Level = "warning";
        F.Message = stringOf(D, "message");
        F.At = placeOf(D);
        F.TU = absolute(Jobs[JI].Cmd.Filename, Jobs[JI].Cmd.Directory);
        // Whose edits these are: the variable's, or for a use of a
        // declared-only array, that array's conversion.
        std::string Owner;
        // A declared-use fix of a table no TU here defines is a courtesy
        // (right either way); of a converted one, already taken above.
        bool Courtesy = false, Taken = false;
        if (F.Rule == "declared-use") {
          std::string Table = DeclaredAt[{F.At.Path, F.At.Line, F.At.Column}];
          Fate What = fateOf(JI, Table);
          // Refused where it is defined: it stays an array, nothing to do.
          if (What == Fate::Stays)
            continue;
          Owner = "table " + Table;
          Taken = What == Fate::Converted;
          Courtesy = !Taken;
        } else if (std::optional<int64_t> V = D.getInteger("variable")) {
          if (*V >= 0 && (size_t)*V < Vars.size()) {
            Owner = stringOf(*Vars[*V].getAsObject(), "name");
            F.Table = tableOf(stringOf(*Vars[*V].getAsObject(), "symbol"));
          }
        }
        for (const json::Value &N : arrayOf(D, "notes"))
          F.Notes.push_back(
              {placeOf(*N.getAsObject()), stringOf(*N.getAsObject(), "message")});
        for (const json::Value &E : arrayOf(D, "fixes")) {
          Replacement Rep = replacementOf(*E.getAsObject());
          if (!Taken)
            Edits.push_back({Rep, JI, Owner, Courtesy});
          F.Fixes.push_back(Rep);
        }
        if (!Seen.insert({F.Rule, F.At.Path, F.At.Line, F.At.Column,
                          F.Message})
                 .second)
          continue;
        R.Findings.push_back(std::move(F));
      }
    }
  }

  /// One edit as a TU gave it, and whose it is.
  struct OwnedEdit {
    Replacement Rep;
    unsigned Job;
    std::string Owner; ///< a variable's name, or "table X"
    bool Droppable;    ///< only a courtesy fix, for a table not defined here
  };

  /// The edits of all TUs, per file: identical ones once; two that
  /// overlap cannot both be right, so both owners are refused (another
  /// run), unless one is only a courtesy fix, which is dropped.
  void merge() {
    std::map<std::string, std::vector<const OwnedEdit *>> ByFile;
    for (const OwnedEdit &E : Edits)
      ByFile[E.Rep.Path].push_back(&E);
    for (auto &[Path, List] : ByFile) {
      llvm::sort(List, [](const OwnedEdit *L, const OwnedEdit *R) {
        return std::tie(L->Rep, L->Job, L->Owner) <
               std::tie(R->Rep, R->Job, R->Owner);
      });
      std::vector<const OwnedEdit *> Kept;
      for (const OwnedEdit *E : List) {
        if (!Kept.empty() && Kept.back()->Rep == E->Rep)
          continue;
        const OwnedEdit *Clash = nullptr;
        for (auto It = Kept.rbegin(); It != Kept.rend(); ++It)
          if (overlap((*It)->Rep, E->Rep)) {
            Clash = *It;
            break;
          }
        if (!Clash) {
          Kept.push_back(E);
          continue;
        }
        if (E->Droppable)
          continue;
        if (Clash->Droppable) {
          Kept.erase(llvm::find(Kept, Clash));
          Kept.push_back(E);
          continue;
        }
        refuseBoth(*Clash, *E);
        Kept.push_back(E);
      }
      FileChange &C = R.Changes[Path];
      C.Path = Path;
      for (const OwnedEdit *E : Kept)
        C.Edits.push_back(E->Rep);
    }
    // Each edit on the first finding that carries it; the edits no
    // finding carries (other TUs' declarations, uses of the array where
    // it is small) on the warning of the table they convert.
    std::set<Replacement> Kept, Placed;
    for (const auto &[Path, C] : R.Changes)
      Kept.insert(C.Edits.begin(), C.Edits.end());
    for (TreeFinding &F : R.Findings) {
      std::vector<Replacement> Own;
      for (const Replacement &Rep : F.Fixes)
        if (Kept.count(Rep) && Placed.insert(Rep).second)
          Own.push_back(Rep);
      F.Fixes = std::move(Own);
    }
    for (const OwnedEdit &E : Edits) {
      if (!Kept.count(E.Rep) || !Placed.insert(E.Rep).second)
        continue;
      llvm::StringRef Table(E.Owner);
      Table.consume_front("table ");
      auto Home = llvm::find_if(R.Findings, [&](const TreeFinding &F) {
        return F.Rule == "vnet-variable" && F.Table == Table;
      });
      if (Home == R.Findings.end())
        Home = R.Findings.begin(); // cannot happen: a converted table warns
      if (Home != R.Findings.end())
        Home->Fixes.push_back(E.Rep);
    }
    for (TreeFinding &F : R.Findings)
      llvm::sort(F.Fixes);
  }

  static bool overlap(const Replacement &A, const Replacement &B) {
    if (A.Offset == B.Offset)
      return true; // two insertions, or two replacements, at one place
    const Replacement &L = A.Offset < B.Offset ? A : B;
    const Replacement &H = A.Offset < B.Offset ? B : A;
    return L.Offset + L.Length > H.Offset;
  }

  void refuseBoth(const OwnedEdit &A, const OwnedEdit &B) {
    auto Refuse = [&](const OwnedEdit &Who, const OwnedEdit &Other) {
      std::string Why =
          "its edit at byte " + std::to_string(Who.Rep.Offset) + " of " +
          displayPath(Who.Rep.Path) + " overlaps a different edit from " +
          displayPath(absolute(Jobs[Other.Job].Cmd.Filename,
                               Jobs[Other.Job].Cmd.Directory)) +
          ", and only one can be right";
      if (llvm::StringRef(Who.Owner).starts_with("table ")) {
        // Another TU's edit: refuse the table where it is defined.
        std::string Table = Who.Owner.substr(6);
        for (unsigned J = 0; J < Jobs.size(); ++J)
          if (const json::Object *Rep = report(Jobs[J]))
            forEachPlannedExtern(*Rep, [&](std::string Name, std::string S) {
              if (tableOf(S) == Table)
                Conflicts[J].insert({Name, Why});
            });
      } else if (!Who.Owner.empty()) {
        Conflicts[Who.Job].insert({Who.Owner, Why});
      }
    };
    Refuse(A, B);
    Refuse(B, A);
  }

  /// Every TU that read a file must have seen the same contents; --fix
  /// checks them all again, edited or not (a use added meanwhile to a
  /// file with no edit would be missed).
  void hashes() {
    std::map<std::string, std::string> &Hash = R.Inputs;
    for (const TUJob &J : Jobs) {
      const json::Object *Rep = report(J);
      if (!Rep)
        continue;
      for (llvm::StringRef Key : {"files", "inputs"})
      for (const json::Value &F : arrayOf(*Rep, Key)) {
        std::string Path = canonical(stringOf(*F.getAsObject(), "path"));
        std::string H = stringOf(*F.getAsObject(), "hash");
        auto [It, New] = Hash.insert({Path, H});
        if (!New && It->second != H) {
          R.Errors.push_back(displayPath(Path) +
                             ": it changed while the database was analysed "
                             "(two translation units saw different "
                             "contents); nothing will be fixed");
          Stale = true;
        }
      }
    }
    for (auto &[Path, C] : R.Changes)
      C.Hash = Hash[Path];
    if (Stale) {
      R.Changes.clear();
      for (TreeFinding &F : R.Findings)
        F.Fixes.clear();
    }
    for (auto It = R.Changes.begin(); It != R.Changes.end();)
      It = It->second.Edits.empty() ? R.Changes.erase(It) : std::next(It);
  }

  /// Modules in database order of their first TU, each TU's sections
  /// linked in database order at its own alignment, as ld -r does.
  void modules() {
    std::map<std::string, unsigned> Index;
    for (unsigned JI = 0; JI < Jobs.size(); ++JI) {
      const TUJob &J = Jobs[JI];
      if (!J.Skipped.empty() || J.Cmd.CommandLine.empty())
        continue; // not compiled code, or no command for it
      auto [It, New] = Index.insert({J.Module, R.Modules.size()});
      if (New) {
        R.Modules.emplace_back();
        R.Modules.back().Name = J.Module;
        R.Modules.back().Directory = J.ModuleDir;
        R.Modules.back().Vnet.Name = "set_vnet";
        R.Modules.back().Pcpu.Name = "set_pcpu";
      }
      Module &M = R.Modules[It->second];
      M.TUs.push_back(JI);
      const json::Object *Rep = report(J);
      if (!Rep) {
        M.Incomplete = true;
        continue;
      }
      M.Kernel = M.Kernel || stringOf(*Rep, "build") == "kernel";
      (Rep->getBoolean("vimage").value_or(false) ? M.Vimage : M.Plain) = true;
      M.PointerSize = (unsigned)intOf(*Rep, "pointer_size");
      for (const json::Value &S : arrayOf(*Rep, "sections")) {
        const json::Object &SO = *S.getAsObject();
        LinkedSection &L =
            stringOf(SO, "name") == "set_vnet" ? M.Vnet : M.Pcpu;
        link(L, SO);
      }
      for (const json::Value &V : arrayOf(*Rep, "variables")) {
        const json::Object &VO = *V.getAsObject();
        if (!VO.getBoolean("measured").value_or(false) ||
            !VO.getBoolean("in_section").value_or(false))
          continue;
        M.Largest.push_back({stringOf(VO, "name"), stringOf(VO, "kind"),
                             intOf(VO, "size"), placeOf(VO)});
      }
    }
    for (Module &M : R.Modules) {
      for (LinkedSection *L : {&M.Vnet, &M.Pcpu})
        L->Cost = llvm::alignTo(L->Size, std::max(1u, M.PointerSize));
      llvm::sort(M.Largest, [](const ModuleVar &L, const ModuleVar &R) {
        // Equal sizes by place: the output does not depend on -j.
        return std::tie(R.Size, L.At.Path, L.At.Line, L.Name) <
               std::tie(L.Size, R.At.Path, R.At.Line, R.Name);
      });
      if (M.Largest.size() > 5)
        M.Largest.resize(5);
      if (M.Vimage && M.Plain) {
        // A misconfigured database: no kernel loads such a module.
        TreeFinding F;
        F.Rule = "module-mixed";
        F.Level = "warning";
        F.Message = "module '" + M.Name +
                    "' mixes translation units built with and without "
                    "VIMAGE, so its set_vnet is neither build's; compile "
                    "the module one way [modspace]";
        R.Findings.push_back(std::move(F));
      }
      M.Budget = B.Vnet.value_or(M.Vnet.Space);
      M.PcpuBudget = B.Pcpu.value_or(M.Pcpu.Space);
      if (M.Kernel)
        continue;
      M.OverBudget = M.Vnet.Cost > M.Budget;
      M.PcpuOverBudget = M.Pcpu.Cost > M.PcpuBudget;
      if (M.OverBudget)
        gate(M, M.Vnet, M.Budget, "per-vnet", "VNET_MODMIN", "vnet");
      if (M.PcpuOverBudget)
        gate(M, M.Pcpu, M.PcpuBudget, "per-CPU", "DPCPU_MODMIN", "pcpu");
    }
  }

  static void link(LinkedSection &L, const json::Object &S) {
    uint64_t Size = intOf(S, "size");
    uint64_t Align = std::max<uint64_t>(1, intOf(S, "align"));
    L.Space = intOf(S, "module_space");
    L.Exact = L.Exact && stringOf(S, "layout") == "exact";
    L.Hypothetical = L.Hypothetical || S.getBoolean("hypothetical").value_or(false);
    L.Variables += intOf(S, "variables");
    if (Size == 0)
      return; // no section in this object
    L.Size = llvm::alignTo(L.Size, Align) + Size;
    L.Align = std::max(L.Align, Align);
  }

  void gate(const Module &M, const LinkedSection &L, uint64_t Budget,
            llvm::StringRef What, llvm::StringRef Space, llvm::StringRef Kind) {
    TreeFinding F;
    F.Rule = "module-budget";
    F.Level = "error";
    auto Largest = llvm::find_if(
        M.Largest, [&](const ModuleVar &V) { return V.Kind == Kind; });
    if (Largest != M.Largest.end())
      F.At = Largest->At;
    std::string Needs = "module '" + M.Name + "' needs " +
                        std::to_string(L.Cost) + " bytes of " + What.str() +
                        " module space, more than ";
    if (L.Cost > L.Space)
      F.Message = Needs + "the " + std::to_string(L.Space) + " of " +
                  Space.str() + ", so kldload fails";
    else
      F.Message = Needs + "its budget of " + std::to_string(Budget) + " (" +
                  percentOf(L.Cost, L.Space) + " of " + Space.str() + ")";
    F.Message += "; move its largest arrays to malloc'd memory [modspace]";
    if (Largest != M.Largest.end())
      F.Notes.push_back({Largest->At, "'" + Largest->Name + "', the largest, "
                                          "takes " +
                                          std::to_string(Largest->Size) +
                                          " bytes"});
    R.Findings.push_back(std::move(F));
  }

  const std::vector<TUJob> &Jobs;
  const Budgets &B;
  std::map<unsigned, std::map<std::string, std::string>> &Conflicts;
  TreeResult R;
  std::map<std::string, std::set<std::string>> Defining, Converting;
  std::vector<OwnedEdit> Edits;
  bool Stale = false;
};

} // namespace

TreeResult buildTree(const std::vector<TUJob> &Jobs, const Budgets &B,
                     std::map<unsigned, std::map<std::string, std::string>>
                         &Conflicts) {
  return TreeBuilder(Jobs, B, Conflicts).build();
}

} // namespace modspace

//===--- Apply.cpp - --fix, --diff and --export-fixes ---------------------===//

#include "Apply.h"
#include "Report.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace modspace {

std::string applyEdits(llvm::StringRef Old,
                       const std::vector<Replacement> &Edits) {
  std::string New;
  New.reserve(Old.size());
  size_t At = 0;
  for (const Replacement &E : Edits) {
    New.append(Old.data() + At, E.Offset - At);
    New += E.Text;
    At = E.Offset + E.Length;
  }
  New.append(Old.data() + At, Old.size() - At);
  return New;
}

namespace {

std::string hashOf(llvm::StringRef Text) {
  return llvm::utohexstr(llvm::xxh3_64bits(Text), /*LowerCase=*/true, 16);
}

/// A file about to be replaced: where, what it held, what it will hold.
struct Pending {
  std::string Shown;  ///< as the user knows it
  std::string Target; ///< the real file (a symlink is kept)
  std::string Old, New;
  struct stat St;
  std::string Temp; ///< written, not yet renamed
};

std::string errnoText() { return strerror(errno); }

/// Writes \p Text to a new file beside \p P.Target with its mode and, where
/// permitted, its owner.  Sets P.Temp.
std::string writeTemp(Pending &P, llvm::StringRef Text) {
  llvm::SmallString<256> Model(llvm::sys::path::parent_path(P.Target));
  llvm::sys::path::append(Model, "." + llvm::sys::path::filename(P.Target) +
                                     ".modspace-%%%%%%");
  int FD;
  llvm::SmallString<256> Temp;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(
          Model, FD, Temp, llvm::sys::fs::OF_None, P.St.st_mode & 07777))
    return "cannot create a file beside it: " + EC.message();
  P.Temp = std::string(Temp);
  // The umask applied at creation: set the mode itself.
  (void)::fchmod(FD, P.St.st_mode & 07777);
  (void)::fchown(FD, P.St.st_uid, P.St.st_gid);
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/false);
  OS << Text;
  OS.flush();
  std::string Why;
  if (OS.has_error()) {
    Why = "cannot write it: " + OS.error().message();
    OS.clear_error();
  } else if (::fsync(FD) != 0) {
    Why = "cannot write it: " + errnoText();
  }
  if (::close(FD) != 0 && Why.empty())
    Why = "cannot write it: " + errnoText();
  return Why;
}

void removeTemps(std::vector<Pending> &All) {
  for (Pending &P : All)
    if (!P.Temp.empty()) {
      (void)llvm::sys::fs::remove(P.Temp);
      P.Temp.clear();
    }
}

} // namespace

std::string readUnchanged(const std::map<std::string, FileChange> &Changes,
                          const std::map<std::string, std::string> &Inputs,
                          std::map<std::string, std::string> &Texts) {
  for (const auto &[Path, Hash] : Inputs) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
        llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                    /*RequiresNullTerminator=*/false);
    if (!Buf)
      return displayPath(Path) + ": it is gone since it was analysed";
    std::string Text = (*Buf)->getBuffer().str();
    auto C = Changes.find(Path);
    if (hashOf(Text) != (C != Changes.end() ? C->second.Hash : Hash))
      return displayPath(Path) + ": it changed since it was analysed";
    if (C != Changes.end())
      Texts[Path] = std::move(Text);
  }
  for (const auto &[Path, C] : Changes)
    if (!Texts.count(Path)) {
      llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
          llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false);
      if (!Buf || hashOf((*Buf)->getBuffer()) != C.Hash)
        return displayPath(Path) + ": it changed since it was analysed";
      Texts[Path] = (*Buf)->getBuffer().str();
    }
  return "";
}

std::string applyChanges(const std::map<std::string, FileChange> &Changes,
                         const std::map<std::string, std::string> &Inputs,
                         const std::function<void()> &BeforeCheck,
                         std::vector<std::string> &Written) {
  if (BeforeCheck)
    BeforeCheck();
  if (Changes.empty())
    return "";
  // The files the edits were planned from, edited or not.
  for (const auto &[Path, Hash] : Inputs) {
    if (Changes.count(Path))
      continue;
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
        llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                    /*RequiresNullTerminator=*/false);
    if (!Buf || hashOf((*Buf)->getBuffer()) != Hash)
      return displayPath(Path) +
             (Buf ? ": it changed since it was analysed"
                  : ": it is gone since it was analysed") +
             "; nothing was written (run modspace again)";
  }
  std::vector<Pending> All;
  // Read and check everything before writing anything.
  for (const auto &[Path, C] : Changes) {
    Pending P;
    P.Shown = displayPath(Path);
    llvm::SmallString<256> Real;
    if (std::error_code EC = llvm::sys::fs::real_path(Path, Real))
      return P.Shown + ": " + EC.message() + "; nothing was written";
    P.Target = std::string(Real);
    // The tree merges a file's edits under its real path; two changes to
    // one file would each undo the other.
    for (const Pending &Other : All)
      if (Other.Target == P.Target)
        return P.Shown + " and " + Other.Shown +
               " are one file with two sets of edits; nothing was written";
    if (::stat(P.Target.c_str(), &P.St) != 0 || !S_ISREG(P.St.st_mode))
      return P.Shown + ": not a regular file; nothing was written";
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
        llvm::MemoryBuffer::getFile(P.Target, /*IsText=*/false,
                                    /*RequiresNullTerminator=*/false);
    if (!Buf)
      return P.Shown + ": " + Buf.getError().message() +
             "; nothing was written";
    P.Old = (*Buf)->getBuffer().str();
    if (hashOf(P.Old) != C.Hash)
      return P.Shown + ": it changed since it was analysed; nothing was "
                       "written (run modspace again)";
    if (!C.Edits.empty() &&
        C.Edits.back().Offset + C.Edits.back().Length > P.Old.size())
      return P.Shown + ": an edit is past its end; nothing was written";
    if (::access(P.Target.c_str(), W_OK) != 0)
      return P.Shown + ": " + errnoText() + "; nothing was written";
    P.New = applyEdits(P.Old, C.Edits);
    All.push_back(std::move(P));
  }
  for (Pending &P : All)
    if (std::string Why = writeTemp(P, P.New); !Why.empty()) {
      removeTemps(All);
      return P.Shown + ": " + Why + "; nothing was written";
    }
  for (size_t I = 0; I < All.size(); ++I) {
    if (::rename(All[I].Temp.c_str(), All[I].Target.c_str()) == 0) {
      All[I].Temp.clear();
      continue;
    }
    std::string Why = All[I].Shown + ": cannot replace it: " + errnoText();
    removeTemps(All);
    // Put back what was already replaced.
    std::string Lost;
    for (size_t K = 0; K < I; ++K) {
      bool Back = writeTemp(All[K], All[K].Old).empty() &&
                  ::rename(All[K].Temp.c_str(), All[K].Target.c_str()) == 0;
      if (!Back) {
        removeTemps(All);
        Lost += " " + All[K].Shown;
      }
      All[K].Temp.clear();
    }
    if (!Lost.empty())
      return Why + "; these could not be restored and hold the fix:" + Lost;
    return Why + "; the files already replaced were restored, nothing changed";
  }
  for (const Pending &P : All)
    Written.push_back(P.Shown);
  return "";
}

namespace {

/// Lines of \p Text, each with its end of line; the last may lack one.
std::vector<llvm::StringRef> linesOf(llvm::StringRef Text) {
  std::vector<llvm::StringRef> Out;
  while (!Text.empty()) {
    size_t End = Text.find('\n');
    End = End == llvm::StringRef::npos ? Text.size() : End + 1;
    Out.push_back(Text.take_front(End));
    Text = Text.drop_front(End);
  }
  return Out;
}

/// Prints one hunk: old lines [A, B) against \p New, the common lines as
/// context (a longest common subsequence: hunks are small).
void printHunk(llvm::raw_ostream &OS, llvm::ArrayRef<llvm::StringRef> Old,
               unsigned OldStart, unsigned NewStart,
               llvm::ArrayRef<llvm::StringRef> New) {
  size_t N = Old.size(), M = New.size();
  // Too large a table: every old line removed, then every new one added.
  bool Small = (N + 1) * (M + 1) <= (1u << 22);
  std::vector<unsigned> Table(Small ? (N + 1) * (M + 1) : 0);
  auto L = [&](size_t I, size_t J) -> unsigned {
    return Small ? Table[I * (M + 1) + J] : 0;
  };
  if (Small)
    for (size_t I = N; I-- > 0;)
      for (size_t J = M; J-- > 0;)
        Table[I * (M + 1) + J] = Old[I] == New[J]
                                     ? L(I + 1, J + 1) + 1
                                     : std::max(L(I + 1, J), L(I, J + 1));
  auto Count = [](unsigned Start, size_t Len) {
    // An empty side names the line before it.
    return std::to_string(Len ? Start : Start - 1) + "," + std::to_string(Len);
  };
  OS << "@@ -" << Count(OldStart, N) << " +" << Count(NewStart, M) << " @@\n";
  auto Line = [&](char Tag, llvm::StringRef Text) {
    OS << Tag << Text;
    if (!Text.ends_with("\n"))
      OS << "\n\\ No newline at end of file\n";
  };
  size_t I = 0, J = 0;
  while (I < N || J < M) {
    if (I < N && J < M && Old[I] == New[J] &&
        L(I, J) == L(I + 1, J + 1) + 1) {
      Line(' ', Old[I++]);
      ++J;
    } else if (I < N && (J == M || L(I + 1, J) >= L(I, J + 1))) {
      Line('-', Old[I++]);
    } else {
      Line('+', New[J++]);
    }
  }
}

} // namespace

std::string printDiff(llvm::raw_ostream &OS,
                      const std::map<std::string, FileChange> &Changes) {
  constexpr unsigned Context = 3;
  for (const auto &[Path, C] : Changes) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
        llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                    /*RequiresNullTerminator=*/false);
    if (!Buf)
      return displayPath(Path) + ": " + Buf.getError().message();
    llvm::StringRef Old = (*Buf)->getBuffer();
    if (hashOf(Old) != C.Hash)
      return displayPath(Path) +
             ": it changed since it was analysed (run modspace again)";
    std::vector<llvm::StringRef> Lines = linesOf(Old);
    std::vector<size_t> Start; // offset of each line, and the end
    for (llvm::StringRef L : Lines)
      Start.push_back(L.data() - Old.data());
    Start.push_back(Old.size());
    auto LineAt = [&](size_t Offset) {
      return (unsigned)(std::upper_bound(Start.begin(), Start.end() - 1,
                                         Offset) -
                        Start.begin() - 1);
    };
    std::string Shown = displayPath(Path);
    bool Relative = !llvm::sys::path::is_absolute(Shown);
    // A name with a space ends with a tab, as git writes it, so that
    // patch(1) does not take the rest of the line for a timestamp.
    llvm::StringRef End = llvm::StringRef(Shown).contains(' ') ? "\t\n" : "\n";
    OS << "--- " << (Relative ? "a/" : "") << Shown << End << "+++ "
       << (Relative ? "b/" : "") << Shown << End;
    int Delta = 0; // new lines minus old lines so far
    for (size_t E = 0; E < C.Edits.size();) {
      // The old lines the edits touch, grown by the context; edits whose
      // contexts meet share a hunk.
      auto Span = [&](const Replacement &R) {
        unsigned First = Lines.empty() ? 0 : LineAt(R.Offset);
        unsigned Last = R.Length ? LineAt(R.Offset + R.Length - 1) : First;
        if (!Lines.empty() && First >= Lines.size())
          First = Last = Lines.size() - 1;
        return std::make_pair(First, Last);
      };
      auto [First, Last] = Span(C.Edits[E]);
      size_t End = E + 1;
      while (End < C.Edits.size() &&
             Span(C.Edits[End]).first <= Last + 2 * Context + 1) {
        Last = std::max(Last, Span(C.Edits[End]).second);
        ++End;
      }
      unsigned A = First > Context ? First - Context : 0;
      unsigned B = std::min<unsigned>(Last + Context + 1, Lines.size());
      size_t From = Start[A], To = Start[B];
      std::vector<Replacement> Local;
      for (size_t K = E; K < End; ++K) {
        Replacement R = C.Edits[K];
        R.Offset -= From;
        Local.push_back(R);
      }
      std::string NewText = applyEdits(Old.slice(From, To), Local);
      std::vector<llvm::StringRef> NewLines = linesOf(NewText);
      llvm::ArrayRef<llvm::StringRef> OldLines(Lines.data() + A, B - A);
      printHunk(OS, OldLines, A + 1, A + 1 + Delta, NewLines);
      Delta += (int)NewLines.size() - (int)OldLines.size();
      E = End;
    }
  }
  return "";
}

std::string exportFixes(llvm::StringRef Path, const TreeResult &R) {
  clang::tooling::TranslationUnitDiagnostics TUD;
  // Byte offsets of line starts, to turn line:column into offsets.
  std::map<std::string, std::vector<size_t>> LineStarts;
  auto OffsetOf = [&](const Place &P) -> unsigned {
    auto [It, New] = LineStarts.insert({P.Path, {}});
    if (New) {
      llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
          llvm::MemoryBuffer::getFile(P.Path, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false);
      It->second.push_back(0);
      if (Buf)
        for (size_t I = 0; I < (*Buf)->getBufferSize(); ++I)
          if ((*Buf)->getBufferStart()[I] == '\n')
            It->second.push_back(I + 1);
    }
    if (P.Line == 0 || P.Line > It->second.size())
      return 0;
    return It->second[P.Line - 1] + (P.Column ? P.Column - 1 : 0);
  };
  for (const TreeFinding &F : R.Findings) {
    clang::tooling::Diagnostic D;
    D.DiagnosticName = "modspace-" + F.Rule;
    D.DiagLevel = F.Level == "error" ? clang::tooling::Diagnostic::Error
                                     : clang::tooling::Diagnostic::Warning;
    D.Message.Message = F.Message;
    D.Message.FilePath = F.At.Path;
    D.Message.FileOffset = OffsetOf(F.At);
    for (const Replacement &E : F.Fixes) {
      clang::tooling::Replacement Rep(E.Path, E.Offset, E.Length, E.Text);
      if (llvm::Error Err = D.Message.Fix[E.Path].add(Rep))
        return "the edits of one finding overlap: " +
               llvm::toString(std::move(Err));
    }
    for (const TreeNote &N : F.Notes) {
      clang::tooling::DiagnosticMessage M;
      M.Message = N.Message;
      M.FilePath = N.At.Path;
      M.FileOffset = OffsetOf(N.At);
      D.Notes.push_back(std::move(M));
    }
    TUD.Diagnostics.push_back(std::move(D));
  }
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  llvm::yaml::Output YAML(OS);
  YAML << TUD;
  OS.flush();
  return writeReport(Path, Text);
}

} // namespace modspace

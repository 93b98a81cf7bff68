//===--- Conditionals.cpp - #if regions of the main file ------------------===//

#include "Conditionals.h"

using namespace clang;

namespace modspace {

/// The directive at \p Loc ("ifdef INET"), single-spaced, without
/// comments or line continuations.
std::string Conditionals::directiveText(const SourceManager &SM,
                                        SourceLocation Loc) {
  auto [FID, Offset] = SM.getDecomposedLoc(Loc);
  llvm::StringRef Buffer = SM.getBufferData(FID);
  std::string Out;
  bool Space = false;
  for (size_t I = Offset; I < Buffer.size(); ++I) {
    char C = Buffer[I];
    if (C == '\\' && I + 1 < Buffer.size() &&
        (Buffer[I + 1] == '\n' || Buffer[I + 1] == '\r')) {
      I += Buffer.substr(I + 1).starts_with("\r\n") ? 2 : 1;
      Space = true;
      continue;
    }
    if (C == '\n' || C == '\r')
      break;
    if (Buffer.substr(I).starts_with("//"))
      break;
    if (Buffer.substr(I).starts_with("/*")) {
      size_t End = Buffer.find("*/", I + 2);
      I = End == llvm::StringRef::npos ? Buffer.size() : End + 1;
      Space = true;
      continue;
    }
    if (C == ' ' || C == '\t') {
      Space = true;
      continue;
    }
    if (Space && !Out.empty())
      Out += ' ';
    Space = false;
    Out += C;
  }
  return Out;
}

void Conditionals::startRegion(const SourceManager &SM, OpenConditional &C,
                               SourceLocation Loc, std::string Condition) {
  Region R;
  R.Condition = std::move(Condition);
  R.IfLoc = C.IfLoc;
  R.Begin = Loc;
  R.BeginOffset = SM.getFileOffset(Loc);
  // The enclosing region is the taken branch of the nearest open
  // conditional that has one (they all do: no callback reaches us from
  // inside a skipped branch).
  for (size_t I = Open.size(); I-- > 0;)
    if (&Open[I] != &C && Open[I].Current >= 0) {
      R.Parent = Open[I].Current;
      break;
    }
  C.Current = Regions.size();
  Regions.push_back(R);
}

void Conditionals::endRegion(const SourceManager &SM, OpenConditional &C,
                             SourceLocation Loc) {
  if (C.Current < 0)
    return;
  Regions[C.Current].End = Loc;
  Regions[C.Current].EndOffset = SM.getFileOffset(Loc);
  C.Current = -1;
}

void Conditionals::open(const SourceManager &SM, SourceLocation Loc,
                        bool Taken) {
  std::string Text = directiveText(SM, Loc);
  Open.push_back({Loc, Taken, -1, Text});
  if (Taken)
    startRegion(SM, Open.back(), Loc, Text);
}

void Conditionals::branch(const SourceManager &SM, SourceLocation Loc,
                          bool Taken) {
  if (Open.empty())
    return;
  OpenConditional &C = Open.back();
  endRegion(SM, C, Loc);
  std::string Text = C.Before + "; " + directiveText(SM, Loc);
  if (Taken && !C.AnyTaken) {
    C.AnyTaken = true;
    startRegion(SM, C, Loc, Text);
  }
  C.Before = Text;
}

void Conditionals::close(const SourceManager &SM, SourceLocation Loc) {
  if (Open.empty())
    return;
  endRegion(SM, Open.back(), Loc);
  Open.pop_back();
}

Conditionals::RegionId Conditionals::at(const SourceManager &SM,
                                        SourceLocation Loc) const {
  if (Regions.empty() || Loc.isInvalid())
    return -1;
  Loc = SM.getFileLoc(Loc);
  if (!SM.isWrittenInMainFile(Loc))
    return -1;
  unsigned Offset = SM.getFileOffset(Loc);
  RegionId Best = -1;
  for (RegionId I = 0, N = Regions.size(); I < N; ++I) {
    const Region &R = Regions[I];
    if (R.BeginOffset <= Offset && Offset < R.EndOffset &&
        (Best < 0 || R.BeginOffset >= Regions[Best].BeginOffset))
      Best = I;
  }
  return Best;
}

bool Conditionals::encloses(RegionId Outer, RegionId Inner) const {
  // Compare the chains of conditions, outermost first.
  llvm::SmallVector<const std::string *, 8> O, I;
  for (RegionId R = Outer; R >= 0; R = Regions[R].Parent)
    O.push_back(&Regions[R].Condition);
  for (RegionId R = Inner; R >= 0; R = Regions[R].Parent)
    I.push_back(&Regions[R].Condition);
  if (O.size() > I.size())
    return false;
  for (size_t K = 0; K < O.size(); ++K)
    if (*O[O.size() - 1 - K] != *I[I.size() - 1 - K])
      return false;
  return true;
}

Conditionals::RegionId Conditionals::common(RegionId A, RegionId B) const {
  for (RegionId R = A; R >= 0; R = Regions[R].Parent)
    for (RegionId S = B; S >= 0; S = Regions[S].Parent)
      if (R == S)
        return R;
  return -1;
}

Conditionals::RegionId Conditionals::childToward(RegionId Outer,
                                                 RegionId Inner) const {
  RegionId Child = Inner;
  while (Child >= 0 && Regions[Child].Parent != Outer)
    Child = Regions[Child].Parent;
  return Child;
}

} // namespace modspace

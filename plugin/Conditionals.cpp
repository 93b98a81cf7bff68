//===--- Conditionals.cpp - #if regions of the main file ------------------===//

#include "Conditionals.h"

using namespace clang;

namespace modspace {

void Conditionals::startRegion(const SourceManager &SM, OpenConditional &C,
                               SourceLocation Loc) {
  Region R;
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
  Open.push_back({Loc, Taken, -1});
  if (Taken)
    startRegion(SM, Open.back(), Loc);
}

void Conditionals::branch(const SourceManager &SM, SourceLocation Loc,
                          bool Taken) {
  if (Open.empty())
    return;
  OpenConditional &C = Open.back();
  endRegion(SM, C, Loc);
  if (Taken && !C.AnyTaken) {
    C.AnyTaken = true;
    startRegion(SM, C, Loc);
  }
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
  for (RegionId R = Inner; R >= 0; R = Regions[R].Parent)
    if (R == Outer)
      return true;
  return Outer < 0;
}

Conditionals::RegionId Conditionals::common(RegionId A, RegionId B) const {
  for (RegionId R = A; R >= 0; R = Regions[R].Parent)
    if (encloses(R, B))
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

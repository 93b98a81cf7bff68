//===--- Picture.cpp - each module's block of module space, drawn ---------===//

#include "Picture.h"
#include "../modspace-elf/picture.h"
#include <algorithm>

namespace modspace {

namespace {

/// The bar of section \p L of module \p M: its largest variables of
/// \p Kind stacked from the start of its block (the tree knows their
/// sizes, not their offsets), the rest of the block, then what is free.
void addBar(picture &Pic, const Module &M, const LinkedSection &L,
            const char *Kind) {
  if (L.Size == 0 || L.Space == 0)
    return;
  std::string Caption = std::string(Kind) + " module space, module " +
                        M.Name + " (" + L.Name + " " +
                        std::to_string(L.Cost) + " bytes" +
                        (L.Exact ? "" : ", estimated") + ")";
  struct pic_bar *Bar = pic_add_bar(&Pic, Caption.c_str(), L.Space);
  Bar->sizes_only = 1;
  if (L.Cost > L.Space) {
    pic_add_extent(&Pic, Bar, 0, L.Space, nullptr);
    pic_failed(&Pic, Bar, M.Name.c_str(), L.Cost, L.Space);
    return;
  }
  uint64_t At = 0;
  for (const ModuleVar &V : M.Largest) {
    if (V.Kind != Kind || At + V.Size > L.Cost)
      continue;
    pic_add_extent(&Pic, Bar, At, V.Size, V.Name.c_str());
    At += V.Size;
  }
  if (At < L.Cost) {
    pic_add_extent(&Pic, Bar, At, L.Cost - At,
               At == 0 ? M.Name.c_str() : "other variables, padding");
    At = L.Cost;
  }
  if (At < L.Space)
    pic_add_extent(&Pic, Bar, At, L.Space - At, nullptr);
}

} // namespace

bool writePicture(const TreeResult &R, const std::string &Svg,
                  const std::string &Html) {
  picture Pic;
  pic_init(&Pic, "Module space of each module (modspace)");
  unsigned Kernel = 0;
  for (const Module &M : R.Modules) {
    if (M.Kernel) {
      ++Kernel;
      continue;
    }
    addBar(Pic, M, M.Vnet, "vnet");
    addBar(Pic, M, M.Pcpu, "pcpu");
  }
  std::string Sub = std::to_string(R.Modules.size() - Kernel) +
                    " loadable module(s): each alone in its module space, "
                    "largest variables first";
  if (Kernel)
    Sub += "; " + std::to_string(Kernel) +
           " linked into the kernel (no module space) not drawn";
  pic_subtitle(&Pic, Sub.c_str());
  bool Ok = pic_write_all(&Pic, Svg.empty() ? nullptr : Svg.c_str(),
                          Html.empty() ? nullptr : Html.c_str()) == 0;
  pic_free(&Pic);
  return Ok;
}

} // namespace modspace

//===--- Picture.h - each module's block of module space, drawn -*- C++ -*-===//
//
// --svg and --html: one bar per module and space, to scale, its largest
// variables inside its block, the rest of the block, and the space left
// free; a module larger than the whole space is drawn past its end.  The
// drawing is modspace-elf's (tools/modspace-elf/picture.c).
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_TOOL_PICTURE_H
#define MODSPACE_TOOL_PICTURE_H

#include "Tree.h"
#include <string>

namespace modspace {

/// Writes the picture of \p R as SVG to \p Svg and as HTML to \p Html
/// (either may be empty), both or neither; says why on failure.
bool writePicture(const TreeResult &R, const std::string &Svg,
                  const std::string &Html);

} // namespace modspace

#endif // MODSPACE_TOOL_PICTURE_H

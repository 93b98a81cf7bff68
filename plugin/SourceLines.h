//===--- SourceLines.h - line boundaries in a source buffer ------*- C++
//-*-===//
//
// Emit (NOLINT comments) and Plan (where edits go) both work line by line.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_SOURCELINES_H
#define MODSPACE_SOURCELINES_H

#include "llvm/ADT/StringRef.h"

namespace modspace {

/// The offset where the line holding \p Offset begins.
inline size_t lineBegin(llvm::StringRef Buffer, size_t Offset) {
  // StringRef::rfind(C, From) looks at positions before From.
  size_t NewLine = Buffer.rfind('\n', Offset);
  return NewLine == llvm::StringRef::npos ? 0 : NewLine + 1;
}

/// The offset of the newline that ends the line holding \p Offset, or the
/// buffer's size for a last line without one.
inline size_t lineEnd(llvm::StringRef Buffer, size_t Offset) {
  return std::min(Buffer.find('\n', Offset), Buffer.size());
}

} // namespace modspace

#endif // MODSPACE_SOURCELINES_H

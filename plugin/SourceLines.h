//===--- SourceLines.h - line boundaries in a source buffer -----*- C++ -*-===//
//
// Emit (NOLINT comments) and the edit builder work line by line.  Clang
// accepts "\n", "\r\n" and a lone "\r" as line ends, so these helpers do
// too: a file with CR-only line ends is one line to a '\n' search.  The
// text the fixes write is wrapped at 80 columns, as style(9) wraps it.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_SOURCELINES_H
#define MODSPACE_SOURCELINES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <algorithm>

namespace modspace {

/// Whether \p C ends a line.
inline bool isLineEnd(char C) { return C == '\n' || C == '\r'; }

/// The offset where the line holding \p Offset begins.
inline size_t lineBegin(llvm::StringRef Buffer, size_t Offset) {
  Offset = std::min(Offset, Buffer.size());
  while (Offset > 0 && !isLineEnd(Buffer[Offset - 1]))
    --Offset;
  return Offset;
}

/// The offset of the line end ("\n", "\r\n" or "\r") after \p Offset, or
/// the buffer's size for a last line without one.
inline size_t lineEnd(llvm::StringRef Buffer, size_t Offset) {
  return std::min(Buffer.find_first_of("\r\n", Offset), Buffer.size());
}

/// The offset just past the line end at \p End (as lineEnd returns it).
inline size_t pastLineEnd(llvm::StringRef Buffer, size_t End) {
  if (End >= Buffer.size())
    return Buffer.size();
  if (Buffer[End] == '\r' && End + 1 < Buffer.size() && Buffer[End + 1] == '\n')
    return End + 2;
  return End + 1;
}

/// The line end the file uses: that of its first line ("\n" for a file of
/// one line).
inline llvm::StringRef lineEnding(llvm::StringRef Buffer) {
  size_t End = Buffer.find_first_of("\r\n");
  if (End == llvm::StringRef::npos || Buffer[End] == '\n')
    return "\n";
  return Buffer.substr(End).starts_with("\r\n") ? "\r\n" : "\r";
}

/// \p Text with every "\n" spelled as \p Eol.
inline std::string withLineEnding(llvm::StringRef Text, llvm::StringRef Eol) {
  if (Eol == "\n")
    return Text.str();
  std::string Out;
  for (char C : Text) {
    if (C == '\n')
      Out += Eol;
    else
      Out += C;
  }
  return Out;
}

/// Width of \p Line with tabs every 8 columns.
inline unsigned columns(llvm::StringRef Line) {
  unsigned Col = 0;
  for (char C : Line)
    Col = C == '\t' ? (Col / 8 + 1) * 8 : Col + 1;
  return Col;
}

/// \p Pieces joined by spaces after \p Indent, filled to 80 columns and
/// continued with four more spaces, as style(9) wraps a statement.
inline std::string fill(llvm::StringRef Indent,
                        llvm::ArrayRef<std::string> Pieces, bool Wrap) {
  std::string Out = Indent.str() + Pieces[0];
  std::string Line = Out;
  for (const std::string &P : Pieces.drop_front()) {
    if (!Wrap || columns(Line + " " + P) <= 80) {
      Line += " " + P;
      Out += " " + P;
    } else {
      Line = Indent.str() + "    " + P;
      Out += "\n" + Line;
    }
  }
  return Out;
}

} // namespace modspace

#endif // MODSPACE_SOURCELINES_H

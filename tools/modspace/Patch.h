//===--- Patch.h - --patch: the edits as a patch a reviewer takes -*- C++ -*-===//
//
// The run's edits as one unified diff (the one --diff prints, which git
// apply and patch -p1 take) after a commit message in FreeBSD's style: a
// one-line summary naming the modules, what moved and why, and each
// changed module's set_vnet and set_pcpu before and after, from the tree
// analysed as it is and again as the edits leave it (both exact: through
// code generation to the layout pass).
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_TOOL_PATCH_H
#define MODSPACE_TOOL_PATCH_H

#include "Tree.h"
#include "llvm/Support/raw_ostream.h"

namespace modspace {

/// The commit message and the diff of \p Before's edits, with the module
/// figures of \p Before and \p After (the same tree with the edits
/// applied).  Returns "" or why it could not.
std::string printPatch(llvm::raw_ostream &OS, const TreeResult &Before,
                       const TreeResult &After);

} // namespace modspace

#endif // MODSPACE_TOOL_PATCH_H

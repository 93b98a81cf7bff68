//===--- Output.h - the run as text, JSON or SARIF ---------------*- C++ -*-===//
//
// One document per run, in the order of the database whatever -j was:
// text like clang's diagnostics followed by the module table, JSON
// (docs/tree-json.md), or SARIF 2.1.0 for code-scanning viewers.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_TOOL_OUTPUT_H
#define MODSPACE_TOOL_OUTPUT_H

#include "Tree.h"
#include "llvm/Support/raw_ostream.h"

namespace modspace {

/// The findings as clang prints diagnostics, then one block per module.
void printText(llvm::raw_ostream &OS, const TreeResult &R,
               const std::vector<TUJob> &Jobs);

/// The whole run as one JSON document.
llvm::json::Value treeJSON(const TreeResult &R,
                           const std::vector<TUJob> &Jobs);

/// The whole run as a SARIF 2.1.0 log.
llvm::json::Value treeSARIF(const TreeResult &R,
                            const std::vector<TUJob> &Jobs);

} // namespace modspace

#endif // MODSPACE_TOOL_OUTPUT_H

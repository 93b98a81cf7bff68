//===--- empty_plugin.cpp - the floor of make bench -----------------------===//
//
// A plugin that does nothing, loaded the way modspace.so is: what any
// -fplugin costs clang (loading the .so, clang's plugin machinery, the
// consumer it adds), which no work modspace saves can go below.
//
//===----------------------------------------------------------------------===//

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/FrontendPluginRegistry.h"

namespace {

/// Adds an empty consumer after the main action, as modspace does.
class EmptyAction : public clang::PluginASTAction {
protected:
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &, llvm::StringRef) override {
    return std::make_unique<clang::ASTConsumer>();
  }
  bool ParseArgs(const clang::CompilerInstance &,
                 const std::vector<std::string> &) override {
    return true;
  }
  ActionType getActionType() override { return AddAfterMainAction; }
};

} // namespace

static clang::FrontendPluginRegistry::Add<EmptyAction>
    RegisterEmpty("modspace-bench-empty", "does nothing (make bench)");

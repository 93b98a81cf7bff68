//===--- StmtChildren.h - a statement's children, quickly -------*- C++ -*-===//
//
// Stmt::children() dispatches over every statement class and iterates with
// StmtIterator, which also walks declarations: about 70 instructions a
// node for a walk that does nothing else.  The few classes that make up
// most of a C function body are enumerated here from their accessors, in
// exactly the order children() gives; every other class goes through
// children().
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_STMTCHILDREN_H
#define MODSPACE_STMTCHILDREN_H

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

namespace modspace {

/// Calls \p Visit on each child of \p S (null children included, as
/// children() gives them), in children() order.
template <typename Fn> void forEachChild(clang::Stmt *S, Fn &&Visit) {
  using namespace clang;
  switch (S->getStmtClass()) {
  case Stmt::DeclRefExprClass:
  case Stmt::IntegerLiteralClass:
  case Stmt::CharacterLiteralClass:
  case Stmt::StringLiteralClass:
    return;
  case Stmt::ImplicitCastExprClass:
  case Stmt::CStyleCastExprClass:
    Visit(cast<CastExpr>(S)->getSubExpr());
    return;
  case Stmt::ParenExprClass:
    Visit(cast<ParenExpr>(S)->getSubExpr());
    return;
  case Stmt::UnaryOperatorClass:
    Visit(cast<UnaryOperator>(S)->getSubExpr());
    return;
  case Stmt::MemberExprClass:
    Visit(cast<MemberExpr>(S)->getBase());
    return;
  case Stmt::BinaryOperatorClass:
  case Stmt::CompoundAssignOperatorClass:
    Visit(cast<BinaryOperator>(S)->getLHS());
    Visit(cast<BinaryOperator>(S)->getRHS());
    return;
  case Stmt::ArraySubscriptExprClass:
    Visit(cast<ArraySubscriptExpr>(S)->getLHS());
    Visit(cast<ArraySubscriptExpr>(S)->getRHS());
    return;
  case Stmt::CallExprClass: {
    // Only CUDA's kernel calls (another class) have pre-arguments.
    auto *Call = cast<CallExpr>(S);
    Visit(Call->getCallee());
    for (Expr *Arg : Call->arguments())
      Visit(Arg);
    return;
  }
  case Stmt::CompoundStmtClass:
    for (Stmt *Child : cast<CompoundStmt>(S)->body())
      Visit(Child);
    return;
  default:
    break;
  }
  for (Stmt *Child : S->children())
    Visit(Child);
}

} // namespace modspace

#endif // MODSPACE_STMTCHILDREN_H

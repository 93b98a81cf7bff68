//===--- Eligibility.cpp - which arrays can be converted ------------------===//

#include "plan/Eligibility.h"
#include "plan/SysctlRewrite.h"
#include "SourceLines.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"
#include <cstring>

using namespace clang;

namespace modspace {

namespace {

/// "a structure ('struct ifnet')", "a union", "a 'long double'".
std::string describeType(QualType T) {
  if (const auto *Record = T->getAsRecordDecl()) {
    std::string What = Record->isUnion() ? "a union" : "a structure";
    if (Record->getIdentifier())
      What += " ('" + std::string(Record->isUnion() ? "union " : "struct ") +
              Record->getName().str() + "')";
    return What;
  }
  return "of type '" + T.getAsString() + "'";
}

/// The rules for a structure or union: unqualified, and all of it in its
/// size.
bool screenObject(const PlanInputs &In, const ModuleVariable &V,
                  VariablePlan &P) {
  QualType T = V.Decl->getType();
  if (T.isConstQualified() || T.isVolatileQualified()) {
    refuse(P, V, Refusal::QualifiedElements, V.Loc,
           "it is const or volatile ('" + T.getAsString() +
               "'), which free() cannot take without a cast; convert it by "
               "hand");
    return false;
  }
  const RecordDecl *Record = T->getAsRecordDecl();
  if (Record->hasFlexibleArrayMember()) {
    refuse(P, V, Refusal::FlexibleMember, V.Loc,
           "its type ends in a flexible array member, whose storage "
           "'malloc(sizeof(*V_" + V.Name + "))' would not allocate; convert "
           "it by hand");
    return false;
  }
  return true;
}

} // namespace

bool screenDeclaration(const PlanInputs &In, unsigned I, VariablePlan &P) {
  const ModuleVariable &V = In.A.Vars[I];
  P.State = VariablePlan::Planned;
  const ConstantArrayType *CAT =
      In.Ctx.getAsConstantArrayType(V.Decl->getType());
  if (!In.A.Module) {
    refuse(P, V, Refusal::KernelBuild, V.Loc,
           "this file is built into the kernel, where a table costs the "
           "same memory in every vnet whether it is static or allocated; "
           "the fix-its convert module code (KLD_MODULE)");
    return false;
  }
  if (V.Kind == SpaceKind::Pcpu) {
    refuse(P, V, Refusal::PerCpu, V.Loc,
           std::string("per-CPU ") + (CAT ? "arrays" : "variables") +
               " are not converted; allocate per-CPU memory when the "
               "module loads, by hand");
    return false;
  }
  bool Object = isObject(V);
  if ((!CAT || V.Count == 0) && !Object) {
    refuse(P, V, Refusal::NotArray, V.Loc,
           "it is " + describeType(V.Decl->getType()) +
               ", neither an array nor a structure, which are what modspace "
               "converts; allocate it in a VNET_SYSINIT constructor by hand");
    return false;
  }
  if (!V.Decl->isFileVarDecl()) {
    refuse(P, V, Refusal::Declaration, V.Loc,
           "it is declared inside a function; move its declaration to file "
           "scope first");
    return false;
  }
  const MacroInvocation *Call = V.Invocation;
  if (!Call || V.Macro != V.Definer || !V.WrapperMacro.empty() ||
      Call->Nested) {
    std::string Where = !V.WrapperMacro.empty() ? V.WrapperMacro
                        : !V.Macro.empty()      ? V.Macro.str()
                                                : "";
    if (Where.empty())
      refuse(P, V, Refusal::NotDefinedByMacro, V.Loc,
             "it is not defined with VNET_DEFINE or VNET_DEFINE_STATIC");
    else
      refuse(P, V, Refusal::MacroNested, V.Loc,
             "its declaration is written inside macro '" + Where +
                 "', whose text a rewrite cannot change safely");
    return false;
  }
  if (V.Decl->hasInit()) {
    refuse(P, V, Refusal::Initialiser, V.Loc,
           "it has an initialiser, which the allocated table would have "
           "to copy in every vnet; convert it by hand");
    return false;
  }
  if (Object) {
    if (!screenObject(In, V, P))
      return false;
  } else if (Call->Brackets.size() != 1) {
    if (Call->Brackets.empty())
      refuse(P, V, Refusal::TypedefArray, V.Loc,
             "its array type comes from a typedef; convert it by hand");
    else
      refuse(P, V, Refusal::MultiDimensional, V.Loc,
             "it is a multi-dimensional array; convert it by hand");
    return false;
  }
  if (!Object && CAT->getElementType()->isArrayType()) {
    refuse(P, V, Refusal::ArrayElements, V.Loc,
           "its elements are arrays (type '" + V.elementTypeName() +
               "'); convert it by hand");
    return false;
  }
  if (!Object && llvm::StringRef(Call->BoundText).trim().empty()) {
    refuse(P, V, Refusal::NoBound, V.Loc,
           "its bound is not written in its declaration; write it, or "
           "convert it by hand");
    return false;
  }
  if (!Object && (CAT->getElementType().hasQualifiers() ||
      CAT->getElementType().isVolatileQualified() ||
      CAT->getElementType().isConstQualified())) {
    refuse(P, V, Refusal::QualifiedElements, V.Loc,
           "its elements are const or volatile ('" + V.elementTypeName() +
               "'), which free() cannot take without a cast; convert it by "
               "hand");
    return false;
  }
  if (!In.Opts.RefuseAll.empty()) {
    refuse(P, V, Refusal::OtherTU, V.Loc, In.Opts.RefuseAll);
    return false;
  }
  auto Blocked = In.Opts.ForceRefuse.find(V.Name);
  if (Blocked != In.Opts.ForceRefuse.end()) {
    refuse(P, V, Refusal::OtherTU,
           Blocked->second.second.isValid() ? Blocked->second.second : V.Loc,
           Blocked->second.first);
    return false;
  }
  // Other TUs' uses of a structure (V_x.f) cannot be rewritten ahead of
  // its conversion as an array's can: only the CLI, which makes them
  // together, converts one that is not static.
  if (!V.IsStatic && Object && !In.Opts.WholeTree) {
    refuse(P, V, Refusal::ExternObject, V.Loc,
           "it is not static, and other translation units' uses of it "
           "('V_" + V.Name + ".f') cannot be written to be right both "
           "before and after it becomes a pointer; convert it with "
           "'modspace --fix' over the compile database, which changes them "
           "with it, or define it with VNET_DEFINE_STATIC if only this file "
           "uses it");
    return false;
  }
  if (!V.IsStatic && In.Opts.Extern == Options::ExternMode::Refuse) {
    refuse(P, V, Refusal::Extern, V.Loc,
           "it is not static, so other translation units may use it as an "
           "array, and this compile cannot see them; convert it with "
           "'modspace --fix' over the compile database, or, once their "
           "uses are fixed, with " +
               In.Opts.ExternConvertSpelling);
    return false;
  }
  // Each file that includes the header has its own copy, which needs its
  // own allocation; once the header says "pointer", the other files'
  // compiles see nothing left to convert.
  if (V.IsStatic && !In.Opts.WholeTree &&
      In.SM.getFileID(V.Loc) != In.SM.getMainFileID()) {
    refuse(P, V, Refusal::HeaderStatic, V.Loc,
           "it is defined static in a header, so every file that includes "
           "the header has its own copy to allocate, and this compile sees "
           "only this one; convert it with 'modspace --fix' over the "
           "compile database");
    return false;
  }
  return true;
}

void screenUse(const PlanInputs &In, const VariableUse &U, VariablePlan &P) {
  const ModuleVariable &V = In.A.Vars[U.Var];
  screenUseOf(In, U, V, V.Invocation ? V.Invocation->BoundText : "", P);
}

/// Whether function \p F declares a parameter or local called \p Name.
static bool declaresLocal(const FunctionDecl *F, llvm::StringRef Name) {
  for (const ParmVarDecl *Param : F->parameters())
    if (Param->getName() == Name)
      return true;
  for (const Decl *D : F->decls())
    if (const auto *VD = dyn_cast<VarDecl>(D))
      if (VD->getName() == Name)
        return true;
  return false;
}

void screenUseOf(const PlanInputs &In, const VariableUse &U,
                 const ModuleVariable &V, llvm::StringRef Bound,
                 VariablePlan &P) {
  // Without VIMAGE, V_x is plain x: where a local hides the table, the
  // rewritten text would be about the local.
  if (U.Rewrite.isValid() && U.Function && !V.Name.empty() &&
      declaresLocal(U.Function, V.Name)) {
    refuse(P, V, Refusal::UnprovenUse, U.Loc,
           "'" + U.Function->getName().str() + "' declares a local '" +
               V.Name + "', which 'V_" + V.Name + "' names when the kernel "
               "is built without VIMAGE; rename the local first");
    return;
  }
  switch (U.Kind) {
  case UseKind::Keeps:
  case UseKind::Sizeof:
  case UseKind::Count:
  case UseKind::AddressAsVoid:
  case UseKind::Member:
  case UseKind::SizeofObject:
  case UseKind::AddressOfObject:
  case UseKind::Object:
    return;
  case UseKind::RawName: {
    // What the option could do here: only an export in the defining file
    // (this TU's own table), and only SYSCTL_OPAQUE or SYSCTL_STRUCT.
    bool Rewritable = U.Var < In.A.Vars.size() && isSysctlExport(U);
    std::string Then =
        !Rewritable ? std::string(", then run modspace again")
        : In.Opts.Sysctl == Options::SysctlMode::Rewrite
            ? std::string(", then run modspace again")
            : ", then run modspace again, or let " +
                  In.Opts.SysctlRewriteSpelling + " write it";
    if (In.Opts.Sysctl == Options::SysctlMode::Rewrite && !Rewritable &&
        U.Context != "SYSCTL_PROC" &&
        llvm::StringRef(U.Context).starts_with("SYSCTL_"))
      Then += " (" + In.Opts.SysctlRewriteSpelling +
              " rewrites only a SYSCTL_OPAQUE or SYSCTL_STRUCT of the whole "
              "table in the file that defines it)";
    if (U.Context == "SYSCTL_PROC")
      refuse(P, V, Refusal::SysctlExport, U.Loc,
             "'&VNET_NAME(" + V.Name + ")' is this SYSCTL_PROC's argument, "
                 "which its handler would then read as the 8-byte pointer's "
                 "storage; have the handler use V_" + V.Name +
                 " and pass NULL, then run modspace again");
    else if (llvm::StringRef(U.Context).starts_with("SYSCTL_") &&
             isObject(V))
      refuse(P, V, Refusal::SysctlExport, U.Loc,
             "'&VNET_NAME(" + V.Name + ")' exports the structure (or a "
                 "member of it) in place from this " + U.Context +
                 ", which would then export the 8-byte pointer; replace it "
                 "with a SYSCTL_PROC handler that copies the structure out" +
                 Then);
    else if (llvm::StringRef(U.Context).starts_with("SYSCTL_"))
      refuse(P, V, Refusal::SysctlExport, U.Loc,
             "'&VNET_NAME(" + V.Name + ")' exports the array in place from "
                 "this " + U.Context +
                 ", which would then export the 8-byte pointer; replace it "
                 "with a SYSCTL_PROC handler that copies " + Bound.str() +
                 " entries out of the table" + Then);
    else
      refuse(P, V, Refusal::RawName, U.Loc,
             "'" + V.Name + "' is named here without its VNET() accessor, "
                 "which would then mean the pointer, not the " +
                 (isObject(V) ? "structure" : "array") +
                 "; change this use by hand");
    return;
  }
  case UseKind::Escapes:
    refuse(P, V, Refusal::Escapes, U.Loc,
           std::string("a pointer into the ") +
               (isObject(V) ? "structure" : "table") +
               " is stored here where it can outlive it once it is freed "
               "(a global, a per-vnet variable, a static); convert it by "
               "hand");
    return;
  case UseKind::Handed:
    refuse(P, V, Refusal::Escapes, U.Loc,
           std::string("a pointer into the ") +
               (isObject(V) ? "structure" : "table") +
               " is passed here together with a function to call later (a "
               "callout, a hook), which may use it after it is freed; "
               "convert it by hand");
    return;
  case UseKind::AddressAsArray:
    if (isObject(V))
      refuse(P, V, Refusal::AddressAsArray, U.Loc,
             "the address of the per-vnet storage is taken here, which "
             "would then hold only the pointer; change this use by hand");
    else
      refuse(P, V, Refusal::AddressAsArray, U.Loc,
             "the address of the whole array is taken here as a pointer to "
             "an array, which will not exist; change this use by hand");
    return;
  case UseKind::InMacroBody:
    refuse(P, V, Refusal::InMacroBody, U.Loc,
           "this use's rewrite would fall inside a macro body" +
               (U.Context.empty() ? std::string()
                                  : " ('" + U.Context + "')") +
               ", where it would change every expansion; change it by "
               "hand");
    return;
  case UseKind::Unknown:
    refuse(P, V, Refusal::UnprovenUse, U.Loc,
           "modspace cannot prove that this use" +
               (U.AccessorText.empty() ? std::string()
                                       : " of '" + U.AccessorText + "'") +
               " keeps its meaning when " +
               (isObject(V) ? "the structure" : "it") +
               " becomes a pointer; change it by hand");
    return;
  }
}

std::vector<const MacroInvocation *>
declarationsOf(const PlanInputs &In, unsigned I, VariablePlan &P) {
  const ModuleVariable &V = In.A.Vars[I];
  std::vector<const MacroInvocation *> Out;
  for (const VarDecl *R : V.Decl->redecls()) {
    SourceLocation Expansion = In.SM.getExpansionLoc(R->getLocation());
    const MacroInvocation *Found = nullptr;
    for (unsigned K : In.Macros.at(Expansion)) {
      const MacroInvocation &Call = In.Macros.invocation(K);
      if ((Call.Role == MacroRole::Define ||
           Call.Role == MacroRole::Declare) &&
          Call.Identifier == V.Name)
        Found = &Call; // the innermost
    }
    if (!Found || Found->Nested ||
        Found->Brackets.size() != (isObject(V) ? 0u : 1u) ||
        In.SM.isInSystemHeader(Expansion)) {
      refuse(P, V, Refusal::Declaration, In.SM.getFileLoc(R->getLocation()),
             "this declaration of '" + V.Name +
                 "' is not a VNET_DEFINE or VNET_DECLARE of the array that "
                 "modspace can rewrite; change it by hand");
      return {};
    }
    if (!llvm::is_contained(Out, Found))
      Out.push_back(Found);
  }
  // Source order, so that edits and notes come out in a stable order.
  llvm::sort(Out, [&](const MacroInvocation *L, const MacroInvocation *R) {
    return In.SM.isBeforeInTranslationUnit(L->NameLoc, R->NameLoc);
  });
  return Out;
}

namespace {

/// Whether a mention of the variable between \p Prev and \p Next keeps its
/// meaning as a pointer: an element access "V_x[i]" in an expression.
bool subscriptOnly(const Token &Prev, const Token &Next) {
  if (Next.isNot(tok::l_square))
    return false;
  if (Prev.is(tok::raw_identifier))
    return Prev.getRawIdentifier() == "return";
  // After a type or in a macro's argument list it may be a declaration.
  return Prev.isNot(tok::comma) && Prev.isNot(tok::star) &&
         Prev.isNot(tok::hash) && Prev.isNot(tok::hashhash) &&
         Prev.isNot(tok::unknown);
}

} // namespace

namespace {

/// The tokens of one preprocessor line, from \p From to the end of the
/// line (continuations included), single-spaced: how a definition is
/// compared with another.
std::string directiveText(Lexer &Raw, Token &Tok, const SourceManager &SM,
                          const LangOptions &LO) {
  std::string Out;
  while (Tok.isNot(tok::eof)) {
    if (!Out.empty() && Tok.hasLeadingSpace())
      Out += ' ';
    // A raw token without splices is its own text (Lexer::getSpelling
    // would find it again through the SourceManager and copy it).
    const char *Punctuator = tok::getPunctuatorSpelling(Tok.getKind());
    if (Tok.needsCleaning())
      Out += Lexer::getSpelling(Tok, SM, LO);
    else if (Tok.is(tok::raw_identifier))
      Out += Tok.getRawIdentifier();
    else if (Tok.isLiteral() && Tok.getLiteralData())
      Out.append(Tok.getLiteralData(), Tok.getLength());
    else if (Punctuator && std::strlen(Punctuator) == Tok.getLength())
      Out += Punctuator; // not a digraph, which is spelled otherwise
    else
      Out += Lexer::getSpelling(Tok, SM, LO);
    Raw.LexFromRawLexer(Tok);
    if (Tok.isAtStartOfLine())
      break;
  }
  return Out;
}

/// Whether the skipped "#define NAME ..." whose name token is \p Name,
/// which \p Line reads from the name (\p From) on, is the definition of
/// NAME in force at the end of the TU, token for token: then it defines
/// nothing the compiled code does not already see.  (Its text is read
/// only when NAME is defined.)
bool redefinesInForce(const PlanInputs &In, const Token &Name, Lexer &Line,
                      Token &From) {
  Preprocessor &PP = In.Macros.preprocessor();
  const IdentifierInfo *II = PP.getIdentifierInfo(Name.getRawIdentifier());
  const MacroInfo *MI = II ? PP.getMacroInfo(II) : nullptr;
  if (!MI || MI->isBuiltinMacro())
    return false;
  SourceLocation At = MI->getDefinitionLoc();
  if (At.isInvalid() || !At.isFileID())
    return false;
  auto [FID, Offset] = In.SM.getDecomposedLoc(At);
  llvm::StringRef Buffer = In.SM.getBufferData(FID);
  Lexer Raw(In.SM.getLocForStartOfFile(FID), In.LO, Buffer.begin(),
            Buffer.begin() + Offset, Buffer.end());
  Token Tok;
  Raw.LexFromRawLexer(Tok);
  Tok.clearFlag(Token::LeadingSpace);
  return directiveText(Raw, Tok, In.SM, In.LO) ==
         directiveText(Line, From, In.SM, In.LO);
}

} // namespace

SkippedMentions::SkippedMentions(const PlanInputs &In) {
  const SourceManager &SM = In.SM;
  llvm::StringSet<> Seen;
  llvm::StringSet<> Parameters; ///< of the #define being read
  size_t ParametersEnd = 0;     ///< where its logical line ends
  for (SourceRange R : In.Conds.skippedRanges()) {
    // Code skipped anywhere but in system headers: a header's #ifdef'd
    // inline function is as much this TU's code as the main file's.
    if (SM.isInSystemHeader(R.getBegin()))
      continue;
    auto [FID, Begin] = SM.getDecomposedLoc(R.getBegin());
    unsigned End = SM.getFileOffset(R.getEnd());
    llvm::StringRef Buffer = SM.getBufferData(FID);
    Lexer Raw(SM.getLocForStartOfFile(FID), In.LO, Buffer.begin(),
              Buffer.begin() + Begin, Buffer.end());
    Token Prev, Tok, Next;
    Prev.startToken();
    Prev.setKind(tok::semi);
    Raw.LexFromRawLexer(Tok);
    while (Tok.isNot(tok::eof) && SM.getFileOffset(Tok.getLocation()) <= End) {
      if (Tok.is(tok::hash) && Tok.isAtStartOfLine()) {
        // A directive uses no variable, except through a macro it
        // defines; a #define of what is defined anyway (an accessor
        // under #ifndef, a header read twice) defines nothing new.
        Raw.LexFromRawLexer(Tok);
        bool Define = Tok.is(tok::raw_identifier) &&
                      Tok.getRawIdentifier() == "define" &&
                      !Tok.isAtStartOfLine();
        if (!Define) {
          while (Tok.isNot(tok::eof) && !Tok.isAtStartOfLine())
            Raw.LexFromRawLexer(Tok);
          continue;
        }
        Raw.LexFromRawLexer(Tok);
        if (Tok.is(tok::raw_identifier) && !Tok.isAtStartOfLine()) {
          // The line read once more from its name, by a lexer of its own.
          Lexer Line(SM.getLocForStartOfFile(FID), In.LO, Buffer.begin(),
                     Buffer.begin() + SM.getFileOffset(Tok.getLocation()),
                     Buffer.end());
          Token From;
          Line.LexFromRawLexer(From);
          From.clearFlag(Token::LeadingSpace);
          if (redefinesInForce(In, Tok, Line, From)) {
            do
              Raw.LexFromRawLexer(Tok);
            while (Tok.isNot(tok::eof) && !Tok.isAtStartOfLine());
            continue;
          }
          // A function-like macro's parameters name nothing outside it
          // ("#define VNET_DEFINE(t, n)" mentions no variable t or n).
          Lexer Params(SM.getLocForStartOfFile(FID), In.LO, Buffer.begin(),
                       Buffer.begin() + SM.getFileOffset(Tok.getLocation()),
                       Buffer.end());
          Token P;
          Params.LexFromRawLexer(P); // the name
          Params.LexFromRawLexer(P);
          if (P.is(tok::l_paren) && !P.hasLeadingSpace())
            for (Params.LexFromRawLexer(P);
                 P.isNot(tok::eof) && P.isNot(tok::r_paren) &&
                 !P.isAtStartOfLine();
                 Params.LexFromRawLexer(P))
              if (P.is(tok::raw_identifier))
                Parameters.insert(P.getRawIdentifier());
          // They stand until the end of the logical line (past each
          // backslash-newline).
          size_t End = SM.getFileOffset(Tok.getLocation());
          while (End < Buffer.size()) {
            End = lineEnd(Buffer, End);
            size_t Back = End;
            while (Back > 0 && (Buffer[Back - 1] == ' ' ||
                                Buffer[Back - 1] == '\t'))
              --Back;
            if (Back == 0 || Buffer[Back - 1] != '\\')
              break;
            End = pastLineEnd(Buffer, End);
          }
          ParametersEnd = End;
        }
        Prev.startToken();
        Prev.setKind(tok::semi);
        continue; // the body's identifiers are mentions, as before
      }
      Raw.LexFromRawLexer(Next);
      if (!Parameters.empty() &&
          SM.getFileOffset(Tok.getLocation()) > ParametersEnd)
        Parameters.clear(); // past the #define's logical line
      bool Member = Prev.isOneOf(tok::period, tok::arrow);
      if (Tok.is(tok::raw_identifier) && !Member &&
          !subscriptOnly(Prev, Next) &&
          !Parameters.count(Tok.getRawIdentifier()) &&
          Seen.insert(Tok.getRawIdentifier()).second)
        Mentions.push_back({Tok.getRawIdentifier().str(), Tok.getLocation()});
      Prev = Tok;
      Tok = Next;
    }
  }
}

const llvm::StringSet<> &
SkippedMentions::closure(const PlanInputs &In, llvm::StringRef Macro) const {
  auto [It, New] = Closures.try_emplace(Macro);
  if (!New)
    return It->second; // done, or in progress (a cycle): what it has
  // The identifiers the macro's body names, and theirs, transitively.
  llvm::StringSet<> Out;
  Preprocessor &PP = In.Macros.preprocessor();
  const IdentifierInfo *II = PP.getIdentifierInfo(Macro);
  const MacroInfo *MI = II ? PP.getMacroInfo(II) : nullptr;
  if (MI && !MI->isBuiltinMacro() &&
      !In.SM.isInSystemHeader(MI->getDefinitionLoc()))
    for (const Token &T : MI->tokens())
      if (const IdentifierInfo *Used = T.getIdentifierInfo())
        if (!llvm::is_contained(MI->params(), Used) && // a parameter
            Out.insert(Used->getName()).second && Used->hasMacroDefinition())
          for (const auto &Inner : closure(In, Used->getName()))
            Out.insert(Inner.getKey());
  It = Closures.find(Macro); // the map may have grown
  It->second = std::move(Out);
  return It->second;
}

std::pair<llvm::StringRef, SourceLocation>
SkippedMentions::firstReaching(const PlanInputs &In,
                               const llvm::StringSet<> &Names) const {
  if (!Indexed) {
    // Mentions are in TU order: the first to reach a name is the first.
    for (unsigned M = 0; M < Mentions.size(); ++M) {
      FirstReach.try_emplace(Mentions[M].first, M);
      for (const auto &Inner : closure(In, Mentions[M].first))
        FirstReach.try_emplace(Inner.getKey(), M);
    }
    Indexed = true;
  }
  unsigned Best = Mentions.size();
  for (const auto &N : Names) {
    auto It = FirstReach.find(N.getKey());
    if (It != FirstReach.end())
      Best = std::min(Best, It->second);
  }
  if (Best == Mentions.size())
    return {};
  return {Mentions[Best].first, Mentions[Best].second};
}

const SkippedMentions &skippedMentions(const PlanInputs &In) {
  if (!In.Skipped)
    In.Skipped = std::make_shared<SkippedMentions>(In);
  return *In.Skipped;
}

bool namedInSkippedCode(const PlanInputs &In, llvm::StringRef Name) {
  if (In.Conds.skippedRanges().empty())
    return false;
  llvm::StringSet<> Names;
  Names.insert(Name);
  return skippedMentions(In).firstReaching(In, Names).second.isValid();
}

std::string skippedUseOf(const PlanInputs &In, llvm::StringRef Name,
                         SourceLocation &At) {
  if (In.Conds.skippedRanges().empty())
    return "";
  // The variable's own name (VNET(x), VNET_NAME(x)) and its accessors.
  llvm::StringSet<> Names;
  Names.insert(Name);
  for (unsigned I : In.Macros.aliasesOf(Name))
    Names.insert(In.Macros.aliases()[I].Macro);
  auto [Mention, Loc] = skippedMentions(In).firstReaching(In, Names);
  if (Loc.isInvalid())
    return "";
  At = Loc;
  return "'" + Mention.str() +
         "' is used here in code that this configuration does not compile, "
         "so modspace cannot see how; convert it by hand, or run modspace "
         "where this code is compiled";
}

void screenSkippedCode(const PlanInputs &In, unsigned I, VariablePlan &P) {
  const ModuleVariable &V = In.A.Vars[I];
  SourceLocation At;
  std::string Why = skippedUseOf(In, V.Name, At);
  if (!Why.empty())
    refuse(P, V, Refusal::ConditionalCode, At, Why);
}

} // namespace modspace

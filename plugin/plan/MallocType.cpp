//===--- MallocType.cpp - which malloc(9) type a table comes from ---------===//

#include "plan/MallocType.h"
#include "clang/AST/Expr.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace modspace {

namespace {

/// Which argument of a kernel allocator names the malloc type.
int typeArgument(llvm::StringRef Callee) {
  if (Callee == "malloc")
    return 1;
  if (Callee == "mallocarray" || Callee == "realloc" || Callee == "reallocf")
    return 2;
  return -1;
}

/// The malloc types \p S allocates from, in order.
void allocatedTypes(const Stmt *S, std::vector<const VarDecl *> &Out) {
  if (!S)
    return;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *Callee = Call->getDirectCallee()) {
      int Arg = typeArgument(Callee->getName());
      if (Arg >= 0 && (unsigned)Arg < Call->getNumArgs())
        if (const auto *Ref = dyn_cast<DeclRefExpr>(
                Call->getArg(Arg)->IgnoreParenImpCasts()))
          if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
            Out.push_back(VD);
    }
  for (const Stmt *Child : S->children())
    allocatedTypes(Child, Out);
}

std::string upper(llvm::StringRef S) {
  std::string Out;
  for (char C : S)
    Out += isAlphanumeric(C) ? toUppercase(C) : '_';
  return Out;
}

} // namespace

MallocTypes::MallocTypes(const PlanInputs &In) : In(In) {
  for (const MacroInvocation &Call : In.Macros.invocations())
    if (Call.Role == MacroRole::MallocDefine && !Call.Nested &&
        Call.Args.size() >= 3 && In.SM.isInMainFile(Call.NameLoc))
      Types.push_back({Call.Args[0].text(),
                       Call.Args[1].text() + " " + Call.Args[2].text(),
                       Call.NameLoc});
  // M_<FILE>, unless the TU already has that name.
  std::string Base = "M_" + upper(In.PC.FileStem);
  Preprocessor &PP = In.Macros.preprocessor();
  auto Taken = [&](llvm::StringRef Name) {
    return !In.Ctx.getTranslationUnitDecl()
                ->lookup(&In.Ctx.Idents.get(Name))
                .empty() ||
           PP.isMacroDefined(Name) || defined(Name);
  };
  NewName = Base;
  for (unsigned N = 2; Taken(NewName); ++N)
    NewName = Base + "_" + std::to_string(N);
}

const MallocTypes::Defined *MallocTypes::defined(llvm::StringRef Name) const {
  for (const Defined &D : Types)
    if (D.Name == Name)
      return &D;
  return nullptr;
}

bool MallocTypes::forOtherPurpose(llvm::StringRef Name) const {
  std::string Words = Name.lower();
  if (const Defined *D = defined(Name))
    Words += " " + llvm::StringRef(D->Description).lower();
  llvm::StringRef W(Words);
  return W.contains("temp") || W.contains("tmp") || W.contains("scratch");
}

bool MallocTypes::visibleAt(SourceLocation Declared,
                            llvm::ArrayRef<SourceLocation> Points) const {
  Conditionals::RegionId Region = In.regionAt(Declared);
  return llvm::all_of(Points, [&](SourceLocation P) {
    return In.before(Declared, P) &&
           In.Conds.encloses(Region, In.regionAt(P));
  });
}

MallocTypeChoice
MallocTypes::choose(const FunctionDecl *Ctor,
                    llvm::ArrayRef<SourceLocation> Points) const {
  // A type the constructor already allocates from: the same purpose.
  if (Ctor) {
    std::vector<const VarDecl *> Used;
    allocatedTypes(Ctor->getBody(), Used);
    for (const VarDecl *VD : Used) {
      llvm::StringRef Name = VD->getName();
      if (forOtherPurpose(Name) ||
          !visibleAt(VD->getCanonicalDecl()->getLocation(), Points))
        continue;
      MallocTypeChoice C{Name.str(), false, ""};
      if (Types.size() > 1)
        C.Why = "the table is allocated with '" + C.Name + "', which '" +
                Ctor->getName().str() + "' already allocates from";
      return C;
    }
  }
  // The file's only type for anything but temporary data.
  const Defined *Only = nullptr;
  unsigned Candidates = 0;
  for (const Defined &D : Types)
    if (!forOtherPurpose(D.Name)) {
      Only = &D;
      ++Candidates;
    }
  if (Candidates == 1 && visibleAt(Only->Loc, Points)) {
    MallocTypeChoice C{Only->Name, false, ""};
    if (Types.size() > 1)
      C.Why = "the table is allocated with '" + C.Name +
              "', the file's only malloc type not meant for temporary data";
    return C;
  }
  MallocTypeChoice C{NewName, true, ""};
  std::vector<std::string> Temporary, Others;
  for (const Defined &D : Types)
    (forOtherPurpose(D.Name) ? Temporary : Others).push_back(D.Name);
  if (Others.size() > 1)
    C.Why = "the table gets its own malloc type, " + NewName +
            ": the file has several (" + llvm::join(Others, ", ") +
            ") and " +
            (Ctor ? "'" + Ctor->getName().str() + "' allocates from none of them"
                  : "no constructor that allocates from one of them");
  else if (!Others.empty())
    C.Why = "the table gets its own malloc type, " + NewName + ": " +
            Others[0] + " is not declared where the table is allocated "
            "and freed";
  else if (!Temporary.empty())
    C.Why = "the table gets its own malloc type, " + NewName +
            ": the file's (" + llvm::join(Temporary, ", ") +
            ") are for temporary data";
  return C;
}

} // namespace modspace

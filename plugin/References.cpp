//===--- References.cpp - which top-level declarations name what ----------===//

#include "References.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include <algorithm>
#include <array>
#include <deque>
#include <optional>
#include <string>

using namespace clang;

namespace modspace {

namespace {

/// Tokens the parser may have taken past the end of a declaration before
/// the consumer hears of it (its one-token look-ahead, a macro's
/// arguments read to expand the next token): an occurrence that many
/// tokens before a group's start may belong to it.
constexpr unsigned LookAhead = 8;

} // namespace

ReferenceIndex::ReferenceIndex(Preprocessor &PP, uint64_t MinVnet,
                               uint64_t MinPcpu)
    : PP(PP), MinVnet(MinVnet), MinPcpu(MinPcpu) {
  const LangOptions &LO = PP.getLangOpts();
  if (PP.getExternalSource())
    Broken = "the preprocessor reads a precompiled header or modules";
  else if (LO.CPlusPlus)
    Broken = "C++ is parsed in another order";
  else if (LO.Trigraphs)
    Broken = "trigraphs can split an identifier";
}

unsigned ReferenceIndex::tokenCount() const { return PP.getTokenCount(); }

ReferenceIndex::TextPosition ReferenceIndex::filePosition() const {
  TextPosition Here;
  Here.TextBreaks = TextBreaks;
  // Not a _Pragma's lexer: the file one beneath it.
  if (const auto *L = static_cast<const Lexer *>(PP.getCurrentFileLexer())) {
    Here.File = L->getFileID();
    Here.At = L->getBufferLocation();
    Here.Buffer = L->getBuffer();
  }
  return Here;
}

void ReferenceIndex::declared(DeclGroupRef Group, const Sema *S) {
  if (CheckBounds)
    for (const Decl *D : Group)
      if (const auto *VD = dyn_cast<VarDecl>(D))
        checkBound(VD);
  if (Broken)
    return;
  // An attribute a #pragma clang attribute push holds was parsed once, at
  // the push, and is applied to the declarations up to the pop: what it
  // names, they name too, unspelled.
  if (Recording && S &&
      llvm::any_of(S->PragmaAttributeStack,
                   [](const Sema::PragmaAttributeGroup &G) {
                     return !G.Entries.empty();
                   })) {
    Broken = "a #pragma clang attribute region applies what it names to "
             "declarations that do not spell it";
    return;
  }
  // A #pragma comment or detect_mismatch is handed over where it stands,
  // in a function's body too: it ends no declaration.
  if (llvm::all_of(Group, [](const Decl *D) {
        return isa<PragmaCommentDecl, PragmaDetectMismatchDecl>(D);
      }))
    return;
  if (Recording && PP.getExternalSource() != this) {
    Broken = "a precompiled header or a module was loaded";
    Recording = false;
    return;
  }
  unsigned G = Ends.size();
  Ends.push_back(tokenCount());
  if (Recording)
    EndPositions.push_back(filePosition());
  Definitions.resize(Ends.size());
  // The parser's look-ahead comes out of a macro's expansion: the next
  // group may be made by the same expansion as this one's end.
  bool InExpansion = Recording && inExpansion();
  if (Recording) {
    unsigned Since = ~0u;
    if (InExpansion) {
      Since = OutermostCount;
      Carries.push_back({Since, OutermostGroup, G + 1});
    }
    RecentNames.endGroup(Ends.back(), LookAhead, Since);
    RecentMacros.endGroup(Ends.back(), LookAhead, Since);
    endQuietGroup(G);
  }
  llvm::SmallVector<const IdentifierInfo *, 2> Named;
  for (Decl *D : Group) {
    if (auto *FD = dyn_cast<FunctionDecl>(D)) {
      if (FD->doesThisDeclarationHaveABody()) {
        DefinitionGroup[FD] = G;
        Definitions.set(G);
      }
      if (!Recording)
        Pending.push_back(FD);
      else if (mark(FD, true, false) && InExpansion)
        Named.push_back(FD->getIdentifier());
    } else if (auto *VD = dyn_cast<VarDecl>(D)) {
      // Every module variable, for the order its section is laid out in;
      // recording starts at one the use finder may look for.
      if (!VD->isFileVarDecl() || !mayBeModuleVariable(VD))
        continue;
      bool Candidate = worthIndexing(VD);
      if (!Recording && Candidate)
        start();
      if (Recording && Candidate)
        Placed.insert(VD->getIdentifier());
      if (!Recording)
        PendingVariables.push_back(VD);
      else if (mark(VD, false, false) && !Candidate)
        quiet(VD->getIdentifier());
    }
  }
  // That expansion's arguments were read, before these names were marked,
  // to read the look-ahead: the next group may take their address.
  // (Counted as read just after this group's end: the next group's.)
  for (const IdentifierInfo *II : Named)
    Occurrences.push_back({II, tokenCount() + 1, G + 1, true});
}

void ReferenceIndex::start() {
  // Nothing before this variable can name it; what came before names the
  // functions declared so far, unrecorded: build() treats every function
  // defined before as one that may take any function's address.
  if (PP.getExternalSource()) {
    Broken = "the preprocessor reads a precompiled header or modules";
    return;
  }
  PP.setExternalSource(this);
  Recording = true;
  StartCount = tokenCount();
  RecentNames.allocate();
  RecentMacros.allocate();
  // Called as the group that holds the first candidate ends: where the
  // text of the next one begins.
  PositionsFrom = Ends.size() - 1;
  EndPositions.push_back(filePosition());
  for (const FunctionDecl *FD : Pending)
    mark(FD, true, true);
  for (const VarDecl *VD : PendingVariables) // none large enough
    if (mark(VD, false, true))
      quiet(VD->getIdentifier());
  Pending.clear();
  PendingVariables.clear();
}

bool ReferenceIndex::beforeStart(unsigned Group) const {
  return Group == 0 || Ends[Group - 1] <= StartCount + LookAhead;
}

bool ReferenceIndex::indexes(const NamedDecl *D) const {
  return !Recording && !Broken && D->getIdentifier() &&
         Marked.count(D->getIdentifier());
}

/// Whether \p VD may be a module variable: in a section (set_vnet,
/// set_pcpu), or (without VIMAGE, or declared by VNET_DECLARE) made by
/// a macro.  Not only by a tracked invocation, which would spare the
/// record layouts of what SYSCTL or SYSINIT make: the name it was given
/// may be a macro ("VNET_DECLARE(int, NM[8])"), and when the group ends
/// the one that the foreign-array rules join it to may not have been
/// expanded yet ("extern int x[8]; VNET_DECLARE(...)" in one user macro;
/// Inputs/walk-declared.c).
bool ReferenceIndex::mayBeModuleVariable(const VarDecl *VD) {
  return VD->hasAttr<SectionAttr>() || VD->getLocation().isMacroID();
}

namespace {

/// A size and an alignment in bytes.
struct SizeBound {
  uint64_t Size, Align;
};

/// No less than the size and the alignment of \p T, found without laying
/// out a record: most macro-made variables are SYSCTL's, SYSINIT's and
/// MALLOC_DEFINE's structures, which a -fsyntax-only run would not lay
/// out otherwise (thousands of instructions each).  None when \p T is not
/// bounded this simply (an attribute that could raise an alignment, a
/// flexible or variable array, deep nesting): then it is laid out.
///
/// In a structure each member starts at most its alignment less one past
/// the end of the one before (a bit-field, within a unit of its type, no
/// later), and the end is rounded up to the largest alignment; a union's
/// members all start at its start.
std::optional<SizeBound> sizeBound(const ASTContext &Ctx, QualType T,
                                   unsigned Depth = 0) {
  constexpr uint64_t Huge = uint64_t(1) << 40;
  const Type *Canonical = T.getCanonicalType().getTypePtr();
  if (!isa<RecordType, ArrayType>(Canonical)) {
    // Exact (a typedef's alignment included), and laying out nothing but
    // an _Atomic structure.
    TypeInfo Info = Ctx.getTypeInfo(T);
    return SizeBound{Info.Width / 8, std::max<uint64_t>(Info.Align / 8, 1)};
  }
  if (Depth > 8)
    return std::nullopt;
  // Down to the array or the record, through what the canonical type
  // forgets: a typedef's alignment attribute.
  QualType Bare = T;
  while (true) {
    if (const auto *TT = dyn_cast<TypedefType>(Bare.getTypePtr()))
      if (TT->getDecl()->hasAttrs())
        return std::nullopt;
    QualType Next = Bare.getSingleStepDesugaredType(Ctx);
    if (Next == Bare)
      break;
    Bare = Next;
  }
  if (const auto *CAT = dyn_cast<ConstantArrayType>(Bare.getTypePtr())) {
    std::optional<SizeBound> Element =
        sizeBound(Ctx, CAT->getElementType(), Depth + 1);
    uint64_t Count = CAT->getZExtSize();
    if (!Element || (Element->Size && Count > Huge / Element->Size))
      return std::nullopt;
    return SizeBound{Element->Size * Count, Element->Align};
  }
  // The definition, when there is one (TagType's interesting declaration).
  const RecordDecl *RD = Canonical->getAsRecordDecl();
  if (!RD || !RD->isCompleteDefinition() || isa<CXXRecordDecl>(RD) ||
      RD->isInvalidDecl() || RD->hasAttrs() || Ctx.getLangOpts().MSBitfields)
    return std::nullopt;
  SizeBound Record{0, 1};
  for (const FieldDecl *Field : RD->fields()) {
    if (Field->hasAttrs())
      return std::nullopt;
    std::optional<SizeBound> Member =
        sizeBound(Ctx, Field->getType(), Depth + 1);
    if (!Member || Member->Size > Huge || Record.Size > Huge)
      return std::nullopt;
    Record.Align = std::max(Record.Align, Member->Align);
    if (RD->isUnion())
      Record.Size = std::max(Record.Size, Member->Size);
    else
      Record.Size += Member->Size + Member->Align - 1;
  }
  Record.Size += Record.Align - 1;
  return Record;
}

} // namespace

void ReferenceIndex::checkBound(const VarDecl *VD) {
  QualType T = VD->getType();
  if (BoundBelow || VD->isInvalidDecl() || T->isIncompleteType() ||
      !T->isConstantSizeType() || T->isDependentType())
    return;
  const ASTContext &Ctx = VD->getASTContext();
  std::optional<SizeBound> Bound = sizeBound(Ctx, T);
  if (!Bound)
    return;
  ++BoundsChecked;
  if (Bound->Size < uint64_t(Ctx.getTypeSizeInChars(T).getQuantity()) ||
      Bound->Align < uint64_t(Ctx.getTypeAlignInChars(T).getQuantity()))
    BoundBelow = VD;
}

/// Whether \p VD, which may be a module variable, is as large as the
/// smallest threshold of its section, the only variables the use finder
/// looks for: unknown sizes count as large.  (A bound too small would
/// cost a walk, not a use: the variable would be heard once a group, and
/// if none starts the recording, the index is not used.)
bool ReferenceIndex::worthIndexing(const VarDecl *VD) const {
  uint64_t MinSize = std::min(MinVnet, MinPcpu);
  if (const auto *Section = VD->getAttr<SectionAttr>()) {
    if (Section->getName() == "set_vnet")
      MinSize = MinVnet;
    else if (Section->getName() == "set_pcpu")
      MinSize = MinPcpu;
  }
  if (MinSize == 0)
    return true;
  QualType T = VD->getType();
  const ASTContext &Ctx = VD->getASTContext();
  if (T->isIncompleteType() || !T->isConstantSizeType() ||
      T->isDependentType())
    return true;
  if (const RecordDecl *RD = T->getAsRecordDecl())
    if (RD->hasFlexibleArrayMember())
      return true; // an initialiser can make it larger than its type
  if (BoundSizes) {
    // Most are one of a few structures (each SYSINIT's, each sysctl's).
    auto Known = llvm::find_if(Bounds, [&](const auto &Entry) {
      return Entry.first == T.getAsOpaquePtr();
    });
    if (Known == Bounds.end()) {
      std::optional<SizeBound> Bound = sizeBound(Ctx, T);
      Bounds.push_back({T.getAsOpaquePtr(), Bound ? Bound->Size : ~0ull});
      Known = Bounds.end() - 1;
    }
    if (Known->second < MinSize)
      return false;
  }
  return uint64_t(Ctx.getTypeSizeInChars(T).getQuantity()) >= MinSize;
}

bool ReferenceIndex::mark(const NamedDecl *D, bool IsFunction, bool Late) {
  IdentifierInfo *II = D->getIdentifier();
  if (!II)
    return false;
  auto [It, New] = Marked.try_emplace(II, IsFunction);
  if (!New) {
    It->second = It->second || IsFunction;
    return false;
  }
  if (!llvm::all_of(II->getName(),
                    [](char C) { return isAsciiIdentifierContinue(C, true); })) {
    Broken = "a name is not spelled in ASCII";
    return false;
  }
  if (D->isReferenced() && !Late) {
    // Named before this first file-scope declaration: by one the index
    // never saw (block scope, implicit), which it cannot place; or by
    // itself (a function's body, an initialiser), which is in its own
    // group and may take its address.
    if (D->getPreviousDecl()) {
      Broken = "a function or variable is used before its first file-scope "
               "declaration";
      return false;
    }
    // Past its group's end: not through the table of this group's names.
    Occurrences.push_back({II, tokenCount(), unsigned(Ends.size() - 1), true});
  }
  II->setOutOfDate(true);
  return true;
}

void NameSet::insert(const IdentifierInfo *II) {
  if (2 * (Count + 1) > Slots.size()) {
    std::vector<const IdentifierInfo *> Old(
        std::max<size_t>(64, 2 * Slots.size()), nullptr);
    Old.swap(Slots);
    Count = 0;
    for (const IdentifierInfo *Name : Old)
      if (Name)
        insert(Name);
  }
  size_t Mask = Slots.size() - 1, Slot = slot(II) & Mask;
  while (Slots[Slot] && Slots[Slot] != II)
    Slot = (Slot + 1) & Mask;
  if (!Slots[Slot])
    ++Count;
  Slots[Slot] = II;
}

void ReferenceIndex::endQuietGroup(unsigned Group) {
  // Heard once in this group.  Its later occurrences in it, some of
  // which the parser's look-ahead may have read for the next groups,
  // and those of an expansion the next group shares, count at its end.
  for (IdentifierInfo *II : Quieted) {
    Occurrences.push_back({II, tokenCount(), Group, false});
    QuietSpans.push_back({II, Group});
    II->setOutOfDate(true);
  }
  Quieted.clear();
}

void ReferenceIndex::updateOutOfDateIdentifier(const IdentifierInfo &II) {
  if (!Recording)
    return;
  if (isQuiet(&II)) {
    // A module variable too small to be looked for: where it is named
    // only orders the estimated layout, once a group is enough.  Unmarked
    // until the group ends, its other occurrences cost nothing.
    Occurrences.push_back({&II, PP.getTokenCount(), unsigned(Ends.size()),
                           false});
    auto &Name = const_cast<IdentifierInfo &>(II);
    Name.setOutOfDate(false);
    Quieted.push_back(&Name);
    return;
  }
  // A table the use finder may look for: where, so that it can walk only
  // the statements that may name one.  (Few, and never quiet.)
  bool Large = Placed.contains(&II);
  if (Large)
    place();
  // Most occurrences come out of a macro's expansion: no lexer to read.
  bool Lexing = PP.getCurrentLexer();
  bool Address = Lexing && classify(II) == Seen::Other;
  if (RecentNames.seen({&II, PP.getTokenCount(), unsigned(Ends.size()),
                        Address}) < QuietAfter ||
      Lexing || Large)
    return;
  // Met often in this group, now out of a macro's expansion: the rest of
  // the group is read from its text (a name lexed there and looked up a
  // few times is not worth reading it).
  auto &Name = const_cast<IdentifierInfo &>(II);
  Name.setOutOfDate(false);
  Quieted.push_back(&Name);
}

void ReferenceIndex::place() {
  // Not a _Pragma's lexer: the file one beneath it, past the name or past
  // the invocation of the macro being expanded.
  const auto *L = static_cast<const Lexer *>(PP.getCurrentFileLexer());
  if (!L) {
    PlacesLost = true;
    return;
  }
  Places.push_back(
      L->getSourceLocation(L->getBufferLocation()).getRawEncoding());
}

bool ReferenceIndex::places(const NamedDecl *D) const {
  const IdentifierInfo *II = D->getIdentifier();
  return indexes(D) && !PlacesLost && Placed.contains(II) && !isQuiet(II);
}

bool ReferenceIndex::placesIn(SourceLocation From, SourceLocation To,
                              llvm::SmallVectorImpl<unsigned> &Out) const {
  if (PlacesLost)
    return false;
  if (!PlacesSorted) {
    // Read in order, but in the order of the files they were read from.
    if (!llvm::is_sorted(Places))
      std::sort(Places.begin(), Places.end());
    if (!llvm::is_sorted(Inclusions))
      std::sort(Inclusions.begin(), Inclusions.end());
    PlacesSorted = true;
  }
  unsigned Low = From.getRawEncoding(), High = To.getRawEncoding();
  auto Included = std::lower_bound(Inclusions.begin(), Inclusions.end(), Low);
  if (Included != Inclusions.end() && *Included <= High)
    return false;
  auto First = std::lower_bound(Places.begin(), Places.end(), Low);
  auto Last = std::upper_bound(First, Places.end(), High);
  Out.assign(First, Last);
  return true;
}

bool ReferenceIndex::textMayTakeAddress(unsigned Group,
                                        llvm::StringRef Name) const {
  // The text from the file lexer's place at the previous group's end (the
  // parser's look-ahead included) to its place at this one's.
  if (Group <= PositionsFrom || Group - PositionsFrom >= EndPositions.size())
    return true;
  const TextPosition &From = EndPositions[Group - PositionsFrom - 1],
                     &To = EndPositions[Group - PositionsFrom];
  if (!From.At || !To.At || From.File != To.File ||
      From.TextBreaks != To.TextBreaks || To.At < From.At)
    return true; // not one piece of one file, or a _Pragma in between
  llvm::StringRef Buffer = To.Buffer;
  const char *Begin = Buffer.begin(), *End = Buffer.end();
  if (From.At < Begin || To.At > End)
    return true;
  llvm::StringRef Text(From.At, To.At - From.At);
  // A line splice next to an identifier character may join a name the
  // search below does not see.
  for (size_t I = Text.find('\\'); I != llvm::StringRef::npos;
       I = Text.find('\\', I + 1)) {
    const char *Slash = Text.begin() + I, *P = Slash + 1;
    while (P < End && isHorizontalWhitespace(*P))
      ++P;
    if (P < End && (*P == '\n' || *P == '\r') && Slash > Begin &&
        isAsciiIdentifierContinue(Slash[-1], true))
      return true;
  }
  for (size_t I = Text.find(Name); I != llvm::StringRef::npos;
       I = Text.find(Name, I + 1)) {
    const char *First = Text.begin() + I, *Past = First + Name.size();
    if ((First > Begin && isAsciiIdentifierContinue(First[-1], true)) ||
        (Past < End && isAsciiIdentifierContinue(*Past, true)))
      continue; // part of a longer identifier
    while (Past < End && isWhitespace(*Past))
      ++Past;
    if (Past == End || *Past != '(')
      return true;
  }
  return false;
}

ReferenceIndex::Seen
ReferenceIndex::classify(const IdentifierInfo &II) const {
  // Lexing from a file, the lexer is just past the identifier it hands
  // over; anything else (a macro's tokens, Sema looking the name up while
  // the lexer is elsewhere) is an occurrence only.
  const auto *L = static_cast<const Lexer *>(PP.getCurrentLexer());
  if (!L)
    return Seen::Elsewhere;
  llvm::StringRef Buffer = L->getBuffer();
  const char *Start = Buffer.begin(), *End = L->getBufferLocation();
  if (End < Start || End > Buffer.end())
    return Seen::Elsewhere;
  // The identifier that ends here, read backwards across line splices.
  llvm::SmallString<64> Spelled;
  for (const char *P = End; P > Start;) {
    char C = P[-1];
    if (isAsciiIdentifierContinue(C, true)) {
      Spelled.push_back(C);
      --P;
      continue;
    }
    if (C != '\n' && C != '\r')
      break;
    // A backslash, horizontal white space, and a newline of one or two
    // characters (as clang's getEscapedNewLineSize reads them).
    const char *Q = P - 1;
    if (Q > Start && (Q[-1] == '\n' || Q[-1] == '\r') && Q[-1] != C)
      --Q;
    while (Q > Start && isHorizontalWhitespace(Q[-1]))
      --Q;
    if (Q == Start || Q[-1] != '\\')
      break;
    P = Q - 1;
  }
  std::reverse(Spelled.begin(), Spelled.end());
  if (Spelled.str() != II.getName())
    return Seen::Elsewhere;
  const char *P = End;
  while (P < Buffer.end() && isWhitespace(*P))
    ++P;
  return P < Buffer.end() && *P == '(' ? Seen::Call : Seen::Other;
}

/// Whether every expansion of \p Macro names the TU's functions only as
/// calls: none is spelled without a '(' after it, and nothing it pastes
/// can spell one.
bool ReferenceIndex::spellsCall(const MacroInfo *Macro) const {
  llvm::ArrayRef<Token> Body = Macro->tokens();
  auto IsParameter = [&](const Token &T) {
    const IdentifierInfo *II = T.getIdentifierInfo();
    return II && Macro->getParameterNum(II) >= 0;
  };
  for (size_t I = 0; I < Body.size(); ++I) {
    const Token &T = Body[I];
    if (T.is(tok::hashhash)) {
      // A chain a ## b ## c: the identifier it makes contains each piece
      // that is not a parameter.  A piece that is punctuation makes no
      // identifier (", ## __VA_ARGS__").
      size_t First = I - 1, Last = I + 1;
      while (Last + 2 < Body.size() && Body[Last + 1].is(tok::hashhash))
        Last += 2;
      if (I == 0 || Last >= Body.size())
        continue;
      llvm::SmallVector<llvm::StringRef, 4> Pieces;
      std::deque<std::string> Spellings; // as written less line splices
      bool Identifier = true;
      for (size_t K = First; K <= Last; K += 2) {
        const Token &Piece = Body[K];
        if (IsParameter(Piece))
          continue;
        if (const IdentifierInfo *II = Piece.getIdentifierInfo())
          Pieces.push_back(II->getName());
        else if (Piece.is(tok::numeric_constant))
          Pieces.push_back(Spellings.emplace_back(PP.getSpelling(Piece)));
        else
          Identifier = false;
      }
      if (Identifier)
        for (const IdentifierInfo *Function : Defined) {
          llvm::StringRef Name = Function->getName();
          if (llvm::all_of(Pieces, [&](llvm::StringRef Piece) {
                return Name.contains(Piece);
              }))
            return false;
        }
      I = Last;
      continue;
    }
    const IdentifierInfo *II = T.getIdentifierInfo();
    if (!II || IsParameter(T) || !Defined.count(II))
      continue;
    if (I + 1 == Body.size() || Body[I + 1].isNot(tok::l_paren))
      return false;
  }
  return true;
}

template <typename Fn>
void ReferenceIndex::forEachGroup(unsigned Count, unsigned Group,
                                  Fn Each) const {
  // Read while Group was parsed: it is Group's, or the previous one's
  // when it was its last token, and the next ones' whose look-ahead may
  // have read it.
  unsigned First = Group > 0 && Group <= Ends.size() && Ends[Group - 1] >= Count
                       ? Group - 1
                       : Group;
  for (unsigned G = First; G < Ends.size(); ++G) {
    if (G != First && Ends[G - 1] > Count + LookAhead)
      break;
    Each(G);
  }
}

void ReferenceIndex::finish() {
  if (!Recording) {
    if (!Broken)
      Broken = "no variable is large enough to be looked for";
    return;
  }
  Recording = false;
  RecentNames.endGroup(tokenCount(), LookAhead, ~0u);
  RecentMacros.endGroup(tokenCount(), LookAhead, ~0u);
  endQuietGroup(Ends.size());
  // Last, since the quiet names heard after the last group were marked
  // again: no name may stay out of date once the index is gone (Sema's
  // lookups would ask the missing source).
  for (const auto &Entry : Marked)
    const_cast<IdentifierInfo *>(Entry.first)->setOutOfDate(false);
  if (PP.getExternalSource() == this)
    PP.setExternalSource(nullptr);
  else if (!Broken)
    Broken = "a precompiled header or a module was loaded";
}

/// The records of the groups a carry takes from: records are made in
/// the order read, so their groups never decrease.
template <typename Record>
llvm::ArrayRef<Record> ReferenceIndex::recordsOf(const std::vector<Record> &All,
                                                 const Carry &C) {
  auto ByGroup = [](const Record &R, unsigned G) { return R.Group < G; };
  auto From = std::lower_bound(All.begin(), All.end(), C.FromGroup, ByGroup);
  auto To = std::lower_bound(From, All.end(), C.ToGroup, ByGroup);
  return llvm::ArrayRef<Record>(All).slice(From - All.begin(), To - From);
}

void ReferenceIndex::build() const {
  if (Built || Broken)
    return;
  Built = true;
  for (const auto &Entry : DefinitionGroup)
    Defined.insert(Entry.first->getIdentifier());
  // Only the groups of function definitions: every other declaration is
  // traversed whatever the index says.  A function read before recording
  // started (or within the look-ahead of it) is walked whatever it names.
  AddressTaken.resize(Ends.size());
  for (unsigned G = 0; G < Ends.size() && beforeStart(G); ++G)
    if (Definitions.test(G))
      AddressTaken.set(G);
  for (const Occurrence &O : Occurrences) {
    bool Address = O.Address && Defined.count(O.Name);
    llvm::SmallVector<unsigned, 4> *Where = nullptr;
    forEachGroup(O.Count, O.Group, [&](unsigned G) {
      if (!Definitions.test(G))
        return;
      if (!Where)
        Where = &Groups[O.Name];
      Where->push_back(G);
      if (Address)
        AddressTaken.set(G);
    });
  }
  // What an expansion that made several groups met from its start.
  for (const Carry &C : Carries) {
    if (C.ToGroup >= Ends.size() || !Definitions.test(C.ToGroup))
      continue;
    for (const Occurrence &O : recordsOf(Occurrences, C))
      if (O.Count >= C.Since) {
        Groups[O.Name].push_back(C.ToGroup);
        if (O.Address && Defined.count(O.Name))
          AddressTaken.set(C.ToGroup);
      }
  }
  for (auto &Entry : Groups) {
    // Mostly in order already; llvm::sort would call qsort on each.
    if (!llvm::is_sorted(Entry.second))
      std::sort(Entry.second.begin(), Entry.second.end());
    Entry.second.erase(std::unique(Entry.second.begin(), Entry.second.end()),
                       Entry.second.end());
  }
  // What was lexed of a function while it was quiet: its group's text.
  for (const auto &Span : QuietSpans) {
    const IdentifierInfo *Name = Span.first;
    unsigned Q = Span.second;
    if (!Defined.count(Name))
      continue;
    // The group, the next (its look-ahead), and those an expansion begun
    // in it carries to.
    llvm::SmallVector<unsigned, 4> Targets;
    for (unsigned G : {Q, Q + 1})
      if (G < Ends.size() && Definitions.test(G) && !AddressTaken.test(G))
        Targets.push_back(G);
    // (Carries are made in order: by their groups, both ascending.)
    auto From = std::partition_point(
        Carries.begin(), Carries.end(),
        [&](const Carry &C) { return C.ToGroup <= Q; });
    for (auto C = From; C != Carries.end() && C->FromGroup <= Q; ++C)
      if (C->ToGroup < Ends.size() && Definitions.test(C->ToGroup) &&
          !AddressTaken.test(C->ToGroup))
        Targets.push_back(C->ToGroup);
    if (Targets.empty() || !textMayTakeAddress(Q, Name->getName()))
      continue;
    for (unsigned G : Targets)
      AddressTaken.set(G);
  }
  // Thousands of records name a few dozen macros: a direct-mapped table
  // of the last answers before the map of them all.
  PointerMap<MacroDirective, bool> Calls;
  constexpr unsigned RecentBits = 9;
  std::array<std::pair<const MacroDirective *, bool>, 1u << RecentBits>
      Recent{};
  auto Expanded = [&](const Expansion &E, unsigned G) {
    if (!Definitions.test(G) || AddressTaken.test(G))
      return;
    auto &Last = Recent[spreadPointer(E.Macro, RecentBits)];
    if (Last.first != E.Macro) {
      auto [It, New] = Calls.try_emplace(E.Macro, true);
      if (New)
        It->second = spellsCall(E.Macro->getMacroInfo());
      Last = {E.Macro, It->second};
    }
    if (!Last.second)
      AddressTaken.set(G);
  };
  for (const Expansion &E : Macros)
    forEachGroup(E.Count, E.Group, [&](unsigned G) { Expanded(E, G); });
  for (const Carry &C : Carries)
    if (C.ToGroup < Ends.size())
      for (const Expansion &E : recordsOf(Macros, C))
        if (E.Count >= C.Since)
          Expanded(E, C.ToGroup);
}

llvm::ArrayRef<unsigned>
ReferenceIndex::groupsNaming(const IdentifierInfo *Name) const {
  build();
  auto It = Groups.find(Name);
  if (It == Groups.end())
    return {};
  return It->second;
}

const char *ReferenceIndex::unusableFor(const ASTContext &Ctx) const {
  if (Broken)
    return Broken;
  // Asked by the estimate walk and the use finder: one pass.
  if (!CheckedDefinitions) {
    CheckedDefinitions = true;
    unsigned Group;
    for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (const auto *FD = dyn_cast<FunctionDecl>(D))
        if (FD->doesThisDeclarationHaveABody() && !groupOf(FD, Group)) {
          MissingDefinition = "a function definition was not handed over";
          break;
        }
  }
  return MissingDefinition;
}

bool ReferenceIndex::groupOf(const FunctionDecl *FD, unsigned &Group) const {
  auto It = DefinitionGroup.find(FD);
  if (It == DefinitionGroup.end())
    return false;
  Group = It->second;
  return true;
}

} // namespace modspace

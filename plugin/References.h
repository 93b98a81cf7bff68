//===--- References.h - which top-level declarations name what -*- C++ -*-===//
//
// The use finder needs the uses of a few tables and a few facts about the
// TU's functions (which are published, who calls the registered ones),
// but walking every function body to learn them costs more than the 1 %
// of a parse modspace may take.  This index is recorded while the TU is
// read, at the cost of the references themselves: each file-scope
// function and variable, once declared, has its identifier marked "out of
// date", so that the preprocessor hands each later occurrence of the name
// to this index (as it would to a precompiled header's reader) before the
// token reaches the parser.  Each occurrence is counted against the
// top-level declaration being parsed (by the preprocessor's token count),
// so that afterwards the index names, for a variable or function, every
// top-level declaration that may refer to it: a superset, never a miss.
//
// The module variables too small to be looked for are indexed too, for
// the estimate's creation order (Analyse.cpp walks only the functions
// that may name a variable it has not placed yet), but heard once a
// group: the name is unmarked at its first occurrence and marked again
// when the group ends, where its later occurrences are counted.  Every
// V_x access spells such a name, most of them many times a function.
//
// For a function it also tells where its address may be taken rather
// than only called: a name lexed from a file and followed by '(' is a
// call; one followed by anything else, one the body of a macro expanded
// there spells without a '(' after it, or one a macro there may paste
// together, may be its address.  Sema's own lookups of the name reach the
// index too; they are recognised (the lexer is not just past the name)
// and only counted as occurrences.
//
// Any other name met often in one group (curthread's function, in every
// V_x access) is made quiet too for the rest of that group.  What the
// preprocessor then lexes of it from the file is not heard, so for a
// function defined in the TU the index reads the group's text instead,
// from the lexer's place at the previous group's end to its place at
// this one's: a name there not followed by '(' may be its address, and
// so is the group when that text is not one piece of one file (or a
// _Pragma, whose string may come from a macro's body, was read in it).
//
// The index is not used, and the use finder walks every function, when
// the preprocessor already has an external source (a precompiled header,
// modules), when another one replaced it, under C++ or trigraphs, when
// a function or table was referenced before its first file-scope
// declaration (a block-scope one, an implicit one), or when a
// declaration is read inside a #pragma clang attribute region.
//
//===----------------------------------------------------------------------===//

#ifndef MODSPACE_REFERENCES_H
#define MODSPACE_REFERENCES_H

#include "clang/AST/DeclGroup.h"
#include "clang/Lex/ExternalPreprocessorSource.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Compiler.h"
#include <cstdint>
#include <memory>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
class IdentifierInfo;
class MacroDirective;
class MacroInfo;
class NamedDecl;
class Sema;
class VarDecl;
} // namespace clang

namespace modspace {

/// The top \p Bits bits of a multiplicative (Fibonacci) hash of \p P.
/// DenseMap's hash for pointers keeps their low bits, which nodes
/// allocated one after another from clang's arenas share in patterns;
/// this spreads them over a table of 2^Bits slots.
inline uint64_t spreadPointer(const void *P, unsigned Bits) {
  return (uintptr_t(P) * 0x9E3779B97F4A7C15u) >> (64 - Bits);
}

template <typename T> struct SpreadPointerInfo : llvm::DenseMapInfo<T *> {
  static unsigned getHashValue(const T *P) {
    return unsigned(spreadPointer(P, 32));
  }
};
template <typename T, typename V>
using PointerMap = llvm::DenseMap<const T *, V, SpreadPointerInfo<const T>>;
template <typename T>
using PointerSet = llvm::DenseSet<const T *, SpreadPointerInfo<const T>>;

/// A set of identifiers, open-addressed: asked at every occurrence of a
/// marked name, so one probe, not DenseSet's hashing of a pointer's low
/// bits.
class NameSet {
public:
  void insert(const clang::IdentifierInfo *II);
  LLVM_ATTRIBUTE_ALWAYS_INLINE bool
  contains(const clang::IdentifierInfo *II) const {
    if (!Count)
      return false;
    size_t Mask = Slots.size() - 1;
    for (size_t Slot = slot(II) & Mask; Slots[Slot]; Slot = (Slot + 1) & Mask)
      if (Slots[Slot] == II)
        return true;
    return false;
  }

private:
  static size_t slot(const clang::IdentifierInfo *II) {
    return size_t(spreadPointer(II, 24));
  }
  std::vector<const clang::IdentifierInfo *> Slots;
  size_t Count = 0;
};

/// Keeps one record per key and top-level group, not one per occurrence:
/// most occurrences repeat a name or a macro the declaration met just
/// before (every VNET() access names curthread).  A record is attributed
/// to the group being parsed when it was made and, when its count is
/// within the look-ahead of that group's end, to the next ones: so the
/// key's last count in a group is kept too when it lies in that window.
template <typename Record> class RecentRecords {
public:
  explicit RecentRecords(std::vector<Record> &Out) : Out(Out) {}
  /// Before the first seen(): most TUs never record, and need no slots.
  void allocate() {
    if (!Slots)
      Slots = std::make_unique<Slot[]>(1u << SlotBits);
  }

  /// Returns how often the key was met in this group (since its record
  /// was last evicted).
  LLVM_ATTRIBUTE_ALWAYS_INLINE unsigned seen(const Record &R) {
    uintptr_t K = R.key();
    Slot &S = Slots[spreadPointer(reinterpret_cast<const void *>(K ^ (K >> 9)),
                                  SlotBits)];
    if (LLVM_LIKELY(S.Valid && S.First.key() == K)) {
      S.Last = R.Count;
      return ++S.Hits;
    }
    fill(S, R);
    return 1;
  }
  /// At the end of a group that ends at \p End, and of the TU.  A key
  /// last met at or after \p Since (the start of a macro expansion still
  /// going on, which the next group may share) is kept too.
  void endGroup(unsigned End, unsigned LookAhead, unsigned Since) {
    for (uint16_t I : Used) {
      Slot &S = Slots[I];
      if (S.Last != S.First.Count &&
          (S.Last + LookAhead >= End || S.Last >= Since))
        push(S);
      S.Valid = false;
    }
    Used.clear();
  }

private:
  struct Slot {
    Record First;
    unsigned Last;
    unsigned Hits;
    bool Valid;
  };
  /// A key not in its slot: out of line, so that the callers' frames stay
  /// small (MacroExpands runs at every expansion of the TU), and saving
  /// the registers it uses, so that they need not save theirs.
  LLVM_ATTRIBUTE_NOINLINE __attribute__((preserve_most)) void
  fill(Slot &S, Record R) {
    if (S.Valid && S.Last != S.First.Count)
      push(S); // evicted: its end of group is not known yet
    if (!S.Valid)
      Used.push_back(&S - Slots.get());
    S = {R, R.Count, 1, true};
    Out.push_back(R);
  }
  void push(const Slot &S) {
    Record R = S.First;
    R.Count = S.Last;
    Out.push_back(R);
  }

  /// Direct-mapped: two keys a declaration meets in turn that share a
  /// slot evict each other, a record each time, so there are many more
  /// slots than a declaration meets keys.
  static constexpr unsigned SlotBits = 9;
  std::unique_ptr<Slot[]> Slots;
  llvm::SmallVector<uint16_t, 64> Used; ///< the slots filled in this group
  std::vector<Record> &Out;
};

/// Which top-level declarations may refer to each file-scope function and
/// variable, recorded while the TU is parsed.
class ReferenceIndex : public clang::ExternalPreprocessorSource {
public:
  /// Installs itself as \p PP's external source (unless PP has one) at
  /// the first variable worth looking for: a TU without one pays nothing
  /// but the declarations' bookkeeping.  A variable smaller than the
  /// smallest threshold of its section (\p MinVnet, \p MinPcpu; either
  /// when it has neither section) does not start the recording (the use
  /// finder never looks for it), but is indexed once it runs: the order
  /// its section is laid out in depends on where it is named.
  ReferenceIndex(clang::Preprocessor &PP, uint64_t MinVnet, uint64_t MinPcpu);

  /// A top-level declaration group was parsed (ASTConsumer's
  /// HandleTopLevelDecl) by \p S: it ends a range of the token count, and
  /// its functions and variables are marked.
  void declared(clang::DeclGroupRef Group, const clang::Sema *S);
  /// Under check-walk: the size bound that spares the layout of most
  /// records (References.cpp) is compared with the size of every
  /// file-scope variable's type; the first it is below of, if any, and
  /// how many were compared.
  void checkSizeBounds() { CheckBounds = true; }
  /// Code generation lays out every record it emits: then laying one out
  /// here costs less than bounding its size first.
  void layOutRecords() { BoundSizes = false; }
  const clang::VarDecl *boundBelowSize() const { return BoundBelow; }
  unsigned boundsChecked() const { return BoundsChecked; }
  bool checksSizeBounds() const { return CheckBounds; }
  /// The preprocessor entered or left a file, or lexes a _Pragma's
  /// string (the recorder's FileChanged, PragmaDirective): what it lexes
  /// now is not in the file text of the group being read.
  void textBroken() { ++TextBreaks; }
  /// The preprocessor entered a file included at \p IncludeLoc (the
  /// recorder's FileChanged): a body that holds the #include holds what
  /// the file names, at places outside the body's text.
  void entered(clang::SourceLocation IncludeLoc) {
    if (Recording && IncludeLoc.isValid())
      Inclusions.push_back(IncludeLoc.getRawEncoding());
  }
  /// A macro whose name was read at \p NameLoc was expanded (the
  /// recorder's MacroExpands).
  LLVM_ATTRIBUTE_ALWAYS_INLINE void
  expanded(const clang::MacroDirective *Macro, clang::SourceLocation NameLoc) {
    if (!Recording)
      return;
    if (!Macro) {
      Broken = "a macro comes from a module";
      return;
    }
    unsigned Count = PP.getTokenCount(), Group = Ends.size();
    // An expansion begun while lexing a file, not inside another one (nor
    // in a _Pragma of one, which has a lexer of its own, nor one whose
    // name another's body spelled and whose arguments the file ends).
    if (!inExpansion() && NameLoc.isFileID()) {
      OutermostCount = Count;
      OutermostGroup = Group;
    }
    RecentMacros.seen({Macro, Count, Group});
  }
  /// Stops recording; unusableFor() says whether the index can be trusted.
  /// Called once the TU is parsed.  The index is built when first asked
  /// (most TUs have no candidate and never ask).
  void finish();

  /// Why the index cannot stand for a walk of every function of \p Ctx's
  /// TU (null when it can): it is unusable, or it did not see every
  /// function definition (a front end that hands over only some).
  const char *unusableFor(const clang::ASTContext &Ctx) const;

  /// The top-level groups in which \p Name may occur, ascending.
  llvm::ArrayRef<unsigned> groupsNaming(const clang::IdentifierInfo *Name) const;
  /// Groups where the address of a function of the TU may be taken.
  const llvm::BitVector &addressGroups() const {
    build();
    return AddressTaken;
  }
  /// The group of function definition \p FD; false if it was not seen.
  bool groupOf(const clang::FunctionDecl *FD, unsigned &Group) const;
  /// Whether group \p Group was read before recording started (or within
  /// the look-ahead of its start): what it names is not known.
  bool beforeStart(unsigned Group) const;
  /// Whether the index, finished and whole, knows where \p D's name
  /// occurs: a file-scope function, or a variable that may be a module
  /// variable.
  bool indexes(const clang::NamedDecl *D) const;
  unsigned numGroups() const { return Ends.size(); }
  /// Whether the places of \p D's name are all known (see placesIn).
  bool places(const clang::NamedDecl *D) const;
  /// The places in \p From to \p To (file locations of one file) where a
  /// variable large enough to be looked for was named, ascending: where
  /// the file lexer was at each occurrence, past the name, or past the
  /// invocation (its arguments read) of the macro whose expansion made it.
  /// Raw file locations of one file, which compare as offsets.  False
  /// when they cannot be told: a file was included in between, or an
  /// occurrence was read with no file lexer.
  bool placesIn(clang::SourceLocation From, clang::SourceLocation To,
                llvm::SmallVectorImpl<unsigned> &Out) const;

  // ExternalPreprocessorSource.
  void updateOutOfDateIdentifier(const clang::IdentifierInfo &II) override;
  void ReadDefinedMacros() override {}
  clang::IdentifierInfo *GetIdentifier(uint64_t) override { return nullptr; }
  clang::Module *getModule(unsigned) override { return nullptr; }

private:
  /// How an occurrence was met.
  enum class Seen : unsigned char {
    Call,  ///< lexed from a file, followed by '('
    Other, ///< lexed from a file, followed by something else
    Elsewhere ///< in a macro's expansion, or a lookup: an occurrence only
  };
  struct Occurrence {
    const clang::IdentifierInfo *Name;
    unsigned Count;
    unsigned Group; ///< being parsed when it was read
    bool Address;   ///< Seen::Other: the address may be taken here
    uintptr_t key() const {
      return reinterpret_cast<uintptr_t>(Name) | uintptr_t(Address);
    }
  };
  /// A group that ends while an expansion begun at Since (in FromGroup)
  /// is going on: ToGroup, the next, also gets what was met from Since.
  struct Carry {
    unsigned Since, FromGroup, ToGroup;
  };
  struct Expansion {
    const clang::MacroDirective *Macro;
    unsigned Count;
    unsigned Group;
    uintptr_t key() const { return reinterpret_cast<uintptr_t>(Macro); }
  };

  /// Where the file lexer is: one end of a group's text.
  struct TextPosition {
    clang::FileID File;
    const char *At = nullptr;
    llvm::StringRef Buffer;
    unsigned TextBreaks = 0;
  };
  /// A name quiet for the rest of a group once met this often in it.
  static constexpr unsigned QuietAfter = 4;

  unsigned tokenCount() const;
  TextPosition filePosition() const;
  /// Whether the text of group \p Group may take the address of the
  /// function called \p Name (see the file comment).
  bool textMayTakeAddress(unsigned Group, llvm::StringRef Name) const;
  void start();
  bool mark(const clang::NamedDecl *D, bool IsFunction, bool Late);
  /// Whether the preprocessor is in a macro's expansion (or in a
  /// _Pragma's string, which has a lexer of its own).
  bool inExpansion() const {
    const auto *L = static_cast<const clang::Lexer *>(PP.getCurrentLexer());
    return !L || L->isPragmaLexer();
  }
  static bool mayBeModuleVariable(const clang::VarDecl *VD);
  /// Records where an occurrence of a name in Placed is read.
  void place();
  /// A module variable too small to be looked for: heard once a group.
  void quiet(const clang::IdentifierInfo *II) { Quiet.insert(II); }
  bool isQuiet(const clang::IdentifierInfo *II) const {
    return Quiet.contains(II);
  }
  /// Marks again the quiet names heard in \p Group, which ends here.
  void endQuietGroup(unsigned Group);
  bool worthIndexing(const clang::VarDecl *VD) const;
  Seen classify(const clang::IdentifierInfo &II) const;
  bool spellsCall(const clang::MacroInfo *Macro) const;
  void build() const;
  template <typename Record>
  static llvm::ArrayRef<Record> recordsOf(const std::vector<Record> &All,
                                          const Carry &C);
  template <typename Fn>
  void forEachGroup(unsigned Count, unsigned Group, Fn Each) const;

  clang::Preprocessor &PP;
  uint64_t MinVnet, MinPcpu;
  bool Recording = false;
  const char *Broken = nullptr;
  bool CheckBounds = false, BoundSizes = true;
  /// Each type's size bound (all ones: none), by its QualType.
  mutable llvm::SmallVector<std::pair<void *, uint64_t>, 8> Bounds;
  const clang::VarDecl *BoundBelow = nullptr;
  unsigned BoundsChecked = 0;
  void checkBound(const clang::VarDecl *VD);
  /// Where the last expansion begun from a file began, and the groups
  /// that end while one is going on: each also gets what was met in it
  /// from its start (a macro that makes several declarations names, in
  /// its body or its arguments, what the later ones use).
  unsigned OutermostCount = 0, OutermostGroup = 0;
  std::vector<Carry> Carries;
  /// The token count when recording started (at the first variable
  /// large enough to look for), and the functions declared before it.
  unsigned StartCount = 0;
  std::vector<const clang::FunctionDecl *> Pending;
  std::vector<const clang::VarDecl *> PendingVariables;
  /// The quiet names; those heard in the group being read (unmarked
  /// until it ends).
  NameSet Quiet;
  /// The variables large enough to be looked for, which are never quiet,
  /// and the places of their occurrences and of the #includes read while
  /// recording (raw file locations; sorted when first asked).
  NameSet Placed;
  mutable std::vector<unsigned> Places, Inclusions;
  mutable bool PlacesSorted = false;
  bool PlacesLost = false;
  llvm::SmallVector<clang::IdentifierInfo *, 16> Quieted;
  /// Every name quieted in a group, with the group; for a function, the
  /// group's text is read by build().
  std::vector<std::pair<const clang::IdentifierInfo *, unsigned>> QuietSpans;
  /// Where the file lexer was at the end of each group from PositionsFrom
  /// on (the group that started recording), and how often the text broke
  /// (textBroken()).
  std::vector<TextPosition> EndPositions;
  unsigned PositionsFrom = 0;
  unsigned TextBreaks = 0;
  std::vector<Occurrence> Occurrences;
  std::vector<Expansion> Macros;
  RecentRecords<Occurrence> RecentNames{Occurrences};
  RecentRecords<Expansion> RecentMacros{Macros};
  /// The token count at the end of each top-level group.
  std::vector<unsigned> Ends;
  PointerMap<clang::FunctionDecl, unsigned> DefinitionGroup;
  /// The groups that hold a function definition.
  llvm::BitVector Definitions;
  /// Marked identifiers; true for a function's.
  PointerMap<clang::IdentifierInfo, bool> Marked;
  // Built on first use: functions defined in the TU, by name; the
  // function groups each name may occur in; the groups that may take a
  // function's address.
  /// Whether every definition of the TU was handed over (asked once).
  mutable bool CheckedDefinitions = false;
  mutable const char *MissingDefinition = nullptr;
  mutable bool Built = false;
  mutable PointerSet<clang::IdentifierInfo> Defined;
  mutable PointerMap<clang::IdentifierInfo, llvm::SmallVector<unsigned, 4>>
      Groups;
  mutable llvm::BitVector AddressTaken;
};

} // namespace modspace

#endif // MODSPACE_REFERENCES_H

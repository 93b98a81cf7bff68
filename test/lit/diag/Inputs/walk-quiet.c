/*
 * Shapes for the quiet names of the reference index: a function of the
 * TU named many times out of macro expansions in one declaration (as
 * curthread names its function in every V_x access) is not heard for
 * the rest of that declaration, whose text the index reads instead.
 * Each publisher below names its own ctx_*() function often through a
 * macro, then takes that function's address in a way only the text
 * shows: plainly, through a line splice, as a macro's argument, in an
 * included file, in the arguments of the macro that makes the next
 * function or the third one (read as the parser's look-ahead), in a
 * _Pragma's string from a macro's body, and before two #pragma comment
 * (each handed over in the middle of the body).  None names the table,
 * and only entry() calls them: only the index selects them.  A variable
 * between two of them keeps the look-ahead one shares with the next
 * from selecting that one too.  calls_only() takes no address: its
 * calls, split across lines, and a longer name that contains the
 * function's must not select it.  walk.test compiles this with
 * check-walk, which fails if the walk on demand misses what a walk of
 * every function finds, and counts the functions it walked.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <net/vnet.h>

VNET_DEFINE_STATIC(int, tab[512]);
#define	V_tab	VNET(tab)

static void *(*hook)(void);
static int sink, ctx_calls_count;

static void *ctx_plain(void) { return (&sink); }
static void *ctx_spliced(void) { return (&sink); }
static void *ctx_argument(void) { return (&sink); }
static void *ctx_included(void) { return (&sink); }
static void *ctx_calls(void) { return (&sink); }
static void *ctx_next(void) { return (&sink); }
static void *ctx_third(void) { return (&sink); }
static void *ctx_pragma(void) { return (&sink); }
static void *ctx_comment(void) { return (&sink); }

#define	FIVE(c)		sink += (c) + (c) + (c) + (c) + (c)
#define	NAME_OF(f)	f
#define	CTX_PLAIN	(ctx_plain() != NULL)
#define	CTX_SPLICED	(ctx_spliced() != NULL)
#define	CTX_ARGUMENT	(ctx_argument() != NULL)
#define	CTX_INCLUDED	(ctx_included() != NULL)
#define	CTX_CALLS	(ctx_calls() != NULL)
#define	CTX_NEXT	(ctx_next() != NULL)
#define	CTX_THIRD	(ctx_third() != NULL)
#define	CTX_PRAGMA	(ctx_pragma() != NULL)
#define	CTX_COMMENT	(ctx_comment() != NULL)

static void
pub_plain(void)
{
	FIVE(CTX_PLAIN);
	hook = ctx_plain;
}
static int spacer1;

static void
pub_spliced(void)
{
	FIVE(CTX_SPLICED);
	hook = ctx_spl\
iced;
}
static int spacer2;

static void
pub_argument(void)
{
	FIVE(CTX_ARGUMENT);
	hook = NAME_OF(ctx_argument);
}
static int spacer3;

static void
pub_included(void)
{
	FIVE(CTX_INCLUDED);
#include "walk-quiet-hook.h"
}
static int spacer4;

static void
calls_only(void)
{
	FIVE(CTX_CALLS);
	sink += ctx_calls_count + (ctx_calls() != NULL) + (ctx_calls
	    () != NULL);
}
static int spacer5;

/* Declared before, as the next: what follows it names nothing new. */
static void before_next(void), pub_next(void);
#define	DEFINE_PUB(name, f)	static void name(void) { hook = f; }
static void
before_next(void)
{
	FIVE(CTX_NEXT);
}
DEFINE_PUB(pub_next, ctx_next)
static int spacer6;

/*
 * The third function the arguments make takes the address (declared
 * before, so that the functions the macro makes are no new names).
 */
static void before_third(void), pub3a(void), pub3b(void), pub3c(void);
#define	DEFINE_PUB3(f)	static void pub3a(void) { sink++; }		\
			static void pub3b(void) { sink++; }		\
			static void pub3c(void) { hook = f; }
static void
before_third(void)
{
	FIVE(CTX_THIRD);
}
DEFINE_PUB3(ctx_third)

/* A _Pragma's string, from a macro's body, names it. */
#define	ANNOTATE_PUSH	_Pragma("clang attribute push(__attribute__((annotate(\"x\", ctx_pragma))), apply_to = variable)")
#define	ANNOTATE_POP	_Pragma("clang attribute pop")
static int spacer8;

static void
pub_pragma(void)
{
	FIVE(CTX_PRAGMA);
	ANNOTATE_PUSH
	int v = 0;
	ANNOTATE_POP
	sink += v;
}
static int spacer9;

/* Each #pragma comment is handed over where it stands, in the body. */
static void
pub_comment(void)
{
	FIVE(CTX_COMMENT);
	hook = ctx_comment;
#pragma comment(lib, "a")
#pragma comment(lib, "b")
	sink++;
}

void
entry(void)
{
	V_tab[0]++;
	pub_plain();
	pub_spliced();
	pub_argument();
	pub_included();
	calls_only();
	before_next();
	pub_next();
	before_third();
	pub3a();
	pub3b();
	pub3c();
	pub_pragma();
	pub_comment();
}

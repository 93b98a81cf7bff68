/*
 * vnetsim: the userland VNET runtime (see vnetsim.h and docs/vnetsim.md).
 * Written for this project from docs/kernel-facts.md; style(9).
 *
 * The structures below mirror the layouts in test/include (sys/kernel.h,
 * net/vnet.h, sys/malloc.h, sys/sysctl.h): the module is compiled against
 * those headers, this runtime against the C library's.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vnetsim.h"

struct malloc_type {
	const char	*ks_shortdesc;
	const char	*ks_longdesc;
	uint64_t	ks_live;
};

typedef void (*sysinit_cfunc_t)(const void *);

struct sysinit {
	int		subsystem;
	int		order;
	sysinit_cfunc_t	func;
	const void	*udata;
};

struct vnet_sysinit {
	int		subsystem;
	int		order;
	sysinit_cfunc_t	func;
	const void	*arg;
};

struct vnet {
	uintptr_t	vnet_data_mem;
	uintptr_t	vnet_data_base;
	unsigned	vnet_magic_n;
};

struct callout {
	void	(*c_func)(void *);
	void	*c_arg;
	int	c_ticks;
	int	c_pending;
};

typedef int	pfil_func_t(void *, int);
struct pfil_hook {
	pfil_func_t	*h_func;
	void		*h_arg;
	struct vnet	*h_vnet;	/* curvnet when it was added */
};

struct thread {
	struct vnet	*td_vnet;
};

struct sysctl_oid;
struct sysctl_req {
	void	*oldptr;
	size_t	oldlen;
	size_t	oldidx;
	int	(*oldfunc)(struct sysctl_req *, const void *, size_t);
};
typedef int (*sysctl_handler_t)(struct sysctl_oid *, void *, intmax_t,
    struct sysctl_req *);
struct sysctl_oid {
	const char		*oid_name;
	int			oid_kind;
	void			*oid_arg1;
	intmax_t		oid_arg2;
	sysctl_handler_t	oid_handler;
	const char		*oid_fmt;
	const char		*oid_descr;
};

#define	CTLFLAG_VNET	0x00080000
#define	M_NOWAIT	0x0001
#define	M_WAITOK	0x0002
#define	M_ZERO		0x0100
#define	VNET_MAGIC_N	0x5e4a6f28

/* Linker sets; weak, since a module may have none of a kind. */
extern struct sysinit *__start_set_sysinit_set[] __attribute__((weak));
extern struct sysinit *__stop_set_sysinit_set[] __attribute__((weak));
extern struct sysinit *__start_set_sysuninit_set[] __attribute__((weak));
extern struct sysinit *__stop_set_sysuninit_set[] __attribute__((weak));
extern struct sysctl_oid *__start_set_sysctl_set[] __attribute__((weak));
extern struct sysctl_oid *__stop_set_sysctl_set[] __attribute__((weak));
extern char __start_set_vnet[] __attribute__((weak));
extern char __stop_set_vnet[] __attribute__((weak));

struct malloc_type M_DEVBUF[1] = { { "devbuf", "device driver memory", 0 } };
struct malloc_type M_TEMP[1] = { { "temp", "misc temporary data", 0 } };

#define	MAXTYPES	64
static struct malloc_type *types[MAXTYPES];
static int ntypes;

static struct vnet *vnets[VNETSIM_MAXVNETS];
static int listed[VNETSIM_MAXVNETS];	/* fully set up: in the vnet list */
static struct thread thread0;

#define	MAXASYNC	64
static struct callout *pending[MAXASYNC];
static int npending;
static struct pfil_hook *hooks[MAXASYNC];
static int nhooks;
static int in_async;

#define	MAXREG	64
static const struct vnet_sysinit *ctors[MAXREG], *dtors[MAXREG];
static int nctors, ndtors;

/* What is running, for the message when something crashes. */
static char phase[256] = "starting";

static void
set_phase(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(phase, sizeof(phase), fmt, ap);
	va_end(ap);
}

static void
say_phase(const char *what)
{
	char msg[320];
	int n;

	n = snprintf(msg, sizeof(msg), "vnetsim: %s while %s\n", what, phase);
	if (n > 0)
		(void)write(STDERR_FILENO, msg, (size_t)n);
}

/* AddressSanitizer's death callback: it has printed its report. */
static void
report_phase(void)
{

	say_phase("the sanitizer stopped the run");
}

static void
on_crash(int sig)
{

	say_phase(sig == SIGABRT ? "aborted" : "crashed");
	signal(sig, SIG_DFL);
	raise(sig);
}

void __asan_set_death_callback(void (*)(void)) __attribute__((weak));

struct thread *kern_curthread(void);

struct thread *
kern_curthread(void)
{

	return (&thread0);
}

void	panic(const char *, ...) __attribute__((__noreturn__));

void
panic(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vnetsim: panic: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (while %s)\n", phase);
	abort();
}

/*
 * malloc(9).
 */
static void
count_type(struct malloc_type *type, int delta)
{
	int i;

	for (i = 0; i < ntypes; i++)
		if (types[i] == type)
			break;
	if (i == ntypes) {
		if (ntypes == MAXTYPES)
			panic("too many malloc types");
		types[ntypes++] = type;
	}
	type->ks_live += delta;
}

void	*vnetsim_malloc(size_t, struct malloc_type *, int);
void	*vnetsim_mallocarray(size_t, size_t, struct malloc_type *, int);
void	vnetsim_free(void *, struct malloc_type *);

void *
vnetsim_malloc(size_t size, struct malloc_type *type, int flags)
{
	void *p;

	if ((flags & (M_WAITOK | M_NOWAIT)) == 0 ||
	    (flags & (M_WAITOK | M_NOWAIT)) == (M_WAITOK | M_NOWAIT))
		panic("malloc(%zu, %s): exactly one of M_WAITOK and M_NOWAIT",
		    size, type->ks_shortdesc);
	p = (flags & M_ZERO) != 0 ? calloc(1, size ? size : 1) :
	    malloc(size ? size : 1);
	if (p == NULL) {
		if ((flags & M_WAITOK) != 0)
			panic("malloc(%zu, %s, M_WAITOK) failed", size,
			    type->ks_shortdesc);
		return (NULL);
	}
	count_type(type, 1);
	return (p);
}

void *
vnetsim_mallocarray(size_t nmemb, size_t size, struct malloc_type *type,
    int flags)
{

	if (size != 0 && nmemb > SIZE_MAX / size)
		panic("mallocarray: %zu * %zu overflows", nmemb, size);
	return (vnetsim_malloc(nmemb * size, type, flags));
}

void
vnetsim_free(void *addr, struct malloc_type *type)
{

	if (addr == NULL)
		return;
	count_type(type, -1);
	free(addr);
}

/*
 * Asynchronous users: callouts and packet hooks.  vnetsim_async() is one
 * clock tick and one packet: due callouts fire (with curvnet unset, as in
 * the kernel: a handler sets it from its argument), then every hook runs
 * in the vnet that added it.  The runtime calls it between any two steps
 * of a module's life, so a table freed while a hook can still reach it,
 * or allocated after one is published, is caught.
 */
void	malloc_init(void *);
void	malloc_uninit(void *);
void	callout_init(struct callout *, int);
int	callout_reset(struct callout *, int, void (*)(void *), void *);
int	callout_stop(struct callout *);
int	callout_drain(struct callout *);
struct pfil_hook *pfil_add_hook(pfil_func_t *, void *);
void	pfil_remove_hook(struct pfil_hook *);
struct vnet *vnet_list_first(void);
struct vnet *vnet_list_next(struct vnet *);

void
malloc_init(void *arg)
{

	count_type(arg, 0);
}

void
malloc_uninit(void *arg)
{

	(void)arg;
}

void
callout_init(struct callout *c, int mpsafe)
{

	(void)mpsafe;
	memset(c, 0, sizeof(*c));
}

int
callout_stop(struct callout *c)
{
	int i;

	for (i = 0; i < npending && pending[i] != c; i++)
		;
	if (i == npending)
		return (0);
	pending[i] = pending[--npending];
	c->c_pending = 0;
	return (1);
}

int
callout_drain(struct callout *c)
{

	return (callout_stop(c));
}

int
callout_reset(struct callout *c, int ticks, void (*func)(void *), void *arg)
{
	int was;

	was = callout_stop(c);
	if (npending == MAXASYNC)
		panic("too many pending callouts");
	c->c_func = func;
	c->c_arg = arg;
	c->c_ticks = ticks > 0 ? ticks : 1;
	c->c_pending = 1;
	pending[npending++] = c;
	return (was);
}

struct pfil_hook *
pfil_add_hook(pfil_func_t *func, void *arg)
{
	struct pfil_hook *h;

	if (nhooks == MAXASYNC)
		panic("too many hooks");
	h = calloc(1, sizeof(*h));
	if (h == NULL)
		panic("out of memory");
	h->h_func = func;
	h->h_arg = arg;
	h->h_vnet = thread0.td_vnet;
	hooks[nhooks++] = h;
	return (h);
}

void
pfil_remove_hook(struct pfil_hook *h)
{
	int i;

	for (i = 0; i < nhooks && hooks[i] != h; i++)
		;
	if (i == nhooks)
		panic("removing an unknown hook");
	hooks[i] = hooks[--nhooks];
	free(h);
}

void
vnetsim_async(void)
{
	struct callout *due[MAXASYNC];
	struct vnet *saved;
	int i, n;

	if (in_async)
		return;
	in_async = 1;
	saved = thread0.td_vnet;
	/* Collect first: a handler may re-arm or stop callouts. */
	n = 0;
	for (i = 0; i < npending; i++)
		if (--pending[i]->c_ticks <= 0)
			due[n++] = pending[i];
	for (i = 0; i < n; i++) {
		if (!due[i]->c_pending || due[i]->c_ticks > 0)
			continue;
		callout_stop(due[i]);
		thread0.td_vnet = NULL;
		due[i]->c_func(due[i]->c_arg);
	}
	for (i = 0; i < nhooks; i++) {
		thread0.td_vnet = hooks[i]->h_vnet;
		(void)hooks[i]->h_func(hooks[i]->h_arg, 0);
	}
	thread0.td_vnet = saved;
	in_async = 0;
}

/* Nothing asynchronous may outlive the memory it lives in. */
static void
check_async_in(uintptr_t lo, uintptr_t hi, const char *what)
{
	int i;

	for (i = 0; i < npending; i++)
		if ((uintptr_t)pending[i] >= lo && (uintptr_t)pending[i] < hi)
			panic("a callout is still pending in %s", what);
}

struct vnet *
vnet_list_first(void)
{

	return (vnet_list_next(NULL));
}

struct vnet *
vnet_list_next(struct vnet *v)
{
	int i;

	i = 0;
	if (v != NULL) {
		while (i < VNETSIM_MAXVNETS && vnets[i] != v)
			i++;
		i++;
	}
	for (; i < VNETSIM_MAXVNETS; i++)
		if (vnets[i] != NULL && listed[i])
			return (vnets[i]);
	return (NULL);
}

/*
 * Vnets: each one a copy of set_vnet, VNET(x) at
 * vnet_data_base + &vnet_entry_x.
 */
static size_t
vnet_size(void)
{

	return (__start_set_vnet != NULL ?
	    (size_t)(__stop_set_vnet - __start_set_vnet) : 0);
}

static void
run_in(const struct vnet_sysinit *vs, int id, const char *what)
{
	struct vnet *saved;

	saved = thread0.td_vnet;
	thread0.td_vnet = vnets[id];
	set_phase("running the %s at (%#x, %#x) in vnet %d", what,
	    vs->subsystem, vs->order, id);
	vs->func(vs->arg);
	thread0.td_vnet = saved;
}

/*
 * Asynchronous users run at fixed points of the (subsystem, order) grid:
 * every subsystem and order of <sys/kernel.h>, the same for any module,
 * so that an original and a fixed module (which may register one more
 * constructor) see the same clock ticks at the same moments.
 */
static const unsigned grid_subs[] = {
	0x1800000, 0x21e0000, 0x3000000, 0x7000000, 0x8100000, 0x8400000,
	0x8700000, 0x8800000, 0x8806000, 0x8808000, 0xdc00000, 0xfffffff
};
static const unsigned grid_orders[] = {
	0, 1, 2, 3, 4, 0x1000000, 0xfffffff
};
#define	NSUBS	(sizeof(grid_subs) / sizeof(grid_subs[0]))
#define	NORDERS	(sizeof(grid_orders) / sizeof(grid_orders[0]))
#define	NGRID	((int)(NSUBS * NORDERS))

static uint64_t
grid_key(int g)
{

	return ((uint64_t)grid_subs[g / NORDERS] << 32 |
	    grid_orders[g % NORDERS]);
}

static uint64_t
key_of(unsigned subsystem, unsigned order)
{

	return ((uint64_t)subsystem << 32 | order);
}

static void
async_at(int g, const char *during)
{

	set_phase("running callouts and hooks at (%#x, %#x) %s",
	    grid_subs[g / NORDERS], grid_orders[g % NORDERS], during);
	vnetsim_async();
}

static int
key_cmp(const struct vnet_sysinit *a, const struct vnet_sysinit *b)
{

	if (a->subsystem != b->subsystem)
		return (a->subsystem < b->subsystem ? -1 : 1);
	if (a->order != b->order)
		return (a->order < b->order ? -1 : 1);
	return (0);
}

int
vnetsim_vnet_create(void)
{
	struct vnet *vnet;
	char *data, during[64];
	int g, i, id;

	for (id = 0; id < VNETSIM_MAXVNETS && vnets[id] != NULL; id++)
		;
	if (id == VNETSIM_MAXVNETS)
		panic("too many vnets");
	vnet = calloc(1, sizeof(*vnet));
	data = malloc(vnet_size() ? vnet_size() : 1);
	if (vnet == NULL || data == NULL)
		panic("out of memory");
	memcpy(data, __start_set_vnet, vnet_size());
	vnet->vnet_data_mem = (uintptr_t)data;
	vnet->vnet_data_base = (uintptr_t)data - (uintptr_t)__start_set_vnet;
	vnet->vnet_magic_n = VNET_MAGIC_N;
	vnets[id] = vnet;
	/* Constructors, ascending (kept sorted); then it is listed. */
	snprintf(during, sizeof(during), "while vnet %d is created", id);
	i = 0;
	for (g = 0; g < NGRID; g++) {
		for (; i < nctors && key_of(ctors[i]->subsystem,
		    ctors[i]->order) <= grid_key(g); i++)
			run_in(ctors[i], id, "constructor");
		async_at(g, during);
	}
	for (; i < nctors; i++)
		run_in(ctors[i], id, "constructor");
	listed[id] = 1;
	set_phase("idle");
	return (id);
}

void
vnetsim_vnet_destroy(int id)
{
	char during[64];
	int g, i;

	/* Unlisted, then destructors, descending. */
	listed[id] = 0;
	snprintf(during, sizeof(during), "while vnet %d is destroyed", id);
	i = ndtors - 1;
	for (g = NGRID - 1; g >= 0; g--) {
		for (; i >= 0 && key_of(dtors[i]->subsystem, dtors[i]->order) >=
		    grid_key(g); i--)
			run_in(dtors[i], id, "destructor");
		async_at(g, during);
	}
	for (; i >= 0; i--)
		run_in(dtors[i], id, "destructor");
	check_async_in(vnets[id]->vnet_data_mem,
	    vnets[id]->vnet_data_mem + vnet_size(), "a destroyed vnet");
	free((void *)vnets[id]->vnet_data_mem);
	free(vnets[id]);
	vnets[id] = NULL;
	set_phase("idle");
}

void
vnetsim_set_curvnet(int id)
{

	thread0.td_vnet = vnets[id];
}

void
vnetsim_boot(void)
{

	signal(SIGSEGV, on_crash);
	signal(SIGBUS, on_crash);
	signal(SIGABRT, on_crash);
	if (__asan_set_death_callback != NULL)
		__asan_set_death_callback(report_phase);
	(void)vnetsim_vnet_create();
	vnetsim_set_curvnet(0);
}

/*
 * VNET_SYSINIT and VNET_SYSUNINIT register through SYSINITs: a constructor
 * runs at once in every existing vnet, then in each vnet created later; a
 * destructor runs in every vnet when the module unloads, and in each vnet
 * destroyed before that.
 */
static void
insert(const struct vnet_sysinit **list, int *n, const struct vnet_sysinit *vs)
{
	int i;

	if (*n == MAXREG)
		panic("too many VNET_SYSINITs");
	for (i = *n; i > 0 && key_cmp(list[i - 1], vs) > 0; i--)
		list[i] = list[i - 1];
	list[i] = vs;
	(*n)++;
}

static void
remove_reg(const struct vnet_sysinit **list, int *n,
    const struct vnet_sysinit *vs)
{
	int i;

	for (i = 0; i < *n && list[i] != vs; i++)
		;
	if (i == *n)
		panic("deregistering an unknown VNET_SYSINIT");
	for (; i + 1 < *n; i++)
		list[i] = list[i + 1];
	(*n)--;
}

void	vnet_register_sysinit(void *);
void	vnet_deregister_sysinit(void *);
void	vnet_register_sysuninit(void *);
void	vnet_deregister_sysuninit(void *);

void
vnet_register_sysinit(void *arg)
{
	const struct vnet_sysinit *vs = arg;
	int id;

	insert(ctors, &nctors, vs);
	for (id = 0; id < VNETSIM_MAXVNETS; id++)
		if (vnets[id] != NULL)
			run_in(vs, id, "constructor");
}

void
vnet_deregister_sysinit(void *arg)
{

	remove_reg(ctors, &nctors, arg);
}

void
vnet_register_sysuninit(void *arg)
{

	insert(dtors, &ndtors, arg);
}

void
vnet_deregister_sysuninit(void *arg)
{
	const struct vnet_sysinit *vs = arg;
	int id;

	for (id = 0; id < VNETSIM_MAXVNETS; id++)
		if (vnets[id] != NULL)
			run_in(vs, id, "destructor");
	remove_reg(dtors, &ndtors, vs);
}

/*
 * SYSINIT/SYSUNINIT: the module's, sorted by (subsystem, order); SYSINITs
 * ascending at load, SYSUNINITs descending at unload.
 */
static int
sysinit_cmp(const void *a, const void *b)
{
	const struct sysinit *x = *(struct sysinit *const *)a;
	const struct sysinit *y = *(struct sysinit *const *)b;

	if (x->subsystem != y->subsystem)
		return (x->subsystem < y->subsystem ? -1 : 1);
	return (x->order < y->order ? -1 : x->order > y->order);
}

static void
run_set(struct sysinit **begin, struct sysinit **end, int descending,
    const char *what)
{
	struct sysinit **sorted, *si;
	char during[64];
	size_t i, n;
	int g, step;

	n = begin != NULL ? (size_t)(end - begin) : 0;
	sorted = malloc((n ? n : 1) * sizeof(*sorted));
	if (sorted == NULL)
		panic("out of memory");
	if (n != 0)
		memcpy(sorted, begin, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), sysinit_cmp);
	snprintf(during, sizeof(during), "between %ss", what);
	/* Walk the grid up (load) or down (unload), running what is due. */
	step = descending ? -1 : 1;
	i = 0;
	for (g = descending ? NGRID - 1 : 0; g >= 0 && g < NGRID; g += step) {
		for (; i < n; i++) {
			si = sorted[descending ? n - 1 - i : i];
			if (descending ? key_of(si->subsystem, si->order) <
			    grid_key(g) : key_of(si->subsystem, si->order) >
			    grid_key(g))
				break;
			set_phase("running the %s at (%#x, %#x)", what,
			    si->subsystem, si->order);
			si->func(si->udata);
		}
		async_at(g, during);
	}
	for (; i < n; i++) {
		si = sorted[descending ? n - 1 - i : i];
		set_phase("running the %s at (%#x, %#x)", what, si->subsystem,
		    si->order);
		si->func(si->udata);
	}
	free(sorted);
	set_phase("idle");
}

void
vnetsim_load(void)
{

	run_set(__start_set_sysinit_set, __stop_set_sysinit_set, 0,
	    "SYSINIT");
}

void
vnetsim_unload(void)
{

	run_set(__start_set_sysuninit_set, __stop_set_sysuninit_set, 1,
	    "SYSUNINIT");
	set_phase("checking callouts and hooks after unload");
	if (npending != 0)
		panic("%d callouts still pending after unload", npending);
	if (nhooks != 0)
		panic("%d hooks still added after unload", nhooks);
	set_phase("idle");
}

/*
 * sysctl(9): CTLFLAG_VNET OIDs point at the master copy; rebase them into
 * the current vnet.
 */
int	sysctl_handle_int(struct sysctl_oid *, void *, intmax_t,
	    struct sysctl_req *);
int	sysctl_handle_opaque(struct sysctl_oid *, void *, intmax_t,
	    struct sysctl_req *);

int
sysctl_handle_int(struct sysctl_oid *oidp, void *arg1, intmax_t arg2,
    struct sysctl_req *req)
{
	int value;

	(void)oidp;
	value = arg1 != NULL ? *(int *)arg1 : (int)arg2;
	return (req->oldfunc(req, &value, sizeof(value)));
}

int
sysctl_handle_opaque(struct sysctl_oid *oidp, void *arg1, intmax_t arg2,
    struct sysctl_req *req)
{

	(void)oidp;
	return (req->oldfunc(req, arg1, (size_t)arg2));
}

static int
copy_out(struct sysctl_req *req, const void *p, size_t len)
{

	if (req->oldidx + len > req->oldlen)
		return (12);	/* ENOMEM */
	memcpy((char *)req->oldptr + req->oldidx, p, len);
	req->oldidx += len;
	return (0);
}

int
vnetsim_sysctl(const char *name, void *buf, size_t *len)
{
	struct sysctl_oid **oidp, *oid;
	struct sysctl_req req;
	char *arg1;

	if (__start_set_sysctl_set == NULL)
		return (-1);
	for (oidp = __start_set_sysctl_set; oidp < __stop_set_sysctl_set;
	    oidp++) {
		oid = *oidp;
		if (strcmp(oid->oid_name, name) != 0)
			continue;
		arg1 = oid->oid_arg1;
		if ((oid->oid_kind & CTLFLAG_VNET) != 0 && arg1 != NULL)
			arg1 += thread0.td_vnet->vnet_data_base;
		req.oldptr = buf;
		req.oldlen = *len;
		req.oldidx = 0;
		req.oldfunc = copy_out;
		set_phase("reading sysctl %s", name);
		if (oid->oid_handler(oid, arg1, oid->oid_arg2, &req) != 0)
			panic("sysctl %s: handler failed", name);
		set_phase("idle");
		*len = req.oldidx;
		return (0);
	}
	return (-1);
}

void
vnetsim_trace(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

int
vnetsim_finish(void)
{
	int i, leaks;

	set_phase("checking for leaks at the end");
	leaks = 0;
	for (i = 0; i < ntypes; i++)
		if (types[i]->ks_live != 0) {
			fprintf(stderr, "vnetsim: malloc type %s: %ju live "
			    "allocations at the end\n", types[i]->ks_shortdesc,
			    (uintmax_t)types[i]->ks_live);
			leaks++;
		}
	return (leaks != 0);
}

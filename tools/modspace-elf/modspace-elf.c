/*
 * modspace-elf: reads built objects, modules and kernels, and tells how
 * much of the per-vnet (set_vnet) and per-CPU (set_pcpu) module space each
 * takes, gates a build on a budget, diffs two builds, and replays the
 * kernel's module-space allocator to tell which kldload would fail.
 * style(9).  See modspace-elf.1.
 *
 * Exit status: 0 fine; 1 over budget, or a load that would fail; 2 bad
 * input (a file, or a part of one, that cannot be read: the file and the
 * reason are printed), and under a budget an object whose variables
 * could not all be listed; 64 (EX_USAGE) bad usage.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <err.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "elfobj.h"
#include "picture.h"

#define	VNET_MODMIN	32768
#define	DPCPU_MODMIN	2048

struct options {
	int		json;
	int		table;		/* --table: the table under a gate too */
	int		gated;		/* a budget was given */
	uint64_t	budget;		/* UINT64_MAX: no gate */
	uint64_t	pcpu_budget;
	uint64_t	vnet_modmin;
	uint64_t	pcpu_modmin;
	uint64_t	reserve;	/* --load: override the kernel's */
	uint64_t	pcpu_reserve;
	const char	*svg;		/* --load: the picture, as SVG */
	const char	*html;		/* and as a page */
	int		steps;		/* a bar after every step */
};

static struct options opts = { 0, 0, 0, UINT64_MAX, UINT64_MAX, VNET_MODMIN,
    DPCPU_MODMIN, 0, 0, NULL, NULL, 0 };
static int bad_input;

/* The formatted string, or exit on exhaustion. */
static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1,
    2)));

static char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		err(2, "out of memory");
	return (s);
}

static double
percent(uint64_t part, uint64_t whole)
{

	return (whole != 0 ? 100.0 * (double)part / (double)whole : 0.0);
}

/* A byte count for option OPT, or a usage error. */
static uint64_t
parse_bytes(const char *opt, const char *s)
{
	uint64_t v;

	if (ms_parse_bytes(s, &v) != 0)
		errx(EX_USAGE, "--%s %s: not a byte count (decimal or 0x, "
		    "with K, M or G; no sign)", opt, s);
	return (v);
}

/* Reads PATH; on failure says why, counts it, and returns -1. */
static int
load(const char *path, struct ms_object *obj)
{
	char err[256];

	if (ms_read_file(path, obj, err, sizeof(err)) != 0) {
		warnx("%s: %s", path, err);
		ms_object_free(obj);
		bad_input = 1;
		return (-1);
	}
	if (obj->incomplete) {
		warnx("%s: warning: %s", path, obj->warning);
		/* A gate never passes a file it did not fully read. */
		if (opts.gated)
			bad_input = 1;
	}
	return (0);
}

static int
namecmp(const void *a, const void *b)
{

	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/*
 * The files PATH names: itself, or the regular files of a directory whose
 * names end in .o or .ko, or are "kernel", sorted.
 */
static char **
expand(const char *path, size_t *n)
{
	struct stat st;
	struct dirent *de;
	char **list;
	DIR *d;
	size_t len, nlen;

	*n = 0;
	list = NULL;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		/* "dir/" names its files "dir/file.o", not "dir//file.o". */
		len = strlen(path);
		while (len > 1 && path[len - 1] == '/')
			len--;
		if ((d = opendir(path)) == NULL) {
			warn("%s", path);
			bad_input = 1;
			return (NULL);
		}
		while ((de = readdir(d)) != NULL) {
			nlen = strlen(de->d_name);
			if (!(nlen > 2 && strcmp(de->d_name + nlen - 2, ".o") == 0) &&
			    !(nlen > 3 && strcmp(de->d_name + nlen - 3, ".ko") == 0) &&
			    strcmp(de->d_name, "kernel") != 0)
				continue;
			list = realloc(list, (*n + 1) * sizeof(*list));
			if (list == NULL || asprintf(&list[*n], "%.*s/%s",
			    (int)len, path, de->d_name) < 0)
				err(2, "out of memory");
			(*n)++;
		}
		closedir(d);
		if (*n == 0) {
			warnx("%s: a directory with no .o, .ko or kernel file",
			    path);
			bad_input = 1;
		}
		if (*n > 1)
			qsort(list, *n, sizeof(*list), namecmp);
		return (list);
	}
	list = malloc(sizeof(*list));
	if (list == NULL || (list[0] = strdup(path)) == NULL)
		err(2, "out of memory");
	*n = 1;
	return (list);
}

static void
free_list(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/*
 * Report: sections, costs and symbols, as a table or JSON.
 */
static void
print_space_text(const struct ms_object *obj, const struct ms_space *sp,
    const char *section, uint64_t modmin)
{
	size_t i;

	if (!sp->present)
		return;
	printf("%s: %s %" PRIu64 " bytes (align %" PRIu64 "), module cost %"
	    PRIu64 " = %.1f%% of %" PRIu64 "\n", obj->path, section, sp->size,
	    sp->align, ms_module_cost(obj, sp->size),
	    percent(ms_module_cost(obj, sp->size), modmin), modmin);
	for (i = 0; i < sp->nsyms; i++)
		printf("  %10" PRIu64 "  %s\n", sp->syms[i].size,
		    sp->syms[i].name);
}

static void
json_string(const char *s)
{

	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", (unsigned char)*s);
		else
			putchar(*s);
	}
	putchar('"');
}

static void
print_space_json(const struct ms_object *obj, const struct ms_space *sp,
    const char *section, uint64_t modmin, const char *sep)
{
	size_t i;

	if (!sp->present) {
		printf("\"%s\": null%s", section, sep);
		return;
	}
	printf("\"%s\": {\"size\": %" PRIu64 ", \"align\": %" PRIu64
	    ", \"module_cost\": %" PRIu64 ", \"module_space\": %" PRIu64
	    ", \"percent\": %.1f, \"symbols\": [", section, sp->size,
	    sp->align, ms_module_cost(obj, sp->size), modmin,
	    percent(ms_module_cost(obj, sp->size), modmin));
	for (i = 0; i < sp->nsyms; i++) {
		printf("%s{\"name\": ", i ? ", " : "");
		json_string(sp->syms[i].name);
		printf(", \"size\": %" PRIu64 "}", sp->syms[i].size);
	}
	printf("]}%s", sep);
}

/* Returns 1 if OBJ is over a budget. */
static int
gate(const struct ms_object *obj)
{
	int over;

	over = 0;
	if (opts.budget != UINT64_MAX &&
	    ms_module_cost(obj, obj->vnet.size) > opts.budget) {
		fprintf(stderr, "modspace-elf: %s: set_vnet needs %" PRIu64
		    " bytes of module space, over the budget of %" PRIu64
		    "\n", obj->path, ms_module_cost(obj, obj->vnet.size), opts.budget);
		over = 1;
	}
	if (opts.pcpu_budget != UINT64_MAX &&
	    ms_module_cost(obj, obj->pcpu.size) > opts.pcpu_budget) {
		fprintf(stderr, "modspace-elf: %s: set_pcpu needs %" PRIu64
		    " bytes of module space, over the budget of %" PRIu64
		    "\n", obj->path, ms_module_cost(obj, obj->pcpu.size), opts.pcpu_budget);
		over = 1;
	}
	return (over);
}

static int
report(int argc, char **argv)
{
	struct ms_object obj;
	char **files;
	size_t i, n;
	int a, first, over, quiet;

	over = 0;
	first = 1;
	/* Under a gate, only what is over budget, unless --table. */
	quiet = opts.gated && !opts.table;
	if (opts.json && !quiet)
		printf("{\"files\": [");
	for (a = 0; a < argc; a++) {
		files = expand(argv[a], &n);
		for (i = 0; i < n; i++) {
			if (load(files[i], &obj) != 0)
				continue;
			if (quiet) {
				/* nothing but the gate's lines */
			} else if (opts.json) {
				printf("%s{\"file\": ", first ? "" : ", ");
				json_string(obj.path);
				printf(", \"class\": %d, \"byte_order\": \"%s\", "
				    "\"type\": \"%s\", ", obj.class,
				    obj.big_endian ? "big" : "little",
				    obj.kind);
				print_space_json(&obj, &obj.vnet, "set_vnet",
				    opts.vnet_modmin, ", ");
				print_space_json(&obj, &obj.pcpu, "set_pcpu",
				    opts.pcpu_modmin, ", ");
				printf("\"complete\": %s, \"warning\": ",
				    obj.incomplete ? "false" : "true");
				if (obj.incomplete)
					json_string(obj.warning);
				else
					printf("null");
				printf("}");
			} else {
				if (!obj.vnet.present && !obj.pcpu.present)
					printf("%s: no set_vnet or set_pcpu\n",
					    obj.path);
				print_space_text(&obj, &obj.vnet, "set_vnet",
				    opts.vnet_modmin);
				print_space_text(&obj, &obj.pcpu, "set_pcpu",
				    opts.pcpu_modmin);
			}
			first = 0;
			over |= gate(&obj);
			ms_object_free(&obj);
		}
		free_list(files, n);
	}
	if (opts.json && !quiet)
		printf("]}\n");
	return (bad_input ? 2 : over);
}

/*
 * Diff: per module and per symbol, like bloaty's diff mode.
 */
static const struct ms_symbol *
find_sym(const struct ms_space *sp, const char *name)
{
	size_t i;

	for (i = 0; i < sp->nsyms; i++)
		if (strcmp(sp->syms[i].name, name) == 0)
			return (&sp->syms[i]);
	return (NULL);
}

/* "+N" or "-N" for NEW - OLD, whatever their size: no signed overflow. */
static void
print_delta(uint64_t o, uint64_t n)
{

	if (n >= o)
		printf("+%" PRIu64, n - o);
	else
		printf("-%" PRIu64, o - n);
}

static void
diff_space(const char *module, const struct ms_space *o,
    const struct ms_space *n, const char *section)
{
	const struct ms_symbol *s;
	size_t i;
	int changed;

	if (!o->present && !n->present)
		return;
	/* Only what changed: identical inputs print nothing. */
	changed = o->present != n->present || o->size != n->size;
	for (i = 0; !changed && i < n->nsyms; i++) {
		s = find_sym(o, n->syms[i].name);
		changed = s == NULL || s->size != n->syms[i].size;
	}
	for (i = 0; !changed && i < o->nsyms; i++)
		changed = find_sym(n, o->syms[i].name) == NULL;
	if (!changed)
		return;
	printf("%s: %s %" PRIu64 " -> %" PRIu64 " bytes (", module, section,
	    o->size, n->size);
	print_delta(o->size, n->size);
	printf(")\n");
	/* Symbols of the new build, then those only in the old one. */
	for (i = 0; i < n->nsyms; i++) {
		s = find_sym(o, n->syms[i].name);
		if (s == NULL) {
			printf("  %-40s      new -> %7" PRIu64 " (",
			    n->syms[i].name, n->syms[i].size);
			print_delta(0, n->syms[i].size);
			printf(")\n");
		} else if (s->size != n->syms[i].size) {
			printf("  %-40s %7" PRIu64 " -> %7" PRIu64 " (",
			    n->syms[i].name, s->size, n->syms[i].size);
			print_delta(s->size, n->syms[i].size);
			printf(")\n");
		}
	}
	for (i = 0; i < o->nsyms; i++)
		if (find_sym(n, o->syms[i].name) == NULL) {
			printf("  %-40s %7" PRIu64 " ->    gone (",
			    o->syms[i].name, o->syms[i].size);
			print_delta(o->syms[i].size, 0);
			printf(")\n");
		}
}

static const char *
base(const char *path)
{
	const char *p;

	p = strrchr(path, '/');
	return (p != NULL ? p + 1 : path);
}

static int
diff(const char *oldp, const char *newp)
{
	struct ms_object o, n;
	struct stat st;
	char **ol, **nl;
	size_t on, nn, i, j;
	int dirs;

	dirs = stat(oldp, &st) == 0 && S_ISDIR(st.st_mode);
	ol = expand(oldp, &on);
	nl = expand(newp, &nn);
	for (i = 0; i < nn; i++) {
		for (j = 0; j < on; j++)
			if (!dirs || strcmp(base(ol[j]), base(nl[i])) == 0)
				break;
		if (load(nl[i], &n) != 0)
			continue;
		if (j == on) {
			memset(&o, 0, sizeof(o));
			printf("%s: new module\n", base(nl[i]));
			diff_space(base(nl[i]), &o.vnet, &n.vnet, "set_vnet");
			diff_space(base(nl[i]), &o.pcpu, &n.pcpu, "set_pcpu");
		} else if (load(ol[j], &o) == 0) {
			diff_space(base(nl[i]), &o.vnet, &n.vnet, "set_vnet");
			diff_space(base(nl[i]), &o.pcpu, &n.pcpu, "set_pcpu");
			ms_object_free(&o);
		}
		ms_object_free(&n);
	}
	for (j = 0; dirs && j < on; j++) {
		for (i = 0; i < nn; i++)
			if (strcmp(base(ol[j]), base(nl[i])) == 0)
				break;
		if (i == nn)
			printf("%s: module gone\n", base(ol[j]));
	}
	free_list(ol, on);
	free_list(nl, nn);
	return (bad_input ? 2 : 0);
}

/*
 * Load simulation: the kernel's module-space allocator, first fit over
 * free extents, requests rounded up to 8 bytes, unload frees.
 */
struct extent {
	uint64_t	off;
	uint64_t	len;
	char		*owner;		/* NULL: free */
};

struct arena {
	const char	*what;		/* "vnet", "pcpu" */
	struct extent	*ext;
	size_t		 n;
};

static void
arena_init(struct arena *a, const char *what, uint64_t size)
{

	a->what = what;
	a->ext = calloc(1, sizeof(*a->ext));
	if (a->ext == NULL)
		err(2, "out of memory");
	a->ext[0].len = size;
	a->n = 1;
}

/* Returns the offset, or UINT64_MAX when nothing fits. */
static uint64_t
arena_alloc(struct arena *a, uint64_t len, const char *owner)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		if (a->ext[i].owner != NULL || a->ext[i].len < len)
			continue;
		if (a->ext[i].len > len) {
			a->ext = realloc(a->ext, (a->n + 1) * sizeof(*a->ext));
			if (a->ext == NULL)
				err(2, "out of memory");
			memmove(&a->ext[i + 1], &a->ext[i],
			    (a->n - i) * sizeof(*a->ext));
			a->n++;
			a->ext[i + 1].off = a->ext[i].off + len;
			a->ext[i + 1].len = a->ext[i].len - len;
			a->ext[i + 1].owner = NULL;
			a->ext[i].len = len;
		}
		if ((a->ext[i].owner = strdup(owner)) == NULL)
			err(2, "out of memory");
		return (a->ext[i].off);
	}
	return (UINT64_MAX);
}

/* Frees OWNER's extents; returns how many it had. */
static int
arena_free(struct arena *a, const char *owner)
{
	size_t i;
	int found;

	found = 0;
	for (i = 0; i < a->n; i++)
		if (a->ext[i].owner != NULL &&
		    strcmp(a->ext[i].owner, owner) == 0) {
			free(a->ext[i].owner);
			a->ext[i].owner = NULL;
			found++;
		}
	/* Merge neighbouring free extents. */
	for (i = 0; i + 1 < a->n;) {
		if (a->ext[i].owner == NULL && a->ext[i + 1].owner == NULL) {
			a->ext[i].len += a->ext[i + 1].len;
			memmove(&a->ext[i + 1], &a->ext[i + 2],
			    (a->n - i - 2) * sizeof(*a->ext));
			a->n--;
		} else
			i++;
	}
	return (found);
}

static uint64_t
arena_left(const struct arena *a, uint64_t *largest)
{
	uint64_t left;
	size_t i;

	left = *largest = 0;
	for (i = 0; i < a->n; i++)
		if (a->ext[i].owner == NULL) {
			left += a->ext[i].len;
			if (a->ext[i].len > *largest)
				*largest = a->ext[i].len;
		}
	return (left);
}

static void
arena_done(struct arena *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->ext[i].owner);
	free(a->ext);
}

/* One module against one arena; returns 1 if it does not fit. */
static int
place(struct arena *a, const struct ms_object *obj, const struct ms_space *sp)
{
	uint64_t need, at, left, largest;

	if (!sp->present || sp->size == 0)
		return (0);
	need = ms_module_cost(obj, sp->size);
	at = arena_alloc(a, need, base(obj->path));
	left = arena_left(a, &largest);
	if (at == UINT64_MAX) {
		/*
		 * amd64's words with the kernel's number: the section's own
		 * size (the request is rounded only inside the allocator).
		 */
		printf("%s: FAILS: link_elf_load_file: %s module space is out "
		    "of space; cannot allocate %#" PRIx64 " for %s (%" PRIu64
		    " bytes free, largest extent %" PRIu64 ")\n",
		    base(obj->path), a->what, sp->raw_size, obj->path, left,
		    largest);
		return (1);
	}
	printf("%s: %s %" PRIu64 " bytes at offset %#" PRIx64 ", %" PRIu64
	    " bytes left\n", base(obj->path), a->what, need, at, left);
	return (0);
}

/* The state of arena A as a bar of PIC. */
static struct pic_bar *
snapshot(struct picture *pic, const struct arena *a, const char *when)
{
	struct pic_bar *bar;
	char *caption;
	uint64_t size;
	size_t i;

	size = 0;
	for (i = 0; i < a->n; i++)
		size += a->ext[i].len;
	caption = xasprintf("%s module space %s", a->what, when);
	bar = pic_add_bar(pic, caption, size);
	free(caption);
	for (i = 0; i < a->n; i++)
		pic_add_extent(pic, bar, a->ext[i].off, a->ext[i].len,
		    a->ext[i].owner);
	return (bar);
}

/* Appends a step, formatted, to the sequence the subtitle lists. */
static void sequence_add(char **seq, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
sequence_add(char **seq, const char *fmt, ...)
{
	va_list ap;
	char *step, *s;

	va_start(ap, fmt);
	if (vasprintf(&step, fmt, ap) < 0)
		err(2, "out of memory");
	va_end(ap);
	s = xasprintf("%s%s%s", *seq != NULL ? *seq : "",
	    *seq != NULL ? "; " : "", step);
	free(step);
	free(*seq);
	*seq = s;
}

static int
is_loaded(const char **loaded, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(loaded[i], name) == 0)
			return (1);
	return (0);
}

static void
forget(const char **loaded, size_t *n, const char *name)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(loaded[i], name) == 0) {
			loaded[i] = loaded[--*n];
			return;
		}
}

static int
simulate(const char *kernel, int argc, char **argv)
{
	struct ms_object k, m;
	struct arena vnet, pcpu;
	struct picture pic;
	struct pic_bar *bar;
	const char **loaded;
	char *seq, *when;
	uint64_t vres, pres, largest;
	size_t nloaded;
	int i, failed, v, p, drawing;

	if (load(kernel, &k) != 0)
		return (2);
	vres = opts.reserve != 0 ? opts.reserve : k.vnet.reserve;
	pres = opts.pcpu_reserve != 0 ? opts.pcpu_reserve : k.pcpu.reserve;
	ms_object_free(&k);
	if (vres == 0) {
		warnx("%s: no vnet_entry_modspace reserve in set_vnet; pass "
		    "--reserve", kernel);
		return (2);
	}
	arena_init(&vnet, "vnet", vres);
	arena_init(&pcpu, "pcpu", pres);
	/* The modules loaded, by name; at most one per argument. */
	loaded = calloc((size_t)argc + 1, sizeof(*loaded));
	if (loaded == NULL)
		err(2, "out of memory");
	nloaded = 0;
	printf("%s: vnet module space %" PRIu64 " bytes, pcpu %" PRIu64
	    " bytes\n", kernel, vres, pres);
	drawing = opts.svg != NULL || opts.html != NULL;
	when = xasprintf("Module space of %s", base(kernel));
	pic_init(&pic, when);
	free(when);
	seq = NULL;
	failed = 0;
	for (i = 0; i < argc; i++) {
		if (strncmp(argv[i], "unload:", 7) == 0) {
			if (!is_loaded(loaded, nloaded, base(argv[i] + 7))) {
				warnx("%s: %s was not loaded", argv[i],
				    base(argv[i] + 7));
				bad_input = 1;
				continue;
			}
			(void)arena_free(&vnet, base(argv[i] + 7));
			(void)arena_free(&pcpu, base(argv[i] + 7));
			forget(loaded, &nloaded, base(argv[i] + 7));
			printf("%s: unloaded\n", base(argv[i] + 7));
			sequence_add(&seq, "unload %s", base(argv[i] + 7));
			when = xasprintf("after unload %s", base(argv[i] + 7));
			if (drawing && opts.steps) {
				(void)snapshot(&pic, &vnet, when);
				if (pres != 0)
					(void)snapshot(&pic, &pcpu, when);
			}
			free(when);
			continue;
		}
		if (load(argv[i], &m) != 0)
			continue;
		if (is_loaded(loaded, nloaded, base(m.path))) {
			warnx("%s: %s is loaded already", argv[i],
			    base(m.path));
			bad_input = 1;
			ms_object_free(&m);
			continue;
		}
		v = place(&vnet, &m, &m.vnet);
		p = v ? 0 : place(&pcpu, &m, &m.pcpu);
		if (p)	/* the load fails as a whole */
			(void)arena_free(&vnet, base(m.path));
		sequence_add(&seq, v || p ? "load %s: FAILS" : "load %s",
		    base(m.path));
		when = xasprintf(v || p ? "when %s fails to load" :
		    "after load %s", base(m.path));
		if (drawing && (v || p)) {
			/* The space it did not fit in, and it past the end. */
			bar = snapshot(&pic, v ? &vnet : &pcpu, when);
			(void)arena_left(v ? &vnet : &pcpu, &largest);
			pic_failed(&pic, bar, base(m.path), ms_module_cost(&m,
			    v ? m.vnet.size : m.pcpu.size), largest);
		} else if (drawing && opts.steps) {
			/* The spaces the module took. */
			if (m.vnet.present && m.vnet.size != 0)
				(void)snapshot(&pic, &vnet, when);
			if (m.pcpu.present && m.pcpu.size != 0)
				(void)snapshot(&pic, &pcpu, when);
		}
		free(when);
		if (!v && !p && !m.vnet.present && !m.pcpu.present)
			printf("%s: loads, no module space\n", base(m.path));
		if (!v && !p)
			loaded[nloaded++] = base(argv[i]);
		failed |= v | p;
		ms_object_free(&m);
	}
	if (drawing && bad_input)
		warnx("no picture written: the sequence could not be "
		    "replayed");
	else if (drawing) {
		if (seq != NULL) {
			when = seq;
			seq = xasprintf("replayed: %s%s; %s", base(kernel),
			    pres == 0 ? " (no pcpu module space)" : "", when);
			free(when);
			pic_subtitle(&pic, seq);
		}
		(void)snapshot(&pic, &vnet, "at the end");
		if (pres != 0)
			(void)snapshot(&pic, &pcpu, "at the end");
		if (pic_write_all(&pic, opts.svg, opts.html) != 0)
			bad_input = 1;
	}
	free(seq);
	pic_free(&pic);
	arena_done(&vnet);
	arena_done(&pcpu);
	free(loaded);
	return (bad_input ? 2 : failed);
}

/* Whether A and B name one file: the same name, or the same inode. */
static int
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (strcmp(a, b) == 0)
		return (1);
	return (stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino);
}

static void
usage(void)
{

	fprintf(stderr,
	    "usage: modspace-elf [--json] [--budget N] [--pcpu-budget N] "
	    "[--table]\n"
	    "                    [--vnet-modmin N] [--pcpu-modmin N] file|dir ...\n"
	    "       modspace-elf --diff old new\n"
	    "       modspace-elf --load kernel [--reserve N] "
	    "[--pcpu-reserve N]\n"
	    "                    [--svg file] [--html file] [--steps] "
	    "module|unload:module ...\n");
	exit(EX_USAGE);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "table", no_argument, NULL, 't' },
		{ "budget", required_argument, NULL, 'b' },
		{ "pcpu-budget", required_argument, NULL, 'B' },
		{ "vnet-modmin", required_argument, NULL, 'm' },
		{ "pcpu-modmin", required_argument, NULL, 'M' },
		{ "diff", no_argument, NULL, 'd' },
		{ "load", required_argument, NULL, 'l' },
		{ "reserve", required_argument, NULL, 'r' },
		{ "pcpu-reserve", required_argument, NULL, 'R' },
		{ "svg", required_argument, NULL, 's' },
		{ "html", required_argument, NULL, 'H' },
		{ "steps", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *kernel, *in;
	int ch, do_diff, i;

	kernel = NULL;
	do_diff = 0;
	while ((ch = getopt_long(argc, argv, "jtb:dl:h", longopts, NULL)) != -1)
		switch (ch) {
		case 'j':
			opts.json = 1;
			break;
		case 't':
			opts.table = 1;
			break;
		case 'b':
			opts.budget = parse_bytes("budget", optarg);
			opts.gated = 1;
			break;
		case 'B':
			opts.pcpu_budget = parse_bytes("pcpu-budget", optarg);
			opts.gated = 1;
			break;
		case 'm':
			opts.vnet_modmin = parse_bytes("vnet-modmin", optarg);
			if (opts.vnet_modmin == 0)
				errx(EX_USAGE, "--vnet-modmin 0: the module "
				    "space cannot be empty");
			break;
		case 'M':
			opts.pcpu_modmin = parse_bytes("pcpu-modmin", optarg);
			if (opts.pcpu_modmin == 0)
				errx(EX_USAGE, "--pcpu-modmin 0: the module "
				    "space cannot be empty");
			break;
		case 'd':
			do_diff = 1;
			break;
		case 'l':
			kernel = optarg;
			break;
		case 'r':
			opts.reserve = parse_bytes("reserve", optarg);
			if (opts.reserve == 0)
				errx(EX_USAGE, "--reserve 0: the module space "
				    "cannot be empty");
			break;
		case 'R':
			opts.pcpu_reserve = parse_bytes("pcpu-reserve", optarg);
			if (opts.pcpu_reserve == 0)
				errx(EX_USAGE, "--pcpu-reserve 0: the module "
				    "space cannot be empty");
			break;
		case 's':
			opts.svg = optarg;
			break;
		case 'H':
			opts.html = optarg;
			break;
		case 'S':
			opts.steps = 1;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (opts.steps && opts.svg == NULL && opts.html == NULL)
		errx(EX_USAGE, "--steps: give --svg or --html to draw them");
	if ((opts.svg != NULL && *opts.svg == '\0') ||
	    (opts.html != NULL && *opts.html == '\0'))
		errx(EX_USAGE, "--svg, --html: the file name is empty");
	if (opts.svg != NULL && opts.html != NULL &&
	    same_file(opts.svg, opts.html))
		errx(EX_USAGE, "--svg %s, --html %s: the same file", opts.svg,
		    opts.html);
	if (kernel != NULL) {
		/* A picture must not replace what it is drawn from. */
		for (i = -1; i < argc; i++) {
			in = i < 0 ? kernel : strncmp(argv[i], "unload:", 7) ==
			    0 ? NULL : argv[i];
			if (in != NULL && ((opts.svg != NULL &&
			    same_file(opts.svg, in)) || (opts.html != NULL &&
			    same_file(opts.html, in))))
				errx(EX_USAGE, "%s: an input cannot be the "
				    "picture", in);
		}
		return (simulate(kernel, argc, argv));
	}
	if (kernel == NULL && (opts.svg != NULL || opts.html != NULL ||
	    opts.steps))
		errx(EX_USAGE, "--svg, --html and --steps draw a --load "
		    "sequence");
	if (do_diff) {
		if (argc != 2)
			usage();
		return (diff(argv[0], argv[1]));
	}
	if (argc == 0)
		usage();
	return (report(argc, argv));
}

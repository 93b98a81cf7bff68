/*
 * elfobj: reads set_vnet/set_pcpu and their symbols with libelf.
 * style(9).
 *
 * A gate must never pass a file it did not read: every part that decides
 * the figures (the section headers, every section's name, the two
 * sections' sizes) is read or the file is an error; a part that only
 * lists the variables (the symbol table) is read or the object is marked
 * incomplete, with a warning.  Every offset and size from the file is
 * checked against the file's length before libelf is asked for the data
 * behind it, and compressed sections are read through elf_compress().
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elfobj.h"

#define	MAX_FILE	((uint64_t)1 << 31)	/* 2 GiB: a kernel is ~100 MB */

static int
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return (-1);
}

/* Records the first problem with a part that is not essential. */
static void
incomplete(struct ms_object *obj, const char *fmt, ...)
{
	va_list ap;

	if (obj->incomplete)
		return;
	obj->incomplete = 1;
	va_start(ap, fmt);
	vsnprintf(obj->warning, sizeof(obj->warning), fmt, ap);
	va_end(ap);
}

static int
symcmp(const void *a, const void *b)
{
	const struct ms_symbol *x = a, *y = b;

	if (x->size != y->size)
		return (x->size > y->size ? -1 : 1);
	return (strcmp(x->name, y->name));
}

static int
add_symbol(struct ms_space *sp, const char *name, const GElf_Sym *sym)
{
	struct ms_symbol *n;

	n = realloc(sp->syms, (sp->nsyms + 1) * sizeof(*sp->syms));
	if (n == NULL)
		return (-1);
	sp->syms = n;
	sp->syms[sp->nsyms].name = strdup(name);
	if (sp->syms[sp->nsyms].name == NULL)
		return (-1);
	sp->syms[sp->nsyms].size = sym->st_size;
	sp->syms[sp->nsyms].value = sym->st_value;
	sp->nsyms++;
	return (0);
}

/* Whether [off, off + size) lies in a file of LEN bytes. */
static int
in_file(uint64_t off, uint64_t size, uint64_t len)
{

	return (off <= len && size <= len - off);
}

/*
 * Makes the data of a compressed section readable (elf_compress with
 * type 0 decompresses it in memory).  Returns 0, or -1 with a reason.
 */
static int
readable(Elf_Scn *scn, const char *what, char *err, size_t errlen)
{
	GElf_Shdr sh;

	if (gelf_getshdr(scn, &sh) == NULL)
		return (fail(err, errlen, "%s: bad section header: %s", what,
		    elf_errmsg(-1)));
	if ((sh.sh_flags & SHF_COMPRESSED) == 0)
		return (0);
	if (elf_compress(scn, 0, 0) < 0)
		return (fail(err, errlen, "%s is marked compressed but cannot "
		    "be decompressed: %s", what, elf_errmsg(-1)));
	return (0);
}

/* Fills SP from the header of section SCN, named NAME. */
static int
take_section(Elf_Scn *scn, const GElf_Shdr *sh, const char *name,
    struct ms_space *sp, char *err, size_t errlen)
{
	if (sp->present)
		return (fail(err, errlen, "two %s sections (%zu and %zu): no "
		    "kernel linker output has that", name, sp->index,
		    elf_ndxscn(scn)));
	/* The kernel linker loads only these two kinds. */
	if (sh->sh_type != SHT_PROGBITS && sh->sh_type != SHT_NOBITS)
		return (fail(err, errlen, "%s has type %#x, neither PROGBITS "
		    "nor NOBITS", name, sh->sh_type));
	if ((sh->sh_addralign & (sh->sh_addralign - 1)) != 0)
		return (fail(err, errlen, "%s's alignment %ju is not a power of "
		    "two", name, (uintmax_t)sh->sh_addralign));
	sp->present = 1;
	sp->index = elf_ndxscn(scn);
	sp->addr = sh->sh_addr;
	sp->raw_size = sh->sh_size;
	sp->size = sh->sh_size;
	sp->align = sh->sh_addralign;
	/*
	 * No kernel linker decompresses a section it loads (and the gABI
	 * forbids SHF_COMPRESSED on allocated ones): its size would be
	 * neither what the kernel asks for nor what it needs.
	 */
	if (sh->sh_flags & SHF_COMPRESSED)
		return (fail(err, errlen, "%s is marked compressed, which no "
		    "kernel linker undoes", name));
	return (0);
}

/*
 * The symbols defined in the two sections.  Problems here make the
 * object incomplete (its figures stand, its list of variables does not),
 * except memory exhaustion.
 */
static int
read_symbols(Elf *e, const GElf_Ehdr *eh, size_t nsect, Elf_Scn *symscn,
    struct ms_object *obj, char *err, size_t errlen)
{
	GElf_Shdr symsh, strsh, xsh;
	Elf_Scn *strscn, *xscn;
	Elf_Data *data, *xdata;
	GElf_Sym sym;
	Elf32_Word xndx;
	size_t entsize, i, n, shndx;
	const char *name;
	char why[128];
	struct ms_space *sp;
	uint64_t off;

	if (readable(symscn, "the symbol table", why, sizeof(why)) != 0) {
		incomplete(obj, "%s", why);
		return (0);
	}
	if (gelf_getshdr(symscn, &symsh) == NULL) {
		incomplete(obj, "bad symbol table header");
		return (0);
	}
	entsize = gelf_fsize(e, ELF_T_SYM, 1, EV_CURRENT);
	if (symsh.sh_entsize != entsize) {
		incomplete(obj, "bad symbol table: entries of %ju bytes, not "
		    "%zu", (uintmax_t)symsh.sh_entsize, entsize);
		return (0);
	}
	if (symsh.sh_link == 0 || symsh.sh_link >= nsect ||
	    (strscn = elf_getscn(e, symsh.sh_link)) == NULL ||
	    gelf_getshdr(strscn, &strsh) == NULL ||
	    strsh.sh_type != SHT_STRTAB) {
		incomplete(obj, "bad symbol table: its string table (section "
		    "%u) is not one", symsh.sh_link);
		return (0);
	}
	if (readable(strscn, "the symbol string table", why,
	    sizeof(why)) != 0) {
		incomplete(obj, "%s", why);
		return (0);
	}
	/* Section indexes past SHN_LORESERVE live in SHT_SYMTAB_SHNDX. */
	xdata = NULL;
	for (xscn = NULL; (xscn = elf_nextscn(e, xscn)) != NULL;)
		if (gelf_getshdr(xscn, &xsh) != NULL &&
		    xsh.sh_type == SHT_SYMTAB_SHNDX &&
		    xsh.sh_link == elf_ndxscn(symscn))
			xdata = elf_getdata(xscn, NULL);
	data = elf_getdata(symscn, NULL);
	if (data == NULL) {
		incomplete(obj, "cannot read the symbol table: %s",
		    elf_errmsg(-1));
		return (0);
	}
	n = data->d_size / entsize;
	if (data->d_size % entsize != 0)
		incomplete(obj, "the symbol table's size is not a whole number "
		    "of entries");
	for (i = 0; i < n; i++) {
		if (gelf_getsymshndx(data, xdata, (int)i, &sym, &xndx) ==
		    NULL) {
			incomplete(obj, "symbol %zu cannot be read: %s", i,
			    elf_errmsg(-1));
			break;
		}
		shndx = sym.st_shndx == SHN_XINDEX ? xndx : sym.st_shndx;
		if (obj->vnet.present && shndx == obj->vnet.index)
			sp = &obj->vnet;
		else if (obj->pcpu.present && shndx == obj->pcpu.index)
			sp = &obj->pcpu;
		else
			continue;
		if (GELF_ST_TYPE(sym.st_info) == STT_SECTION)
			continue;
		name = elf_strptr(e, symsh.sh_link, sym.st_name);
		if (name == NULL) {
			incomplete(obj, "symbol %zu in %s: its name (offset %u) "
			    "is not in the string table", i, sp == &obj->vnet ?
			    "set_vnet" : "set_pcpu", sym.st_name);
			continue;
		}
		if (strncmp(name, sp == &obj->vnet ? "vnet_entry_" :
		    "pcpu_entry_", 11) != 0)
			continue;
		/* In a relocatable file the value is an offset. */
		off = sym.st_value;
		if (eh->e_type != ET_REL)
			off = sym.st_value >= sp->addr ? sym.st_value -
			    sp->addr : UINT64_MAX;
		if (off > sp->size || sym.st_size > sp->size - off)
			incomplete(obj, "symbol %s (%ju bytes at %#jx) lies "
			    "outside its section's %ju bytes", name,
			    (uintmax_t)sym.st_size, (uintmax_t)off,
			    (uintmax_t)sp->size);
		if (strcmp(name, sp == &obj->vnet ? "vnet_entry_modspace" :
		    "pcpu_entry_modspace") == 0)
			sp->reserve = sym.st_size;
		if (add_symbol(sp, name, &sym) != 0)
			return (fail(err, errlen, "out of memory"));
	}
	return (0);
}

static int
read_elf(Elf *e, uint64_t len, struct ms_object *obj, char *err,
    size_t errlen)
{
	GElf_Ehdr eh;
	GElf_Shdr sh, strsh;
	Elf_Scn *scn, *symscn, *strscn;
	Elf_Data *names;
	size_t shstrndx, nsect, shnum;
	const char *name;

	if (elf_kind(e) != ELF_K_ELF)
		return (fail(err, errlen, "not an ELF file"));
	if (gelf_getehdr(e, &eh) == NULL)
		return (fail(err, errlen, "bad ELF header: %s",
		    elf_errmsg(-1)));
	obj->class = eh.e_ident[EI_CLASS] == ELFCLASS32 ? 32 : 64;
	obj->big_endian = eh.e_ident[EI_DATA] == ELFDATA2MSB;
	obj->kind = eh.e_type == ET_REL ? "relocatable" :
	    eh.e_type == ET_DYN ? "shared" :
	    eh.e_type == ET_EXEC ? "executable" : "other";
	if (elf_getshdrnum(e, &nsect) != 0 ||
	    elf_getshdrstrndx(e, &shstrndx) != 0)
		return (fail(err, errlen, "bad section headers: %s",
		    elf_errmsg(-1)));
	/*
	 * libelf takes a section header table outside the file for an empty
	 * one: check it is all inside, entry by entry.
	 */
	shnum = nsect > eh.e_shnum ? nsect : eh.e_shnum;
	if (shnum != 0 && eh.e_shentsize != (obj->class == 32 ?
	    sizeof(Elf32_Shdr) : sizeof(Elf64_Shdr)))
		return (fail(err, errlen, "bad section header size %u",
		    eh.e_shentsize));
	if (shnum != 0 && eh.e_shoff == 0)
		return (fail(err, errlen, "section headers at offset 0"));
	if (shnum != 0 && (shnum > len / eh.e_shentsize ||
	    !in_file(eh.e_shoff, (uint64_t)shnum * eh.e_shentsize, len)))
		return (fail(err, errlen, "%zu section headers at offset %#jx "
		    "do not fit in the file's %ju bytes", shnum,
		    (uintmax_t)eh.e_shoff, (uintmax_t)len));
	/* Without section headers, set_vnet cannot be told from the rest. */
	if (nsect == 0)
		return (fail(err, errlen, "no section headers: set_vnet and "
		    "set_pcpu cannot be found"));
	if (shstrndx == SHN_UNDEF || shstrndx >= nsect)
		return (fail(err, errlen, "section name table index %zu out "
		    "of %zu sections", shstrndx, nsect));
	if ((strscn = elf_getscn(e, shstrndx)) == NULL ||
	    gelf_getshdr(strscn, &strsh) == NULL ||
	    strsh.sh_type != SHT_STRTAB)
		return (fail(err, errlen, "section %zu, the section name "
		    "table, is not a string table", shstrndx));

	/* Section 0 is all zeros but for the extended counts. */
	if ((scn = elf_getscn(e, 0)) == NULL || gelf_getshdr(scn, &sh) == NULL ||
	    sh.sh_type != SHT_NULL || sh.sh_name != 0)
		return (fail(err, errlen, "section 0 is not the null section"));
	/* Every header first: a decompression needs valid offsets. */
	for (scn = NULL; (scn = elf_nextscn(e, scn)) != NULL;) {
		if (gelf_getshdr(scn, &sh) == NULL)
			return (fail(err, errlen, "bad section header: %s",
			    elf_errmsg(-1)));
		if (sh.sh_type != SHT_NOBITS &&
		    !in_file(sh.sh_offset, sh.sh_size, len))
			return (fail(err, errlen, "section %zu extends past the "
			    "end of the file", elf_ndxscn(scn)));
	}
	if (readable(strscn, "the section name table", err, errlen) != 0)
		return (-1);
	if ((names = elf_getdata(strscn, NULL)) == NULL ||
	    names->d_size == 0 || names->d_buf == NULL ||
	    ((const char *)names->d_buf)[names->d_size - 1] != '\0')
		return (fail(err, errlen, "the section name table (section %zu) "
		    "does not end with a NUL", shstrndx));

	/* The two sections and the symbol table, by name. */
	symscn = NULL;
	for (scn = NULL; (scn = elf_nextscn(e, scn)) != NULL;) {
		if (gelf_getshdr(scn, &sh) == NULL)
			return (fail(err, errlen, "bad section header: %s",
			    elf_errmsg(-1)));
		if (sh.sh_type == SHT_SYMTAB ||
		    (sh.sh_type == SHT_DYNSYM && symscn == NULL))
			symscn = scn;
		/* A section whose name is unknown could be set_vnet. */
		name = elf_strptr(e, shstrndx, sh.sh_name);
		if (name == NULL)
			return (fail(err, errlen, "section %zu: its name (offset "
			    "%u) is not in the section name table",
			    elf_ndxscn(scn), sh.sh_name));
		if (strcmp(name, "set_vnet") == 0) {
			if (take_section(scn, &sh, name, &obj->vnet, err,
			    errlen) != 0)
				return (-1);
		} else if (strcmp(name, "set_pcpu") == 0) {
			if (take_section(scn, &sh, name, &obj->pcpu, err,
			    errlen) != 0)
				return (-1);
		}
	}
	if (!obj->vnet.present && !obj->pcpu.present)
		return (0);
	if (symscn == NULL) {
		incomplete(obj, "no symbol table: its variables cannot be "
		    "listed");
		return (0);
	}
	if (read_symbols(e, &eh, nsect, symscn, obj, err, errlen) != 0)
		return (-1);
	if (obj->vnet.nsyms > 1)
		qsort(obj->vnet.syms, obj->vnet.nsyms,
		    sizeof(struct ms_symbol), symcmp);
	if (obj->pcpu.nsyms > 1)
		qsort(obj->pcpu.syms, obj->pcpu.nsyms,
		    sizeof(struct ms_symbol), symcmp);
	return (0);
}

/* The checks every file gets before libelf sees it. */
static int
check_ident(const unsigned char *ident, size_t len, char *err, size_t errlen)
{

	if (len < EI_NIDENT || memcmp(ident, ELFMAG, SELFMAG) != 0)
		return (fail(err, errlen, "not an ELF file"));
	if (ident[EI_CLASS] != ELFCLASS32 && ident[EI_CLASS] != ELFCLASS64)
		return (fail(err, errlen, "bad ELF class %u", ident[EI_CLASS]));
	if (ident[EI_DATA] != ELFDATA2LSB && ident[EI_DATA] != ELFDATA2MSB)
		return (fail(err, errlen, "bad ELF byte order %u",
		    ident[EI_DATA]));
	return (0);
}

int
ms_read_memory(const char *path, const void *buf, size_t len,
    struct ms_object *obj, char *err, size_t errlen)
{
	Elf *e;
	int rc;

	memset(obj, 0, sizeof(*obj));
	obj->path = strdup(path);
	if (obj->path == NULL)
		return (fail(err, errlen, "out of memory"));
	if (elf_version(EV_CURRENT) == EV_NONE)
		return (fail(err, errlen, "libelf: %s", elf_errmsg(-1)));
	if (check_ident(buf, len, err, errlen) != 0)
		return (-1);
	/* elf_memory() takes a writable image; callers pass their own copy. */
	e = elf_memory((char *)(uintptr_t)buf, len);
	if (e == NULL)
		return (fail(err, errlen, "libelf: %s", elf_errmsg(-1)));
	rc = read_elf(e, len, obj, err, errlen);
	elf_end(e);
	return (rc);
}

int
ms_read_file(const char *path, struct ms_object *obj, char *err,
    size_t errlen)
{
	unsigned char ident[EI_NIDENT];
	struct stat st;
	ssize_t got;
	Elf *e;
	int fd, rc;

	memset(obj, 0, sizeof(*obj));
	obj->path = strdup(path);
	if (obj->path == NULL)
		return (fail(err, errlen, "out of memory"));
	if (elf_version(EV_CURRENT) == EV_NONE)
		return (fail(err, errlen, "libelf: %s", elf_errmsg(-1)));
	/* O_NONBLOCK: a FIFO must not block before fstat() rejects it. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return (fail(err, errlen, "%s", strerror(errno)));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return (fail(err, errlen, "not a regular file"));
	}
	if ((uint64_t)st.st_size > MAX_FILE) {
		close(fd);
		return (fail(err, errlen, "larger than %ju bytes",
		    (uintmax_t)MAX_FILE));
	}
	got = pread(fd, ident, sizeof(ident), 0);
	if (check_ident(ident, got > 0 ? (size_t)got : 0, err, errlen) != 0) {
		close(fd);
		return (-1);
	}
	/*
	 * Mapped, not read whole: a kernel is large.  The private mapping
	 * lets elf_compress() decompress a section in memory.
	 */
	e = elf_begin(fd, ELF_C_READ_MMAP_PRIVATE, NULL);
	if (e == NULL) {
		close(fd);
		return (fail(err, errlen, "libelf: %s", elf_errmsg(-1)));
	}
	rc = read_elf(e, (uint64_t)st.st_size, obj, err, errlen);
	elf_end(e);
	close(fd);
	return (rc);
}

static void
free_space(struct ms_space *sp)
{
	size_t i;

	for (i = 0; i < sp->nsyms; i++)
		free(sp->syms[i].name);
	free(sp->syms);
}

void
ms_object_free(struct ms_object *obj)
{

	free_space(&obj->vnet);
	free_space(&obj->pcpu);
	free(obj->path);
	memset(obj, 0, sizeof(*obj));
}

uint64_t
ms_module_cost(const struct ms_object *obj, uint64_t size)
{
	uint64_t ptr;

	ptr = obj->class == 32 ? 4 : 8;
	if (size > UINT64_MAX - (ptr - 1))
		return (UINT64_MAX / ptr * ptr);
	return ((size + ptr - 1) / ptr * ptr);
}

int
ms_parse_bytes(const char *s, uint64_t *out)
{
	uint64_t scale, v, digit;
	unsigned base, ndigits;

	scale = 1;
	base = 10;
	ndigits = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (v = 0; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			digit = (uint64_t)(*s - '0');
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			digit = (uint64_t)(*s - 'a' + 10);
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			digit = (uint64_t)(*s - 'A' + 10);
		else
			break;
		if (v > (UINT64_MAX - digit) / base)
			return (-1);
		v = v * base + digit;
		ndigits++;
	}
	if (ndigits == 0)
		return (-1);
	if (*s == 'K' || *s == 'k')
		scale = 1024, s++;
	else if (*s == 'M')
		scale = 1024 * 1024, s++;
	else if (*s == 'G')
		scale = 1024 * 1024 * 1024, s++;
	if (*s != '\0' || v > UINT64_MAX / scale)
		return (-1);
	*out = v * scale;
	return (0);
}

/*
 * elfobj: reads set_vnet/set_pcpu and their symbols with libelf.
 * style(9).  Every offset and size from the file is checked against the
 * file's length before libelf is asked for the data behind it.
 */
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

#define	MAX_FILE	((size_t)1 << 31)	/* 2 GiB: a kernel is ~100 MB */

static int
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return (-1);
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
in_file(uint64_t off, uint64_t size, size_t len)
{

	return (off <= len && size <= len - off);
}

static int
read_elf(Elf *e, const char *path, size_t len, struct ms_object *obj,
    char *err, size_t errlen)
{
	GElf_Ehdr eh;
	GElf_Shdr sh, symsh;
	Elf_Scn *scn, *symscn;
	Elf_Data *data;
	GElf_Sym sym;
	size_t shstrndx, nsect, shnum, vnet_ndx, pcpu_ndx, i, n;
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
		    "do not fit in the file's %zu bytes", shnum,
		    (uintmax_t)eh.e_shoff, len));
	if (nsect != 0 && shstrndx >= nsect)
		return (fail(err, errlen, "section name table index %zu out "
		    "of %zu sections", shstrndx, nsect));

	/* Pass 1: the two sections and the symbol table. */
	vnet_ndx = pcpu_ndx = 0;
	symscn = NULL;
	for (scn = NULL; (scn = elf_nextscn(e, scn)) != NULL;) {
		if (gelf_getshdr(scn, &sh) == NULL)
			return (fail(err, errlen, "bad section header: %s",
			    elf_errmsg(-1)));
		if (sh.sh_type != SHT_NOBITS &&
		    !in_file(sh.sh_offset, sh.sh_size, len))
			return (fail(err, errlen, "section %zu extends past the "
			    "end of the file", elf_ndxscn(scn)));
		if (sh.sh_type == SHT_SYMTAB ||
		    (sh.sh_type == SHT_DYNSYM && symscn == NULL))
			symscn = scn;
		name = elf_strptr(e, shstrndx, sh.sh_name);
		if (name == NULL)
			continue;
		if (strcmp(name, "set_vnet") == 0) {
			vnet_ndx = elf_ndxscn(scn);
			obj->vnet.present = 1;
			obj->vnet.size = sh.sh_size;
			obj->vnet.align = sh.sh_addralign;
		} else if (strcmp(name, "set_pcpu") == 0) {
			pcpu_ndx = elf_ndxscn(scn);
			obj->pcpu.present = 1;
			obj->pcpu.size = sh.sh_size;
			obj->pcpu.align = sh.sh_addralign;
		}
	}
	if (symscn == NULL || (vnet_ndx == 0 && pcpu_ndx == 0))
		return (0);

	/* Pass 2: the symbols defined in those sections. */
	if (gelf_getshdr(symscn, &symsh) == NULL)
		return (fail(err, errlen, "bad symbol table header"));
	if (symsh.sh_entsize == 0 || symsh.sh_link >= nsect)
		return (fail(err, errlen, "bad symbol table"));
	data = elf_getdata(symscn, NULL);
	if (data == NULL)
		return (fail(err, errlen, "cannot read the symbol table: %s",
		    elf_errmsg(-1)));
	n = symsh.sh_size / symsh.sh_entsize;
	for (i = 0; i < n; i++) {
		struct ms_space *sp;

		if (gelf_getsym(data, (int)i, &sym) == NULL)
			break;
		if (sym.st_shndx == vnet_ndx && vnet_ndx != 0)
			sp = &obj->vnet;
		else if (sym.st_shndx == pcpu_ndx && pcpu_ndx != 0)
			sp = &obj->pcpu;
		else
			continue;
		name = elf_strptr(e, symsh.sh_link, sym.st_name);
		if (name == NULL || GELF_ST_TYPE(sym.st_info) == STT_SECTION)
			continue;
		if (strcmp(name, sp == &obj->vnet ? "vnet_entry_modspace" :
		    "pcpu_entry_modspace") == 0)
			sp->reserve = sym.st_size;
		if (strncmp(name, sp == &obj->vnet ? "vnet_entry_" :
		    "pcpu_entry_", 11) != 0)
			continue;
		if (add_symbol(sp, name, &sym) != 0)
			return (fail(err, errlen, "out of memory"));
	}
	if (obj->vnet.nsyms > 1)
		qsort(obj->vnet.syms, obj->vnet.nsyms,
		    sizeof(struct ms_symbol), symcmp);
	if (obj->pcpu.nsyms > 1)
		qsort(obj->pcpu.syms, obj->pcpu.nsyms,
		    sizeof(struct ms_symbol), symcmp);
	(void)path;
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
	if (len < EI_NIDENT || memcmp(buf, ELFMAG, SELFMAG) != 0)
		return (fail(err, errlen, "not an ELF file"));
	if (((const unsigned char *)buf)[EI_CLASS] != ELFCLASS32 &&
	    ((const unsigned char *)buf)[EI_CLASS] != ELFCLASS64)
		return (fail(err, errlen, "bad ELF class %u",
		    ((const unsigned char *)buf)[EI_CLASS]));
	if (((const unsigned char *)buf)[EI_DATA] != ELFDATA2LSB &&
	    ((const unsigned char *)buf)[EI_DATA] != ELFDATA2MSB)
		return (fail(err, errlen, "bad ELF byte order %u",
		    ((const unsigned char *)buf)[EI_DATA]));
	/* elf_memory() takes a writable image; callers pass their own copy. */
	e = elf_memory((char *)(uintptr_t)buf, len);
	if (e == NULL)
		return (fail(err, errlen, "libelf: %s", elf_errmsg(-1)));
	rc = read_elf(e, path, len, obj, err, errlen);
	elf_end(e);
	return (rc);
}

int
ms_read_file(const char *path, struct ms_object *obj, char *err,
    size_t errlen)
{
	struct stat st;
	char *buf;
	size_t got;
	ssize_t r;
	int fd, rc;

	memset(obj, 0, sizeof(*obj));
	/* O_NONBLOCK: a FIFO must not block before fstat() rejects it. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK)) < 0)
		return (fail(err, errlen, "%s", strerror(errno)));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return (fail(err, errlen, "not a regular file"));
	}
	if ((uint64_t)st.st_size > MAX_FILE) {
		close(fd);
		return (fail(err, errlen, "larger than %zu bytes", MAX_FILE));
	}
	buf = malloc(st.st_size > 0 ? (size_t)st.st_size : 1);
	if (buf == NULL) {
		close(fd);
		return (fail(err, errlen, "out of memory"));
	}
	for (got = 0; got < (size_t)st.st_size; got += (size_t)r)
		if ((r = read(fd, buf + got, (size_t)st.st_size - got)) <= 0)
			break;
	close(fd);
	if (got != (size_t)st.st_size) {
		free(buf);
		return (fail(err, errlen, "short read"));
	}
	rc = ms_read_memory(path, buf, got, obj, err, errlen);
	free(buf);
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

/*
 * elfobj: what modspace-elf reads from one ELF file: the set_vnet and
 * set_pcpu sections and their vnet_entry_ and pcpu_entry_ symbols.
 */
#ifndef ELFOBJ_H
#define	ELFOBJ_H

#include <stddef.h>
#include <stdint.h>

struct ms_symbol {
	char		*name;
	uint64_t	 size;
	uint64_t	 value;
};

/* One module-space section: set_vnet or set_pcpu. */
struct ms_space {
	int		 present;
	size_t		 index;		/* its section index */
	uint64_t	 addr;		/* sh_addr */
	uint64_t	 size;		/* section size, padding included */
	uint64_t	 raw_size;	/* sh_size: what the kernel asks for */
	uint64_t	 align;
	uint64_t	 reserve;	/* size of its "modspace" reserve, if any */
	struct ms_symbol *syms;		/* sorted by size, then name */
	size_t		 nsyms;
};

struct ms_object {
	char		*path;
	int		 class;		/* 32 or 64 */
	int		 big_endian;
	const char	*kind;		/* "relocatable", "shared", ... */
	struct ms_space	 vnet;
	struct ms_space	 pcpu;
	/*
	 * The sections' figures were read, but not all of their symbols:
	 * WARNING says what is missing.  A gate must not pass such a file.
	 */
	int		 incomplete;
	char		 warning[256];
};

/*
 * Reads PATH (mapped) or LEN bytes at BUF, named PATH, into OBJ.  Returns
 * 0, or -1 with a reason in ERR: the file or a part that decides its
 * figures cannot be read.  Never reads outside the file.
 */
int	ms_read_file(const char *path, struct ms_object *obj, char *err,
	    size_t errlen);
int	ms_read_memory(const char *path, const void *buf, size_t len,
	    struct ms_object *obj, char *err, size_t errlen);
void	ms_object_free(struct ms_object *obj);

/*
 * What the kernel linker asks of module space for a section of SIZE bytes
 * in OBJ: rounded up to sizeof(void *) of its target (vnet_data_alloc and
 * dpcpu_alloc round each request so), 4 for ELF32, 8 for ELF64.  Sizes
 * too close to 2^64 to round saturate at the largest multiple.
 */
uint64_t ms_module_cost(const struct ms_object *obj, uint64_t size);

/*
 * Parses a byte count as the plugin does: decimal or 0x-hexadecimal (a
 * leading 0 is still decimal), an optional K, M or G (powers of 1024),
 * no sign, no overflow.  Returns 0, or -1 for anything else.
 */
int	ms_parse_bytes(const char *s, uint64_t *out);

#endif /* !ELFOBJ_H */

/*
 * picture: module space drawn to scale, as SVG or as one self-contained
 * HTML page with the SVG inline.  Each bar is one module space (vnet or
 * pcpu) at one moment: its extents (a module's, or free) from offset 0 to
 * the end of the space, a module that did not fit drawn past the end, and
 * under the bar a table of the same figures.  Used by modspace-elf --load
 * and by the modspace CLI (extern "C").
 */
#ifndef PICTURE_H
#define	PICTURE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct pic_extent {
	uint64_t	 off;
	uint64_t	 len;
	char		*owner;		/* NULL: free */
};

struct pic_bar {
	char		*caption;	/* "vnet after: load b.ko" */
	uint64_t	 size;		/* the space */
	struct pic_extent *ext;		/* in offset order */
	size_t		 next;
	int		 sizes_only;	/* extents stacked, offsets unknown */
	char		*failed;	/* did not fit, or NULL */
	uint64_t	 need;		/* what it asked for */
	uint64_t	 largest;	/* the largest free extent then */
};

struct picture {
	char		*title;
	char		*subtitle;	/* the sequence replayed, or NULL */
	struct pic_bar	*bar;
	size_t		 nbar;
	char		**owners;	/* first-seen order: their colours */
	size_t		 nowners;
};

void	pic_init(struct picture *pic, const char *title);
/* A new bar; its extents are added with pic_add_extent. */
struct pic_bar *pic_add_bar(struct picture *pic, const char *caption,
	    uint64_t size);
void	pic_add_extent(struct picture *pic, struct pic_bar *bar, uint64_t off,
	    uint64_t len, const char *owner);
void	pic_failed(struct picture *pic, struct pic_bar *bar, const char *owner,
	    uint64_t need, uint64_t largest);
void	pic_subtitle(struct picture *pic, const char *text);
/*
 * Writes PIC as SVG to SVG and as HTML to HTML (either may be NULL): each
 * onto a regular file atomically (a temporary file in the same directory,
 * with the old file's mode, renamed once both are written; symbolic links
 * are followed), in place onto anything else (a FIFO, /dev/stdout).
 * Returns 0, or -1 with a warning naming the file; then no regular file
 * was replaced.
 */
int	pic_write_all(const struct picture *pic, const char *svg,
	    const char *html);
void	pic_free(struct picture *pic);

#ifdef __cplusplus
}
#endif

#endif /* !PICTURE_H */

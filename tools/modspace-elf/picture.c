/*
 * picture: module space drawn to scale.  See picture.h.
 *
 * Colours are the Okabe-Ito palette, which colour-blind readers tell
 * apart; every extent also has a black outline and its name in the table
 * under the bar, free space is hatched grey and a module that does not fit
 * is hatched vermillion with a dashed outline, so that a print in grey
 * still reads.  The document is built in memory and written in one go.
 */
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "picture.h"

#define	PIC_LEFT	24	/* margin */
#define	PIC_BAR		720	/* the whole space, in px */
#define	PIC_GAP		16	/* from the end to a module past it */
#define	PIC_HEIGHT	40	/* of a bar */
#define	PIC_ROW		16	/* of a table row */
#define	PIC_CHAR	7	/* a character of the labels, roughly */
#define	PIC_NAME	48	/* characters of a name in a table */
#define	PIC_LINE	110	/* characters of a subtitle line */

#define	LEGEND_FREE	"free"
#define	LEGEND_FAIL	"does not fit: drawn past the end"
#define	LEGEND_REST	"each module in its own colour, to scale"

static const struct {
	const char	*fill;
	const char	*text;
} palette[] = {
	{ "#56B4E9", "#000000" },	/* sky blue */
	{ "#E69F00", "#000000" },	/* orange */
	{ "#009E73", "#FFFFFF" },	/* bluish green */
	{ "#F0E442", "#000000" },	/* yellow */
	{ "#0072B2", "#FFFFFF" },	/* blue */
	{ "#CC79A7", "#000000" },	/* reddish purple */
};
#define	NPALETTE	(sizeof(palette) / sizeof(palette[0]))

static char *
xstrdup(const char *s)
{
	char *d;

	if ((d = strdup(s)) == NULL)
		err(2, "out of memory");
	return (d);
}

static void *
xreallocarray(void *p, size_t n, size_t size)
{

	if (size != 0 && n > SIZE_MAX / size)
		errx(2, "out of memory");
	if ((p = realloc(p, n * size)) == NULL)
		err(2, "out of memory");
	return (p);
}

void
pic_init(struct picture *pic, const char *title)
{

	memset(pic, 0, sizeof(*pic));
	pic->title = xstrdup(title);
}

void
pic_subtitle(struct picture *pic, const char *text)
{

	free(pic->subtitle);
	pic->subtitle = xstrdup(text);
}

/* The colour of OWNER: its rank among the owners, in first-seen order. */
static size_t
owner_index(struct picture *pic, const char *owner)
{
	size_t i;

	for (i = 0; i < pic->nowners; i++)
		if (strcmp(pic->owners[i], owner) == 0)
			return (i);
	pic->owners = xreallocarray(pic->owners, pic->nowners + 1,
	    sizeof(*pic->owners));
	pic->owners[pic->nowners] = xstrdup(owner);
	return (pic->nowners++);
}

static size_t
owner_lookup(const struct picture *pic, const char *owner)
{
	size_t i;

	for (i = 0; i < pic->nowners; i++)
		if (strcmp(pic->owners[i], owner) == 0)
			return (i);
	return (0);
}

struct pic_bar *
pic_add_bar(struct picture *pic, const char *caption, uint64_t size)
{
	struct pic_bar *bar;

	pic->bar = xreallocarray(pic->bar, pic->nbar + 1, sizeof(*pic->bar));
	bar = &pic->bar[pic->nbar++];
	memset(bar, 0, sizeof(*bar));
	bar->caption = xstrdup(caption);
	bar->size = size;
	return (bar);
}

void
pic_add_extent(struct picture *pic, struct pic_bar *bar, uint64_t off,
    uint64_t len, const char *owner)
{
	struct pic_extent *e;

	bar->ext = xreallocarray(bar->ext, bar->next + 1, sizeof(*bar->ext));
	e = &bar->ext[bar->next++];
	e->off = off;
	e->len = len;
	e->owner = NULL;
	if (owner != NULL) {
		(void)owner_index(pic, owner);
		e->owner = xstrdup(owner);
	}
}

void
pic_failed(struct picture *pic, struct pic_bar *bar, const char *owner,
    uint64_t need, uint64_t largest)
{

	(void)owner_index(pic, owner);
	free(bar->failed);
	bar->failed = xstrdup(owner);
	bar->need = need;
	bar->largest = largest;
}

void
pic_free(struct picture *pic)
{
	size_t i, j;

	for (i = 0; i < pic->nbar; i++) {
		for (j = 0; j < pic->bar[i].next; j++)
			free(pic->bar[i].ext[j].owner);
		free(pic->bar[i].ext);
		free(pic->bar[i].caption);
		free(pic->bar[i].failed);
	}
	for (i = 0; i < pic->nowners; i++)
		free(pic->owners[i]);
	free(pic->owners);
	free(pic->bar);
	free(pic->title);
	free(pic->subtitle);
	memset(pic, 0, sizeof(*pic));
}

/*
 * The length of the UTF-8 sequence at S that XML 1.0 accepts as one
 * character (not a surrogate, not U+FFFE or U+FFFF, no overlong form), or
 * 0.
 */
static size_t
utf8_char(const unsigned char *s)
{
	uint32_t c;
	size_t n, i;

	if (s[0] < 0x80)
		return (1);
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return (0);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return (0);
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 ||
	    c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff) ||
	    c == 0xfffe || c == 0xffff)
		return (0);
	return (n);
}

/*
 * At most MAX characters of S (all when MAX is 0), escaped for XML and
 * HTML: the five specials as entities, and what XML cannot hold or would
 * not show (control characters, bytes that are not UTF-8) as \xHH, so
 * that two names that differ still differ.
 */
static void
put_text(FILE *f, const char *text, size_t max)
{
	const unsigned char *s;
	size_t n, shown;

	s = (const unsigned char *)text;
	for (shown = 0; *s != '\0'; shown++) {
		if (max != 0 && shown == max) {
			fputs("...", f);
			return;
		}
		n = utf8_char(s);
		if (n == 0 || *s < 0x20 || *s == 0x7f) {
			fprintf(f, "\\x%02x", *s);
			s++;
			continue;
		}
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			fwrite(s, 1, n, f);
		}
		s += n;
	}
}

static void
put_escaped(FILE *f, const char *s)
{

	put_text(f, s, 0);
}

/* The width S takes in the labels' font, roughly. */
static double
text_width(const char *s)
{

	return ((double)strlen(s) * PIC_CHAR);
}

static double
scaled(const struct pic_bar *bar, uint64_t bytes)
{

	if (bar->size == 0)	/* no such space: nothing to scale */
		return (0);
	return ((double)bytes * PIC_BAR / (double)bar->size);
}

static double
share(const struct pic_bar *bar, uint64_t bytes)
{

	if (bar->size == 0)
		return (0);
	return (100.0 * (double)bytes / (double)bar->size);
}

/*
 * What a module past the end is drawn as: to scale, unless it is larger
 * than the space itself (then the width of the space, marked so).
 */
static double
failed_width(const struct pic_bar *bar)
{

	return (bar->need > bar->size ? PIC_BAR : scaled(bar, bar->need));
}

/* What the largest free extent lacks for the module that did not fit. */
static uint64_t
shortfall(const struct pic_bar *bar)
{

	return (bar->need - (bar->largest < bar->need ? bar->largest :
	    bar->need));
}

static size_t
bar_rows(const struct pic_bar *bar)
{

	return (bar->next + (bar->failed != NULL ? 1 : 0));
}

static int
bar_height(const struct pic_bar *bar)
{

	return (24 + PIC_HEIGHT + 24 + PIC_ROW * (int)(bar_rows(bar) + 1) +
	    20);
}

/*
 * NAME and its BYTES inside an extent W wide at X, or the name alone, or
 * nothing when neither fits (the table under the bar has them all).
 */
static void
put_label(FILE *f, double x, double w, int y, const char *name,
    uint64_t bytes, const char *colour)
{
	char num[32];

	(void)snprintf(num, sizeof(num), " %" PRIu64, bytes);
	if (w < text_width(name) + 8)
		return;
	fprintf(f, "<text class=\"label\" x=\"%.3f\" y=\"%d\" "
	    "text-anchor=\"middle\" fill=\"%s\">", x + w / 2, y, colour);
	put_escaped(f, name);
	if (w >= text_width(name) + text_width(num) + 8)
		fputs(num, f);
	fputs("</text>\n", f);
}

/* BYTES as a share of BAR's space, as the tables print it. */
static const char *
share_text(const struct pic_bar *bar, uint64_t bytes, char *buf, size_t len)
{
	double pct;

	if (bar->size == 0)
		return ("n/a");
	pct = share(bar, bytes);
	if (bytes != 0 && pct < 0.05)
		return ("<0.1%");
	(void)snprintf(buf, len, "%.1f%%", pct);
	return (buf);
}

static void
put_row(FILE *f, int y, const char *swatch, const char *stroke,
    const char *name, uint64_t off, int have_off, uint64_t bytes,
    const char *pct, const char *note)
{

	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" "
	    "fill=\"%s\" stroke=\"%s\"/>\n", PIC_LEFT, y - 10, swatch, stroke);
	fprintf(f, "<text class=\"row\" x=\"%d\" y=\"%d\">", PIC_LEFT + 16, y);
	put_text(f, name, PIC_NAME);	/* the column is that wide */
	fputs("</text>\n", f);
	if (have_off)
		fprintf(f, "<text class=\"row\" x=\"%d\" y=\"%d\" "
		    "text-anchor=\"end\">0x%" PRIx64 "</text>\n",
		    PIC_LEFT + 420, y, off);
	fprintf(f, "<text class=\"row\" x=\"%d\" y=\"%d\" text-anchor=\"end\">"
	    "%" PRIu64 "</text>\n", PIC_LEFT + 520, y, bytes);
	fprintf(f, "<text class=\"row\" x=\"%d\" y=\"%d\" text-anchor=\"end\">",
	    PIC_LEFT + 600, y);
	put_escaped(f, pct);
	fputs("</text>\n", f);
	if (note != NULL) {
		fprintf(f, "<text class=\"row\" x=\"%d\" y=\"%d\">",
		    PIC_LEFT + 616, y);
		put_escaped(f, note);
		fputs("</text>\n", f);
	}
}

/* What is written beside a module that did not fit. */
static void
marker_text(const struct pic_bar *bar, char *buf, size_t len)
{

	if (bar->size == 0)
		(void)snprintf(buf, len, "does not fit: %" PRIu64 " bytes; the "
		    "kernel reserves none of this space", bar->need);
	else
		(void)snprintf(buf, len, "does not fit: %" PRIu64 " bytes, "
		    "short by %" PRIu64 "%s", bar->need, shortfall(bar),
		    bar->need > bar->size ? " (larger than the space: not to "
		    "scale)" : "");
}

static void
fails_note(const struct pic_bar *bar, char *buf, size_t len)
{

	(void)snprintf(buf, len, "FAILS: largest free extent %" PRIu64
	    ", short by %" PRIu64, bar->largest, shortfall(bar));
}

/* Where the rightmost text of BAR ends. */
static double
bar_right(const struct pic_bar *bar)
{
	char buf[200];
	double right, w;

	right = PIC_LEFT + PIC_BAR + 24;
	if (bar->failed == NULL)
		return (right);
	marker_text(bar, buf, sizeof(buf));
	w = PIC_LEFT + PIC_BAR + PIC_GAP + text_width(buf);
	if (w > right)
		right = w;
	w = PIC_LEFT + PIC_BAR + PIC_GAP + failed_width(bar);
	if (w > right)
		right = w;
	fails_note(bar, buf, sizeof(buf));
	w = PIC_LEFT + 616 + text_width(buf);
	return (w > right ? w : right);
}

static void
put_bar(FILE *f, const struct picture *pic, const struct pic_bar *bar,
    int y)
{
	const struct pic_extent *e;
	char note[200], pct[16];
	double x, w;
	size_t i, c;
	int top, row;

	fprintf(f, "<g class=\"bar\" data-size=\"%" PRIu64 "\">\n", bar->size);
	fprintf(f, "<text class=\"caption\" x=\"%d\" y=\"%d\">", PIC_LEFT,
	    y + 14);
	/* A long name is cut here: the table under the bar has it. */
	put_text(f, bar->caption, PIC_LINE);
	if (bar->size == 0)
		fputs(": none reserved</text>\n", f);
	else
		fprintf(f, ": %" PRIu64 " bytes</text>\n", bar->size);
	top = y + 24;
	for (i = 0; i < bar->next; i++) {
		e = &bar->ext[i];
		if (e->len == 0)
			continue;
		x = PIC_LEFT + scaled(bar, e->off);
		w = scaled(bar, e->len);
		fprintf(f, "<rect class=\"%s\"", e->owner != NULL ? "extent" :
		    "free");
		if (e->owner != NULL) {
			fputs(" data-owner=\"", f);
			put_escaped(f, e->owner);
			fputs("\"", f);
		}
		/* The CLI knows sizes, not offsets: it says none. */
		if (!bar->sizes_only)
			fprintf(f, " data-offset=\"%" PRIu64 "\"", e->off);
		fprintf(f, " data-bytes=\"%" PRIu64 "\" x=\"%.3f\" y=\"%d\" "
		    "width=\"%.3f\" height=\"%d\" stroke=\"#000000\" ", e->len,
		    x, top, w, PIC_HEIGHT);
		if (e->owner == NULL) {
			fputs("fill=\"url(#free)\"/>\n", f);
			continue;
		}
		c = owner_lookup(pic, e->owner) % NPALETTE;
		fprintf(f, "fill=\"%s\"/>\n", palette[c].fill);
		put_label(f, x, w, top + PIC_HEIGHT / 2 + 4, e->owner, e->len,
		    palette[c].text);
	}
	if (bar->failed != NULL) {
		x = PIC_LEFT + PIC_BAR + PIC_GAP;
		w = failed_width(bar);
		fprintf(f, "<rect class=\"failed\" data-owner=\"");
		put_escaped(f, bar->failed);
		fprintf(f, "\" data-bytes=\"%" PRIu64 "\" x=\"%.3f\" y=\"%d\" "
		    "width=\"%.3f\" height=\"%d\" fill=\"url(#fail)\" "
		    "stroke=\"#D55E00\" stroke-width=\"2\" "
		    "stroke-dasharray=\"6 3\"/>\n", bar->need, x, top, w,
		    PIC_HEIGHT);
		put_label(f, x, w, top + PIC_HEIGHT / 2 + 4, bar->failed,
		    bar->need, "#000000");
		marker_text(bar, note, sizeof(note));
		fprintf(f, "<text class=\"marker\" x=\"%.3f\" y=\"%d\" "
		    "fill=\"#D55E00\">%s</text>\n", x, top + PIC_HEIGHT + 14,
		    note);
	}
	/* The end of the space: where a module past it starts. */
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#000000\" stroke-width=\"2\"/>\n", PIC_LEFT + PIC_BAR,
	    top - 4, PIC_LEFT + PIC_BAR, top + PIC_HEIGHT + 4);
	fprintf(f, "<text class=\"scale\" x=\"%d\" y=\"%d\">0</text>\n",
	    PIC_LEFT, top + PIC_HEIGHT + 14);
	fprintf(f, "<text class=\"scale\" x=\"%d\" y=\"%d\" "
	    "text-anchor=\"end\">%" PRIu64 "</text>\n", PIC_LEFT + PIC_BAR,
	    top + PIC_HEIGHT + 14, bar->size);

	row = top + PIC_HEIGHT + 24 + PIC_ROW;
	fprintf(f, "<text class=\"head\" x=\"%d\" y=\"%d\">extent</text>\n"
	    "<text class=\"head\" x=\"%d\" y=\"%d\" text-anchor=\"end\">"
	    "offset</text>\n<text class=\"head\" x=\"%d\" y=\"%d\" "
	    "text-anchor=\"end\">bytes</text>\n<text class=\"head\" x=\"%d\" "
	    "y=\"%d\" text-anchor=\"end\">share</text>\n", PIC_LEFT + 16, row,
	    PIC_LEFT + 420, row, PIC_LEFT + 520, row, PIC_LEFT + 600, row);
	for (i = 0; i < bar->next; i++) {
		e = &bar->ext[i];
		if (e->len == 0)
			continue;
		row += PIC_ROW;
		put_row(f, row, e->owner == NULL ? "url(#free)" :
		    palette[owner_lookup(pic, e->owner) % NPALETTE].fill,
		    "#000000", e->owner == NULL ? "free" : e->owner, e->off,
		    !bar->sizes_only, e->len, share_text(bar, e->len, pct,
		    sizeof(pct)), NULL);
	}
	if (bar->failed != NULL) {
		row += PIC_ROW;
		fails_note(bar, note, sizeof(note));
		put_row(f, row, "url(#fail)", "#D55E00", bar->failed, 0, 0,
		    bar->need, share_text(bar, bar->need, pct, sizeof(pct)),
		    note);
	}
	fputs("</g>\n", f);
}

/* Splits the subtitle into lines of at most PIC_LINE at "; ". */
static size_t
subtitle_lines(const char *s, const char **starts, size_t max)
{
	const char *line, *p, *brk;
	size_t n;

	n = 0;
	for (line = s; *line != '\0' && n < max; n++) {
		starts[n] = line;
		brk = NULL;
		for (p = line; *p != '\0' && (size_t)(p - line) < PIC_LINE; p++)
			if (p[0] == ';' && p[1] == ' ')
				brk = p + 2;
		if (*p == '\0' || brk == NULL)
			line = p;
		else
			line = brk;
	}
	return (n);
}

static void
put_svg(FILE *f, const struct picture *pic, int html)
{
	const char *starts[64];
	double widest, w, x;
	size_t i, nlines;
	int height, y;

	nlines = pic->subtitle != NULL ? subtitle_lines(pic->subtitle, starts,
	    sizeof(starts) / sizeof(starts[0])) : 0;
	widest = PIC_LEFT + PIC_BAR + 180;
	if (PIC_LEFT + PIC_LINE * PIC_CHAR > widest && nlines > 0)
		widest = PIC_LEFT + PIC_LINE * PIC_CHAR;
	height = 40 + 18 * (int)nlines + 22;	/* the legend's line */
	for (i = 0; i < pic->nbar; i++) {
		height += bar_height(&pic->bar[i]);
		w = bar_right(&pic->bar[i]);
		if (w > widest)
			widest = w;
	}
	fprintf(f, "<svg %swidth=\"%.0f\" height=\"%d\" viewBox=\"0 0 %.0f "
	    "%d\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n",
	    html ? "" : "xmlns=\"http://www.w3.org/2000/svg\" ", widest,
	    height, widest, height);
	fputs("<title>", f);
	put_escaped(f, pic->title);
	fputs("</title>\n", f);
	fputs("<defs>\n"
	    "<pattern id=\"free\" width=\"6\" height=\"6\" "
	    "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	    "<rect width=\"6\" height=\"6\" fill=\"#FFFFFF\"/>"
	    "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#999999\" "
	    "stroke-width=\"1\"/></pattern>\n"
	    "<pattern id=\"fail\" width=\"8\" height=\"8\" "
	    "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(-45)\">"
	    "<rect width=\"8\" height=\"8\" fill=\"#FFFFFF\"/>"
	    "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#D55E00\" "
	    "stroke-width=\"3\"/></pattern>\n"
	    "</defs>\n"
	    "<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n", f);
	fprintf(f, "<text class=\"title\" x=\"%d\" y=\"24\" font-size=\"16\" "
	    "font-weight=\"bold\">", PIC_LEFT);
	put_escaped(f, pic->title);
	fputs("</text>\n", f);
	y = 36;
	for (i = 0; i < nlines; i++) {
		char *line;
		size_t len;

		len = (i + 1 < nlines ? (size_t)(starts[i + 1] - starts[i]) :
		    strlen(starts[i]));
		if ((line = strndup(starts[i], len)) == NULL)
			err(2, "out of memory");
		fprintf(f, "<text class=\"subtitle\" x=\"%d\" y=\"%d\">",
		    PIC_LEFT, y + 12);
		put_escaped(f, line);
		fputs("</text>\n", f);
		free(line);
		y += 18;
	}
	/* How to read it, for a reader who was not in the review. */
	fprintf(f, "<g class=\"legend\">\n<rect x=\"%d\" y=\"%d\" "
	    "width=\"14\" height=\"12\" fill=\"url(#free)\" "
	    "stroke=\"#000000\"/>\n<text x=\"%d\" y=\"%d\">%s</text>\n",
	    PIC_LEFT, y + 4, PIC_LEFT + 20, y + 14, LEGEND_FREE);
	x = PIC_LEFT + 20 + text_width(LEGEND_FREE) + 16;
	fprintf(f, "<rect x=\"%.0f\" y=\"%d\" width=\"14\" height=\"12\" "
	    "fill=\"url(#fail)\" stroke=\"#D55E00\" stroke-width=\"2\" "
	    "stroke-dasharray=\"4 2\"/>\n<text x=\"%.0f\" y=\"%d\">%s"
	    "</text>\n", x, y + 4, x + 20, y + 14, LEGEND_FAIL);
	x += 20 + text_width(LEGEND_FAIL) + 16;
	fprintf(f, "<text x=\"%.0f\" y=\"%d\">%s</text>\n</g>\n", x, y + 14,
	    LEGEND_REST);
	y += 22;
	for (i = 0; i < pic->nbar; i++) {
		put_bar(f, pic, &pic->bar[i], y);
		y += bar_height(&pic->bar[i]);
	}
	fputs("</svg>\n", f);
}

/* The figures again as an HTML table, for copying into a review. */
static void
put_table(FILE *f, const struct picture *pic, const struct pic_bar *bar)
{
	const struct pic_extent *e;
	char pct[16];
	size_t i;

	(void)pic;
	fputs("<table>\n<caption>", f);
	put_escaped(f, bar->caption);
	if (bar->size == 0)
		fputs(": none reserved", f);
	else
		fprintf(f, ": %" PRIu64 " bytes", bar->size);
	fputs("</caption>\n<tr><th>extent</th><th>offset</th><th>bytes</th>"
	    "<th>share</th></tr>\n", f);
	for (i = 0; i < bar->next; i++) {
		e = &bar->ext[i];
		if (e->len == 0)
			continue;
		fputs("<tr><td>", f);
		put_escaped(f, e->owner != NULL ? e->owner : "free");
		fputs("</td><td>", f);
		if (!bar->sizes_only)
			fprintf(f, "0x%" PRIx64, e->off);
		fprintf(f, "</td><td>%" PRIu64 "</td><td>", e->len);
		put_escaped(f, share_text(bar, e->len, pct, sizeof(pct)));
		fputs("</td></tr>\n", f);
	}
	if (bar->failed != NULL) {
		fputs("<tr class=\"fails\"><td>", f);
		put_escaped(f, bar->failed);
		fprintf(f, " (FAILS: largest free extent %" PRIu64 ", short "
		    "by %" PRIu64 ")</td><td></td><td>%" PRIu64 "</td><td>",
		    bar->largest, shortfall(bar), bar->need);
		put_escaped(f, share_text(bar, bar->need, pct, sizeof(pct)));
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
}

static void
put_html(FILE *f, const struct picture *pic)
{
	size_t i;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>", f);
	put_escaped(f, pic->title);
	fputs("</title>\n<style>\n"
	    "body { font-family: sans-serif; margin: 1em; color: #000; "
	    "background: #fff; }\n"
	    "table { border-collapse: collapse; margin: 1em 0; }\n"
	    "th, td { border: 1px solid #000; padding: 2px 8px; "
	    "text-align: right; }\n"
	    "th:first-child, td:first-child { text-align: left; }\n"
	    "caption { text-align: left; font-weight: bold; }\n"
	    "tr.fails td { font-weight: bold; }\n"
	    "</style>\n</head>\n<body>\n<h1>", f);
	put_escaped(f, pic->title);
	fputs("</h1>\n", f);
	put_svg(f, pic, 1);
	for (i = 0; i < pic->nbar; i++)
		put_table(f, pic, &pic->bar[i]);
	fputs("</body>\n</html>\n", f);
}

/* The whole document, in memory. */
static char *
render(const struct picture *pic, int html, size_t *len)
{
	char *buf;
	FILE *f;

	buf = NULL;
	if ((f = open_memstream(&buf, len)) == NULL)
		err(2, "out of memory");
	if (html)
		put_html(f, pic);
	else
		put_svg(f, pic, 0);
	if (fclose(f) != 0)
		err(2, "out of memory");
	return (buf);
}

static int
write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, buf, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		buf += n;
		len -= (size_t)n;
	}
	return (0);
}

/* Onto something that is not a regular file: in place. */
static int
write_in_place(const char *path, const char *buf, size_t len)
{
	FILE *f;

	if ((f = fopen(path, "w")) == NULL) {
		warn("%s", path);
		return (-1);
	}
	if (fwrite(buf, 1, len, f) != len || fflush(f) != 0) {
		warn("%s", path);
		(void)fclose(f);
		return (-1);
	}
	if (fclose(f) != 0) {
		warn("%s", path);
		return (-1);
	}
	return (0);
}

/*
 * The file PATH names once symbolic links are followed, even a dangling
 * one (its target is created); NULL with errno set for a loop.
 */
static char *
follow_links(const char *path)
{
	struct stat sb;
	char *cur, *next, *dir, link[PATH_MAX];
	ssize_t n;
	int hops;

	cur = xstrdup(path);
	for (hops = 0; lstat(cur, &sb) == 0 && S_ISLNK(sb.st_mode); hops++) {
		if (hops == 40 || (n = readlink(cur, link, sizeof(link) - 1)) <
		    0) {
			free(cur);
			errno = hops == 40 ? ELOOP : errno;
			return (NULL);
		}
		link[n] = '\0';
		if (link[0] == '/')
			next = xstrdup(link);
		else {
			dir = xstrdup(cur);
			if (asprintf(&next, "%s/%s", dirname(dir), link) < 0)
				err(2, "out of memory");
			free(dir);
		}
		free(cur);
		cur = next;
	}
	return (cur);
}

/* One file being written: a temporary file beside it, or in place. */
struct pending {
	const char	*path;		/* as given */
	char		*target;	/* links followed */
	char		*tmp;		/* NULL: written in place */
	char		*buf;
	size_t		 len;
};

/* Writes P's temporary file; -1 with a warning. */
static int
prepare(struct pending *p)
{
	struct stat sb;
	char *dir;
	mode_t mode;
	int fd;

	if ((p->target = follow_links(p->path)) == NULL) {
		warn("%s", p->path);
		return (-1);
	}
	if (stat(p->target, &sb) == 0 && !S_ISREG(sb.st_mode))
		return (0);	/* written in place at commit */
	if (stat(p->target, &sb) == 0)
		mode = sb.st_mode & 07777;	/* keep the file's mode */
	else {
		mode = umask(0);
		(void)umask(mode);
		mode = 0666 & ~mode;
	}
	dir = xstrdup(p->target);
	if (asprintf(&p->tmp, "%s/.modspace-picture.XXXXXX", dirname(dir)) < 0)
		err(2, "out of memory");
	free(dir);
	if ((fd = mkstemp(p->tmp)) < 0) {
		warn("%s: cannot create a file next to it", p->path);
		free(p->tmp);
		p->tmp = NULL;
		return (-1);
	}
	if (fchmod(fd, mode) != 0 || write_all(fd, p->buf, p->len) != 0) {
		warn("%s", p->path);
		(void)close(fd);
		return (-1);
	}
	if (close(fd) != 0) {
		warn("%s", p->path);
		return (-1);
	}
	return (0);
}

int
pic_write_all(const struct picture *pic, const char *svg, const char *html)
{
	struct pending p[2];
	size_t i, n;
	int rv;

	memset(p, 0, sizeof(p));
	n = 0;
	if (svg != NULL) {
		p[n].path = svg;
		p[n++].buf = render(pic, 0, &p[0].len);
	}
	if (html != NULL) {
		p[n].path = html;
		p[n].buf = render(pic, 1, &p[n].len);
		n++;
	}
	rv = 0;
	for (i = 0; i < n && rv == 0; i++)
		rv = prepare(&p[i]);
	/* Both or neither: rename only once every file is written. */
	for (i = 0; i < n && rv == 0; i++)
		if (p[i].tmp == NULL)
			rv = write_in_place(p[i].target, p[i].buf, p[i].len);
		else if (rename(p[i].tmp, p[i].target) != 0) {
			warn("%s", p[i].path);
			rv = -1;
		} else {
			free(p[i].tmp);
			p[i].tmp = NULL;
		}
	for (i = 0; i < n; i++) {
		if (p[i].tmp != NULL)
			(void)unlink(p[i].tmp);
		free(p[i].tmp);
		free(p[i].target);
		free(p[i].buf);
	}
	return (rv);
}

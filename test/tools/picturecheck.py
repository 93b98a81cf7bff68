#!/usr/bin/env python3
"""Checks a module-space picture of modspace-elf --load against the objects.

picturecheck.py PICTURE --kernel KERNEL [--pcpu] MODULE...
picturecheck.py PICTURE --tree BUILD --space VNET_BYTES PCPU_BYTES


PICTURE is the SVG (or the HTML page, whose inline SVG is checked, and
which must hold no external reference).  The space is the size of
vnet_entry_modspace (pcpu_entry_modspace with --pcpu) in KERNEL, as
llvm-nm -S prints it; each module's bytes are its set_vnet (set_pcpu)
sh_size from llvm-readelf -S, rounded up to 8.  Every bar of that space
must be 720 px wide and tiled by its extents without gap or overlap, each
module's rectangle as wide as its bytes to scale, and a module drawn past
the end as wide as its bytes too, with the failure marker.  Prints one
line per bar; exits 1 on the first mismatch.

With --tree (the modspace CLI's picture), each bar is one module's block:
BUILD/NAME.ko, linked by treecheck.py, gives its cost (set_vnet or
set_pcpu sh_size, rounded up to 8) and each variable drawn inside it its
size (llvm-nm -S); the rest of the block and the free space must tile
the bar.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import objfacts  # noqa: E402

BAR_PX = 720.0
LEFT = 24.0
SVG = "{http://www.w3.org/2000/svg}"


def fail(msg):
    print("picturecheck: " + msg)
    sys.exit(1)


def shown(name):
    """NAME as the picture shows it: bytes that are not UTF-8, control
    characters and U+FFFE/U+FFFF as \\xHH."""
    b = os.fsencode(name)
    out, i = "", 0
    while i < len(b):
        c = b[i]
        n = 1 if c < 0x80 else 2 if 0xc2 <= c <= 0xdf else \
            3 if 0xe0 <= c <= 0xef else 4 if 0xf0 <= c <= 0xf4 else 0
        try:
            ch = b[i:i + n].decode("utf-8") if n else None
        except UnicodeDecodeError:
            ch = None
        if ch is None or len(ch) != 1 or ord(ch) < 0x20 or ord(ch) == 0x7f \
                or ch in "\ufffe\uffff":
            out += "\\x%02x" % c
            i += 1
        else:
            out += ch
            i += n
    return out


def cost(path, section):
    """The module cost of PATH's SECTION: its size rounded up to the
    pointer size (llvm-readelf -S)."""
    size = objfacts.sections(path).get(section, (0, 1))[0]
    return objfacts.module_cost(size, path)


def reserve(kernel, symbol):
    found = objfacts.symbols(kernel).get(symbol)
    if found is None:
        fail("no %s in %s" % (symbol, kernel))
    return found[1]


def svg_of(path):
    text = open(path, encoding="utf-8").read()
    if path.endswith(".html"):
        # Self-contained: no scripts, no links, no URL but the page's own
        # fragments.
        for bad in (r"<script", r"<link", r"<img", r"<iframe", r"@import",
                    r"\bsrc\s*=", r"\bhref\s*=", r"https?:", r"url\((?!#)",
                    r"xlink:"):
            if re.search(bad, text, re.I):
                fail("%s: external reference or script: %s" % (path, bad))
        m = re.search(r"<svg\b.*?</svg>", text, re.S)
        if not m:
            fail("%s: no inline svg" % path)
        root = ET.fromstring(m.group(0))
        prefix = ""
    else:
        root = ET.parse(path).getroot()
        prefix = SVG
    return root, prefix


def fits(root, p):
    """The document is wide enough for every text that starts past the end
    of the bars (a marker, a note), at 7 px a character."""
    width = float(root.get("width"))
    for t in root.iter(p + "text"):
        text = "".join(t.itertext())
        if t.get("text-anchor") or not text:
            continue
        end = float(t.get("x")) + 7 * len(text)
        if float(t.get("x")) > LEFT + BAR_PX and end > width + 1:
            fail("'%s' ends at %.0f, the picture is %.0f wide" %
                 (text, end, width))


def tiles(caption, g, p):
    """The extents of bar G, checked to tile it; [(rect, width)]."""
    x = LEFT
    found = []
    for r in g.findall(p + "rect"):
        if r.get("class") not in ("extent", "free"):
            continue
        rx, w = float(r.get("x")), float(r.get("width"))
        if abs(rx - x) > 0.01:
            fail("%s: a gap or an overlap at x=%.3f" % (caption, rx))
        x = rx + w
        found.append((r, w))
    if abs(x - (LEFT + BAR_PX)) > 0.01:
        fail("%s: the extents end at %.3f, not at %.3f" %
             (caption, x, LEFT + BAR_PX))
    return found


def tree(picture, build, space):
    root, p = svg_of(picture)
    fits(root, p)
    bars = 0
    for g in root.iter(p + "g"):
        caption = "".join(g.find(p + "text").itertext())
        m = re.match(r"(vnet|pcpu) module space, module (\S+) \(", caption)
        if not m:
            continue
        bars += 1
        kind, name = m.groups()
        if int(g.get("data-size")) != space[kind]:
            fail("%s: size %s, not %d" % (caption, g.get("data-size"),
                                          space[kind]))
        scale = BAR_PX / space[kind]
        ko = "%s/%s.ko" % (build, name)
        block = cost(ko, "set_" + kind)
        sizes = {name: size for name, (_, size) in
                 objfacts.symbols(ko).items()}
        width = 0.0
        drawn = []
        for r, w in tiles(caption, g, p):
            if r.get("class") == "free":
                continue
            width += w
            owner = r.get("data-owner")
            sym = kind + "_entry_" + owner
            if sym in sizes:
                if abs(w - sizes[sym] * scale) > 0.01:
                    fail("%s: %s is %.3f px, %d bytes are %.3f" %
                         (caption, owner, w, sizes[sym],
                          sizes[sym] * scale))
                drawn.append("%s %d" % (owner, sizes[sym]))
            elif owner != "other variables, padding" and owner != name:
                fail("%s: %s is no variable of %s" % (caption, owner, ko))
        if abs(width - block * scale) > 0.01:
            fail("%s: the block is %.3f px, %d bytes are %.3f" %
                 (caption, width, block, block * scale))
        print("%s: block %d, %s" % (caption, block, ", ".join(drawn)))
    if bars == 0:
        fail("no module bar")


def main():
    args = sys.argv[1:]
    picture = args.pop(0)
    if args[:1] == ["--tree"]:
        tree(picture, args[1], {"vnet": int(args[3]), "pcpu": int(args[4])})
        return
    if args[:1] != ["--kernel"]:
        fail("usage")
    kernel = args[1]
    args = args[2:]
    space = "vnet"
    if args[:1] == ["--pcpu"]:
        space = "pcpu"
        args = args[1:]
    section = "set_" + space
    size = reserve(kernel, space + "_entry_modspace")
    costs = {}
    for m in args:
        costs[shown(m.rsplit("/", 1)[-1])] = cost(m, section)
    root, p = svg_of(picture)
    fits(root, p)
    scale = BAR_PX / size
    bars = 0
    for g in root.iter(p + "g"):
        caption = "".join(g.find(p + "text").itertext())
        if not caption.startswith(space + " "):
            continue
        bars += 1
        if int(g.get("data-size")) != size:
            fail("%s: size %s, the kernel reserves %d" %
                 (caption, g.get("data-size"), size))
        owners = []
        for r, w in tiles(caption, g, p):
            if r.get("class") == "extent":
                owner = r.get("data-owner")
                if owner not in costs:
                    fail("%s: %s is not a module given" % (caption, owner))
                if abs(w - costs[owner] * scale) > 0.01:
                    fail("%s: %s is %.3f px wide, %d bytes are %.3f" %
                         (caption, owner, w, costs[owner],
                          costs[owner] * scale))
                # The name, and its bytes when they fit too.
                label = [t for t in g.iter(p + "text")
                         if "".join(t.itertext()) in
                         (owner, "%s %d" % (owner, costs[owner]))]
                if w > len(owner) * 7 + 8 and not label:
                    fail("%s: no label for %s" % (caption, owner))
                if w > len(owner + " %d" % costs[owner]) * 7 + 8 and \
                        "".join(label[0].itertext()) != \
                        "%s %d" % (owner, costs[owner]):
                    fail("%s: the label of %s has no bytes" % (caption, owner))
                owners.append("%s %d" % (owner, costs[owner]))
        failed = g.find(p + "rect[@class='failed']")
        note = ""
        if failed is not None:
            owner = failed.get("data-owner")
            w = float(failed.get("width"))
            want = min(costs[owner], size) * scale
            if abs(w - want) > 0.01:
                fail("%s: %s past the end is %.3f px, want %.3f" %
                     (caption, owner, w, want))
            if float(failed.get("x")) < LEFT + BAR_PX:
                fail("%s: %s is not past the end" % (caption, owner))
            marker = g.find(p + "text[@class='marker']")
            if marker is None or "does not fit" not in marker.text:
                fail("%s: no failure marker" % caption)
            note = "; past the end: %s %d (%s)" % (owner, costs[owner],
                                                   marker.text)
        print("%s: %s%s" % (caption, ", ".join(owners) or "empty", note))
    if bars == 0:
        fail("no %s bar" % space)


main()

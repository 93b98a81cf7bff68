#!/usr/bin/env python3
"""Fix-it mutation test: the plugin's fix-its on mutated fixtures.

usage: mutate.py [--count N | --seconds S] [--seed K] [-j J] [--keep DIR]

Each variant is one of the fix-it fixtures (test/fixit/*.c) with one to
three mutations of the shapes that broke fix-its on real kernel code:
other line ends, bodies on one line, tables and functions under #ifdef,
repeated definitions, #undef of an accessor, user macros around the
accessor, accessors spelled VNET(x), reordered or re-keyed constructors,
a callout published by a constructor, a clear at the start of a
constructor, count expressions, a conditional include.

For every variant that compiles without the plugin, in its fullest
configuration: the plugin's fix-its are applied there; the result must
compile in every configuration the original compiles in, with no
diagnostic the original does not have; a second run must offer no
fix-it; and a file with no modspace warning must not change.  A variant
that breaks one of these is "broken"; its files are kept in --keep.

The variants are a function of the seed and the index alone, so a run is
repeatable; the last line is "N variants, ... B broken".
"""
import argparse
import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
BIN = os.environ.get("LLVM_TOOLS_DIR", "/usr/lib/llvm-19/bin")
PLUGIN = os.environ.get("MODSPACE_PLUGIN",
                        os.path.join(TOP, "build", "plugin", "modspace.so"))
KFLAGS = ["-target", "x86_64-unknown-freebsd13.0", "-ffreestanding",
          "-nostdinc", "-D_KERNEL", "-DKLD_MODULE",
          "-I", os.path.join(TOP, "test", "include")]
KWARN = ["-Wall", "-Wmissing-prototypes", "-Wredundant-decls",
         "-Wnested-externs", "-Wstrict-prototypes", "-Wpointer-arith",
         "-Wcast-qual", "-Wundef", "-Wno-pointer-sign"]
FIXTURES = ["hazards", "no-ctor", "ordering", "several-malloc", "attributes",
            "old-static", "user-macro", "one-line", "async", "redeclared",
            "undef", "quality", "conditional", "structs"]
EXTRA = {"old-static": ["-DMODSPACE_OLD_VNET"]}

DEFINE = re.compile(
    r"^(VNET_DEFINE(?:_STATIC)?)\(([^,\n]+), (\w+)\[([^\]\n]+)\]\);(.*)$",
    re.M)
ACCESSOR = re.compile(r"^#define\s+(V_\w+)\s+VNET\((\w+)\)\s*$", re.M)
FUNCTION = re.compile(
    r"^static void\n(\w+)\(const void \*unused __unused\)\n\{\n(.*?)\n\}\n",
    re.M | re.S)
REGISTRATION = re.compile(
    r"^VNET_SYS(UN)?INIT\((\w+), (SI_SUB_\w+), (SI_ORDER_\w+),\s*(\w+),"
    r" NULL\);\n", re.M)
OPTIONS = re.compile(r"modspace-options:([A-Za-z0-9_ ]*)")

SUBS = ["SI_SUB_PSEUDO", "SI_SUB_PROTO_PFIL", "SI_SUB_PROTO_IF",
        "SI_SUB_PROTO_MC", "SI_SUB_PROTO_DOMAIN", "SI_SUB_PROTO_FIREWALL",
        "SI_SUB_PROTO_IFATTACHDOMAIN"]
ORDERS = ["SI_ORDER_FIRST", "SI_ORDER_SECOND", "SI_ORDER_THIRD",
          "SI_ORDER_MIDDLE", "SI_ORDER_ANY"]


def tables(text):
    """(macro, type, name, bound, accessor) of each defined array."""
    accessors = {var: acc for acc, var in ACCESSOR.findall(text)}
    return [(m, t, n, b, accessors.get(n)) for m, t, n, b, _ in
            DEFINE.findall(text)]


def add_option(text, name):
    m = OPTIONS.search(text)
    if m:
        return text[:m.end(1)] + " " + name + text[m.end(1):]
    return "/* modspace-options: %s */\n%s" % (name, text)


# Each mutation takes (text, rng) and returns the new text, or None when
# it does not apply.

def crlf(text, rng):
    return text.replace("\n", "\r\n")


def cr_only(text, rng):
    return text.replace("\n", "\r")


def one_line_body(text, rng):
    fns = [m for m in FUNCTION.finditer(text)
           if "#" not in m.group(2) and "//" not in m.group(2)]
    if not fns:
        return None
    m = rng.choice(fns)
    body = " ".join(l.strip() for l in m.group(2).split("\n") if l.strip())
    return (text[:m.start()] + "static void\n%s(const void *unused __unused)"
            "\n{ %s }\n" % (m.group(1), body) + text[m.end():])


def brace_on_signature(text, rng):
    fns = list(FUNCTION.finditer(text))
    if not fns:
        return None
    m = rng.choice(fns)
    start = m.start() + len("static void\n%s(const void *unused __unused)" %
                            m.group(1))
    return text[:start] + " {" + text[start + 2:]


def comment_after_brace(text, rng):
    fns = list(FUNCTION.finditer(text))
    if not fns:
        return None
    m = rng.choice(fns)
    at = text.index("{\n", m.start()) + 1
    return text[:at] + "\t/* set up */" + text[at:]


def ifdef_table(text, rng):
    found = [t for t in tables(text) if t[4]]
    if not found:
        return None
    macro, typ, name, bound, acc = rng.choice(found)
    uses = len(re.findall(r"\b%s\b" % acc, text)) - 1
    decl = re.search(r"^%s\(%s, %s\[.*\n#define\s+%s\s+VNET\(%s\)\s*\n" %
                     (macro, re.escape(typ), name, acc, name), text, re.M)
    if not decl or uses > 0:
        # Its uses would need the same guard: wrap the whole file body
        # after the includes instead.
        last = list(re.finditer(r"^#include .*\n", text, re.M))
        if not last:
            return None
        at = last[-1].end()
        text = text[:at] + "#ifdef MUT_TABLES\n" + text[at:] + "#endif\n"
        return add_option(text, "MUT_TABLES")
    text = (text[:decl.start()] + "#ifdef MUT_T\n" + decl.group(0) +
            "#endif\n" + text[decl.end():])
    return add_option(text, "MUT_T")


def ifdef_function(text, rng):
    fns = list(FUNCTION.finditer(text))
    if not fns:
        return None
    m = rng.choice(fns)
    reg = re.compile(r"^VNET_SYS(UN)?INIT\(\w+, \w+, \w+,\s*%s, NULL\);\n" %
                     m.group(1), re.M).search(text, m.end())
    end = reg.end() if reg and reg.start() == m.end() else m.end()
    text = (text[:m.start()] + "#ifdef MUT_F\n" + text[m.start():end] +
            "#endif\n" + text[end:])
    return add_option(text, "MUT_F")


def repeat_definition(text, rng):
    found = [m for m in DEFINE.finditer(text) if "=" not in m.group(0)]
    if not found:
        return None
    m = rng.choice(found)
    line = "%s(%s, %s[%s]);\n" % (m.group(1), m.group(2), m.group(3),
                                  m.group(4))
    return text[:m.end() + 1] + line + text[m.end() + 1:]


def undef_accessor(text, rng):
    found = [t for t in tables(text) if t[4]]
    if not found:
        return None
    acc = rng.choice(found)[4]
    return text + "\n#undef\t%s\n" % acc


def user_macro(text, rng):
    found = [t for t in tables(text) if t[4]]
    if not found:
        return None
    _, _, name, _, acc = rng.choice(found)
    uses = [m for m in re.finditer(r"\b%s\[" % acc, text)]
    if not uses:
        return None
    m = rng.choice(uses)
    d = ACCESSOR.search(text)
    text = text[:m.start()] + "MUT_ELEM(" + text[m.end():]
    # "MUT_ELEM(i] ..." -> close the macro call where the subscript ends.
    depth, i = 0, m.start() + len("MUT_ELEM(")
    while i < len(text):
        c = text[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            if depth == 0:
                text = text[:i] + ")" + text[i + 1:]
                break
            depth -= 1
        i += 1
    define = "#define\tMUT_ELEM(i)\t(%s[(i)])\n" % acc
    return text[:d.start()] + define + text[d.start():]


def spell_vnet(text, rng):
    found = [t for t in tables(text) if t[4]]
    if not found:
        return None
    _, _, name, _, acc = rng.choice(found)
    uses = [m for m in re.finditer(r"\b%s\b" % acc, text)
            if not re.search(r"#\s*(define|undef)\s*$", text[:m.start()])]
    if len(uses) < 2:
        return None
    m = rng.choice(uses[1:])
    return text[:m.start()] + "VNET(%s)" % name + text[m.end():]


def no_accessor(text, rng):
    found = [t for t in tables(text) if t[4]]
    if not found:
        return None
    _, _, name, _, acc = rng.choice(found)
    text = re.sub(r"^#define\s+%s\s+VNET\(%s\)\s*\n" % (acc, name), "", text,
                  flags=re.M)
    text = re.sub(r"^#undef\s+%s\s*\n" % acc, "", text, flags=re.M)
    return re.sub(r"\b%s\b" % acc, "VNET(%s)" % name, text)


def undef_vnet(text, rng):
    return text + "\n#undef\tVNET\n"


def move_function(text, rng):
    fns = list(FUNCTION.finditer(text))
    if not fns:
        return None
    m = rng.choice(fns)
    reg = REGISTRATION.search(text, m.end())
    if not reg or reg.start() != m.end():
        return None
    block = text[m.start():reg.end()]
    return text[:m.start()] + text[reg.end():] + "\n" + block


def rekey(text, rng):
    regs = list(REGISTRATION.finditer(text))
    if not regs:
        return None
    m = rng.choice(regs)
    new = m.group(0).replace(m.group(3), rng.choice(SUBS), 1).replace(
        m.group(4), rng.choice(ORDERS), 1)
    return text[:m.start()] + new + text[m.end():]


def publish_callout(text, rng):
    found = [t for t in tables(text) if t[4]]
    if not found:
        return None
    _, _, name, _, acc = rng.choice(found)
    if "<sys/callout.h>" not in text:
        inc = re.search(r"^#include <net/vnet.h>\n", text, re.M)
        if not inc:
            return None
        text = (text[:inc.start()] + "#include <sys/callout.h>\n" +
                text[inc.start():])
    sub, order = rng.choice(SUBS), rng.choice(ORDERS)
    dsub, dorder = rng.choice(SUBS), rng.choice(ORDERS)
    code = """
VNET_DEFINE_STATIC(struct callout, mut_co);

static void
mut_tick(void *arg)
{

	CURVNET_SET((struct vnet *)arg);
	%(acc)s[0] = %(acc)s[1];
	callout_reset(&VNET(mut_co), 1, mut_tick, arg);
	CURVNET_RESTORE();
}

static void
mut_start(const void *unused __unused)
{

	callout_init(&VNET(mut_co), 1);
	callout_reset(&VNET(mut_co), 1, mut_tick, curvnet);
}
VNET_SYSINIT(mut_start, %(sub)s, %(order)s, mut_start, NULL);

static void
mut_stop(const void *unused __unused)
{

	callout_drain(&VNET(mut_co));
}
VNET_SYSUNINIT(mut_stop, %(dsub)s, %(dorder)s, mut_stop, NULL);
""" % {"acc": acc, "sub": sub, "order": order, "dsub": dsub,
       "dorder": dorder}
    return text + code


def leading_clear(text, rng):
    found = [t for t in tables(text) if t[4]]
    fns = list(FUNCTION.finditer(text))
    if not found or not fns:
        return None
    acc = rng.choice(found)[4]
    m = rng.choice(fns)
    at = text.index("{\n", m.start()) + 2
    if text[at:at + 1] == "\n":
        at += 1
    return text[:at] + "\tbzero(%s, sizeof(%s));\n" % (acc, acc) + text[at:]


def count_use(text, rng):
    found = [t for t in tables(text) if t[4]]
    if not found:
        return None
    acc = rng.choice(found)[4]
    form = rng.choice(["sizeof(%s) / sizeof(%s[0])", "sizeof(%s) / sizeof(*%s)",
                       "nitems(%s) + 0 * sizeof(%s)", "sizeof %s / sizeof %s[0]"])
    expr = form % (acc, acc)
    return text + """
size_t	mut_count(void);

size_t
mut_count(void)
{

	return (%s);
}
""" % expr


def conditional_include(text, rng):
    if "MALLOC_DEFINE" in text:
        return None
    inc = re.search(r"^#include <sys/malloc.h>\n", text, re.M)
    if inc:
        text = text[:inc.start()] + text[inc.end():]
    last = list(re.finditer(r"^#include .*\n", text, re.M))
    if not last:
        return None
    at = last[-1].end()
    text = text[:at] + "#ifdef MUT_I\n#include <sys/sysctl.h>\n#endif\n" + \
        text[at:]
    return add_option(text, "MUT_I")


def sysctl_export(text, rng):
    found = [t for t in tables(text) if t[4]]
    if not found:
        return None
    _, _, name, _, acc = rng.choice(found)
    if "<sys/sysctl.h>" not in text:
        inc = re.search(r"^#include <net/vnet.h>\n", text, re.M)
        if not inc:
            return None
        text = (text[:inc.start()] + "#include <sys/sysctl.h>\n" +
                text[inc.start():])
    return text + ("\nSYSCTL_OPAQUE(_net, OID_AUTO, mut_%s, CTLFLAG_VNET | "
                   "CTLFLAG_RD,\n    &VNET_NAME(%s), sizeof(%s), \"S\", "
                   "\"mut\");\n" % (name, name, acc))


def sizeof_in_macro(text, rng):
    found = [t for t in tables(text) if t[4]]
    if not found:
        return None
    acc = rng.choice(found)[4]
    return text + """
#define	MUT_BYTES	sizeof(%s)
size_t	mut_bytes(void);

size_t
mut_bytes(void)
{

	return (MUT_BYTES);
}
""" % acc


def whole_address(text, rng):
    found = [t for t in tables(text) if t[4]]
    if not found:
        return None
    acc = rng.choice(found)[4]
    return text + """
void	*mut_whole(void);

void *
mut_whole(void)
{
	__typeof(%s) *whole;

	whole = &%s;
	return (whole);
}
""" % (acc, acc)


def early_publisher(text, rng):
    text = publish_callout(text, rng)
    if text is None:
        return None
    return re.sub(r"VNET_SYSINIT\(mut_start, \w+, \w+,",
                  "VNET_SYSINIT(mut_start, SI_SUB_INIT_IF, SI_ORDER_FIRST,",
                  text)


def min_count(text, rng):
    found = [t for t in tables(text) if t[4]]
    if not found:
        return None
    acc = rng.choice(found)[4]
    form = rng.choice(["MIN(n, nitems(%s))", "MAX(sizeof(%s), n)",
                       "MIN(sizeof(%s) / sizeof(%s[0]), n)"])
    expr = form.replace("%s", acc)
    return text + """
size_t	mut_min(size_t n);

size_t
mut_min(size_t n)
{

	return (%s);
}
""" % expr


def bound_expression(text, rng):
    m = re.search(r"^#define\s+(\w+)\s+(\d+)\s*$", text, re.M)
    if not m or int(m.group(2)) < 2:
        return None
    half = int(m.group(2)) // 2
    new = "#define\t%s\t%d + %d\n" % (m.group(1), half,
                                       int(m.group(2)) - half)
    return text[:m.start()] + new + text[m.end() + 1:]


def call_constructor(text, rng):
    fns = list(FUNCTION.finditer(text))
    if not fns:
        return None
    name = rng.choice(fns).group(1)
    return text + """
void	mut_again(void);

void
mut_again(void)
{

	%s(NULL);
}
""" % name


def not_static(text, rng):
    found = [m for m in DEFINE.finditer(text) if m.group(1) ==
             "VNET_DEFINE_STATIC"]
    if not found:
        return None
    m = rng.choice(found)
    return text[:m.start()] + "VNET_DEFINE" + text[m.start() +
                                                   len(m.group(1)):]


def spaces_for_tabs(text, rng):
    return text.replace("\n\t", "\n    ")


def no_blank_after_brace(text, rng):
    return text.replace("{\n\n\t", "{\n\t")


MUTATIONS = [crlf, cr_only, one_line_body, brace_on_signature,
             comment_after_brace, ifdef_table, ifdef_function,
             repeat_definition, undef_accessor, user_macro, spell_vnet,
             no_accessor, move_function, rekey, publish_callout,
             leading_clear, count_use, conditional_include, not_static,
             spaces_for_tabs, no_blank_after_brace, sysctl_export,
             sizeof_in_macro, whole_address, early_publisher, undef_vnet,
             min_count, bound_expression, call_constructor]
# Line-end changes go last: the others match "\n".
LAST = (crlf, cr_only)


def make_variant(seed, index):
    rng = random.Random("%d/%d" % (seed, index))
    fixture = FIXTURES[index % len(FIXTURES)]
    text = open(os.path.join(TOP, "test", "fixit", fixture + ".c")).read()
    # -verify comments would go stale: drop them.
    text = re.sub(r" // expected-.*", "", text)
    applied = []
    for _ in range(rng.choice([1, 1, 2, 2, 3])):
        m = rng.choice(MUTATIONS)
        if m in LAST and any(a in LAST for a in applied):
            continue
        applied.append(m)
    applied.sort(key=lambda m: m in LAST)
    # Some runs must change nothing: nothing over the threshold, or
    # fix-its turned off.
    flags = rng.choice([[]] * 8 + [["-fplugin-arg-modspace-threshold=1M"],
                                    ["-fplugin-arg-modspace-fix=none"]])
    names = [f.split("-")[-1] for f in flags]
    for m in applied:
        new = m(text, rng)
        if new is not None:
            text = new
            names.append(m.__name__)
    return fixture, names, text, flags


def options_of(text):
    m = OPTIONS.search(text.replace("\r", "\n"))
    return m.group(1).split() if m else []


def configurations(options):
    """Every -D combination, fullest first."""
    combos = [[]]
    for o in options:
        combos = [c + ["-D" + o] for c in combos] + combos
    return [["-DVIMAGE"] + c for c in combos] + [c for c in combos]


def run(args, cwd=None):
    p = subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True)
    return p.returncode, p.stderr


def diagnostics(stderr):
    """The diagnostics, without locations: compared as a multiset."""
    out = []
    for line in stderr.splitlines():
        m = re.match(r"^[^:]+:\d+:\d+: (warning|error): (.*)$", line)
        if m and "[modspace]" not in line:
            out.append(m.group(1) + ": " + m.group(2))
    return sorted(out)


def check_variant(seed, index, keep):
    fixture, names, text, pflags = make_variant(seed, index)
    work = tempfile.mkdtemp(prefix="mutate-")
    try:
        src = os.path.join(work, fixture + ".c")
        with open(src, "w", newline="") as f:
            f.write(text)
        flags = KFLAGS + KWARN + EXTRA.get(fixture, [])
        configs = configurations(options_of(text))
        fullest = configs[0]
        orig = {}
        for c in configs:
            status, err = run([os.path.join(BIN, "clang")] + flags + c +
                              ["-fsyntax-only", "-fdiagnostics-parseable-fixits",
                               src])
            orig[tuple(c)] = diagnostics(err) if status == 0 else None
            if c == fullest and "fix-it:" in err:
                # clang's own fix-its would be applied too.
                orig[tuple(c)] = None
        if orig[tuple(fullest)] is None:
            return index, fixture, names, "skipped", ""
        plugin = ["-fplugin=" + PLUGIN]
        fixed = os.path.join(work, "fixed.c")
        fixrun = plugin + pflags
        shutil.copy(src, fixed)
        status, err = run([os.path.join(BIN, "clang")] + flags + fixrun +
                          fullest + ["-fsyntax-only", "-Xclang", "-fixit",
                                     fixed])
        warned = "warning: per-vnet variable" in err
        changed = open(src, "rb").read() != open(fixed, "rb").read()
        why = ""
        if changed and (not warned or "fix=none" in " ".join(pflags)):
            why = "changed without a fix-it"
        elif not changed:
            return index, fixture, names, "unchanged", ""
        for c in configs:
            if why or orig[tuple(c)] is None:
                continue
            status, err = run([os.path.join(BIN, "clang")] + flags + c +
                              ["-fsyntax-only", fixed])
            if status != 0:
                why = "does not compile with %s: %s" % (
                    " ".join(c), (diagnostics(err) or [err.strip()])[0])
            else:
                left = list(orig[tuple(c)])
                new = []
                for d in diagnostics(err):
                    if d in left:
                        left.remove(d)
                    else:
                        new.append(d)
                if new:
                    why = "new diagnostic with %s: %s" % (" ".join(c), new[0])
        if not why:
            status, err = run([os.path.join(BIN, "clang")] + flags + plugin +
                              fullest + ["-fsyntax-only",
                                         "-fdiagnostics-parseable-fixits",
                                         fixed])
            if "fix-it:" in err:
                why = "a second run offers fix-its"
        if why:
            if keep:
                dest = os.path.join(keep, "%05d-%s" % (index, fixture))
                shutil.rmtree(dest, ignore_errors=True)
                shutil.copytree(work, dest)
            return index, fixture, names, "broken", why
        return index, fixture, names, "fixed", ""
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seconds", type=float, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--keep", default="")
    ap.add_argument("--print", type=int, default=-1,
                    help="print variant N and exit")
    a = ap.parse_args()
    if a.print >= 0:
        fixture, names, text, _ = make_variant(a.seed, a.print)
        sys.stdout.write("/* %s: %s */\n%s" % (fixture, " ".join(names),
                                                text))
        return 0
    if a.keep:
        os.makedirs(a.keep, exist_ok=True)
    deadline = time.time() + a.seconds if a.seconds else None
    counts = {"fixed": 0, "unchanged": 0, "skipped": 0, "broken": 0}
    with concurrent.futures.ThreadPoolExecutor(a.j) as pool:
        pending = set()
        index = 0
        while True:
            while len(pending) < 2 * a.j and (
                    (deadline is None and index < a.count) or
                    (deadline is not None and time.time() < deadline)):
                pending.add(pool.submit(check_variant, a.seed, index,
                                        a.keep))
                index += 1
            if not pending:
                break
            done, pending = concurrent.futures.wait(
                pending, return_when=concurrent.futures.FIRST_COMPLETED)
            for fut in done:
                i, fixture, names, verdict, why = fut.result()
                counts[verdict] += 1
                if verdict == "broken":
                    print("broken: variant %d (%s: %s): %s" %
                          (i, fixture, " ".join(names), why))
    total = sum(counts.values())
    print("%d variants: %d fixed, %d unchanged, %d skipped (do not compile), "
          "%d broken" % (total, counts["fixed"], counts["unchanged"],
                         counts["skipped"], counts["broken"]))
    return 1 if counts["broken"] else 0


if __name__ == "__main__":
    sys.exit(main())

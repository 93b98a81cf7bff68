#!/usr/bin/env python3
"""Derive the deliberately wrong conversions from the fix-its' golden files.

usage: make-wrong.py SRC_TOP OUTDIR

Each wrong file is a golden (correct) conversion with one mistake a human
or a tool could make.  Deriving them keeps them in step with the goldens;
a replacement that no longer applies is an error, not a silent no-op.
"""
import os
import sys

WRONG = {
    "alloc-late.c": (
        "the table is allocated after vnet_hz_init uses it",
        "test/fixit/hazards.fixed.c", [
            ("\tV_table = mallocarray(NENTRIES, sizeof(*V_table), M_HAZARD,\n"
             "\t    M_WAITOK | M_ZERO);\n\thz_fill();\n", "\thz_fill();\n"),
            ("static void\nvnet_hz_uninit(",
             "static void\nvnet_hz_late_alloc(const void *unused __unused)\n"
             "{\n\n\tV_table = mallocarray(NENTRIES, sizeof(*V_table), "
             "M_HAZARD,\n\t    M_WAITOK | M_ZERO);\n}\n"
             "VNET_SYSINIT(vnet_hz_late_alloc, SI_SUB_PROTO_DOMAIN, "
             "SI_ORDER_THIRD,\n    vnet_hz_late_alloc, NULL);\n\n"
             "static void\nvnet_hz_uninit(")]),
    "free-early.c": (
        "the table is freed before vnet_hz_uninit uses it",
        "test/fixit/hazards.fixed.c", [
            ("\tV_nused = 0;\n\tfree(V_table, M_HAZARD);\n}",
             "\tV_nused = 0;\n}\n\nstatic void\n"
             "vnet_hz_early_free(const void *unused __unused)\n{\n\n"
             "\tfree(V_table, M_HAZARD);\n}\n"
             "VNET_SYSUNINIT(vnet_hz_early_free, SI_SUB_PROTO_FIREWALL, "
             "SI_ORDER_ANY,\n    vnet_hz_early_free, NULL);")]),
    "through-macro.c": (
        "the allocation is written through QB_FIRST, not the accessor",
        "test/fixit/user-macro.fixed.c", [
            ("\tV_qb = mallocarray(NQB, sizeof(*V_qb), M_QB, "
             "M_WAITOK | M_ZERO);",
             "\tQB_FIRST = mallocarray(NQB, sizeof(*QB_FIRST), M_QB, "
             "M_WAITOK | M_ZERO);")]),
    "async-alloc-late.c": (
        "flows[] is allocated after the module's callout starts using it",
        "test/fixit/async.fixed.c", [
            ("{\n\n\tV_flows = mallocarray(NFLOWS, sizeof(*V_flows), "
             "M_FLOWTBL,\n\t    M_WAITOK | M_ZERO);\n",
             "{\n\n"),
            ("{\n\n\tV_nticks = 0;\n\tcallout_init(",
             "{\n\n\tV_flows = mallocarray(NFLOWS, sizeof(*V_flows), "
             "M_FLOWTBL,\n\t    M_WAITOK | M_ZERO);\n\tV_nticks = 0;\n"
             "\tcallout_init(")]),
    "async-free-early.c": (
        "aged[] is freed before the callout that uses it is drained",
        "test/fixit/async.fixed.c", [
            ("\tfree(V_aged, M_FLOWTBL);\n", ""),
            ("\tV_nticks = 0;\n}\nVNET_SYSUNINIT(vnet_flow_detach",
             "\tV_nticks = 0;\n\tfree(V_aged, M_FLOWTBL);\n}\n"
             "VNET_SYSUNINIT(vnet_flow_detach")]),
    "free-missing.c": (
        "the table is never freed",
        "test/fixit/hazards.fixed.c", [
            ("\tV_nused = 0;\n\tfree(V_table, M_HAZARD);\n}",
             "\tV_nused = 0;\n}")]),
    "bzero-left.c": (
        "mroute_flush clears 8 bytes of the table",
        "test/example/ip_mroute_like.fixed.c", [
            ("\tbzero(V_viftable, MAXVIFS * sizeof(*V_viftable));",
             "\tbzero(V_viftable, sizeof(V_viftable));")]),
    "sysctl-left.c": (
        "the sysctl still exports &VNET_NAME(viftable)",
        "test/example/ip_mroute_like.step1.c", [
            ("VNET_DEFINE_STATIC(struct vif, viftable[MAXVIFS]);",
             "VNET_DEFINE_STATIC(struct vif *, viftable);"),
            ("\tif (vifi >= nitems(V_viftable))", "\tif (vifi >= MAXVIFS)"),
            ("\tbzero(V_viftable, sizeof(V_viftable));",
             "\tbzero(V_viftable, MAXVIFS * sizeof(*V_viftable));"),
            ("{\n\n\tV_bw_meter_timers = mallocarray(",
             "{\n\n\tV_viftable = mallocarray(MAXVIFS, sizeof(*V_viftable), "
             "M_MRTABLE,\n\t    M_WAITOK | M_ZERO);\n"
             "\tV_bw_meter_timers = mallocarray("),
            ("\tfree(V_bw_upcalls, M_MRTABLE);",
             "\tfree(V_bw_upcalls, M_MRTABLE);\n"
             "\tfree(V_viftable, M_MRTABLE);")]),
    "struct-sizeof-pointer.c": (
        "tag_digest counts sizeof(V_tags), the pointer, not the structure",
        "test/fixit/structs.fixed.c", [
            ("\tdigest += sizeof(*V_tags) + sizeof(V_tags->ts_names) + "
             "sizeof(*V_tags);",
             "\tdigest += sizeof(V_tags) + sizeof(V_tags->ts_names) + "
             "sizeof(*V_tags);")]),
    "struct-alloc-late.c": (
        "the tag set is allocated after tags_init uses it",
        "test/fixit/structs.fixed.c", [
            ("\tV_tags = malloc(sizeof(*V_tags), M_TAGS, M_WAITOK | M_ZERO);\n",
             ""),
            ("static void\ntags_uninit(",
             "static void\ntags_late_alloc(const void *unused __unused)\n"
             "{\n\n\tV_tags = malloc(sizeof(*V_tags), M_TAGS, "
             "M_WAITOK | M_ZERO);\n}\n"
             "VNET_SYSINIT(tags_late_alloc, SI_SUB_PROTO_FIREWALL, "
             "SI_ORDER_ANY,\n    tags_late_alloc, NULL);\n\n"
             "static void\ntags_uninit(")]),
    "struct-free-early.c": (
        "the ring is freed before the callout that ages it is drained",
        "test/fixit/structs.fixed.c", [
            ("\tfree(V_ring, M_TAGS);\n", ""),
            ("static void\ntags_uninit(",
             "static void\nring_early_free(const void *unused __unused)\n"
             "{\n\n\tfree(V_ring, M_TAGS);\n}\n"
             "VNET_SYSUNINIT(ring_early_free, SI_SUB_PROTO_FIREWALL, "
             "SI_ORDER_ANY,\n    ring_early_free, NULL);\n\n"
             "static void\ntags_uninit(")]),
    "sysctl-wrong-length.c": (
        "the vifs handler copies one entry too few",
        "test/fixit/sysctl.fixed.c", [
            ("\treturn (SYSCTL_OUT(req, table, NV * sizeof(*table)));",
             "\treturn (SYSCTL_OUT(req, table, (NV - 1) * sizeof(*table)));")]),
    "sysctl-no-vnet-flag.c": (
        "the vifs SYSCTL_PROC lost CTLFLAG_VNET, so arg1 is the master copy",
        "test/fixit/sysctl.fixed.c", [
            ("SYSCTL_PROC(_net_test, OID_AUTO, vifs,\n"
             "    CTLTYPE_OPAQUE | CTLFLAG_VNET | CTLFLAG_RD | CTLFLAG_MPSAFE,",
             "SYSCTL_PROC(_net_test, OID_AUTO, vifs,\n"
             "    CTLTYPE_OPAQUE | CTLFLAG_RD | CTLFLAG_MPSAFE,")]),
    "sysctl-wrong-vnet.c": (
        "the marks handler keeps the table of the first vnet that asked",
        "test/fixit/sysctl.fixed.c", [
            ("\tuint32_t *table;\n\n", "\tstatic uint32_t *first;\n"
             "\tuint32_t *table;\n\n"),
            ("\ttable = *(uint32_t **)arg1;\n",
             "\tif (first == NULL)\n\t\tfirst = *(uint32_t **)arg1;\n"
             "\ttable = first;\n")]),
}


def main():
    top, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for name, (why, golden, edits) in sorted(WRONG.items()):
        text = open(os.path.join(top, golden)).read()
        for old, new in edits:
            if text.count(old) != 1:
                sys.exit("make-wrong.py: %s: %r not found once in %s" %
                         (name, old[:40], golden))
            text = text.replace(old, new)
        with open(os.path.join(out, name), "w") as f:
            f.write("/* WRONG ON PURPOSE: %s. */\n%s" % (why, text))


if __name__ == "__main__":
    main()

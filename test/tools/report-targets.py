#!/usr/bin/env python3
"""Where report= writes, and what it must never destroy.

usage: report-targets.py WORK -- CLANG ARGS...

Runs the compile (ARGS must not name a report) once per kind of target
under WORK, each time with -fplugin-arg-modspace-report=TARGET, and prints
one line per case, "ok" or "WRONG", with what it saw:

  new      a path that does not exist: created, whole JSON
  replace  an existing file: replaced whole
  link     a symlink to a file: the link stays a link, its target is
           replaced
  dangling a symlink to nothing: the link stays, the target is created
  fifo     a FIFO with a reader: stays a FIFO, the reader gets the JSON
  noreader a FIFO nobody reads: an error, no hang, stays a FIFO
  device   a character device (a scratch copy of /dev/null, made with
           mknod; "skipped" where that is not allowed): stays a device
  dir      a directory: an error, nothing inside it
  loop     a symlink loop: an error, the links kept

and, for all of them, that no temporary file is left in WORK.
"""
import json
import os
import stat
import subprocess
import sys
import threading


def compile_to(cmd, target):
    p = subprocess.run(cmd + ["-fplugin-arg-modspace-report=" + target],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True, timeout=60)
    return p.returncode, p.stderr


def whole_json(text):
    try:
        return "variables" in json.loads(text)
    except ValueError:
        return False


def main():
    work = sys.argv[1]
    cmd = sys.argv[sys.argv.index("--") + 1:]
    os.makedirs(work, exist_ok=True)
    results = []

    def say(case, ok, what):
        results.append(ok)
        print("%s %s: %s" % ("ok" if ok else "WRONG", case, what))

    path = os.path.join(work, "new.json")
    status, _ = compile_to(cmd, path)
    say("new", status == 0 and whole_json(open(path).read()),
        "exit %d" % status)

    path = os.path.join(work, "old.json")
    open(path, "w").write("old\n" * 10000)
    status, _ = compile_to(cmd, path)
    say("replace", status == 0 and whole_json(open(path).read()),
        "exit %d" % status)

    target = os.path.join(work, "target.json")
    open(target, "w").write("old\n")
    link = os.path.join(work, "link.json")
    os.symlink("target.json", link)
    status, _ = compile_to(cmd, link)
    say("link", status == 0 and os.path.islink(link) and
        whole_json(open(target).read()), "exit %d, link kept: %s" %
        (status, os.path.islink(link)))

    link = os.path.join(work, "dangling.json")
    os.symlink("created.json", link)
    status, _ = compile_to(cmd, link)
    created = os.path.join(work, "created.json")
    say("dangling", status == 0 and os.path.islink(link) and
        os.path.exists(created) and whole_json(open(created).read()),
        "exit %d" % status)

    fifo = os.path.join(work, "fifo")
    os.mkfifo(fifo)
    got = []

    def reader():
        with open(fifo) as f:
            got.append(f.read())
    t = threading.Thread(target=reader)
    t.start()
    status, _ = compile_to(cmd, fifo)
    t.join(30)
    say("fifo", status == 0 and stat.S_ISFIFO(os.lstat(fifo).st_mode) and
        bool(got) and whole_json(got[0]), "exit %d" % status)

    fifo = os.path.join(work, "fifo-unread")
    os.mkfifo(fifo)
    status, err = compile_to(cmd, fifo)
    say("noreader", status != 0 and "no process is reading it" in err and
        stat.S_ISFIFO(os.lstat(fifo).st_mode), "exit %d" % status)

    dev = os.path.join(work, "null")
    try:
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        status, _ = compile_to(cmd, dev)
        say("device", status == 0 and stat.S_ISCHR(os.lstat(dev).st_mode),
            "exit %d, still a device: %s" %
            (status, stat.S_ISCHR(os.lstat(dev).st_mode)))
    except PermissionError:
        print("skipped device: mknod is not allowed here")

    d = os.path.join(work, "dir")
    os.mkdir(d)
    status, err = compile_to(cmd, d)
    say("dir", status != 0 and "it is a directory" in err and
        os.listdir(d) == [], "exit %d" % status)

    a, b = os.path.join(work, "loop-a"), os.path.join(work, "loop-b")
    os.symlink("loop-b", a)
    os.symlink("loop-a", b)
    status, err = compile_to(cmd, a)
    say("loop", status != 0 and "too many levels of symbolic links" in err
        and os.path.islink(a) and os.path.islink(b), "exit %d" % status)

    left = [f for f in os.listdir(work) if "temp" in f or "tmp" in f]
    say("temporary files", not left, "left: %s" % (left or "none"))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())

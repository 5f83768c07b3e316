# kevent gdb helpers, sourced by the script scripts/vm-gdb generates, which
# first sets the Python dict KEVENT_GDB:
#   port      QEMU's gdb stub (tcp, localhost)
#   control   the guest's control channel (ttyS2) log, written while it runs
#   sync      breakpoint location of the sync(2) syscall: the guest's /init
#             calls sync right after loading the modules and printing their
#             section addresses ("__x64_sys_sync", or "*0xADDR" from a probe
#             of /proc/kallsyms when the kernel has no symbols)
#   moddirs   directories searched for NAME.ko
#   lxsymbols True when the kernel's gdb scripts are loaded (a profile with
#             vmlinux and vmlinux-gdb.py): kevent-attach then runs
#             `lx-symbols MODDIRS...`, which loads the symbols of the modules
#             already loaded and puts a breakpoint on do_init_module, so the
#             symbols of every module loaded later arrive automatically
#
# Commands:
#   kevent-attach        connect, let the guest boot until the kevent modules
#                        are loaded, add their symbols; the guest stays halted
#   kevent-load-symbols  (again) add-symbol-file every module the guest
#                        reported as loaded, with every section's address
import os
import re
import time

import gdb


def _listening(port):
    want = ":%04X" % port
    for f in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(f) as fh:
                for line in fh.readlines()[1:]:
                    p = line.split()
                    if p[1].endswith(want) and p[3] == "0A":
                        return True
        except OSError:
            pass
    return False


def _loaded_modules():
    """[(name, {section: address})] from the control channel log."""
    mods = []
    try:
        with open(KEVENT_GDB["control"], errors="replace") as fh:
            for line in fh:
                p = line.strip().split()
                if len(p) >= 4 and p[0] == "@@KEVENT" and p[2] == "loaded":
                    secs = dict(s.split("=", 1) for s in p[4:] if "=" in s)
                    mods.append((p[3], secs))
    except OSError:
        pass
    return mods


def _control_has(what):
    try:
        with open(KEVENT_GDB["control"], errors="replace") as fh:
            return any(l.split()[2:3] == [what] for l in fh if l.startswith("@@KEVENT"))
    except OSError:
        return False


def _find_ko(name):
    for d in KEVENT_GDB["moddirs"]:
        for root, _, files in os.walk(d):
            if name + ".ko" in files:
                return os.path.join(root, name + ".ko")
    return None


class LoadSymbols(gdb.Command):
    """Add the symbols of every kevent module the guest reported as loaded."""

    def __init__(self):
        super().__init__("kevent-load-symbols", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        mods = _loaded_modules()
        if not mods:
            raise gdb.GdbError("kevent: the guest has not reported any loaded module yet")
        for name, secs in mods:
            ko = _find_ko(name)
            if not ko:
                print("kevent: %s.ko not found in %s" % (name, " ".join(KEVENT_GDB["moddirs"])))
                continue
            skip = {".symtab", ".strtab"}
            cmd = "add-symbol-file %s" % ko
            if ".text" in secs:
                cmd += " %s" % secs[".text"]
            for s, a in sorted(secs.items()):
                if s not in skip and s != ".text":
                    cmd += " -s %s %s" % (s, a)
            gdb.execute(cmd, to_string=True)
            print("kevent: symbols of %s loaded from %s (.text at %s)" % (name, ko, secs.get(".text", "?")))


class Attach(gdb.Command):
    """Connect to the guest, run it until kevent is loaded, load the symbols."""

    def __init__(self):
        super().__init__("kevent-attach", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        c = KEVENT_GDB
        deadline = time.time() + 120
        while not _listening(c["port"]):
            if time.time() > deadline:
                raise gdb.GdbError("kevent: no gdb stub listening on port %d" % c["port"])
            time.sleep(0.1)
        gdb.execute("target remote 127.0.0.1:%d" % c["port"])
        before = {b.number for b in gdb.breakpoints()}
        gdb.execute("hbreak %s" % c["sync"], to_string=True)
        bps = [b for b in gdb.breakpoints() if b.number not in before]
        print("kevent: running the guest until its /init has loaded the modules ...")
        for _ in range(20):
            gdb.execute("continue", to_string=True)
            if _control_has("tainted-after-load"):
                break
        for b in bps:
            b.delete()
        if not _loaded_modules():
            print("kevent: the guest loaded no module (--no-load?); kevent-load-symbols after insmod")
            return
        if c.get("lxsymbols"):
            # The kernel runs with paging on now: lx-symbols' software
            # breakpoint on do_init_module can be inserted.
            out = gdb.execute("lx-symbols %s" % " ".join(c["moddirs"]), to_string=True)
            for line in out.splitlines():
                m = re.match(r"loading @(0x[0-9a-f]+): (.*/([^/]+)\.ko)$", line)
                if m:
                    print("kevent: symbols of %s loaded from %s by lx-symbols (core at %s); "
                          "modules loaded later get theirs automatically" % (m.group(3), m.group(2), m.group(1)))
                elif line.strip():
                    print("kevent: lx-symbols: %s" % line)
        else:
            gdb.execute("kevent-load-symbols")
        print("kevent: the guest is halted before its command; set breakpoints, then 'continue'")


LoadSymbols()
Attach()

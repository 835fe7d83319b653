# Helpers for Shuzhi's end-to-end tests: start the app on a private data folder, wait for its
# first frame, and find widgets through AT-SPI by role and name, as assistive technology does.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import signal
import subprocess
import tempfile
import time

import pyatspi


def plain(s):
    """A label without its mnemonic: "C_reate" → "Create", "新建(_N)…" → "新建…"."""
    return re.sub(r"\(_?[A-Za-z0-9]\)", "", s or "").replace("_", "")


def _same_name(have, want):
    """GTK 4.8 names a button with a mnemonic "C_reate Create": accept that for "Create"."""
    if have == want:
        return True
    have, want = plain(have), plain(want)
    return have == want or have == want + " " + want


class App:
    def __init__(self, *args, lang="en_US.UTF-8"):
        self.home = tempfile.mkdtemp(prefix="shz-e2e-")
        env = dict(os.environ)
        env.pop("G_DEBUG", None)
        env.pop("GTK_A11Y", None)
        env.pop("NO_AT_BRIDGE", None)
        env.update({
            "XDG_DATA_HOME": os.path.join(self.home, "data"),
            "XDG_CONFIG_HOME": os.path.join(self.home, "config"),
            "GSETTINGS_BACKEND": "memory",
            "GSK_RENDERER": "cairo",
            "SHZ_REPORT_FIRST_FRAME": "1",
            # a crash prints the signal and a backtrace into the log (see report())
            "SHZ_CRASH_BACKTRACE": "1",
            "LANG": lang, "LC_ALL": lang, "LANGUAGE": lang.split(".")[0],
        })
        exe = os.path.join(os.environ["SHZ_BUILD_ROOT"], "src", "shuzhi")
        self.log = open(os.path.join(self.home, "log"), "w+")
        wrapper = os.environ.get("SHZ_E2E_WRAPPER", "").split()  # e.g. "gdb -batch -ex run -ex bt --args"
        self.proc = subprocess.Popen([*wrapper, exe, *args], env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self._wait_first_frame()
        self.root = self._find_app()

    def _wait_first_frame(self, timeout=30):
        end = time.time() + timeout
        while time.time() < end:
            self.log.seek(0)
            if "first frame" in self.log.read():
                return
            if self.proc.poll() is not None:
                raise AssertionError("shuzhi exited before its first frame:\n%s" % self.report())
            time.sleep(0.05)
        raise AssertionError("no first frame within %ds:\n%s" % (timeout, self.report()))

    def output(self):
        self.log.seek(0)
        return self.log.read()

    def gone(self):
        """How the app ended ("killed by signal 11 (SIGSEGV)", "exited with status 1"), or
        None while it runs."""
        status = self.proc.poll()
        if status is None:
            return None
        if status < 0:
            try:
                name = signal.Signals(-status).name
            except ValueError:
                name = "?"
            return "killed by signal %d (%s)" % (-status, name)
        return "exited with status %d" % status

    def report(self):
        """What the app wrote (stdout and stderr), how it ended if it did, and the frames of
        its crash backtrace in our code with their source lines: for a test's failure message."""
        try:
            self.proc.wait(2)  # a crashing app may still be writing its backtrace
        except subprocess.TimeoutExpired:
            pass
        out = self.output()
        lines = ["---- shuzhi's output (%s) ----" % (self.log.name), out.rstrip("\n")]
        lines.append("---- shuzhi %s ----" % (self.gone() or "is still running"))
        frames = symbolize(out)
        if frames:
            lines += ["---- the backtrace, with source lines where known ----"] + frames
        return "\n".join(lines)

    def _check_alive(self):
        what = self.gone()
        if what is not None:
            raise AssertionError("shuzhi is gone (%s)" % what)

    def _find_app(self, timeout=60):
        end = time.time() + timeout
        while time.time() < end:
            desktop = pyatspi.Registry.getDesktop(0)
            for i in range(desktop.childCount):
                try:
                    a = desktop.getChildAtIndex(i)
                    if a is not None and (a.get_process_id() == self.proc.pid or
                                          (os.environ.get("SHZ_E2E_WRAPPER") and a.name == "shuzhi")):
                        return a
                except Exception:
                    pass
            time.sleep(0.2)
        raise AssertionError("the app never appeared on the accessibility bus")

    def find(self, role, name=None, root=None, timeout=10, showing=False):
        """The first accessible of @role (and @name, when given) under @root, waiting for it.
        GTK 4.8 does not keep STATE_SHOWING reliably, so by default hidden widgets count too."""
        end = time.time() + timeout
        while True:
            found = self.find_all(role, name, root, showing)
            if found:
                return found[0]
            self._check_alive()
            if time.time() > end:
                raise AssertionError("no %s named %r" % (role, name))
            time.sleep(0.1)

    def find_all(self, role, name=None, root=None, showing=False):
        out = []

        def visit(acc, depth=0):
            if acc is None or depth > 60:
                return
            try:
                r = acc.getRoleName()
                n = acc.name
                st = acc.getState()
            except Exception:
                return
            if showing and not st.contains(pyatspi.STATE_SHOWING):
                return
            if r == role and (name is None or _same_name(n, name)):
                out.append(acc)
            try:
                count = acc.childCount
            except Exception:
                return
            for i in range(count):
                try:
                    child = acc.getChildAtIndex(i)
                except Exception:
                    continue  # a window or widget that went away meanwhile
                visit(child, depth + 1)

        visit(root or self.root)
        return out

    def find_window(self, title, timeout=30):
        """A top-level window (frame or dialog) of the app with @title."""
        end = time.time() + timeout
        while time.time() < end:
            self._check_alive()
            for i in range(self.root.childCount):
                w = self.root.getChildAtIndex(i)
                if w is not None and w.name == title:
                    return w
            time.sleep(0.1)
        names = [self.root.getChildAtIndex(i).name for i in range(self.root.childCount)]
        raise AssertionError("no window titled %r (windows: %r)" % (title, names))

    def wait_window_closed(self, title, timeout=10):
        """Wait until no X window has @title.  This asks the X server, not AT-SPI: GTK 4.8
        crashes when asked over AT-SPI about a window that is being destroyed, and a query can
        block for D-Bus's whole timeout."""
        def gone():
            out = subprocess.run(["xdotool", "search", "--name", "^" + title + "$"],
                                 capture_output=True, text=True).stdout
            return out.strip() == ""
        self.wait_until(gone, "the window %r to close" % title, timeout)
        time.sleep(0.3)

    def click(self, acc):
        action = acc.queryAction()
        for i in range(action.nActions):
            if action.getName(i) in ("click", "activate", "press"):
                action.doAction(i)
                return
        action.doAction(0)

    def type_into(self, acc, text):
        editable = acc.queryEditableText()
        editable.setTextContents(text)

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()
        subprocess.run(["rm", "-rf", self.home])

    def wait_until(self, predicate, what, timeout=10):
        from gi.repository import GLib
        end = time.time() + timeout
        while time.time() < end:
            try:
                if predicate():
                    return
            except GLib.GError as e:
                # an accessible the predicate was reading went away while the window rebuilt
                # (a toolbar filled in once a chart has loaded in its thread): AT-SPI says
                # "The application no longer exists" for it though the app runs — not yet;
                # if the app itself is gone, _check_alive() reports how it ended
                if self.proc.poll() is not None or "no longer exists" not in str(e):
                    self._check_alive()
                    raise
            self._check_alive()
            time.sleep(0.1)
        raise AssertionError("timed out waiting for " + what)


# A frame of glibc's backtrace_symbols_fd(): "/path/shuzhi(+0x1cdb7)[0x55…]" or
# "/path/libgtk-4.so.1(gtk_widget_snapshot+0x2c)[0x7f…]".
_FRAME = re.compile(r"^(/\S+)\(([^()+]*)\+(0x[0-9a-f]+)\)\[0x[0-9a-f]+\]$")


def symbolize(output):
    """The frames of a crash backtrace in @output, with function and source line where the
    object has debugging information (our binary; Debian's libraries have none installed)."""
    out = []
    in_trace = False
    for line in output.splitlines():
        if line.startswith("shuzhi: backtrace:"):
            in_trace, out = True, []
            continue
        if not in_trace:
            continue
        if line.startswith("shuzhi: end of backtrace"):
            in_trace = False
            continue
        m = _FRAME.match(line.strip())
        if m is None:
            continue
        path, sym, off = m.groups()
        where = ""
        if not sym:
            # an offset in the object: its return address, so the call is one byte before
            try:
                r = subprocess.run(["addr2line", "-f", "-i", "-C", "-e", path, hex(max(int(off, 16) - 1, 0))],
                                   capture_output=True, text=True, timeout=10)
                parts = r.stdout.split("\n")
                # without line information, addr2line names the nearest exported function:
                # misleading, so left out
                pairs = ["%s (%s)" % (parts[i], parts[i + 1]) for i in range(0, len(parts) - 1, 2)
                         if parts[i] != "??" and not parts[i + 1].startswith(("??", ":"))]
                where = " ← ".join(pairs)
            except (OSError, subprocess.SubprocessError):
                pass
        out.append("#%-2d %s %s" % (len(out), os.path.basename(path), where or sym + "+" + off))
    return out


# Names GTK 4.8 gives an accessible that has no name of its own: its class name.
_CLASS_NAME = re.compile(r"^(Gtk|Adw|Shz)[A-Za-z]+$")


def has_name(acc):
    """Whether @acc has a real accessible name (not empty, not GTK's class-name stand-in)."""
    try:
        name = (acc.name or "").strip()
    except Exception:
        return True  # gone meanwhile: nothing to judge
    return name != "" and not _CLASS_NAME.match(name)


def describe(acc):
    try:
        return "%s %r" % (acc.getRoleName(), acc.name)
    except Exception as e:
        return "(gone: %s)" % e


def focused_under(root):
    """The accessible under @root that has the focus, or None (a walk of the tree: slow)."""
    found = []

    def visit(acc, depth=0):
        if acc is None or depth > 60 or found:
            return
        try:
            if acc.getState().contains(pyatspi.STATE_FOCUSED):
                found.append(acc)
                return
            count = acc.childCount
        except Exception:
            return
        for i in range(count):
            try:
                visit(acc.getChildAtIndex(i), depth + 1)
            except Exception:
                continue

    visit(root)
    return found[0] if found else None


class FocusTracker:
    """Follows the keyboard focus through AT-SPI's focus events, as a screen reader does: this
    only reads; it never moves the focus.  GTK 4.8 sends no event when the focus goes into the
    text of an entry (its GtkText is not exposed), so entries are checked by name instead."""

    def __init__(self):
        from gi.repository import GLib
        self._context = GLib.MainContext.default()
        self.current = None
        self.met = []        # every accessible that took the focus, in order
        self.where = {}      # index in met → where an unnamed one was
        self.last_key = ""   # set by the test: the key pressed last
        self._listener = self._on_focus
        pyatspi.Registry.registerEventListener(self._listener, "object:state-changed:focused")

    def _on_focus(self, event):
        if event.detail1 == 1 and event.source is not None:
            self.current = event.source
            self.met.append(event.source)
            if not has_name(event.source):
                # Where it is, while it still exists: its nearest named ancestors.
                chain, a = [], event.source
                for _i in range(8):
                    try:
                        a = a.parent
                        if a is None:
                            break
                        if has_name(a):
                            chain.append(describe(a))
                    except Exception:
                        break
                self.where[len(self.met) - 1] = " < ".join(chain[:3]) + ", on " + self.last_key

    def pump(self, seconds=0.3):
        """Deliver the focus events that arrived, for @seconds at least."""
        end = time.time() + seconds
        while True:
            while self._context.iteration(False):
                pass
            if time.time() >= end:
                return
            time.sleep(0.02)

    def wait_for(self, predicate, what, timeout=15, root=None):
        """Pump events until predicate(current focus) holds.  Without a focus event (the focus
        was there already), look for the focused accessible under @root, now and then."""
        end = time.time() + timeout
        next_search = time.time() + 1.5
        seen = len(self.met)
        candidates = [self.current]
        while time.time() < end:
            self.pump(0.1)
            # Whatever took the focus meanwhile counts, even if something else took it since
            # (GTK may move it on at once, and both events can come in one go).
            candidates += self.met[seen:]
            seen = len(self.met)
            for acc in candidates:
                try:
                    if acc is not None and predicate(acc):
                        return acc
                except Exception:
                    pass
            candidates = [self.current]
            if root is not None and time.time() >= next_search:
                found = focused_under(root)
                if found is not None:
                    self.current = found
                next_search = time.time() + 3
        raise AssertionError("timed out waiting for the focus on %s (focus: %s)" % (what, describe(self.current)))

    def unnamed(self):
        """What took the focus without a name, each with what had the focus before it."""
        return ["%s in %s (after %s)" % (describe(a), self.where.get(i, "?"),
                                         describe(self.met[i - 1]) if i > 0 else "nothing")
                for i, a in enumerate(self.met) if not has_name(a)]

    def close(self):
        try:
            pyatspi.Registry.deregisterEventListener(self._listener, "object:state-changed:focused")
        except Exception:
            pass

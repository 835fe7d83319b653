# Helpers for Shuzhi's end-to-end tests: start the app on a private data folder, wait for its
# first frame, and find widgets through AT-SPI by role and name, as assistive technology does.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
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
                raise AssertionError("shuzhi exited early (status %s):\n%s" % (self.proc.returncode, self.output()))
            time.sleep(0.05)
        raise AssertionError("no first frame within %ds:\n%s" % (timeout, self.output()))

    def output(self):
        self.log.seek(0)
        return self.log.read()

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
        end = time.time() + timeout
        while time.time() < end:
            if predicate():
                return
            time.sleep(0.1)
        raise AssertionError("timed out waiting for " + what)

#!/usr/bin/python3
# End to end with the keyboard alone (issue 9), in the English or the Chinese UI: a new store, a
# new engagement, a GBK CSV imported, positions computed, a bubble selected and its values read in
# the inspector, a value-network score edited, undone and redone, the maturity map exported as
# PNG, quit.  Everything is done by key presses sent to the focused window (shortcuts, mnemonics,
# Tab, arrows, Return, Escape, typed text); AT-SPI is used only to read: where the focus is, names,
# values, and the charts' descriptions.  On the way it checks that whatever takes the focus has an
# accessible name, that every control of the dialogs met has one, and that both charts describe
# their content.  The store is checked through the command line, not only through the window.
# Usage: test_keyboard.py [LANG]   (en_US.UTF-8 by default, or zh_CN.UTF-8)
# SPDX-License-Identifier: GPL-3.0-or-later
import gettext
import os
import re
import subprocess
import sys
import tempfile
import time

import pyatspi

sys.path.insert(0, os.path.dirname(__file__))
from shzatspi import App, FocusTracker, describe, has_name, plain  # noqa: E402
from test_workflow import make_gbk_csv, score_rows, shuzhi_cli  # noqa: E402

LANG = sys.argv[1] if len(sys.argv) > 1 else "en_US.UTF-8"
BUILD = os.environ["SHZ_BUILD_ROOT"]
ZH = LANG.startswith("zh")
if ZH:
    _ = gettext.translation("shuzhi", os.path.join(BUILD, "po"), languages=["zh_CN"]).gettext
else:
    def _(s):
        return s

# The value-network stage whose score is edited, as the catalogue names it in the UI language.
STAGE = "零售" if ZH else "Retail"
NETWORK = "全链路环式价值网" if ZH else "Full-link ring value network"
CHART_STAGES = {"全链路环式价值网": "零售", "Full-link ring value network": "Retail"}
# Roles of the controls a user operates; each must have a name of its own.
TRACKER = None
# Focus stops known to have no accessible name, as patterns; anything else unnamed fails the test.
# (AdwStatusPage scrolls its content in a GtkScrolledWindow that takes the focus when nothing in it
# can; the app names those after the page's title, so the list is empty.)
KNOWN_UNNAMED = []
CONTROL_ROLES = {"push button", "toggle button", "check box", "radio button", "combo box",
                 "spin button", "text", "page tab", "slider", "menu item", "entry", "password text"}


def xdo(*args):
    return subprocess.run(["xdotool", *args], capture_output=True, text=True)


def window_id(title, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        ids = xdo("search", "--name", "^" + re.escape(title) + "$").stdout.split()
        if ids:
            return ids[-1]
        time.sleep(0.2)
    raise AssertionError("no X window titled %r" % title)


def focus_window(title):
    wid = window_id(title)
    xdo("windowfocus", "--sync", wid)
    return wid


def key(title, *keys):
    """Press each chord in the window titled @title, then release its keys: when a key closes
    the window it is typed into, xdotool can fail between press and release and leave the keys
    down (the X server's auto-repeat then types them into the next window)."""
    wid = focus_window(title)
    for k in keys:
        if TRACKER is not None:
            TRACKER.last_key = "%s in %r" % (k, title)
        r = xdo("key", "--window", wid, k)
        if r.returncode != 0:
            print("xdotool key %s: status %d %s" % (k, r.returncode, r.stderr.strip()), file=sys.stderr)
        xdo("keyup", *k.split("+"))
        time.sleep(0.15)


def type_text(title, text):
    focus_window(title)
    xdo("type", "--delay", "30", text)
    time.sleep(0.2)


def mnemonic(label):
    """The Alt chord of a translated label: "C_reate" → "alt+r", "创建(_R)" → "alt+r"."""
    m = re.search(r"_([A-Za-z0-9])", label)
    assert m, "no mnemonic in %r" % label
    return "alt+" + m.group(1).lower()


def check_controls_named(app, window, where):
    """Every control of @window (a dialog) has an accessible name."""
    bad = []

    def visit(acc, depth=0):
        if acc is None or depth > 60:
            return
        try:
            role = acc.getRoleName()
            state = acc.getState()
            count = acc.childCount
        except Exception:
            return
        if role in CONTROL_ROLES and state.contains(pyatspi.STATE_FOCUSABLE) and not has_name(acc):
            bad.append(describe(acc))
        for i in range(count):
            try:
                visit(acc.getChildAtIndex(i), depth + 1)
            except Exception:
                continue

    visit(window)
    assert not bad, "controls without an accessible name in %s: %r" % (where, bad)


def spin_value(spin):
    return spin.queryValue().currentValue


def main():
    work = tempfile.mkdtemp(prefix="shz-keyboard-")
    store = os.path.join(work, "keys.shuzhi")
    csv = os.path.join(work, "usage-gbk.csv")
    n_rows = make_gbk_csv(csv)
    # ASCII: xdotool types other characters by remapping a key for a moment, which races on a
    # loaded machine (a user would use an input method).
    engagement = "Keyboard 2026"
    main_title = os.path.basename(store)
    started = time.time()

    app = App(store, lang=LANG)
    global TRACKER
    focus = TRACKER = FocusTracker()
    try:
        focus.pump(0.5)

        # 1. A new engagement: Ctrl+N, type the name, Tab, the client, Alt+R (C_reate).
        key(main_title, "ctrl+n")
        title = _("New Engagement")
        dialog = app.find_window(title)
        check_controls_named(app, dialog, "the engagement dialog")
        create = app.find("push button", plain(_("C_reate")), root=dialog)
        type_text(title, engagement)
        # GTK 4.8 tells nothing of the focus inside an entry; Create becomes sensitive once the
        # name is typed, which shows that the keys went where they should.
        app.wait_until(lambda: create.getState().contains(pyatspi.STATE_SENSITIVE), "the name typed")
        key(title, "Tab")
        type_text(title, "Keyboard Client")
        key(title, mnemonic(_("C_reate")))
        app.wait_window_closed(title)
        app.wait_until(lambda: shuzhi_cli("list", store).startswith(engagement + "\tKeyboard Client\t"),
                       "the engagement in the store", timeout=20)

        # 2. Import: Ctrl+I, Alt+F (Choose _File…), the path typed into the chooser, Return;
        #    the detected encoding is read; Alt+I (_Import).
        key(main_title, "ctrl+i")
        title = _("Import Data")
        dialog = app.find_window(title)
        key(title, mnemonic(_("Choose _File…")))
        chooser = _("Choose a File to Import")
        window_id(chooser)
        time.sleep(0.5)
        key(chooser, "ctrl+l")
        type_text(chooser, csv)
        key(chooser, "Return")
        app.wait_window_closed(chooser)
        # Read the Encoding row only once the preview has settled: GTK 4.8 crashes when AT-SPI
        # asks about widgets it is destroying (the preview table is rebuilt).
        time.sleep(3)
        detected = _("Detected: %s") % "GB18030"
        encoding = app.find("combo box", _("_Encoding"), root=dialog)
        app.wait_until(lambda: any(l.name == detected for l in app.find_all("label", root=encoding)),
                       "the detected encoding GB18030", timeout=30)
        import_button = app.find("push button", plain(_("_Import")), root=dialog)
        app.wait_until(lambda: import_button.getState().contains(pyatspi.STATE_SENSITIVE),
                       "the preview to be read", timeout=30)
        check_controls_named(app, dialog, "the import dialog")
        key(title, mnemonic(_("_Import")))
        app.wait_window_closed(title, timeout=90)
        out = shuzhi_cli("list", store, "--engagement", engagement)
        assert "usage-gbk\tusage\t%d\t0\tusage-gbk.csv\tGB18030" % n_rows in out, out

        # 3. Compute positions: Ctrl+M, wait for the preview, Alt+S (_Save Result).
        key(main_title, "ctrl+m")
        title = _("Compute Positions")
        dialog = app.find_window(title)
        save = app.find("push button", plain(_("_Save Result")), root=dialog)
        app.wait_until(lambda: save.getState().contains(pyatspi.STATE_SENSITIVE),
                       "the preview to be computed", timeout=60)
        check_controls_named(app, dialog, "the method dialog")
        key(title, mnemonic(_("_Save Result")))
        app.wait_window_closed(title, timeout=60)
        positions = _("%s positions") % "usage-gbk"
        app.wait_until(lambda: positions in shuzhi_cli("list", store, "--engagement", engagement),
                       "the positions dataset", timeout=20)
        stored = shuzhi_cli("rows", store, "--engagement", engagement, "--dataset", positions).splitlines()
        head = stored[0].split("\t")
        points = {(round(float(f["maturity"]), 1), round(float(f["innovation"]), 1))
                  for f in (dict(zip(head, l.split("\t"))) for l in stored[1:])}
        assert len(points) >= 4, stored

        # The maturity map (Alt+3) takes the focus; Right selects the first bubble.
        key(main_title, "alt+3")
        main = app.find_window(main_title)
        chart = focus.wait_for(lambda a: a.getRoleName() == "image" and has_name(a), "the maturity map",
                               root=main)
        app.wait_until(lambda: len(chart.description.splitlines()) >= 5, "the map's description", timeout=20)
        # The description says what the chart shows: one line per bubble with its values.
        lines = chart.description.splitlines()
        values_in_description = [l for l in lines if re.search(r"\d+\.\d.*\d+\.\d", l)]
        assert len(values_in_description) >= 4, chart.description
        key(main_title, "Right")
        values = app.find("list", _("Values"), root=main, timeout=20)

        def inspector_point():
            got = {}
            for item in app.find_all("list item", root=values):
                for field, wanted in (("maturity", _("Digital maturity")),
                                      ("innovation", _("Data-intelligence innovation"))):
                    if plain(item.name).startswith(wanted):
                        got[field] = float(item.description)
            return (got.get("maturity"), got.get("innovation"))

        app.wait_until(lambda: inspector_point() in points, "the inspector to show a stored position", timeout=20)
        print("inspector: %r, one of the stored positions" % (inspector_point(),))

        # 4. The assessment editor: Ctrl+K; Return on Start an Assessment; Tab to the stage's
        #    as-is score; type 2, Return; type 3.5, Return; Ctrl+Z; Ctrl+Shift+Z; Escape.
        key(main_title, "ctrl+k")
        title = _("Assessment — %s") % engagement
        editor = app.find_window(title)
        start = focus.wait_for(lambda a: plain(a.name).startswith(plain(_("_Start an Assessment"))),
                               "Start an Assessment")
        key(title, "Return")
        # Start writes nothing: the first score below creates the scores dataset, in its own step.
        target = _("As-is score of %s (%s)") % (STAGE, NETWORK)
        focus.wait_for(lambda a: a.getRoleName() == "spin button", "the first score")
        for _i in range(120):
            if focus.current is not None and focus.current.name == target:
                break
            # One Tab at a time, each awaited: pressing on before the focus event arrived
            # could pass the field on a loaded machine.
            n = len(focus.met)
            key(title, "Tab")
            end = time.time() + 5
            while len(focus.met) == n and time.time() < end:
                focus.pump(0.05)
        spin = focus.wait_for(lambda a: a.name == target, target)
        check_controls_named(app, editor, "the assessment editor")
        item = ("value-network", "retail", "as-is")
        for text, value in (("2", 2.0), ("3.5", 3.5)):
            key(title, "ctrl+a")
            type_text(title, text)
            key(title, "Return")
            app.wait_until(lambda: score_rows(store, engagement).get(item) == value,
                           "the score %s in the store" % text, timeout=20)
        assert spin_value(spin) == 3.5, spin_value(spin)
        key(title, "ctrl+z")
        app.wait_until(lambda: score_rows(store, engagement).get(item) == 2.0, "the undone score", timeout=20)
        app.wait_until(lambda: spin_value(spin) == 2.0, "the editor to show the undone score")
        key(title, "ctrl+shift+z")
        app.wait_until(lambda: score_rows(store, engagement).get(item) == 3.5, "the redone score", timeout=20)
        app.wait_until(lambda: spin_value(spin) == 3.5, "the editor to show the redone score")
        key(title, "Escape")
        app.wait_window_closed(title)

        # The value network (Alt+4), as-is (Alt+A): its description gives the stage's score.
        key(main_title, "alt+4")
        # The chart's labels are in the chart's language (中文 or EN), which need not be the UI's.
        ring = focus.wait_for(lambda a: a.getRoleName() == "image" and a.name in CHART_STAGES,
                              "the value network", root=main)
        key(main_title, mnemonic(_("_As-is")))
        app.wait_until(lambda: "%s · 3.5" % CHART_STAGES[ring.name] in ring.description.splitlines(),
                       "the as-is ring to show the score 3.5", timeout=20)
        assert len(ring.description.splitlines()) >= 10, ring.description

        # 5. Export the maturity map as PNG: Alt+3, Ctrl+Shift+E, Alt+H (C_hoose…), the path,
        #    Return, Alt+E (_Export).
        key(main_title, "alt+3")
        focus.wait_for(lambda a: a.getRoleName() == "image" and a.name == chart.name, "the maturity map",
                       root=main)
        target_png = os.path.join(work, "maturity.png")
        key(main_title, "ctrl+shift+e")
        title = _("Export Chart")
        dialog = app.find_window(title)
        check_controls_named(app, dialog, "the export dialog")
        key(title, mnemonic(_("C_hoose…")))
        # The save chooser shares the dialog's title and is the newer window of the two.
        app.wait_until(lambda: len(xdo("search", "--name", "^" + re.escape(title) + "$").stdout.split()) >= 2,
                       "the file chooser", timeout=20)
        time.sleep(0.5)
        key(title, "ctrl+a")
        type_text(title, target_png)
        key(title, "Return")
        app.wait_until(lambda: len(xdo("search", "--name", "^" + re.escape(title) + "$").stdout.split()) == 1,
                       "the file chooser to close", timeout=20)
        time.sleep(0.5)
        key(title, mnemonic(_("_Export")))
        app.wait_window_closed(title, timeout=90)
        with open(target_png, "rb") as f:
            assert f.read(8) == b"\x89PNG\r\n\x1a\n"

        # 6. Quit with Ctrl+Q.
        focus.pump(0.3)
        unnamed = [u for u in focus.unnamed() if not any(re.match(k, u) for k in KNOWN_UNNAMED)]
        for u in focus.unnamed():
            if u not in unnamed:
                print("known defect, reported: took the focus without a name: %s" % u, file=sys.stderr)
        key(main_title, "ctrl+q")
        app.proc.wait(30)
        assert app.proc.returncode == 0, app.proc.returncode
        assert not unnamed, "took the focus without an accessible name: %r" % unnamed
        print("focus met %d times, all named" % len(focus.met))
        print("ok - the whole workflow with the keyboard alone in %s (%.0f s)" % (LANG, time.time() - started))
    except Exception:
        print(app.report(), file=sys.stderr)
        print("focus: %s" % describe(focus.current), file=sys.stderr)
        if os.environ.get("SHZ_E2E_FAILSHOT"):
            subprocess.run(["import", "-window", "root", os.environ["SHZ_E2E_FAILSHOT"]])
        raise
    finally:
        focus.close()
        app.close()
        subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()

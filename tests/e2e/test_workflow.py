#!/usr/bin/python3
# End to end, as an analyst works (issue 9), in the English or the Chinese UI:
#  1. launch on a new store and create an engagement;
#  2. import a GBK CSV of usage data through the import pane (detected encoding, guessed mapping);
#  3. compute positions in the method panel; open the maturity map; select a bubble with the
#     keyboard and read its values in the inspector;
#  4. edit a value-network score in the assessment editor, undo it and redo it (Ctrl+Z,
#     Ctrl+Shift+Z): checked in the store through the command line, in the editor and in the
#     value network chart's accessible description;
#  5. export the maturity map as PNG and SVG through the export dialog: the files are valid;
#  6. quit, relaunch on the same store (it opens and draws), and find everything as it was.
# Only what a user sees is used: widgets found through AT-SPI by role and (translated) name, and
# real key presses and typing through xdotool for the file choosers and shortcuts.
# With SHZ_GUIDE_SHOTS=DIR it also saves the screenshots the user's guide uses.
# Usage: test_workflow.py [LANG]   (en_US.UTF-8 by default, or zh_CN.UTF-8)
# SPDX-License-Identifier: GPL-3.0-or-later
import gettext
import os
import random
import subprocess
import sys
import tempfile
import time

import pyatspi

sys.path.insert(0, os.path.dirname(__file__))
from shzatspi import App, plain  # noqa: E402

LANG = sys.argv[1] if len(sys.argv) > 1 else "en_US.UTF-8"
BUILD = os.environ["SHZ_BUILD_ROOT"]
SHOTS = os.environ.get("SHZ_GUIDE_SHOTS")
if LANG.startswith("zh"):
    _ = gettext.translation("shuzhi", os.path.join(BUILD, "po"), languages=["zh_CN"]).gettext
else:
    def _(s):
        return s
ZH = LANG.startswith("zh")
# The value-network stage whose score is edited, as the catalogue names it in the UI language.
STAGE = "零售" if ZH else "Retail"
NETWORK = "全链路环式价值网" if ZH else "Full-link ring value network"
CHART_STAGES = {"全链路环式价值网": "零售", "Full-link ring value network": "Retail"}


def shot(name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        time.sleep(0.8)
        subprocess.run(["import", "-window", "root", os.path.join(SHOTS, name + ".png")], check=True)


def xdo(*args):
    return subprocess.run(["xdotool", *args], capture_output=True, text=True).stdout


def focus_window(title):
    ids = []
    end = time.time() + 10
    while not ids and time.time() < end:
        ids = xdo("search", "--name", "^" + title + "$").split()
        time.sleep(0.2)
    assert ids, "no X window titled %r" % title
    xdo("windowfocus", "--sync", ids[-1])
    return ids[-1]


def type_path_into_chooser(title, path):
    """Type a path into GTK's file chooser as a user does, and confirm with Enter."""
    focus_window(title)
    time.sleep(0.5)
    xdo("key", "ctrl+a")
    xdo("type", "--delay", "20", path)
    time.sleep(0.4)
    xdo("key", "Return")


def key(window_title, *keys):
    wid = focus_window(window_title)
    for k in keys:
        r = subprocess.run(["xdotool", "key", "--window", wid, k], capture_output=True, text=True)
        if r.returncode != 0:
            print("xdotool key %s: status %d %s" % (k, r.returncode, r.stderr.strip()), file=sys.stderr)
        # When a key closes the window it is typed into (Ctrl+Q), xdotool can fail with BadWindow
        # between the press and the release: the keys then stay down in the X server, whose
        # auto-repeat types Ctrl+Q into the next window that takes the focus (the relaunched app
        # quit at once).  Release them always; releasing a key that is up does nothing.
        xdo("keyup", *k.split("+"))
        time.sleep(0.2)


def make_gbk_csv(path):
    rows = ["企业编号,企业名称,行业,月份,产品类别,消费金额"]
    industries = ["零售消费与生活服务", "互联网", "制造工业", "金融"]
    categories = ["IaaS", "PaaS", "SaaS", "大数据计算", "数据中台", "XPaaS", "数据智能"]
    rnd = random.Random(7)
    for e in range(120):
        for c in categories:
            rows.append('E%04d,示例企业%d,%s,2019-%02d,%s,"%s"' % (
                e, e, industries[e % 4], 1 + e % 12, c, format(rnd.randint(1000, 90000), ",")))
    with open(path, "wb") as f:
        f.write(("\r\n".join(rows) + "\r\n").encode("gbk"))
    return len(rows) - 1


def shuzhi_cli(*args):
    return subprocess.run([os.path.join(BUILD, "src", "shuzhi"), *args],
                          capture_output=True, text=True, check=True).stdout


def bus_name_owner():
    """Who holds the application's name on the session bus, as "pid: command line", or None."""
    r = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                        "--object-path", "/org/freedesktop/DBus", "--method",
                        "org.freedesktop.DBus.GetConnectionUnixProcessID", "io.github.shuzhi.Shuzhi"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return None
    pid = r.stdout.strip("()\n ,").split()[-1]
    try:
        with open("/proc/%s/cmdline" % pid, "rb") as f:
            return "%s: %s" % (pid, f.read().replace(b"\0", b" ").decode(errors="replace"))
    except OSError:
        return pid


def score_rows(store, engagement):
    """The stored scores as {(framework, item, state): score}, read through the command line;
    none while the engagement has no scores dataset (its first score creates it)."""
    if _("Assessment scores") not in shuzhi_cli("list", store, "--engagement", engagement):
        return {}
    lines = shuzhi_cli("rows", store, "--engagement", engagement, "--dataset", _("Assessment scores")).splitlines()
    head = lines[0].split("\t")
    rows = {}
    for line in lines[1:]:
        f = dict(zip(head, line.split("\t")))
        rows[(f["framework"], f["item"], f["state"])] = float(f["score"])
    return rows


def sidebar_names(app):
    try:
        sidebar = app.find("list", _("Engagements"), timeout=5)
    except AssertionError:
        return []  # not on the accessibility bus yet: the caller keeps waiting
    return [item.name for item in app.find_all("list item", root=sidebar)]


def main():
    work = tempfile.mkdtemp(prefix="shz-workflow-")
    store = os.path.join(work, "clients.shuzhi")
    csv = os.path.join(work, "usage-gbk.csv")
    n_rows = make_gbk_csv(csv)
    engagement = "华东消费品 2026"
    store_title = os.path.basename(store)

    # 1. A new store, then a new engagement.
    app = App(store, lang=LANG)
    try:
        app.find("push button", _("New Engagement"))
        shot("01-new-store")
        app.click(app.find("push button", _("New Engagement")))
        dialog = app.find_window(_("New Engagement"))
        entries = app.find_all("text", root=dialog)
        app.type_into(entries[0], engagement)
        app.type_into(entries[1], "Example Client Ltd")
        app.click(app.find("push button", plain(_("C_reate")), root=dialog))
        app.wait_window_closed(_("New Engagement"))
        app.wait_until(lambda: engagement in sidebar_names(app), "the engagement in the sidebar")

        # 2. Import the GBK CSV through the import pane.
        app.click(app.find("page tab", _("Data")))
        # The Import Data… button of the empty state, or Ctrl+I: the same action.
        key(store_title, "ctrl+i")
        dialog = app.find_window(_("Import Data"))
        app.click(app.find("push button", plain(_("Choose _File…")), root=dialog))
        type_path_into_chooser(_("Choose a File to Import"), csv)
        detected = _("Detected: %s") % "GB18030"
        # Read only the Encoding row, and only once the preview has settled: GTK 4.8 crashes
        # when AT-SPI asks about widgets it is destroying (the preview table is rebuilt).
        time.sleep(3)
        encoding = app.find("combo box", _("_Encoding"), root=dialog)
        app.wait_until(lambda: any(l.name == detected for l in app.find_all("label", root=encoding)),
                       "the detected encoding GB18030", timeout=20)
        shot("02-import")
        app.click(app.find("push button", plain(_("_Import")), root=dialog))
        app.wait_window_closed(_("Import Data"), timeout=60)
        out = shuzhi_cli("list", store, "--engagement", engagement)
        assert "usage-gbk\tusage\t%d\t0\tusage-gbk.csv\tGB18030" % n_rows in out, out
        shot("03-data")

        # 3. Compute positions (Ctrl+M opens the method panel), save, see the maturity map.
        key(store_title, "ctrl+m")
        dialog = app.find_window(_("Compute Positions"))
        save = app.find("push button", plain(_("_Save Result")), root=dialog)
        app.wait_until(lambda: save.getState().contains(pyatspi.STATE_SENSITIVE),
                       "the preview to be computed", timeout=30)
        shot("04-method")
        app.click(save)
        app.wait_window_closed(_("Compute Positions"))
        out = shuzhi_cli("list", store, "--engagement", engagement)
        assert "usage-gbk positions\tpositions\t" in out or _("%s positions") % "usage-gbk" in out, out

        # Select a bubble with the keyboard: the chart takes focus, an arrow key selects.
        app.wait_until(lambda: app.find_all("page tab", _("Maturity Map")), "the maturity map tab")
        key(store_title, "Right")
        time.sleep(0.5)
        shot("05-maturity-map")

        # 4. Edit a value-network score in the assessment editor (Ctrl+K): the stage's as-is
        #    score 2, then 3.5; Ctrl+Z brings back 2, Ctrl+Shift+Z 3.5 again, in the store (read
        #    through the command line) and on screen (the editor's field, and the description of
        #    the as-is ring on the Value Network tab behind the editor); then the same with the
        #    window's Ctrl+Z and Ctrl+Shift+Z.
        app.click(app.find("page tab", _("Value Network")))
        main = app.find_window(store_title)

        def as_is_buttons():
            return [b for b in app.find_all("push button", root=main) if plain(b.name).startswith(plain(_("_As-is")))]
        # The As-is/To-be switch shows once the page has read its chart (in a thread): wait for it.
        app.wait_until(as_is_buttons, "the As-is button on the Value Network tab", timeout=20)
        as_is = as_is_buttons()
        app.click(as_is[0])  # a step of its own ("Change chart"), before the score's
        # The chart's labels are in the chart's language (中文 or EN), which need not be the UI's.
        app.wait_until(lambda: [i for i in app.find_all("image", root=main) if i.name in CHART_STAGES],
                       "the ring chart", timeout=20)
        ring = [i for i in app.find_all("image", root=main) if i.name in CHART_STAGES][0]
        chart_stage = CHART_STAGES[ring.name]
        item = ("value-network", "retail", "as-is")

        def shown(value, after):
            app.wait_until(lambda: score_rows(store, engagement).get(item) == value,
                           "the score %s in the store after %s" % (value, after), timeout=20)
            app.wait_until(lambda: "%s · %.1f" % (chart_stage, value) in ring.description.splitlines(),
                           "the ring to show %s after %s" % (value, after), timeout=20)

        key(store_title, "ctrl+k")
        editor_title = _("Assessment — %s") % engagement
        editor = app.find_window(editor_title)
        app.click(app.find("push button", plain(_("_Start an Assessment")), root=editor))
        # Start writes nothing: the first score creates the scores dataset, in the score's own step.
        spin = app.find("spin button", _("As-is score of %s (%s)") % (STAGE, NETWORK), root=editor)
        assert _("Assessment scores") not in shuzhi_cli("list", store, "--engagement", engagement)
        for value in (2.0, 3.5):
            # As assistive technology sets a value: through the spin button's Value interface.
            spin.queryValue().currentValue = value
            shown(value, "setting it")
        if SHOTS:
            # Scroll the editor to the value network's group for the picture, through the
            # scroll bar's Value interface (GTK 4.8 does not implement AT-SPI's GrabFocus).
            bars = [r for r in app.find_all("filler", "GtkRange", root=editor) if r.queryValue().maximumValue > 0]
            y = spin.queryComponent().getExtents(pyatspi.WINDOW_COORDS).y
            max(bars, key=lambda r: r.queryValue().maximumValue).queryValue().currentValue = max(0, y - 400)
            xdo("mousemove", "0", "1000")  # off the fields: no tooltip in the picture
            shot("08-assessment")
        for keys, value in (("ctrl+z", 2.0), ("ctrl+shift+z", 3.5)):
            key(editor_title, keys)
            shown(value, keys + " in the editor")
            app.wait_until(lambda: spin.queryValue().currentValue == value,
                           "the editor to show %s after %s" % (value, keys))
        key(editor_title, "Escape")
        app.wait_window_closed(editor_title)
        for keys, value in (("ctrl+z", 2.0), ("ctrl+shift+z", 3.5)):
            key(store_title, keys)
            shown(value, keys + " in the window")
        app.click(app.find("page tab", _("Maturity Map")))

        # 5. Export PNG and SVG through the export dialog.
        for ext in ("png", "svg"):
            target = os.path.join(work, "maturity." + ext)
            key(store_title, "ctrl+shift+e")
            dialog = app.find_window(_("Export Chart"))
            choose = [b for b in app.find_all("push button", root=dialog)
                      if plain(b.name or "").startswith(plain(_("C_hoose…")))]
            assert choose, "no Choose… button in the export dialog"
            app.click(choose[0])
            time.sleep(1.0)
            # The save chooser shares the dialog's title and is the newer window of the two.
            type_path_into_chooser(_("Export Chart"), target)
            time.sleep(0.8)
            if ext == "png":
                shot("06-export")
            app.click(app.find("push button", plain(_("_Export")), root=dialog))
            app.wait_window_closed(_("Export Chart"), timeout=60)
            with open(target, "rb") as f:
                head = f.read(200)
            if ext == "png":
                assert head.startswith(b"\x89PNG\r\n\x1a\n"), head[:16]
            else:
                assert b"<svg" in head or b"<?xml" in head, head[:60]

        # 6. Quit and relaunch: everything is as it was.
        key(store_title, "ctrl+q")
        app.proc.wait(20)
    except Exception:
        print(app.report(), file=sys.stderr)
        raise
    finally:
        app.close()

    # Relaunch on the same store: it opens, draws, and holds what was committed.
    try:
        env = dict(os.environ, SHZ_REPORT_FIRST_FRAME="exit", SHZ_CRASH_BACKTRACE="1", GSETTINGS_BACKEND="memory",
                   XDG_DATA_HOME=os.path.join(work, "data2"), LANG=LANG, LC_ALL=LANG)
        env.pop("G_DEBUG", None)
        # Make sure no key is still down from the quit (see key()): a held Ctrl+Q would quit
        # the relaunched app before its first frame.
        xdo("keyup", "ctrl", "shift", "alt", "q")
        r = subprocess.run([os.path.join(BUILD, "src", "shuzhi"), store], env=env,
                           capture_output=True, text=True, timeout=120)
        if "first frame" not in r.stderr:
            print("the relaunch ended without a frame (status %d); bus name owner: %s" % (
                r.returncode, bus_name_owner()), file=sys.stderr)
        assert r.returncode == 0 and "first frame" in r.stderr, (r.returncode, r.stderr[-2000:])
        out = shuzhi_cli("list", store)
        # usage, positions, and the assessment's scores (no link was entered: no links dataset)
        assert out.startswith(engagement + "\tExample Client Ltd\t3\t"), out
        out = shuzhi_cli("list", store, "--engagement", engagement)
        assert out.count("\n") == 3, out
        assert _("Value-network links") not in out, out
        assert score_rows(store, engagement).get(("value-network", "retail", "as-is")) == 3.5, out
        print("ok - the whole workflow in %s" % LANG)
    finally:
        subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()

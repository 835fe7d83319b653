#!/usr/bin/python3
# End to end: a newcomer opens Shuzhi, sees the demo engagement, clicks "New Engagement",
# types a name and a client, clicks Create, and finds the new engagement in the sidebar.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from shzatspi import App  # noqa: E402


def sidebar_names(app):
    sidebar = app.find("list", "Engagements")
    names = []
    for item in app.find_all("list item", root=sidebar):
        names.append(item.name)
    return names


def main():
    app = App()
    try:
        app.wait_until(lambda: "Demo engagement" in sidebar_names(app), "the demo engagement in the sidebar")

        app.click(app.find("push button", "New Engagement"))
        dialog = app.find_window("New Engagement")
        entries = [e for e in app.find_all("text", root=dialog)]
        assert entries, "the dialog has no text fields"
        app.type_into(entries[0], "华润示例 2026")
        app.type_into(entries[1], "Example Client Ltd")
        app.click(app.find("push button", "Create", root=dialog))
        app.wait_window_closed("New Engagement")

        app.wait_until(lambda: "华润示例 2026" in sidebar_names(app), "the new engagement in the sidebar")
        names = sidebar_names(app)
        assert names == sorted(names, key=str.lower) or len(names) == 2, names

        # It is in the store, not just on screen.
        store = os.path.join(app.home, "data", "shuzhi", "default.shuzhi")
        out = subprocess.run([os.path.join(os.environ["SHZ_BUILD_ROOT"], "src", "shuzhi"), "list", store],
                             capture_output=True, text=True, check=True).stdout
        assert "华润示例 2026\tExample Client Ltd\t0\t0" in out, out
        print("ok - created an engagement through AT-SPI and found it in the list and the store")
    except Exception:
        print(app.report(), file=sys.stderr)
        raise
    finally:
        app.close()


if __name__ == "__main__":
    main()

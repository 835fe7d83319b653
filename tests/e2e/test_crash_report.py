#!/usr/bin/python3
# End to end: when the app crashes, the harness says how it ended and shows its backtrace with
# our source lines (the app prints it under SHZ_CRASH_BACKTRACE; CI keeps no core dumps).  The
# crash is a SIGSEGV sent to the running app once it has drawn its first frame.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(__file__))
from shzatspi import App  # noqa: E402


def main():
    app = App()
    try:
        app.find("push button", "New Engagement")
        os.kill(app.proc.pid, signal.SIGSEGV)
        app.proc.wait(20)
        if "ERROR: AddressSanitizer: SEGV" in app.output():
            # a sanitized build: the app leaves AddressSanitizer's handler in place, whose
            # report (with source lines) is in the output, and exits with status 1
            assert app.gone() == "exited with status 1", app.gone()
            assert "SUMMARY: AddressSanitizer: SEGV" in app.report(), app.report()
            print("ok - a crash reported by AddressSanitizer")
            return
        assert app.gone() == "killed by signal 11 (SIGSEGV)", app.gone()
        try:
            app.find("push button", "New Engagement", timeout=1)
        except AssertionError as e:
            assert "shuzhi is gone (killed by signal 11 (SIGSEGV))" in str(e), e
        else:
            raise AssertionError("an accessible found in an app that is gone")
        report = app.report()
        assert "shuzhi: crashed with signal 11" in report, report
        # the first frame is the handler's own, in src/main.c: the symbols were found
        frames = report.split("---- the backtrace, with source lines where known ----\n", 1)
        assert len(frames) == 2, report
        assert frames[1].startswith("#0  shuzhi on_crash (") and "main.c:" in frames[1].splitlines()[0], report
        print("ok - a crash reported with its signal and backtrace")
    except Exception:
        print(app.report(), file=sys.stderr)
        raise
    finally:
        app.close()


if __name__ == "__main__":
    main()

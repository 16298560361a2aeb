"""Child of bench/calls_entry.py: start an app in the terminal it is given and report
READY <seconds> <rss MB> <CPU seconds>; for desk also FIRST <seconds> (the sign-in card drawn)
and ENTER <seconds> (the PIN entered the moment the names are listed, with no human time)."""

from __future__ import annotations

import os
import sys
import time

STARTED = time.perf_counter()
REPORT = int(os.environ.get("BENCH_FD", "1"))
"""Where the moments are written: a pipe from the parent (the terminal is the app's)."""


def report(line: str) -> None:
    """Tell the parent about one moment."""
    os.write(REPORT, (line + "\n").encode())


def rss_mb() -> float:
    """Resident memory of this process."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def ready(app, settle: bool = False) -> None:  # type: ignore[no-untyped-def]
    ready_at = time.perf_counter() - STARTED
    report(f"READY {ready_at:.4f} {rss_mb():.1f} {time.process_time():.4f}")
    if not settle:
        app.exit()
        return
    deadline = time.perf_counter() + 15

    def settled() -> None:
        # Settled: pypinyin loaded and the everyday areas' screens built in the background.
        from desk.app import PREBUILD_MODES

        everyday = set(PREBUILD_MODES) & set(app.MODES)
        if everyday <= set(app._screen_stacks) or time.perf_counter() > deadline:
            report(f"SETTLED {rss_mb():.1f}")
            app.exit()
        else:
            app.set_timer(0.1, settled)

    app.set_timer(0.1, settled)


def bare() -> None:
    from textual.app import App
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Static("ready")

        def on_mount(self) -> None:
            self.call_after_refresh(ready, self)

    Bare().run()


PERSON_PAUSE_S = 2.0
"""How long a person takes to find their name and type a PIN (mode desk-person)."""


def desk(url: str, pause: float = 0.0) -> None:
    """Start the app the way `desk --db URL` does and sign in with the demo's first name and
    PIN, `pause` seconds after the names are listed (0: no person's time at all)."""
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))
    import desk.app
    import desk.cli.start

    def run_app(settings, engine) -> None:  # type: ignore[no-untyped-def]
        app = desk.app.make_app(settings, engine)
        seen: dict[str, float] = {}

        def mark(what: str) -> None:
            if what not in seen:
                seen[what] = time.perf_counter()
                report(f"{what} {seen[what] - STARTED:.4f}")

        def poll() -> None:
            from textual.widgets import Input

            from desk.screens.sign_in import SignInScreen

            screen = app.screen
            if isinstance(screen, SignInScreen) and app.staff is None:
                if "FIRST" not in seen:
                    app.call_after_refresh(mark, "FIRST")
                if screen._names_loaded:
                    mark("LISTED")
                    if "ENTER" not in seen and time.perf_counter() >= seen["LISTED"] + pause:
                        mark("ENTER")
                        screen.query_one("#pin", Input).value = "1234"  # the demo's PIN
                        screen.action_sign_in()
            elif getattr(screen, "_ready", False):
                app.call_after_refresh(ready, app, True)
                return
            app.set_timer(0.005, poll)

        app.call_later(poll)
        app.run()

    desk.cli.start.run_app = run_app
    sys.argv = ["desk", "--db", url]
    from desk.cli import main

    main()


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        desk(sys.argv[2], PERSON_PAUSE_S if sys.argv[1] == "desk-person" else 0.0)

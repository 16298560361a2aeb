"""Child of bench/calls_entry.py: start an app headless and print
READY <seconds> <rss MB> <CPU seconds>."""

from __future__ import annotations

import sys
import time

STARTED = time.perf_counter()


def rss_mb() -> float:
    """Resident memory of this process."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def ready(app, settle: bool = False) -> None:  # type: ignore[no-untyped-def]
    ready_at = time.perf_counter() - STARTED
    print(f"READY {ready_at:.4f} {rss_mb():.1f} {time.process_time():.4f}", flush=True)
    if not settle:
        app.exit()
        return
    deadline = time.perf_counter() + 15

    def settled() -> None:
        # Settled: pypinyin loaded and the everyday areas' screens built in the background.
        from desk.app import PREBUILD_MODES

        everyday = set(PREBUILD_MODES) & set(app.MODES)
        if everyday <= set(app._screen_stacks) or time.perf_counter() > deadline:
            print(f"SETTLED {rss_mb():.1f}", flush=True)
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

    Bare().run(headless=True, size=(120, 40))


def desk(url: str) -> None:
    """Start the app the way `desk --db URL` does, headless, signing in the first name."""
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))
    import desk.app

    def run_app(settings, engine) -> None:  # type: ignore[no-untyped-def]
        app = desk.app.make_app(settings, engine)

        def poll() -> None:
            from desk.screens.call_entry import CallEntryScreen
            from desk.screens.sign_in import SignInScreen
            from desk.session_info import SignedIn
            from desk.store.staff import list_staff

            if isinstance(app.screen, SignInScreen) and app.staff is None:
                from sqlmodel import Session

                with Session(app.engine) as session:
                    app.signed_in(SignedIn.of(list_staff(session)[0]))
            elif isinstance(app.screen, CallEntryScreen) and app.screen._ready:
                app.call_after_refresh(ready, app, True)
                return
            app.set_timer(0.005, poll)

        app.call_later(poll)
        app.run(headless=True, size=(120, 40))

    desk.app.run_app = run_app
    sys.argv = ["desk", "--db", url]
    from desk.cli import main

    main()


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        desk(sys.argv[2])

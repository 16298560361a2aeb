"""`desk demo`: fill a database with realistic Chinese data."""

from __future__ import annotations

import time

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlmodel import Session

from desk.cli.context import console, fail, friendly, is_terminal, state
from desk.i18n import N_, _
from desk.store.demo import DEMO_ADMIN, DEMO_PIN, DEMO_SUPERVISOR, fill_demo, real_records
from desk.store.demo_bulk import Phases

KIND_LABELS = {
    "calls": N_("Calls"),
    "visits": N_("Visits"),
    "subjects": N_("Follow-up subjects"),
    "tasks": N_("Follow-up tasks"),
}
REAL_LABELS = {
    "staff": N_("staff members who are not demo staff"),
    "calls": N_("calls not made by desk demo"),
    "visits": N_("visits not made by desk demo"),
    "callbacks": N_("callbacks"),
    "appointments": N_("appointments"),
    "subjects": N_("imported follow-up subjects"),
}
PHASE_LABELS = {
    "pools": N_("Names, organisations and numbers"),
    "make rows": N_("Making the calls"),
    "prepare rows": N_("Search terms and timestamps"),
    "insert rows": N_("Writing the calls"),
    "organisation list": N_("Organisation list"),
    "indexes": N_("Indexes"),
    "search index": N_("Search index"),
    "commit": N_("Commit"),
    "back to WAL": N_("Back to WAL"),
}


def register(app: typer.Typer) -> None:
    """Add `demo` to the root command."""

    @app.command("demo", help=_("Fill the database with realistic demo data."))
    @friendly
    def demo(
        ctx: typer.Context,
        calls: int = typer.Option(1000, "--calls", min=0, help=_("How many calls.")),
        visits: int = typer.Option(100, "--visits", min=0, help=_("How many visits.")),
        subjects: int = typer.Option(
            100, "--subjects", min=0, help=_("How many follow-up subjects.")
        ),
        years: int = typer.Option(10, "--years", min=1, help=_("Spread the calls over N years.")),
        seed: int = typer.Option(7, "--seed", help=_("Random seed (same seed, same data).")),
        verbose: bool = typer.Option(
            False, "--verbose", "-v", help=_("Show how long each step of loading the calls took.")
        ),
        into_existing: bool = typer.Option(
            False,
            "--into-existing",
            help=_("Add demo data (and demo staff with a known PIN) to a database in real use."),
        ),
    ) -> None:
        current = state(ctx)
        settings = current.settings()
        engine = current.engine(create=True)
        if not into_existing:
            # The write engine, whose connections the load closes: it needs the file alone.
            with Session(engine) as session:
                found = real_records(session)
            if found is not None:
                raise fail(
                    _(
                        "The database already holds real records ({what}); desk demo would mix "
                        "fake data and demo staff with PIN {pin} into them. Use a new database "
                        "(--db), or add --into-existing if that is really wanted."
                    ).format(what=_(REAL_LABELS[found]), pin=DEMO_PIN)
                )
        phases = Phases()
        started = time.perf_counter()
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=not is_terminal(),
            transient=True,
        ) as progress:
            tasks: dict[str, int] = {}

            def report(kind: str, done: int, total: int) -> None:
                if kind not in tasks:
                    tasks[kind] = progress.add_task(_(KIND_LABELS[kind]), total=total)
                progress.update(tasks[kind], completed=done)

            counts = fill_demo(
                engine,
                calls=calls,
                visits=visits,
                subjects=subjects,
                departments=settings.departments,
                years=years,
                seed=seed,
                progress=report,
                settings=settings,
                phases=phases,
            )
        elapsed = time.perf_counter() - started
        console.print(
            _(
                "Added {calls:,} calls, {visits:,} visits and {subjects:,} follow-up subjects "
                "in {seconds:.1f} s."
            ).format(seconds=elapsed, **counts)
        )
        if verbose:
            for key, seconds in phases.items():
                label = _(PHASE_LABELS[key]) if key in PHASE_LABELS else key
                took = _("{seconds:.2f} s").format(seconds=seconds)
                console.print(
                    "  " + _("{label}: {value}").format(label=label, value=took), markup=False
                )
        console.print(
            _(
                "Demo staff sign in with PIN {pin}; {admin} is an administrator and "
                "{supervisor} a supervisor, the others are receptionists."
            ).format(pin=DEMO_PIN, admin=DEMO_ADMIN, supervisor=DEMO_SUPERVISOR)
        )

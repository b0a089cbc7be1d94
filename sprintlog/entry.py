"""The `sprintlog` command's entry point: a TAB completion is answered before anything heavy."""

import contextlib
import os
import sys


def main() -> None:
    if "_SPRINTLOG_COMPLETE" in os.environ:
        from sprintlog import completion

        if completion.answer():
            return
    from sprintlog.cli import main as run_cli

    code = _run(run_cli)
    # The one early exit. By now every journal is closed (cli.common.journal disposes its
    # engine, and `log`'s bare sqlite3 connection is closed after its COMMIT, so SQLite
    # has committed durably and checkpointed) and only printed output is left:
    # flush it, then skip the interpreter's teardown of thousands of SQLAlchemy and
    # pydantic objects, a tenth of a second of every command that writes or reads.
    _flush()
    os._exit(code)


def _run(run_cli) -> int:
    try:
        run_cli()
    except SystemExit as stop:
        if stop.code is None or isinstance(stop.code, int):
            return stop.code or 0
        print(stop.code, file=sys.stderr)
        return 1
    return 0


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()

"""The `sprintlog` command's entry point (``python -m sprintlog`` too): a TAB completion is
answered before anything heavy.

The whole of ``main``, imports included, runs inside the one Ctrl-C guard: an interrupt
at any moment ends with one line and exit code 130, never a traceback. Above the guard
are only ``os`` and ``sys``, which the interpreter has loaded before it runs any of this.
"""

import os
import sys

INTERRUPTED = 130


def main() -> None:
    try:
        code = _main()
        if code is None:
            return  # a TAB completion was answered: nothing heavy was loaded to skip
        _flush()
        _ignore_interrupts()  # from here to the exit, nothing is left to stop
    except KeyboardInterrupt:
        code = interrupted()
    # The one early exit. By now every journal is closed (cli.common.journal disposes its
    # engine, and `log`'s bare sqlite3 connection is closed after its COMMIT, so SQLite
    # has committed durably and checkpointed) and only printed output is left:
    # flush it, then skip the interpreter's teardown of thousands of SQLAlchemy and
    # pydantic objects, a tenth of a second of every command that writes or reads.
    os._exit(code)


def interrupted() -> int:
    """Say so in one line; the exit code of a command stopped by Ctrl-C."""
    import contextlib

    _ignore_interrupts()  # a second Ctrl-C cannot cut this short
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write("\nInterrupted.\n")
        sys.stderr.flush()
    _flush()
    return INTERRUPTED


def _ignore_interrupts() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _main() -> int | None:
    from sprintlog import interrupts

    interrupts.arm()
    if "_SPRINTLOG_COMPLETE" in os.environ:
        from sprintlog import completion

        if completion.answer():
            return None
    from sprintlog.cli import main as run_cli

    return _run(run_cli)


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
    import contextlib

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()


if __name__ == "__main__":  # python -m sprintlog
    main()

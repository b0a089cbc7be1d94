"""The `sprintlog` command's entry point (``python -m sprintlog`` too): a TAB completion is
answered before anything heavy.

The whole of ``main``, imports included, runs inside the one Ctrl-C guard: an interrupt
at any moment ends with one line and exit code 130, never a traceback. Above the guard
are only ``os`` and ``sys``, which the interpreter has loaded before it runs any of this.
"""

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing above the guard
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TextIO

INTERRUPTED = 130


def main() -> None:
    try:
        _guard_streams()
        code = _main()
        if code is None:
            return  # a TAB completion was answered: nothing heavy was loaded to skip
        code = _flush_output(code)
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

        answered = completion.answer()
        if answered == 0:
            return None
        if answered is not None:
            return answered  # fish's "anything to offer?" is answered by the exit code
    from sprintlog.cli import main as run_cli

    return _run(run_cli)


def _run(run_cli: "Callable[[], object]") -> int:
    try:
        run_cli()
    except SystemExit as stop:
        if stop.code is None or isinstance(stop.code, int):
            return stop.code or 0
        print(stop.code, file=sys.stderr)
        return 1
    except OSError as error:
        if error is not getattr(sys.stdout, "failed", None):
            raise  # not the output: a bug, which should show as one
        return _output_failed(error)
    return 0


def _guard_streams() -> None:
    """Standard output that remembers a failed write, so that it is told from other errors.

    ``sprintlog status >&-``: Python has no sys.stdout then; what it would print is dropped.
    """
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115  (open until os._exit)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    sys.stdout = _Output(sys.stdout)


class _Output:
    """sys.stdout as it was, except that a write or flush that fails is remembered."""

    def __init__(self, stream: "TextIO") -> None:
        self._stream = stream
        self.failed: OSError | None = None

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as error:
            self.failed = error
            raise

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            self.failed = error
            raise

    def __getattr__(self, name: str) -> "Any":  # whatever the stream has
        return getattr(self._stream, name)


def _flush_output(code: int) -> int:
    """Flush what is left; output that cannot be written (a full disk) fails the command."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError) as error:
        code = _output_failed(error) if code == 0 else code
    _flush()
    return code


def _output_failed(error: Exception) -> int:
    """One line for output that could not be written; a closed pipe (``| head``) says nothing.

    Whatever the command saved in the journal is saved: only its output was lost.
    """
    import contextlib
    import errno

    if isinstance(error, OSError) and error.errno == errno.EPIPE:
        return 141  # as a shell reports a command stopped by SIGPIPE
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"Error: cannot write the output: {reason}\n")
        sys.stderr.flush()
    return 1


def _flush() -> None:
    import contextlib

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()


if __name__ == "__main__":  # python -m sprintlog
    main()

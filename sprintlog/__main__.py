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
    from collections.abc import Callable, Iterable
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
    """Standard output that remembers a failed write, so that it is told from other errors;
    on a terminal, standard output and error show control characters, never obey them.

    ``sprintlog status >&-``: Python has no sys.stdout then; what it would print is dropped.
    """
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115  (open until os._exit)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    sys.stdout = _Output(sys.stdout)
    if _on_terminal(sys.stderr):
        sys.stderr = _Output(sys.stderr)


def _on_terminal(stream: "TextIO") -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream is no terminal
        return False


class _Output:
    """A standard stream as it was, except that a write or flush that fails is remembered
    and, on a terminal, every byte passes the one sanitizer (rules.text.for_terminal).

    Whatever writes to it, a note in ``render``, an entry's text in ``export``, the words
    of an error, a terminal shows an ESC, a BEL or a lone CR as ``\\x1b``, ``\\x07`` or
    ``\\x0d``, and never sets its clipboard or its title, nor resets itself. A pipe or a
    file (``-o``) gets the text exactly. Rich draws its tables and colours through
    ``rich_proxied_file``, which keeps its own escape codes; the user text in them was
    made safe by the same for_terminal, cell by cell, before they were laid out.
    """

    def __init__(self, stream: "TextIO") -> None:
        self._stream = stream
        self.failed: OSError | None = None
        self._shown: Callable[[str], str] | None = None
        self._held = ""  # a CR at the end of a write: half of a CRLF, or a lone one
        if _on_terminal(stream):
            from sprintlog.rules.text import for_terminal

            self._shown = for_terminal

    def write(self, text: str) -> int:
        if self._shown is None or not isinstance(text, str):
            return self._exact(text)
        whole = self._held + text
        self._held = "\r" if whole.endswith("\r") else ""
        self._exact(self._shown(whole.removesuffix(self._held)))
        return len(text)

    def writelines(self, lines: "Iterable[str]") -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.release()
        try:
            self._stream.flush()
        except OSError as error:
            self.failed = error
            raise

    def divert(self, stream: "TextIO") -> "TextIO":
        """Write to ``stream`` from now on (a pager's pipe, cli/display/pager.py), still
        through the sanitizer; the stream written to until now is returned."""
        self.release()
        previous, self._stream = self._stream, stream
        return previous

    def release(self) -> None:
        """Write a CR held back: nothing followed it, so it is a lone one (it moves the
        cursor back over the line)."""
        if self._held:
            held, self._held = self._held, ""
            self._exact(self._shown(held) if self._shown else held)

    def _exact(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as error:
            self.failed = error
            raise

    @property
    def rich_proxied_file(self) -> "_Styled":
        """Where Rich writes (it looks for this attribute): its escape codes kept."""
        return _Styled(self)

    def __getattr__(self, name: str) -> "Any":  # whatever the stream has
        return getattr(self._stream, name)


class _Styled:
    """The stream for Rich's output: written exactly, failures remembered all the same."""

    def __init__(self, output: _Output) -> None:
        self._output = output

    def write(self, text: str) -> int:
        self._output.release()
        return self._output._exact(text)

    def flush(self) -> None:
        self._output.flush()

    def __getattr__(self, name: str) -> "Any":
        return getattr(self._output, name)


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

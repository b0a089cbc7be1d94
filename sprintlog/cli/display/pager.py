"""Output longer than the screen goes through a pager, as git's does; never in a pipe.

The pager is ``$SPRINTLOG_PAGER``, else ``$PAGER``, else ``less -FRX`` (an empty value or
``cat``: none), run by the shell with ``LESS=FRX`` and ``LV=-c`` unless they are set, as
git runs its pager. ``sprintlog --no-pager`` turns it off for one command.

Output is held until it is longer than the screen; only then does the pager start, with
what was held, and what follows streams into it. Shorter output is written as it would
have been. The pager is put *under* standard output's sanitizer (``__main__._Output``
diverts its writes), so every byte still passes ``rules.text.for_terminal`` first and
the pager is given text already escaped, with Rich's colours only. When the person
quits the pager (``q``) before the end, the command stops writing and ends normally.
"""

import os
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

from sprintlog.cli.display.listing import cells

if TYPE_CHECKING:
    import subprocess

DEFAULT = "less -FRX"
_STYLE = re.compile(r"\x1b\[[0-9;]*m")  # Rich's colours: they take no room on the screen


class Quit(Exception):
    """The pager was quit before the output ended: nothing more to write."""


def command() -> str | None:
    """The pager to run, as git chooses it; None for none."""
    for name in ("SPRINTLOG_PAGER", "PAGER"):
        chosen = os.environ.get(name)
        if chosen is not None:
            break
    else:
        chosen = DEFAULT
    chosen = chosen.strip()
    return None if chosen in {"", "cat"} else chosen


@contextmanager
def paged(enabled: bool = True) -> Iterator[None]:
    """Standard output through the pager, if it runs on a terminal and grows past the screen."""
    output = sys.stdout
    divert = getattr(output, "divert", None)  # __main__._Output: the sanitizer stays above
    chosen = command() if enabled else None
    if divert is None or chosen is None or not _on_terminal(output):
        yield
        return
    size = shutil.get_terminal_size((80, 24))
    held = Held(chosen, rows=size.lines, columns=size.columns)
    held.terminal = divert(held)
    try:
        yield
        output.flush()  # a last line held by the sanitizer (a lone CR) goes in too
    except Quit:
        pass  # the person has read enough
    finally:
        divert(held.terminal)
        held.finish()


def _on_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class Held:
    """What standard output writes, held until it fills the screen, then piped to the pager."""

    terminal: IO[str]  # where standard output wrote before

    def __init__(self, chosen: str, *, rows: int, columns: int) -> None:
        self.quit = False
        self._command = chosen
        self._rows, self._columns = max(rows, 2), max(columns, 1)
        self._held: list[str] = []
        self._lines, self._column = 0, 0
        self._process: subprocess.Popen[bytes] | None = None
        self._pipe: IO[str] | None = None
        self._interrupt: Any = None

    def write(self, text: str) -> int:
        if self.quit:
            return len(text)
        if self._pipe is not None:
            self._to_pager(text)
        else:
            self._held.append(text)
            self._count(text)
            if self._lines >= self._rows - 1 or (self._lines == self._rows - 2 and self._column):
                self._start()
        return len(text)

    def flush(self) -> None:
        if self._pipe is not None and not self.quit:
            try:
                self._pipe.flush()
            except (BrokenPipeError, ValueError):
                self._quitted()

    def isatty(self) -> bool:
        return True  # what is written is bound for the terminal, through the pager

    def __getattr__(self, name: str) -> Any:  # encoding, fileno …: the terminal's
        return getattr(self.terminal, name)

    def _count(self, text: str) -> None:
        """Count the screen lines written (a line wider than the screen takes several)."""
        parts = _STYLE.sub("", text).split("\n")
        for index, part in enumerate(parts):
            self._column += cells(part)
            if index < len(parts) - 1:
                self._lines += 1 + max(0, self._column - 1) // self._columns
                self._column = 0

    def _start(self) -> None:
        import shlex
        import signal
        import subprocess

        program = (shlex.split(self._command) or [""])[0]
        if shutil.which(program) is None:
            from sprintlog.cli.display.terminal import message

            message(f"sprintlog: cannot run the pager {program!r}; writing without it")
            self._pipe = self.terminal
            self._to_pager("".join(self._held))
            return
        env = {**os.environ}
        env.setdefault("LESS", "FRX")
        env.setdefault("LV", "-c")
        self.terminal.flush()
        # A Ctrl-C is the pager's (less ignores it); sprintlog waits for it to be quit.
        self._interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)
        self._process = subprocess.Popen(self._command, shell=True, stdin=subprocess.PIPE, env=env)
        import io

        assert self._process.stdin is not None
        encoding = getattr(self.terminal, "encoding", None) or "utf-8"
        self._pipe = io.TextIOWrapper(self._process.stdin, encoding=encoding, errors="replace")
        self._to_pager("".join(self._held))
        self._held = []

    def _to_pager(self, text: str) -> None:
        assert self._pipe is not None
        try:
            self._pipe.write(text)
        except (BrokenPipeError, ValueError):
            self._quitted()

    def _quitted(self) -> None:
        if not self.quit:
            self.quit = True
            raise Quit

    def finish(self) -> None:
        """Write what is held (it fitted the screen), or end the pager's input and wait."""
        import contextlib

        if self._process is None:
            if self._pipe is None and self._held:
                self.terminal.write("".join(self._held))
            self.terminal.flush()
            return
        assert self._pipe is not None
        with contextlib.suppress(BrokenPipeError, ValueError, OSError):
            self._pipe.close()
        while True:
            try:
                self._process.wait()
                break
            except KeyboardInterrupt:
                continue
        import signal

        signal.signal(signal.SIGINT, self._interrupt)

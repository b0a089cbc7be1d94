"""Ctrl-C and the commit: an interrupted command has saved nothing, a saved one says so.

SIGINT raises KeyboardInterrupt wherever Python happens to be. Arriving during or just
after a COMMIT, it would make a command that did save print "Interrupted." and exit 130.
``committing`` holds SIGINT back while a transaction commits; once the commit is done,
the command is past the point where stopping it could undo anything, so the rest of the
process ignores Ctrl-C. This is armed only by the ``sprintlog`` process's entry point:
code that runs sprintlog's commands in-process (tests, scripts) keeps its own handler.
"""

from collections.abc import Iterator
from contextlib import contextmanager

_armed = False


def arm() -> None:
    """Called once by the entry point of the ``sprintlog`` process."""
    global _armed
    _armed = True


@contextmanager
def committing(write: bool) -> Iterator[None]:
    """Around a COMMIT: Ctrl-C waits for it, and is ignored once a write succeeded.

    A read-only transaction changes nothing, so Ctrl-C stays live after it (a prompt or
    an editor may follow).
    """
    import signal
    import threading

    if not (_armed and write) or threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)  # a pending Ctrl-C lands now
        raise
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a pending Ctrl-C is dropped
    signal.pthread_sigmask(signal.SIG_SETMASK, before)

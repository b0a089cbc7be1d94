"""A user's template run in a child process with hard bounds on its memory and time.

The sandbox (limits.py) keeps a template from Python's internals and refuses single
operations that would build too much at once. No check inside the process can stop a
template that doubles a string with ``~`` in a loop, or one that calls a slow built-in
(``lipsum(n=100000)``) again and again: while C code works, nothing else runs. So a
user's template runs in a child forked for it, with the kernel's limits:

- its address space is what sprintlog already uses plus MAX_MEMORY (RLIMIT_AS), so a
  template building too much gets a MemoryError, or the child dies, never the machine;
- its CPU time is bounded (RLIMIT_CPU), and the parent kills it (SIGKILL) once
  MAX_SECONDS have passed on the clock, whatever it is doing.

The child hands back the post, or a one-line error, through a pipe, and leaves with
``os._exit``: nothing of the parent's (buffered output, open connections, exit
handlers) runs twice. Whatever happens to the child, the parent says it in one line that
names the template. sprintlog's own templates run in the process itself: the daily
``render review`` starts no process. Forking costs a few milliseconds and copies nothing
up front (the child shares the parent's pages until it writes to them), so the review
gathered by the parent reaches the template without being serialised.
"""

import math
import os
import signal
import time
from collections.abc import Callable
from contextlib import suppress
from typing import NoReturn

from sprintlog.errors import SprintlogError

MAX_SECONDS = 5.0  # on the clock, from the start of the child
MAX_MEMORY = 256 * 1024 * 1024  # bytes of address space beyond what sprintlog itself uses
MEMORY_WORDS = f"it needed more than the memory limit of {MAX_MEMORY // (1024 * 1024)} MiB"
_DONE, _REFUSED = b"0", b"1"  # the first byte of the child's answer
_EXIT_MEMORY = 3  # the child's exit codes when it has no answer to send
_EXIT_FAILED = 4
_READ_SIZE = 1 << 20


class TemplateError(SprintlogError):
    """A template that cannot be read or rendered; the message says where and why."""


def run(work: Callable[[], str], name: str) -> str:
    """``work()`` in a child process within the bounds; its text, else TemplateError.

    ``work`` raises a SprintlogError (a TemplateError) for a template that fails in a way
    it can describe; its message is passed on as it is. ``name`` is the template's, for
    the messages the parent words itself (after "the template").
    """
    if not hasattr(os, "fork"):
        raise TemplateError(
            f"the template {name}: this system cannot run a template of your own within "
            "bounds (it needs fork, as on Linux and macOS)"
        )
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(reading)
        _in_child(work, writing)
    os.close(writing)
    return _answer(child, reading, name)


def _answer(child: int, reading: int, name: str) -> str:
    """The child's answer, read until it ends or time is up; the child is reaped here."""
    reaped = False
    try:
        answer = _read(reading, deadline=time.monotonic() + MAX_SECONDS)
        if answer is None:  # out of time: whatever it is doing, it ends now
            os.kill(child, signal.SIGKILL)
        _, status = os.waitpid(child, 0)
        reaped = True
    finally:
        os.close(reading)
        if not reaped:  # Ctrl-C, or anything else that stopped the parent waiting
            with suppress(ProcessLookupError, ChildProcessError):
                os.kill(child, signal.SIGKILL)
                os.waitpid(child, 0)
    return _outcome(answer, status, name)


def _read(reading: int, *, deadline: float) -> bytes | None:
    """Everything the child writes, or None if it has not finished by ``deadline``."""
    import selectors

    chunks: list[bytes] = []
    with selectors.DefaultSelector() as selector:
        selector.register(reading, selectors.EVENT_READ)
        while (left := deadline - time.monotonic()) > 0:
            if not selector.select(left):
                continue
            chunk = os.read(reading, _READ_SIZE)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    return None


def _outcome(answer: bytes | None, status: int, name: str) -> str:
    where = f"the template {name}"
    ended_by = -os.waitstatus_to_exitcode(status)  # the signal's number, when one ended it
    if answer is None or ended_by == getattr(signal, "SIGXCPU", None):
        raise TemplateError(f"{where}: it ran longer than the limit of {MAX_SECONDS:g} seconds")
    if os.waitstatus_to_exitcode(status) == _EXIT_MEMORY:
        raise TemplateError(f"{where}: {MEMORY_WORDS}")
    if os.waitstatus_to_exitcode(status) == 0 and answer[:1] in (_DONE, _REFUSED):
        text = answer[1:].decode("utf-8", "surrogatepass")
        if answer[:1] == _DONE:
            return text
        raise TemplateError(text)
    if ended_by > 0:
        raise TemplateError(f"{where}: it stopped the process rendering it ({_signal(ended_by)})")
    raise TemplateError(f"{where}: it stopped before it finished")


def _signal(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _in_child(work: Callable[[], str], writing: int) -> NoReturn:
    """Run ``work`` within the bounds, send its answer, and leave without cleaning up."""
    code = _EXIT_FAILED
    try:
        _bound()
        try:
            answer = _DONE + work().encode("utf-8", "surrogatepass")
        except SprintlogError as error:  # the template's own failure, already in words
            answer = _REFUSED + str(error).encode("utf-8", "surrogatepass")
        _write_all(writing, answer)
        code = 0
    except MemoryError:
        code = _EXIT_MEMORY
    except BaseException:  # Ctrl-C, a bug: the parent says it stopped; nothing escapes
        code = _EXIT_FAILED
    finally:
        os._exit(code)


def _bound() -> None:
    """The kernel's limits on this (child) process: CPU time, address space, no core."""
    import resource

    _lower(resource.RLIMIT_CORE, 0, 0)  # a child ended by SIGXCPU leaves no core file
    seconds = math.ceil(MAX_SECONDS) + 1  # a backstop: the parent's clock comes first
    _lower(resource.RLIMIT_CPU, seconds, seconds + 1)
    size = _address_space()
    if size is not None:  # Linux; elsewhere only time is bounded by the kernel
        _lower(resource.RLIMIT_AS, size + MAX_MEMORY, size + MAX_MEMORY)


def _lower(which: int, soft: int, hard: int) -> None:
    import resource

    _, current = resource.getrlimit(which)
    if current != resource.RLIM_INFINITY:
        hard = min(hard, current)
        soft = min(soft, hard)
    resource.setrlimit(which, (soft, hard))


def _address_space() -> int | None:
    """The bytes of this process's address space now, where the system says it."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _write_all(writing: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(writing, view) :]

"""How long sprintlog waits on a PostgreSQL server, and what it asks of it.

A server can stop answering after the connection is made (a frozen backend, a network
that drops packets): libpq then waits for ever. Three limits end such a wait:

- ``statement_timeout``: the server gives up a statement it is still running;
- TCP keepalives: the kernel notices a peer that has gone from the network;
- a limit in the client, on every wait for the server's answer, for a server that is
  there but never answers (a stopped process: its kernel still acknowledges packets).

``SPRINTLOG_SERVER_TIMEOUT`` (seconds) changes the statement limit, and the client's
limit with it, for the tests and for very slow links.
"""

import os
import selectors
import time
from typing import TYPE_CHECKING, Any

from sprintlog.errors import JournalError

if TYPE_CHECKING:
    from psycopg import Connection
    from psycopg.abc import RV, PQGen

    from sprintlog.storage.location import Location

TIMEOUT_VARIABLE = "SPRINTLOG_SERVER_TIMEOUT"
DEFAULT_TIMEOUT_SECONDS = 30.0
CONNECT_TIMEOUT_SECONDS = 5
# The client waits a little longer than the server's own limit, so that a server that is
# alive reports the timeout itself (and says what happened).
_CLIENT_MARGIN_SECONDS = 2.0


def statement_seconds() -> float:
    value = os.environ.get(TIMEOUT_VARIABLE, "")
    try:
        seconds = float(value)
    except ValueError:
        return DEFAULT_TIMEOUT_SECONDS
    return seconds if 0 < seconds < 86400 else DEFAULT_TIMEOUT_SECONDS


def client_seconds() -> float:
    return statement_seconds() + _CLIENT_MARGIN_SECONDS


def connect_args(lock_timeout_ms: int) -> dict[str, Any]:
    """libpq parameters: timeouts, keepalives, and commits that survive a server crash."""
    statement_ms = int(statement_seconds() * 1000)
    idle = max(1, int(statement_seconds() / 2))
    return {
        "connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "application_name": "sprintlog",  # how an administrator (and a test) finds us
        "options": (
            f"-c lock_timeout={lock_timeout_ms} -c statement_timeout={statement_ms} "
            # The server's default may be off; an acknowledged entry must survive a crash.
            "-c synchronous_commit=on"
        ),
        "keepalives": 1,
        "keepalives_idle": idle,
        "keepalives_interval": max(1, idle // 2),
        "keepalives_count": 3,
    }


def connect(*args: Any, **kwargs: Any) -> "Connection[Any]":
    """A psycopg connection whose every wait for the server ends after ``client_seconds``."""
    return bounded_connection_class().connect(*args, **kwargs)


def open_connection(location: "Location", *, lock_timeout_ms: int) -> "Connection[Any]":
    """A psycopg connection to the journal's server, as SQLAlchemy's engine would make it:
    the URL's parts and libpq options, then sprintlog's limits (``connect_args``) over them."""
    url = location.server
    assert url is not None
    arguments = {**url.psycopg_arguments(), **connect_args(lock_timeout_ms)}
    return bounded_connection_class(location).connect(**arguments)


def driver_missing(location: "Location", error: ImportError) -> JournalError:
    return JournalError(
        f"the database driver for {location.shown} is not installed ({error}); "
        "install sprintlog with its PostgreSQL extra: pip install '.[postgres]' in its folder"
    )


_CLASS: "type[Connection[Any]] | None" = None


def bounded_connection_class(location: "Location | None" = None) -> "type[Connection[Any]]":
    """psycopg's Connection with a limit on every wait (made once psycopg is wanted)."""
    global _CLASS
    if _CLASS is None:
        try:
            _CLASS = _make_class()
        except ImportError as error:
            if location is None:
                raise
            raise driver_missing(location, error) from None
    return _CLASS


def _make_class() -> "type[Connection[Any]]":
    import psycopg

    class NoAnswerError(psycopg.OperationalError):
        """The server did not answer within the client's limit (see errors.py)."""

        sprintlog_no_answer = True

        def __init__(self, seconds: float, *, committing: bool) -> None:
            super().__init__(f"no answer from the server in {seconds:g} s")
            self.committing = committing

    class BoundedConnection(psycopg.Connection):
        NoAnswer = NoAnswerError
        _committing = False

        def commit(self) -> None:
            self._committing = True
            try:
                super().commit()
            finally:
                self._committing = False

        def wait(
            self, gen: "PQGen[RV]", interval: float = 0.1, timeout: float | None = None
        ) -> "RV":
            limit = client_seconds() if timeout is None else min(timeout, client_seconds())
            try:
                return _wait(gen, self.pgconn.socket, time.monotonic() + limit)
            except KeyboardInterrupt:
                # Closing the connection makes the server roll the transaction back.
                self.pgconn.finish()
                raise
            except TimeoutError:
                # The connection is in an unknown state: close it, never use it again.
                self.pgconn.finish()
                raise NoAnswerError(limit, committing=self._committing) from None

    return BoundedConnection


def _wait(gen: "PQGen[RV]", fileno: int, deadline: float) -> "RV":
    """psycopg's wait loop (psycopg.waiting.wait_selector) with a deadline.

    The generator says which events it waits for (psycopg's Wait values are selector
    events) and is sent the events that are ready.
    """
    try:
        state = next(gen)
        with selectors.DefaultSelector() as selector:
            selector.register(fileno, state)
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError
                ready = selector.select(timeout=min(left, 0.1))  # 0.1 s: Ctrl-C is honoured
                if not ready:
                    continue
                new_state = gen.send(ready[0][1])
                if new_state != state:
                    selector.modify(fileno, new_state)
                    state = new_state
    except StopIteration as done:
        result: RV = done.value  # what the generator returns (StopIteration is untyped)
        return result

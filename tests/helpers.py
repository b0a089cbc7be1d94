"""Types shared by the tests (tests/ is on sys.path through pytest's pythonpath)."""

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str
    stdout_bytes: bytes = b""  # .stdout has \r\n folded to \n by Typer's test runner

    def json(self) -> Any:
        return json.loads(self.stdout)


Run = Callable[..., Result]

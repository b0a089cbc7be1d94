"""The readers of other programs' files by name, and which one a file's content is for.

Each reader module is imported only when asked for, so that naming the formats (for
``--help`` or completion) costs nothing. Detection asks every reader's ``looks_like``;
the readers are written so that at most one claims any file (tests/test_import_readers.py
checks it on the fixtures), and none claims sprintlog's own export, which the import
service recognises itself.
"""

from importlib import import_module
from types import ModuleType

from sprintlog.formats.records import BadImport, Parsed

NAMES = ("jrnl", "watson", "harsh", "timew", "post")


def reader(name: str) -> ModuleType:
    """The module reading format ``name``: ``read(text, file, **options)``, ``looks_like``."""
    if name not in NAMES:
        raise ValueError(f"no reader for {name!r}")
    return import_module(f"sprintlog.formats.{name}")


def detect(text: str) -> str | None:
    """The one format whose reader claims ``text``, else None (none, or more than one)."""
    claims = [name for name in NAMES if reader(name).looks_like(text)]
    return claims[0] if len(claims) == 1 else None


def read(name: str, text: str, file: str, **options: object) -> Parsed:
    """``text`` read as format ``name``; BadImport when it is not one."""
    try:
        module = reader(name)
    except ValueError:
        raise BadImport(file, None, f"unknown format {name!r} ({', '.join(NAMES)})") from None
    return module.read(text, file, **options)

"""Which format a file to import is in: given, or recognised from its content.

Every reader is a module ``sprintlog.services.exchange.formats.<name>`` with
``read(text, file, **options)`` returning ``parsed.Parsed`` and
``looks_like(text) -> bool``, imported only when asked
for. The readers are written so that at most one claims any file
(tests/test_import_readers.py checks it on the fixtures), and none claims sprintlog's own
export, which ``native`` reads. A reader that is not there is simply not offered.
"""

import importlib
from types import ModuleType

from sprintlog.errors import BadImport

NATIVE = "sprintlog"
READERS = ("jrnl", "watson", "harsh", "timew", "post")
FORMATS = (NATIVE, *READERS)


def reader(name: str) -> ModuleType | None:
    """The module that reads format ``name``, None when this build has none."""
    module = "native" if name == NATIVE else name
    try:
        return importlib.import_module(f"sprintlog.services.exchange.formats.{module}")
    except ModuleNotFoundError as error:
        if error.name != f"sprintlog.services.exchange.formats.{module}":
            raise  # the reader is there but something it needs is not: a real bug
        return None


def available() -> list[str]:
    return [name for name in FORMATS if reader(name) is not None]


def detect(text: str, file: str) -> str:
    """The one format whose reader recognises ``text``; BadImport when none or several do."""
    found = [
        name
        for name in available()
        if (module := reader(name)) is not None and module.looks_like(text)
    ]
    if len(found) == 1:
        return found[0]
    formats = ", ".join(available())
    if not found:
        from sprintlog.services.exchange.formats import jrnl

        if jrnl.is_plain_text(text):
            raise BadImport(file, None, jrnl.PLAIN_TEXT_ADVICE)
        raise BadImport(file, None, f"cannot tell which format this is; give --format ({formats})")
    raise BadImport(file, None, f"could be {' or '.join(found)}; give --format to say which")

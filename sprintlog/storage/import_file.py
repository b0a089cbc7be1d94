"""Reading a file to import: bounded in size, UTF-8, errors that name the file and line."""

from pathlib import Path

from sprintlog.errors import BadImport
from sprintlog.storage import files

# Far above ten years of any journal (its export is some tens of MiB), far below
# what would exhaust a laptop's memory once parsed.
MAX_IMPORT_BYTES = 256 * 1024 * 1024


def read_text(path: Path) -> str:
    """The text of ``path``; BadImport when it is not a readable, non-empty UTF-8 file."""
    shown = str(path)
    try:
        data = files.read_file(path, limit=MAX_IMPORT_BYTES)  # a FIFO or device: refused
    except files.NotAFile as error:
        raise BadImport(shown, None, f"is {error.kind}, not a file") from None
    except FileNotFoundError:
        raise BadImport(shown, None, "no such file") from None
    except OSError as error:
        raise BadImport(shown, None, f"cannot be read ({error.strerror})") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise BadImport(shown, None, f"is over the limit of {MAX_IMPORT_BYTES // 1048576} MiB")
    if not data.strip():
        raise BadImport(shown, None, "is empty")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")  # a BOM is no part of the text
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise BadImport(shown, f"line {line}", "is not valid UTF-8") from None

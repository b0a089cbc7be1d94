"""Journal-level settings, stored in the journal itself (the ``setting`` table).

Read and written through the command's Reader (storage/sql/settings.py), so that no
command that reads or changes a setting imports the ORM.
"""

from sprintlog.errors import Conflict, UsageError
from sprintlog.rules.setting_specs import (
    JOURNAL_ID_KEY,
    SPECS,
    Settings,
    SettingValue,
    from_stored,
    normalize_key,
)
from sprintlog.storage.reader import Reader
from sprintlog.storage.sql import settings as sql


def read(reader: Reader) -> Settings:
    return from_stored(_stored(reader))


def list_all(reader: Reader) -> list[SettingValue]:
    stored = _stored(reader)
    return [
        SettingValue(key, stored.get(key, spec.default), key not in stored, spec.help)
        for key, spec in SPECS.items()
    ]


def get(reader: Reader, *, key: str) -> SettingValue:
    name = normalize_key(key)
    return next(item for item in list_all(reader) if item.key == name)


def set_value(reader: Reader, *, key: str, value: str) -> SettingValue:
    name = normalize_key(key)
    spec = SPECS[name]
    try:
        parsed = spec.parse(value.strip() if spec.strip else value)
    except ValueError as error:
        raise UsageError(f"{name} must be {error}") from None
    if name == "max_goals":
        _check_max_goals(reader, parsed)
    if not reader.change(sql.CHANGE_SETTING, key=name, value=str(parsed)):
        reader.insert(sql.ADD_SETTING, key=name, value=str(parsed))
    return get(reader, key=name)


def _check_max_goals(reader: Reader, max_goals: int) -> None:
    highest = reader.value(sql.HIGHEST_GOAL_NUMBER)
    if highest is not None and highest > max_goals:
        raise Conflict(f"max_goals cannot be {max_goals}: the journal has goals numbered {highest}")


def _stored(reader: Reader) -> dict[str, str]:
    return dict(reader.rows(sql.SETTINGS))


def journal_id(reader: Reader) -> str:
    """The journal's own random id (migration 0003): what keeps its drafts apart."""
    return _stored(reader).get(JOURNAL_ID_KEY, "")

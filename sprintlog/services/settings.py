"""Journal-level settings, stored in the journal itself (the ``setting`` table).

``read`` serves the daily commands (plain SQL, storage/queries.py); the commands that
change settings use the ORM, imported only then.
"""

from typing import TYPE_CHECKING

from sprintlog.errors import Conflict, UsageError
from sprintlog.setting_specs import (
    JOURNAL_ID_KEY,
    SPECS,
    Settings,
    SettingValue,
    from_stored,
    normalize_key,
)
from sprintlog.storage import queries
from sprintlog.storage.reader import Reader, of_session

if TYPE_CHECKING:
    from sqlmodel import Session


def read(reader: Reader) -> Settings:
    return from_stored(dict(reader.rows(queries.SETTINGS)))


def load(session: "Session") -> Settings:
    """``read`` inside an ORM command's transaction."""
    return read(of_session(session))


def list_all(session: "Session") -> list[SettingValue]:
    stored = _stored(session)
    return [
        SettingValue(key, stored.get(key, spec.default), key not in stored, spec.help)
        for key, spec in SPECS.items()
    ]


def get(session: "Session", *, key: str) -> SettingValue:
    name = normalize_key(key)
    return next(item for item in list_all(session) if item.key == name)


def set_value(session: "Session", *, key: str, value: str) -> SettingValue:
    from sprintlog.models import Setting

    name = normalize_key(key)
    spec = SPECS[name]
    try:
        parsed = spec.parse(value.strip() if spec.strip else value)
    except ValueError as error:
        raise UsageError(f"{name} must be {error}") from None
    if name == "max_goals":
        _check_max_goals(session, parsed)
    row = session.get(Setting, name)
    if row is None:
        session.add(Setting(key=name, value=str(parsed)))
    else:
        row.value = str(parsed)
    session.flush()
    return get(session, key=name)


def _check_max_goals(session: "Session", max_goals: int) -> None:
    from sqlalchemy import func
    from sqlmodel import select

    from sprintlog.models import Goal

    highest = session.exec(select(func.max(Goal.number))).one()
    if highest is not None and highest > max_goals:
        raise Conflict(f"max_goals cannot be {max_goals}: the journal has goals numbered {highest}")


def _stored(session: "Session") -> dict[str, str]:
    return dict(of_session(session).rows(queries.SETTINGS))


def journal_id(reader: Reader) -> str:
    """The journal's own random id (migration 0003): what keeps its drafts apart."""
    stored: dict[str, str] = dict(reader.rows(queries.SETTINGS))
    return stored.get(JOURNAL_ID_KEY, "")

"""The gate of what may be stored (rules/stored.py) agrees with the columns of models.py."""

from datetime import date

import pytest
from sqlalchemy import Date, DateTime, Integer

from sprintlog.models import SQLModel
from sprintlog.rules import dates, stored

pytestmark = pytest.mark.one_backend


def _columns(kind: type) -> dict[tuple[str, str], object]:
    return {
        (table.name, column.name): column.type
        for table in SQLModel.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, kind) and not isinstance(column.type, DateTime)
    }


def test_the_sizes_are_the_models_sized_columns() -> None:
    sized = {
        (table.name, column.name): column.type.length
        for table in SQLModel.metadata.sorted_tables
        for column in table.columns
        if getattr(column.type, "length", None)
    }
    assert sized == stored.SIZES


def test_the_days_are_the_models_date_columns() -> None:
    assert set(_columns(Date)) == stored.DAYS


def test_minutes_are_a_whole_number_column() -> None:
    assert set(_columns(Integer)) >= stored.MINUTES


def test_the_years_are_the_command_lines() -> None:
    assert (stored.FIRST_YEAR, stored.LAST_YEAR) == (dates.FIRST_YEAR, dates.LAST_YEAR)
    assert stored.problem("entry", "day", date(dates.FIRST_YEAR, 1, 1)) is None
    assert stored.problem("entry", "day", date(dates.LAST_YEAR + 1, 1, 1)) is not None


@pytest.mark.parametrize(
    ("table", "column", "value", "said"),
    [
        ("entry", "text", "a\x00b", "the text contains a NUL character, which cannot be stored"),
        ("entry", "text", "x" * (stored.MAX_TEXT_BYTES + 1),
         "the text is 4.0 MiB; the limit is 4 MiB"),
        ("entry", "text", "\udcff", "the text is not valid UTF-8"),
        ("entry", "minutes", 1441, "the minutes (1,441) are not from 0 to 1440 (one day)"),
        ("entry", "day", "0001-01-02", "the day 0001-01-02 is outside the years 1900 to 2200"),
        ("acronym", "term", "T" * 65, "the term is 65 characters long; at most 64 fit"),
        ("sprint", "number", 2**31,
         "the number '2147483648' is out of range (at most 2,147,483,647)"),
    ],
)  # fmt: skip
def test_each_rule_is_said_in_one_short_line(table, column, value, said) -> None:
    assert stored.problem(table, column, value) == said


def test_what_may_be_stored_passes() -> None:
    row = {"day": date(2025, 3, 4), "text": "Topoi ☕\r\n#math", "minutes": 1440, "uuid": "a" * 32}
    assert stored.row_problem("entry", row) is None


@pytest.mark.parametrize(
    ("table", "column", "value", "rules"),
    [
        ("entry", "text", "a\x00b", [stored.NUL]),
        ("entry", "text", "\x00" * (stored.MAX_TEXT_BYTES + 1), [stored.NUL, stored.BYTES]),
        ("entry", "minutes", 1441, [stored.MINUTE]),
        ("entry", "minutes", 5_258_962_080, [stored.MINUTE, stored.INTEGER]),
        ("entry", "day", "0001-01-02", [stored.DAY]),
        ("import_source", "source_id", "\x00" * 201, [stored.NUL, stored.SIZE]),
        ("entry", "text", "\udcff", [stored.UTF8]),
        ("entry", "text", "fine", []),
    ],
)  # fmt: skip
def test_problems_names_every_rule_a_value_breaks(table, column, value, rules) -> None:
    found = stored.problems(table, column, value)
    assert [problem.rule for problem in found] == rules
    assert (found[0].words if found else None) == stored.problem(table, column, value)


def test_what_each_backend_refuses_itself() -> None:
    """db copy copies an older journal's rows that break only sprintlog's own rules."""
    from sprintlog.storage import dialects

    assert dialects.enforced_rules("sqlite") == {stored.UTF8}
    assert dialects.enforced_rules("postgresql") == {
        stored.NUL, stored.SIZE, stored.INTEGER, stored.UTF8
    }  # fmt: skip
    assert set(stored.RULES) > dialects.enforced_rules("postgresql")

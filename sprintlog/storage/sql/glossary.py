"""Acronyms (table ``acronym``, keyed by term) and open questions (table ``question``)."""

from datetime import date, datetime

from sprintlog.storage.reader import Change, Insert, Query, columns

# --- acronyms ------------------------------------------------------------------------

_ACRONYM_COLUMNS = columns(("acronym.term", str), ("acronym.expansion", str))

ACRONYMS = Query("SELECT term, expansion FROM acronym ORDER BY term", _ACRONYM_COLUMNS)
ACRONYM = Query("SELECT term, expansion FROM acronym WHERE term = :term", _ACRONYM_COLUMNS)
ADD_ACRONYM = Insert("acronym", _ACRONYM_COLUMNS, returning=None)
CHANGE_EXPANSION = Change(
    "UPDATE acronym SET expansion = :expansion WHERE term = :term",
    "acronym",
    columns(("acronym.expansion", str)),
)
REMOVE_ACRONYM = Change("DELETE FROM acronym WHERE term = :term", "acronym")

# --- questions -----------------------------------------------------------------------

# As records.py's Question holds one, field for field.
_QUESTION_COLUMNS = columns(
    ("question.id", int),
    ("question.text", str),
    ("question.asked_on", date),
    ("question.resolved_on", date),
)
_QUESTIONS = "SELECT id, text, asked_on, resolved_on FROM question"

QUESTIONS = Query(f"{_QUESTIONS} ORDER BY id", _QUESTION_COLUMNS)
UNRESOLVED_QUESTIONS = Query(
    f"{_QUESTIONS} WHERE resolved_on IS NULL ORDER BY id", _QUESTION_COLUMNS
)
# Questions asked by :day and not resolved by then (a post lists them).
OPEN_QUESTIONS = Query(
    f"{_QUESTIONS} WHERE asked_on <= :day AND (resolved_on IS NULL OR resolved_on > :day)"
    " ORDER BY id",
    _QUESTION_COLUMNS,
)
QUESTION = Query(f"{_QUESTIONS} WHERE id = :id", _QUESTION_COLUMNS)
ASK = Insert(
    "question",
    columns(
        ("question.text", str),
        ("question.asked_on", date),
        ("question.uuid", str),
        ("question.updated_at", datetime),
    ),
)
RESOLVE = Change(
    "UPDATE question SET resolved_on = :resolved_on, updated_at = :updated_at WHERE id = :id",
    "question",
    columns(("question.resolved_on", date), ("question.updated_at", datetime)),
)

"""Acronyms (the post's "List of acronyms") and open questions.

Through the command's Reader (storage/sql/glossary.py): no ORM.
"""

import re
from datetime import date

from sprintlog.errors import Conflict, NotFound, UsageError
from sprintlog.records import Acronym, Question
from sprintlog.rules import stored
from sprintlog.rules.text import checked_text
from sprintlog.storage.reader import Reader
from sprintlog.storage.sql import glossary as sql
from sprintlog.storage.values import new_uuid, utcnow

# Letters and digits, with spaces, -, / and . between them ("VK LTA", "e.g.", "I/O").
_TERM = re.compile(r"[^\W_](?:[^\W_]|[ ./-])*")
MAX_TERM = stored.SIZES["acronym", "term"]


def add_acronym(reader: Reader, *, term: str, expansion: str) -> Acronym:
    """Add an acronym, or change the expansion of one there already."""
    term = " ".join(term.split())
    if not _TERM.fullmatch(term) or len(term) > MAX_TERM:
        raise UsageError(
            f"{stored.quoted(term)} cannot be an acronym: letters and digits, with spaces, "
            f"-, / or . between them, at most {MAX_TERM} characters"
        )
    text = checked_text(expansion, what="expansion").strip()
    if not reader.change(sql.CHANGE_EXPANSION, term=term, expansion=text):
        reader.insert(sql.ADD_ACRONYM, term=term, expansion=text)
    return Acronym(term, text)


def acronyms(reader: Reader) -> list[Acronym]:
    """Every acronym by term (a review post lists those its text uses)."""
    return [Acronym(*row) for row in reader.rows(sql.ACRONYMS)]


def remove_acronym(reader: Reader, *, term: str) -> None:
    if not reader.change(sql.REMOVE_ACRONYM, term=term.strip()):
        raise NotFound(f"there is no acronym {term.strip()!r} (see `sprintlog acronym list`)")


def ask(reader: Reader, *, text: str, today: date) -> Question:
    body = checked_text(text, what="question")
    question_id = reader.insert(
        sql.ASK,
        text=body,
        asked_on=today,
        uuid=new_uuid(),
        updated_at=utcnow(),
    )
    return Question(question_id, body, today, None)


def questions(reader: Reader, *, include_resolved: bool = False) -> list[Question]:
    found = reader.rows(sql.QUESTIONS if include_resolved else sql.UNRESOLVED_QUESTIONS)
    return [Question(*row) for row in found]


def open_on(reader: Reader, *, day: date) -> list[Question]:
    """The questions asked by ``day`` and not resolved by then (as a post shows them)."""
    return [Question(*row) for row in reader.rows(sql.OPEN_QUESTIONS, day=day)]


def resolve(reader: Reader, *, question_id: int, today: date) -> Question:
    found = reader.first(sql.QUESTION, id=question_id)
    if found is None:
        raise NotFound(f"there is no question #{question_id} (see `sprintlog question list --all`)")
    question = Question(*found)
    if question.resolved_on is not None:
        raise Conflict(f"question #{question_id} was resolved on {question.resolved_on}")
    reader.change(sql.RESOLVE, id=question_id, resolved_on=today, updated_at=utcnow())
    return Question(question.id, question.text, question.asked_on, today)

"""Acronyms (the post's "List of acronyms") and open questions."""

import re
from datetime import date

from sqlmodel import Session, col, select

from sprintlog.errors import Conflict, NotFound, UsageError
from sprintlog.models import Acronym, Question
from sprintlog.services import records
from sprintlog.storage import queries
from sprintlog.storage.reader import of_session
from sprintlog.text import checked_text

# Letters and digits, with spaces, -, / and . between them ("VK LTA", "e.g.", "I/O").
_TERM = re.compile(r"[^\W_](?:[^\W_]|[ ./-])*")
MAX_TERM = 64


def add_acronym(session: Session, *, term: str, expansion: str) -> Acronym:
    term = " ".join(term.split())
    if not _TERM.fullmatch(term) or len(term) > MAX_TERM:
        raise UsageError(
            f"{term!r} cannot be an acronym: letters and digits, with spaces, -, / or . "
            f"between them, at most {MAX_TERM} characters"
        )
    text = checked_text(expansion, what="expansion").strip()
    acronym = session.get(Acronym, term)
    if acronym is None:
        acronym = Acronym(term=term, expansion=text)
    else:
        acronym.expansion = text
    session.add(acronym)
    session.flush()
    return acronym


def acronyms(session: Session) -> list[records.Acronym]:
    """Every acronym by term (the query the review post uses too)."""
    return [records.Acronym(*row) for row in of_session(session).rows(queries.ACRONYMS)]


def remove_acronym(session: Session, *, term: str) -> None:
    acronym = session.get(Acronym, term.strip())
    if acronym is None:
        raise NotFound(f"there is no acronym {term.strip()!r}")
    session.delete(acronym)
    session.flush()


def ask(session: Session, *, text: str, today: date) -> Question:
    question = Question(text=checked_text(text, what="question"), asked_on=today)
    session.add(question)
    session.flush()
    return question


def questions(session: Session, *, include_resolved: bool = False) -> list[Question]:
    statement = select(Question)
    if not include_resolved:
        statement = statement.where(col(Question.resolved_on).is_(None))
    return list(session.exec(statement.order_by(col(Question.id))))


def resolve(session: Session, *, question_id: int, today: date) -> Question:
    question = session.get(Question, question_id)
    if question is None:
        raise NotFound(f"there is no question #{question_id}")
    if question.resolved_on is not None:
        raise Conflict(f"question #{question_id} was resolved on {question.resolved_on}")
    question.resolved_on = today
    session.add(question)
    session.flush()
    return question

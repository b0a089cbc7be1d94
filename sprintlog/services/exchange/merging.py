"""Importing a sprintlog document: a restore into an empty journal, a merge by uuid otherwise.

A row of the document whose uuid the journal has is compared field by field (not its
``updated_at``): the same → skipped; different → a conflict, settled only by ``prefer``
("mine" keeps the journal's row, "theirs" takes the document's). A row the journal lacks
is added, unless it would take the place of another row (a sprint's number or days, a
goal's number in its sprint, a task's letter): that conflict "theirs" cannot settle, and
"mine" drops the document's row with what hangs on it. Acronyms are matched by term and
settings by key. A setting the import changes is named in the report (old → new); the
file's ``template`` is a program every later render and publish would run, so it is
taken only when asked (``take_template``), and otherwise left out with a note. Foreign
keys are written through uuids, since ids differ between journals. Everything is planned
first (all the dry run does), then written in the command's one transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from sprintlog.errors import BadImport, Conflict
from sprintlog.rules.setting_specs import SPECS, shown
from sprintlog.services.exchange.import_report import ImportReport
from sprintlog.services.exchange.merge_rows import Writer
from sprintlog.storage import exchange

PREFER = ("mine", "theirs")

SPRINT_FIELDS = ("number", "title", "start_day", "end_day", "closed_at", "notes")
GOAL_FIELDS = ("sprint", "number", "title", "description", "status", "outcome", "carried_from")
TASK_FIELDS = ("goal", "letter", "text", "description", "status", "outcome", "carried_from")
ENTRY_FIELDS = ("day", "text", "minutes", "created_at", "goals", "tags")
SIMPLE = {
    "reading_item": (
        "reading",
        (
            "title",
            "url",
            "category",
            "goal_number",
            "status",
            "note",
            "added_on",
            "started_on",
            "finished_on",
        ),
    ),
    "question": ("questions", ("text", "asked_on", "resolved_on")),
    "study_break": ("breaks", ("start_day", "end_day", "reason")),
}


@dataclass
class Plan:
    report: ImportReport
    prefer: str | None
    take_template: bool = False
    add: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    replace: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    blocking: list[str] = field(default_factory=list)  # conflicts "theirs" cannot settle

    def added(self, table: str, row: dict[str, Any]) -> None:
        self.add.setdefault(table, []).append(row)
        self.report.added[table] += 1

    def differs(self, table: str, row: dict[str, Any], what: str) -> None:
        self.report.conflicts.append(what)
        if self.prefer == "theirs":
            self.replace.setdefault(table, []).append(row)
            self.report.replaced[table] += 1

    def taken(self, what: str) -> None:
        self.report.conflicts.append(what)
        self.blocking.append(what)


def merge(
    session: Session,
    *,
    document: dict[str, Any],
    file: str,
    prefer: str | None,
    dry_run: bool,
    take_template: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Plan the merge of ``document``; write it unless dry or in conflict (see the report).

    ``take_template``: take the file's template setting (else it is left out, and said).
    """
    connection = session.connection()
    mine = exchange.read_document(exchange.sqlalchemy_rows(connection))
    plan = Plan(ImportReport(file=file, source="sprintlog"), prefer, take_template)
    _plan_sprints(plan, mine["sprints"], document["sprints"])
    _plan_entries(plan, mine["entries"], document["entries"])
    for table, (key, fields) in SIMPLE.items():
        _plan_by_uuid(plan, table, mine[key], document[key], fields)
    _plan_acronyms(plan, mine["acronyms"], document["acronyms"])
    _plan_settings(plan, mine["settings"], document["settings"], file)
    _plan_timer(plan, mine["timer"], document["timer"])
    _plan_sources(plan, mine["import_sources"], document["import_sources"])
    if dry_run or (plan.report.conflicts and prefer is None):
        return plan.report
    if plan.blocking and prefer == "theirs":
        raise Conflict(
            f"{plan.blocking[0]}: --prefer theirs cannot replace a different row of yours "
            "(renumber or remove yours, or use --prefer mine); nothing was imported"
        )
    Writer(connection, progress).write(plan.add, plan.replace)
    plan.report.written = True
    return plan.report


def _differences(mine: dict[str, Any], theirs: dict[str, Any], fields: tuple[str, ...]) -> str:
    return ", ".join(name for name in fields if mine.get(name) != theirs.get(name))


def _plan_sprints(plan: Plan, mine: list[dict], theirs: list[dict]) -> None:
    my_goals = {g["uuid"]: dict(g, sprint=s["uuid"]) for s in mine for g in s["goals"]}
    my_tasks = {t["uuid"]: dict(t, goal=g["uuid"]) for g in my_goals.values() for t in g["tasks"]}
    by_uuid = {sprint["uuid"]: sprint for sprint in mine}
    for sprint in theirs:
        other = _other_sprint(sprint, mine)
        if other is not None:
            plan.taken(
                f"sprint {sprint['number']} ({sprint['start_day']} – {sprint['end_day']}) "
                f"takes the place of your sprint {other['number']} "
                f"({other['start_day']} – {other['end_day']})"
            )
            continue
        _plan_row(
            plan,
            "sprint",
            by_uuid.get(sprint["uuid"]),
            sprint,
            SPRINT_FIELDS,
            f"sprint {sprint['number']}",
        )
        for goal in sprint["goals"]:
            _plan_goal(plan, dict(goal, sprint=sprint["uuid"]), my_goals, my_tasks)


def _other_sprint(sprint: dict[str, Any], mine: list[dict]) -> dict[str, Any] | None:
    """A different sprint of mine with the same number or days that overlap."""
    for other in mine:
        if other["uuid"] == sprint["uuid"]:
            continue
        overlap = (
            other["start_day"] <= sprint["end_day"] and sprint["start_day"] <= other["end_day"]
        )
        if overlap or other["number"] == sprint["number"]:
            return other
    return None


def _in_its_place(row: dict, mine: dict[str, dict], parent: str, slot: str) -> dict | None:
    """A different row of mine under the same parent in the same slot (number, letter)."""
    for other in mine.values():
        if (
            other[parent] == row[parent]
            and other[slot] == row[slot]
            and other["uuid"] != row["uuid"]
        ):
            return other
    return None


def _plan_goal(plan: Plan, goal: dict, my_goals: dict, my_tasks: dict) -> None:
    other = _in_its_place(goal, my_goals, "sprint", "number")
    if other is not None:
        plan.taken(
            f"goal {goal['number']} of sprint {goal['sprint'][:8]} ({goal['title']!r}) "
            f"takes the place of yours ({other['title']!r})"
        )
        return
    _plan_row(
        plan, "goal", my_goals.get(goal["uuid"]), goal, GOAL_FIELDS, f"goal {goal['title']!r}"
    )
    for task in goal["tasks"]:
        _plan_task(plan, dict(task, goal=goal["uuid"]), goal["number"], my_tasks)


def _plan_task(plan: Plan, task: dict, goal_number: int, my_tasks: dict) -> None:
    name = f"task {goal_number}{task['letter']}"
    if _in_its_place(task, my_tasks, "goal", "letter") is not None:
        plan.taken(f"{name} ({task['text']!r}) takes the place of yours")
        return
    _plan_row(
        plan, "task", my_tasks.get(task["uuid"]), task, TASK_FIELDS, f"{name} {task['text']!r}"
    )


def _plan_row(
    plan: Plan, table: str, mine: dict | None, theirs: dict, fields: tuple[str, ...], name: str
) -> None:
    if mine is None:
        plan.added(table, theirs)
        return
    changed = _differences(mine, theirs, fields)
    if not changed:
        plan.report.skipped[table] += 1
        return
    plan.differs(table, theirs, f"{name} (uuid {theirs['uuid'][:8]}): {changed} differ")


def _plan_entries(plan: Plan, mine: list[dict], theirs: list[dict]) -> None:
    by_uuid = {entry["uuid"]: entry for entry in mine}
    for entry in theirs:
        _plan_row(
            plan,
            "entry",
            by_uuid.get(entry["uuid"]),
            entry,
            ENTRY_FIELDS,
            f"entry of {entry['day']}",
        )


def _plan_by_uuid(
    plan: Plan, table: str, mine: list[dict], theirs: list[dict], fields: tuple[str, ...]
) -> None:
    by_uuid = {row["uuid"]: row for row in mine}
    for row in theirs:
        label = row.get("title") or row.get("text") or row.get("start_day")
        name = f"{table.replace('_', ' ')} {str(label)[:40]!r}"
        _plan_row(plan, table, by_uuid.get(row["uuid"]), row, fields, name)


def _plan_acronyms(plan: Plan, mine: list[dict], theirs: list[dict]) -> None:
    by_term = {row["term"]: row for row in mine}
    for row in theirs:
        if row["term"] not in by_term:
            plan.added("acronym", row)
        elif by_term[row["term"]]["expansion"] == row["expansion"]:
            plan.report.skipped["acronym"] += 1
        else:
            plan.differs("acronym", row, f"acronym {row['term']}: the expansions differ")


def _plan_settings(plan: Plan, mine: dict[str, str], theirs: dict[str, str], file: str) -> None:
    for key, value in theirs.items():
        if key not in SPECS:
            plan.report.notes.append(f"the setting {key} is not one this sprintlog knows; left out")
            continue
        try:
            SPECS[key].parse(value)
        except ValueError as error:
            raise BadImport(file, f"$.settings.{key}", f"{value!r} is not valid: {error}") from None
        before = mine.get(key, SPECS[key].default)  # what the journal uses now
        if key == "template" and value != before and not plan.take_template:
            plan.report.notes.append(
                f"the file's template ({_setting_words(key, value)}) was left out: yours stays "
                f"({_setting_words(key, before)}); import with --with-template to take it"
            )
            continue
        row = {"key": key, "value": value}
        if key not in mine:
            plan.added("setting", row)
        elif mine[key] == value:
            plan.report.skipped["setting"] += 1
            continue
        else:
            yours, theirs_words = _setting_words(key, mine[key]), _setting_words(key, value)
            plan.differs("setting", row, f"setting {key}: yours {yours}, theirs {theirs_words}")
            if plan.prefer != "theirs":
                continue
        if value != before:
            plan.report.settings.append(
                f"{key}: {_setting_words(key, before)} → {_setting_words(key, value)}"
            )


def _setting_words(key: str, value: str) -> str:
    """A setting's value in a report line: quoted, a template by its first line and size."""
    if key == "template" and not value:
        return "the built-in template"
    return repr(shown(key, value))


def _plan_timer(plan: Plan, mine: dict | None, theirs: dict | None) -> None:
    if theirs is None:
        return
    row = dict(theirs, id=1)
    if mine is None:
        plan.added("timer", row)
    elif mine == theirs:
        plan.report.skipped["timer"] += 1
    else:
        plan.differs("timer", row, "the running timer: yours and theirs differ")


def _plan_sources(plan: Plan, mine: list[dict], theirs: list[dict]) -> None:
    known = {(row["source"], row["source_id"]) for row in mine}
    for row in theirs:
        if (row["source"], row["source_id"]) in known:
            plan.report.skipped["import_source"] += 1
        else:
            plan.added("import_source", row)

"""The three-way decision for each row with a uuid: mine, theirs, and what both last agreed on.

What two journals agreed on is known by stamps (``updated_at``), not by copies of the
data: this journal's record of the last merge with the other (``exchange_base``: the
stamps of theirs it took in), and the other's own record, which its document carries as
``changed_since`` (the rows it changed since it last merged ours, with the stamp agreed
then; a row it does not list it has not changed). A side whose stamp is one both agreed
on has not changed the row since.

- On both sides and the same: nothing. Changed on one side only: that side's version,
  no conflict. Changed on both: a conflict, listed with both versions.
- Removed on one side (``removal``, with the removed row's stamp) and unchanged on the
  other: removed on both. Removed on one side and changed on the other: a conflict. A
  goal counts with its tasks: a task added or changed under it makes its removal a
  conflict, and a goal comes back or goes with all its tasks.
- A conflict settled on one side is not one on the other: a removal the other side
  merged and refused (it keeps its row, and agreed on the removal's time) brings the
  row back here, as an edit kept there is taken here.
"""

from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]

FIELDS = {
    "sprint": ("number", "title", "start_day", "end_day", "closed_at", "notes"),
    "goal": ("sprint", "number", "title", "description", "status", "outcome", "carried_from"),
    "task": ("goal", "letter", "text", "description", "status", "outcome", "carried_from"),
    "entry": ("day", "text", "minutes", "created_at", "started_at", "goals", "tags"),
    "reading_item": (
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
    "question": ("text", "asked_on", "resolved_on"),
    "study_break": ("start_day", "end_day", "reason"),
}
LISTS = {"reading_item": "reading", "question": "questions", "study_break": "breaks"}


def flatten(document: dict[str, Any]) -> dict[str, tuple[str, Row]]:
    """Every row with a uuid: uuid -> (table, row); a goal names its sprint, a task its goal."""
    rows: dict[str, tuple[str, Row]] = {}
    for sprint in document["sprints"]:
        rows[sprint["uuid"]] = ("sprint", sprint)
        for goal in sprint["goals"]:
            rows[goal["uuid"]] = ("goal", dict(goal, sprint=sprint["uuid"]))
            for task in goal["tasks"]:
                rows[task["uuid"]] = ("task", dict(task, goal=goal["uuid"]))
    for entry in document["entries"]:
        rows[entry["uuid"]] = ("entry", entry)
    for table, key in LISTS.items():
        for row in document[key]:
            rows[row["uuid"]] = (table, row)
    return rows


@dataclass
class Conflict:
    key: str  # what --mine and --theirs name: a uuid (or its start), a term, a setting
    line: str  # in words, with both versions


@dataclass
class Decisions:
    """What the merge does to rows with a uuid, before the learner's choices are applied."""

    add: list[tuple[str, Row]] = field(default_factory=list)  # theirs, new here
    take: list[tuple[str, Row]] = field(default_factory=list)  # theirs, changed there only
    remove: list[tuple[str, str]] = field(default_factory=list)  # (table, uuid) removed there
    skipped: list[str] = field(default_factory=list)  # tables of rows already the same
    # a conflict, and what taking theirs means: rows to add or take, rows to remove
    conflicts: list[tuple[Conflict, list[tuple[str, Row]], list[tuple[str, str]]]] = field(
        default_factory=list
    )


class ThreeWay:
    def __init__(
        self,
        mine: dict[str, Any],
        theirs: dict[str, Any],
        base: dict[str, str],
        their_changes: dict[str, str | None] | None,
    ) -> None:
        self.mine, self.theirs = flatten(mine), flatten(theirs)
        self.my_removals = {row["uuid"]: row for row in mine["removals"]}
        self.their_removals = {row["uuid"]: row for row in theirs["removals"]}
        self.base = base
        self.their_changes = their_changes
        gone = set(self.my_removals) | set(self.their_removals)
        self.gone = gone
        self.decided = Decisions()

    def agreed(self, uuid: str) -> set[str]:
        """The stamps of the row both journals held at an exchange."""
        found = {self.base[uuid]} if uuid in self.base else set()
        if self.their_changes is not None:
            if uuid in self.their_changes:
                stamp = self.their_changes[uuid]
                found |= {stamp} if stamp is not None else set()
            elif uuid in self.theirs:
                found.add(self.theirs[uuid][1]["updated_at"])
        return found

    def run(self) -> Decisions:
        handled: set[str] = set()
        for uuid in [*self.theirs, *(u for u in self.mine if u not in self.theirs)]:
            if uuid in handled:
                continue
            table = (self.theirs.get(uuid) or self.mine[uuid])[0]
            handled |= self._one(uuid, table)
        return self.decided

    def _one(self, uuid: str, table: str) -> set[str]:
        mine, theirs = self.mine.get(uuid), self.theirs.get(uuid)
        if mine is not None and theirs is not None:
            self._both(table, mine[1], theirs[1])
        elif mine is not None and uuid in self.their_removals:
            return self._removed_there(table, uuid)
        elif theirs is not None and uuid in self.my_removals:
            return self._removed_here(table, uuid)
        elif theirs is not None:
            self.decided.add.append((table, theirs[1]))
        return {uuid}

    def _both(self, table: str, mine: Row, theirs: Row) -> None:
        changed = differences(table, mine, theirs, self.gone)
        if not changed:
            if theirs["updated_at"] > mine["updated_at"]:  # the same edit made on both sides
                self.decided.take.append((table, theirs))
            else:
                self.decided.skipped.append(table)
            return
        agreed = self.agreed(mine["uuid"])
        mine_changed = mine["updated_at"] not in agreed
        theirs_changed = theirs["updated_at"] not in agreed
        if not theirs_changed:
            self.decided.skipped.append(table)
        elif not mine_changed:
            self.decided.take.append((table, theirs))
        else:
            line = f"{name(table, theirs)}: {both_versions(changed, mine, theirs)}"
            self.decided.conflicts.append((Conflict(theirs["uuid"], line), [(table, theirs)], []))

    def _subtree(self, rows: dict[str, tuple[str, Row]], uuid: str, table: str) -> list[str]:
        """The row and, for a goal, its tasks on one side."""
        if table != "goal":
            return [uuid]
        return [uuid, *(u for u, (t, row) in rows.items() if t == "task" and row["goal"] == uuid)]

    def _unchanged(self, rows: dict[str, tuple[str, Row]], uuid: str, removed: dict) -> bool:
        """Whether the row as ``rows`` has it is the one ``removed`` took away (or agreed)."""
        stamp = rows[uuid][1]["updated_at"]
        return uuid in removed and (
            stamp == removed[uuid]["updated_at"] or stamp in self.agreed(uuid)
        )

    def _removed_there(self, table: str, uuid: str) -> set[str]:
        mine = self._subtree(self.mine, uuid, table)
        if self.base.get(uuid) == self.their_removals[uuid]["removed_at"]:
            return set(mine)  # that removal was refused here before: the row stays
        removing = [(self.mine[u][0], u) for u in mine]
        if all(self._unchanged(self.mine, u, self.their_removals) for u in mine):
            self.decided.remove += removing
            return set(mine)
        row = self.mine[uuid][1]
        line = f"{name(table, row)}: removed in theirs, changed in yours"
        self.decided.conflicts.append((Conflict(uuid, line), [], removing))
        return set(mine) | set(self._subtree(self.theirs, uuid, table))

    def _removed_here(self, table: str, uuid: str) -> set[str]:
        theirs = self._subtree(self.theirs, uuid, table)
        if self.my_removals[uuid]["removed_at"] in self.agreed(uuid):
            # they merged this removal before and kept their row (a conflict settled
            # there as theirs): the row comes back here too, as they settled it
            self.decided.add += [self.theirs[u] for u in theirs]
            return set(theirs)
        if all(self._unchanged(self.theirs, u, self.my_removals) for u in theirs):
            return set(theirs)  # stays removed; theirs goes when they merge ours
        row = self.theirs[uuid][1]
        line = f"{name(table, row)}: removed in yours, changed in theirs"
        back = [self.theirs[u] for u in theirs]
        self.decided.conflicts.append((Conflict(uuid, line), back, []))
        return set(theirs)


def differences(table: str, mine: Row, theirs: Row, gone: set[str]) -> list[str]:
    if table == "entry":
        mine, theirs = _linked(mine, gone), _linked(theirs, gone)
    return [key for key in FIELDS[table] if mine.get(key) != theirs.get(key)]


def _linked(entry: Row, gone: set[str]) -> Row:
    """An entry without its links to removed goals (a removal takes them away on both sides)."""
    links = [
        {"goal": link["goal"], "task": None if link["task"] in gone else link["task"]}
        for link in entry["goals"]
        if link["goal"] not in gone
    ]
    return dict(entry, goals=links)


def name(table: str, row: Row) -> str:
    """A row in words, with the start of its uuid (what --mine and --theirs take)."""
    label = {
        "sprint": lambda: f"sprint {row['number']}",
        "goal": lambda: f"goal {row['number']} {row['title']!r}",
        "task": lambda: f"task {row['letter']} {row['text']!r}",
        "entry": lambda: f"entry of {row['day']}",
    }.get(table, lambda: f"{table.replace('_', ' ')} {_label(row)!r}")()
    return f"{label} (uuid {row['uuid'][:8]})"


def _label(row: Row) -> str:
    return str(row.get("title") or row.get("text") or row.get("start_day"))[:40]


def both_versions(changed: list[str], mine: Row, theirs: Row) -> str:
    """``minutes differs: yours 30, theirs 45``: the fields that differ, both versions."""
    verb = "differs" if len(changed) == 1 else "differ"
    return (
        f"{' and '.join(changed)} {verb}: "
        f"yours {_values(changed, mine)}, theirs {_values(changed, theirs)}"
    )


def _values(changed: list[str], row: Row) -> str:
    shown = [_short(row.get(key)) for key in changed]
    return shown[0] if len(shown) == 1 else "(" + "; ".join(shown) + ")"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."

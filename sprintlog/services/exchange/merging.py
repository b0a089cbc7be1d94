"""Importing a sprintlog document: a restore into an empty journal, a three-way merge otherwise.

Rows with a uuid are decided by ``three_way`` (changed on one side only: that side's
version; on both: a conflict; removals passed on). A conflict is settled for one row by
``choices`` (its uuid, or the start of it, -> "mine" or "theirs") or for all by
``prefer``; one left unsettled writes nothing. A row that would take the place of
another (a sprint's number or days, a goal's number in its sprint, a task's letter) is a
conflict "theirs" cannot settle; "mine" leaves the document's row out with what hangs
on it. Acronyms (by term), settings (by key) and the timer carry no stamp: where they
differ it is a conflict. After a merge the journal remembers the document's stamps as
what it and the document's journal last agreed on (``exchange_base``). A setting the
import changes is named in the report (old → new); the file's ``template`` is a program
every later render and publish would run, so it is taken only when asked
(``take_template``), and otherwise left out with a note. Everything is planned first (all
the dry run does), then written in the command's one transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from sprintlog.errors import BadImport, Conflict
from sprintlog.rules.setting_specs import SPECS, shown
from sprintlog.services.exchange import stored_rows, three_way
from sprintlog.services.exchange.import_report import ImportReport
from sprintlog.services.exchange.merge_rows import Writer
from sprintlog.storage import exchange
from sprintlog.storage.values import utcnow

PREFER = ("mine", "theirs")
SETTLED = {"mine": " (kept yours)", "theirs": " (took theirs)"}


@dataclass
class Plan:
    report: ImportReport
    prefer: str | None
    choices: dict[str, str] = field(default_factory=dict)  # a row's key -> mine or theirs
    take_template: bool = False
    add: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    replace: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    remove: dict[str, list[str]] = field(default_factory=dict)  # table -> uuids
    kept_removals: list[dict[str, Any]] = field(default_factory=list)  # to write here
    blocking: list[str] = field(default_factory=list)  # conflicts "theirs" cannot settle
    used: set[str] = field(default_factory=set)  # the choices that named a conflict

    def added(self, table: str, row: dict[str, Any]) -> None:
        self.add.setdefault(table, []).append(row)
        self.report.added[table] += 1

    def choice(self, key: str) -> str | None:
        key = key.lower()
        for given, side in self.choices.items():
            if key == given or (len(given) >= 4 and key.startswith(given)):
                self.used.add(given)
                return side
        return self.prefer

    def conflict(self, what: str, key: str) -> str | None:
        """List a conflict; the side chosen for it (None: unsettled, nothing is written)."""
        side = self.choice(key)
        self.report.conflicts.append(what + SETTLED.get(side or "", ""))
        self.report.unsettled += side is None
        return side

    def differs(self, table: str, row: dict[str, Any], what: str, key: str) -> str | None:
        """A conflict over ``row``; taken when settled "theirs". The side chosen."""
        side = self.conflict(what, key)
        if side == "theirs":
            self.replace.setdefault(table, []).append(row)
            self.report.replaced[table] += 1
        return side

    def taken(self, what: str, key: str) -> str | None:
        side = self.conflict(what, key)
        if side == "theirs":
            self.blocking.append(what)
        return side


def merge(
    session: Session,
    *,
    document: dict[str, Any],
    file: str,
    prefer: str | None,
    dry_run: bool,
    choices: dict[str, str] | None = None,
    take_template: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Plan the merge of ``document``; write it unless dry or in conflict (see the report).

    A document holding a row the journal may not store is refused whole first.
        ``take_template``: take the file's template setting (else it is left out, and said).
    """
    stored_rows.check_document(document, file)
    connection = session.connection()
    mine = exchange.read_document(exchange.sqlalchemy_rows(connection))
    report = ImportReport(file=file, source="sprintlog")
    plan = Plan(report, prefer, dict(choices or {}), take_template)
    peer = document.get("journal_id")
    peer = peer if peer != mine["journal_id"] else None  # (a journal's own export)
    base = exchange.read_base(exchange.sqlalchemy_rows(connection), peer) if peer else {}
    their_changes = document.get("changed_since", {}).get(mine["journal_id"])
    decided = three_way.ThreeWay(mine, document, base, their_changes).run()
    _plan_rows(plan, decided, mine)
    _plan_places(plan, mine)
    _plan_links(plan, mine, document)
    _plan_acronyms(plan, mine["acronyms"], document["acronyms"])
    _plan_settings(plan, mine["settings"], document["settings"], file)
    _plan_timer(plan, mine["timer"], document["timer"])
    _plan_sources(plan, mine["import_sources"], document["import_sources"])
    unknown = sorted(set(plan.choices) - plan.used)
    if unknown:
        plan.report.notes.append(f"no conflict is named {', '.join(unknown)}; nothing chosen")
    if dry_run or plan.report.unsettled:
        return plan.report
    if plan.blocking:
        raise Conflict(
            f"{plan.blocking[0]}: theirs cannot replace a different row of yours "
            "(renumber or remove yours, or keep yours); nothing was imported"
        )
    Writer(connection, progress).write(plan.add, plan.replace, plan.remove)
    removals = _removals(plan, mine, document)
    exchange.write_exchange(connection, removals, _base(document) if peer else None, peer)
    plan.report.written = True
    return plan.report


def _plan_rows(plan: Plan, decided: three_way.Decisions, mine: dict[str, Any]) -> None:
    mine_rows = three_way.flatten(mine)
    my_removals = {row["uuid"] for row in mine["removals"]}
    for table in decided.skipped:
        plan.report.skipped[table] += 1
    for table, row in decided.add:
        plan.added(table, row)
    for table, row in decided.take:
        plan.replace.setdefault(table, []).append(row)
        plan.report.updated[table] += 1
    for table, uuid in decided.remove:
        plan.remove.setdefault(table, []).append(uuid)
        plan.report.removed[table] += 1
    for conflict, rows, removing in decided.conflicts:
        side = plan.conflict(conflict.line, conflict.key)
        if side == "theirs":
            _take_theirs(plan, rows, removing, mine_rows)
        elif side == "mine":  # what theirs has of a row removed here is removed there too
            plan.kept_removals += [
                _removal(table, row)
                for table, row in rows
                if row["uuid"] not in mine_rows and row["uuid"] not in my_removals
            ]


def _take_theirs(
    plan: Plan, rows: list[tuple[str, dict]], removing: list[tuple[str, str]], mine_rows: dict
) -> None:
    for table, row in rows:
        if row["uuid"] in mine_rows:
            plan.replace.setdefault(table, []).append(row)
            plan.report.replaced[table] += 1
        else:
            plan.added(table, row)
    for table, uuid in removing:
        plan.remove.setdefault(table, []).append(uuid)
        plan.report.removed[table] += 1


def _removal(table: str, row: dict[str, Any]) -> dict[str, Any]:
    now = exchange.stamp(utcnow())
    return {"uuid": row["uuid"], "table": table, "removed_at": now, "updated_at": row["updated_at"]}


def _removals(
    plan: Plan, mine: dict[str, Any], theirs: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[str]]:
    """The removal records to write (theirs passed on, mine of rows theirs keeps) and the
    uuids whose records go (rows that came back). Two records of one row: the earlier."""
    mine_rows = three_way.flatten(mine)
    removed = {uuid for uuids in plan.remove.values() for uuid in uuids}
    back = {row["uuid"] for rows in plan.add.values() for row in rows if "uuid" in row}
    my_removals = {row["uuid"]: row for row in mine["removals"]}
    write, drop = list(plan.kept_removals), sorted(back & set(my_removals))
    for row in theirs["removals"]:
        uuid = row["uuid"]
        if uuid in my_removals:
            held = my_removals[uuid]
            if (row["removed_at"], row["updated_at"]) < (held["removed_at"], held["updated_at"]):
                drop.append(uuid)
                write.append(row)
        elif uuid in removed or uuid not in mine_rows:
            write.append(row)
    return write, drop


def _base(theirs: dict[str, Any]) -> dict[str, str]:
    """What this journal now holds of theirs: the stamps of their rows and removals."""
    base = {uuid: row["updated_at"] for uuid, (_, row) in three_way.flatten(theirs).items()}
    base |= {row["uuid"]: row["removed_at"] for row in theirs["removals"]}
    return base


def _plan_places(plan: Plan, mine: dict[str, Any]) -> None:
    """A row of theirs that would take the place of another: a conflict "mine" leaves out."""
    final: dict[str, tuple[str, dict[str, Any]]] = {
        uuid: item for uuid, item in three_way.flatten(mine).items()
    }
    for uuids in plan.remove.values():
        for uuid in uuids:
            final.pop(uuid, None)
    theirs = [(t, row) for t, rows in (*plan.add.items(), *plan.replace.items()) for row in rows]
    for table, row in theirs:
        final[row["uuid"]] = (table, row)
    places = _places(final)
    for table, row in theirs:
        other = _in_its_place(table, row, places)
        if other is None:
            continue
        what = f"{three_way.name(table, row)} takes the place of your {other}"
        if plan.taken(what, row["uuid"]) == "mine":
            _leave_out(plan, table, row["uuid"])


def _plan_links(plan: Plan, mine: dict[str, Any], theirs: dict[str, Any]) -> None:
    """Entries of yours that lost a link when a goal or task was removed here, and it comes
    back (a conflict settled as theirs): the link comes back with it. The entry is written
    as yours is, with the link; it does not count as changed."""
    back = {row["uuid"] for name in ("goal", "task") for row in plan.add.get(name, [])}
    if not back:
        return
    touched = {row["uuid"] for rows in (*plan.add.values(), *plan.replace.values()) for row in rows}
    touched |= set(plan.remove.get("entry", []))
    yours = {entry["uuid"]: entry for entry in mine["entries"]}
    for entry in theirs["entries"]:
        own = yours.get(entry["uuid"])
        if own is None or entry["uuid"] in touched:
            continue
        links = [dict(link) for link in own["goals"]]
        for link in entry["goals"]:
            if (link["goal"] not in back and link["task"] not in back) or link in links:
                continue
            bare = {"goal": link["goal"], "task": None}
            if link["task"] in back and bare in links:
                links[links.index(bare)] = dict(link)  # the task's link was set to the goal
            else:
                links.append(dict(link))
        if links != own["goals"]:
            plan.replace.setdefault("entry", []).append(dict(own, goals=links))


SLOTS = {"goal": ("sprint", "number"), "task": ("goal", "letter")}


def _places(final: dict[str, tuple[str, dict[str, Any]]]) -> dict[tuple, list[dict[str, Any]]]:
    """The rows that hold a place, by it (goals by sprint and number, tasks by goal and
    letter; sprints all together, since their days may overlap), in the order of ``final``:
    each row is looked up once, not compared with every other (a restore of ten years has
    thousands)."""
    places: dict[tuple, list[dict[str, Any]]] = {}
    for table, row in final.values():
        if table == "sprint":
            places.setdefault(("sprint",), []).append(row)
        elif table in SLOTS:
            places.setdefault((table, *(row[key] for key in SLOTS[table])), []).append(row)
    return places


def _in_its_place(table: str, row: dict[str, Any], places: dict) -> str | None:
    if table == "sprint":
        for other in places.get(("sprint",), []):
            overlap = other["start_day"] <= row["end_day"] and row["start_day"] <= other["end_day"]
            if other["uuid"] != row["uuid"] and (overlap or other["number"] == row["number"]):
                return f"sprint {other['number']} ({other['start_day']} – {other['end_day']})"
        return None
    if table not in SLOTS:
        return None
    for other in places.get((table, *(row[key] for key in SLOTS[table])), []):
        if other["uuid"] != row["uuid"]:
            return three_way.name(table, other)
    return None


def _leave_out(plan: Plan, table: str, uuid: str) -> None:
    """Leave a row of theirs out, with what hangs on it (a sprint's goals, a goal's tasks)."""
    parent = {"goal": "sprint", "task": "goal"}
    gone = {uuid}
    for name in ("sprint", "goal", "task"):
        for rows, counter in ((plan.add, plan.report.added), (plan.replace, plan.report.updated)):
            kept = []
            for row in rows.get(name, []):
                if row["uuid"] in gone or row.get(parent.get(name, ""), None) in gone:
                    gone.add(row["uuid"])
                    counter[name] -= 1
                else:
                    kept.append(row)
            if name in rows:
                rows[name] = kept


def _plan_acronyms(plan: Plan, mine: list[dict], theirs: list[dict]) -> None:
    by_term = {row["term"]: row for row in mine}
    for row in theirs:
        if row["term"] not in by_term:
            plan.added("acronym", row)
        elif by_term[row["term"]]["expansion"] == row["expansion"]:
            plan.report.skipped["acronym"] += 1
        else:
            what = f"acronym {row['term']}: the expansions differ"
            plan.differs("acronym", row, what, row["term"])


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
            what = f"setting {key}: yours {yours}, theirs {theirs_words}"
            if plan.differs("setting", row, what, key) != "theirs":
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
        plan.differs("timer", row, "the running timer: yours and theirs differ", "timer")


def _plan_sources(plan: Plan, mine: list[dict], theirs: list[dict]) -> None:
    known = {(row["source"], row["source_id"]) for row in mine}
    for row in theirs:
        if (row["source"], row["source_id"]) in known:
            plan.report.skipped["import_source"] += 1
        else:
            plan.added("import_source", row)

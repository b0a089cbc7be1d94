"""sprintlog's own JSON document (``sprintlog export``), read and checked before use.

The document is checked against the JSON Schema shipped in the package
(``storage/export_schema.json``) by the small validator below, which knows the few
keywords that schema uses; then against what a schema cannot say (real calendar dates,
unique uuids, links to goals that are in the document). Every error names the JSON path.
"""

import json
import re
from datetime import date, datetime
from functools import cache
from typing import Any

from sprintlog.errors import BadImport
from sprintlog.rules import stored, tags
from sprintlog.services.exchange.formats.common import load_json
from sprintlog.storage import exchange

_TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "null": type(None),
}


def looks_like(text: str) -> bool:
    """A JSON object that says it is a sprintlog document (checked cheaply, by its start)."""
    head = text[:2000].lstrip("\ufeff \t\r\n")
    return head.startswith("{") and re.search(r'"format"\s*:\s*"sprintlog"', head) is not None


def read(text: str, file: str) -> dict[str, Any]:
    """The checked document; BadImport naming the place and the problem otherwise."""
    document = load_json(text, file)
    if not isinstance(document, dict) or document.get("format") != exchange.FORMAT:
        raise BadImport(file, "$.format", 'not a sprintlog export (no "format": "sprintlog")')
    if document.get("version") not in exchange.READABLE:
        raise BadImport(
            file,
            "$.version",
            f"version {document.get('version')!r} is not one this sprintlog reads "
            f"({', '.join(map(str, exchange.READABLE))}); a newer sprintlog may have written it",
        )
    _check(document, _schema(), "$", file)
    _check_meaning(document, file)
    # Version 1 knew neither: read as a journal with no id of its own that removed nothing.
    document.setdefault("journal_id", None)
    document.setdefault("removals", [])
    return document


@cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(exchange.schema_text())  # the one we ship: an object
    return schema


def _check(value: Any, rule: dict[str, Any], path: str, file: str) -> None:
    if "$ref" in rule:
        rule = _schema()["$defs"][rule["$ref"].rsplit("/", 1)[1]]
    if "oneOf" in rule:
        _one_of(value, rule["oneOf"], path, file)
        return
    _check_kind(value, rule, path, file)
    if isinstance(value, dict):
        _check_object(value, rule, path, file)
    elif isinstance(value, list) and "items" in rule:
        for index, item in enumerate(value):
            _check(item, rule["items"], f"{path}[{index}]", file)


def _one_of(value: Any, rules: list[dict[str, Any]], path: str, file: str) -> None:
    problem: BadImport | None = None
    for rule in rules:
        try:
            _check(value, rule, path, file)
            return
        except BadImport as error:
            problem = error  # the last rule's problem: the one that is not "null"
    assert problem is not None
    raise problem


def _check_kind(value: Any, rule: dict[str, Any], path: str, file: str) -> None:
    if "const" in rule and value != rule["const"]:
        raise BadImport(file, path, f"must be {rule['const']!r}")
    if "enum" in rule and value not in rule["enum"]:
        raise BadImport(file, path, f"must be one of {', '.join(map(repr, rule['enum']))}")
    if "type" in rule:
        kinds = rule["type"] if isinstance(rule["type"], list) else [rule["type"]]
        if not any(_is(value, kind) for kind in kinds):
            raise BadImport(file, path, f"must be {' or '.join(kinds)}, not {_kind(value)}")
    if isinstance(value, str):
        _check_string(value, rule, path, file)
    elif _is(value, "integer") and not (
        rule.get("minimum", value) <= value <= rule.get("maximum", value)
    ):
        raise BadImport(file, path, f"{value} is out of range")


def _check_string(value: str, rule: dict[str, Any], path: str, file: str) -> None:
    if "pattern" in rule and not re.search(rule["pattern"], value):
        raise BadImport(file, path, f"{stored.quoted(value)} is not in the expected form")
    if len(value) > rule.get("maxLength", len(value)):
        raise BadImport(file, path, f"is longer than {rule['maxLength']} characters")
    try:
        if rule.get("format") == "date":
            date.fromisoformat(value)
        elif rule.get("format") == "date-time":
            datetime.fromisoformat(value)
    except ValueError as error:
        problem = f"{stored.quoted(value)} is not a real date ({error})"
        raise BadImport(file, path, problem) from None


def _check_object(value: dict[str, Any], rule: dict[str, Any], path: str, file: str) -> None:
    for key in rule.get("required", []):
        if key not in value:
            raise BadImport(file, path, f'"{key}" is missing')
    properties = rule.get("properties", {})
    extra = rule.get("additionalProperties", True)
    for key, item in value.items():
        if key in properties:
            _check(item, properties[key], f"{path}.{key}", file)
        elif extra is False:
            raise BadImport(file, f"{path}.{key}", "is not a field of this format")
        elif isinstance(extra, dict):
            _check(item, extra, f"{path}.{key}", file)


def _is(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, _TYPES[kind])


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "true/false"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")


def _check_meaning(document: dict[str, Any], file: str) -> None:
    """What the schema cannot say: uuids unique, references inside the document."""
    seen: dict[str, str] = {}
    goals: set[str] = set()
    tasks: dict[str, str] = {}  # task uuid -> its goal's uuid

    def unique(uuid: str, path: str) -> None:
        if uuid in seen:
            raise BadImport(file, path, f"uuid {uuid} is also used at {seen[uuid]}")
        seen[uuid] = path

    for s, sprint in enumerate(document["sprints"]):
        unique(sprint["uuid"], f"$.sprints[{s}].uuid")
        _dates_in_order(sprint, f"$.sprints[{s}]", file)
        for g, goal in enumerate(sprint["goals"]):
            unique(goal["uuid"], f"$.sprints[{s}].goals[{g}].uuid")
            goals.add(goal["uuid"])
            for t, task in enumerate(goal["tasks"]):
                unique(task["uuid"], f"$.sprints[{s}].goals[{g}].tasks[{t}].uuid")
                tasks[task["uuid"]] = goal["uuid"]
    for name in ("entries", "reading", "questions", "breaks"):
        for index, row in enumerate(document[name]):
            unique(row["uuid"], f"$.{name}[{index}].uuid")
    for index, row in enumerate(document.get("removals", [])):  # removed: not also a row
        unique(row["uuid"], f"$.removals[{index}].uuid")
    for index, row in enumerate(document["breaks"]):
        _dates_in_order(row, f"$.breaks[{index}]", file)
    _check_tags(document, file)
    _check_links(document, goals, tasks, file)


def _check_tags(document: dict[str, Any], file: str) -> None:
    """Tags as ``log`` finds them (a letter in each; any case): ``entries --tag`` finds them."""
    for index, row in enumerate(document["entries"]):
        for n, tag in enumerate(row["tags"]):
            if tags.stored_form(tag) != tags.key(tag):
                raise BadImport(file, f"$.entries[{index}].tags[{n}]", f"{tag!r} is not a tag")


def _dates_in_order(row: dict[str, Any], path: str, file: str) -> None:
    if row["end_day"] < row["start_day"]:
        raise BadImport(file, f"{path}.end_day", "is before its start_day")


def _check_links(
    document: dict[str, Any], goals: set[str], tasks: dict[str, str], file: str
) -> None:
    for e, entry in enumerate(document["entries"]):
        for n, link in enumerate(entry["goals"]):
            path = f"$.entries[{e}].goals[{n}]"
            if link["goal"] not in goals:
                raise BadImport(file, f"{path}.goal", "names no goal of the document")
            if link["task"] is not None and tasks.get(link["task"]) != link["goal"]:
                raise BadImport(file, f"{path}.task", "names no task of that goal")
    for s, sprint in enumerate(document["sprints"]):
        for g, goal in enumerate(sprint["goals"]):
            path = f"$.sprints[{s}].goals[{g}]"
            if goal["carried_from"] is not None and goal["carried_from"] not in goals:
                raise BadImport(file, f"{path}.carried_from", "names no goal of the document")
            for t, task in enumerate(goal["tasks"]):
                if task["carried_from"] is not None and task["carried_from"] not in tasks:
                    raise BadImport(
                        file, f"{path}.tasks[{t}].carried_from", "names no task of the document"
                    )

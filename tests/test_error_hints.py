"""Every error a user can cause says what to do next: a command to run, an option to give,
or what to change. This walks every SprintlogError message written in sprintlog/ (the
text of each ``raise …Error(…)`` and of the functions that build one) and looks for that
next step.

An importer's BadImport names the file and the place (``notes.json, entry 12``): the next
step is to correct the file there, so those are not walked. ``WITHOUT_A_NEXT_STEP`` lists
the messages that still lack one (issue 26 left them): a new message must not join them,
and one that gains a hint must leave the list, so it only ever shrinks.
"""

import ast
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.one_backend  # the messages in the source say what to do next: no journal

SOURCE = Path(__file__).parent.parent / "sprintlog"

# A next step: a command in backticks, an option, or an instruction.
NEXT_STEP = re.compile(
    r"`|(?<![\w-])--[a-z]|\b(give|use|pass|run|try|write it|add (it|one)|remove|upgrade|"
    r"move (it|them)|make it|install|reinstall|choose|correct|start one|mark|free|rename|"
    r"delete|clear|change|edit|renumber)\b",
    re.IGNORECASE,
)


def _error_classes() -> set[str]:
    names = {"SprintlogError"}
    trees = [ast.parse(path.read_text(encoding="utf-8")) for path in SOURCE.rglob("*.py")]
    grew = True
    while grew:
        grew = False
        for tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in names:
                    bases = {getattr(b, "id", getattr(b, "attr", None)) for b in node.bases}
                    if bases & names:
                        names.add(node.name)
                        grew = True
    return names - {"BadImport", "Declined"}  # (Declined: an answer of no, not an error)


def _template(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp):
        return (_template(node.left) or "{}") + (_template(node.right) or "{}")
    return None


def messages() -> list[tuple[str, str]]:
    """(module, message) of every SprintlogError raised or built with a written message."""
    classes = _error_classes()
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            text = _template(node.args[0]) if name in classes else None
            if text is not None:
                found.append((str(path.relative_to(SOURCE.parent)), text))
    return found


def test_the_walk_finds_the_messages() -> None:
    found = messages()
    assert len(found) > 100
    assert (
        "sprintlog/services/log_checks.py",
        "sprint {} has no goal {}; add it with `sprintlog goal add {} TITLE --sprint {}`",
    ) in found


def test_every_error_says_what_to_do_next() -> None:
    lacking = {item for item in messages() if not NEXT_STEP.search(item[1])}
    assert lacking - WITHOUT_A_NEXT_STEP == set(), "new messages without a next step"
    assert WITHOUT_A_NEXT_STEP - lacking == set(), "these have one now: take them off the list"


def test_the_messages_issue_26_names_say_what_to_do() -> None:
    found = dict(reversed(item) for item in messages())
    for said in (
        "sprint {} has no goal {}; add it with `sprintlog goal add {} TITLE --sprint {}`",
        "there is no entry #{} (see `sprintlog entries`)",
    ):
        assert said in found


WITHOUT_A_NEXT_STEP = {
    ("sprintlog/cli/common.py", "standard input is not valid UTF-8"),
    ("sprintlog/cli/common.py", "standard input is over the limit of {} MiB"),
    ("sprintlog/cli/config.py", "cannot read the template {}: {}"),
    ("sprintlog/cli/config.py", "the template {} is not UTF-8 text"),
    ("sprintlog/cli/db.py", "restore a database server with its own tools (e.g. pg_restore)"),
    ("sprintlog/cli/db.py", "there is no journal at {} to back up"),
    ("sprintlog/cli/editor.py", "cannot read back the draft {}: {}"),
    ("sprintlog/cli/editor.py", "cannot start the editor {}: {}"),
    ("sprintlog/cli/editor.py", "the editor command ($VISUAL or $EDITOR) is empty"),
    ("sprintlog/cli/editor.py", "the editor command {} cannot be parsed"),
    ("sprintlog/cli/editor.py", "the editor exited with status {}; nothing was saved{}"),
    (
        "sprintlog/cli/editor.py",
        (
            "the editor left text that is not UTF-8; nothing was saved, and it is "
            "kept as the draft {}"
        ),
    ),
    ("sprintlog/cli/editor.py", "the text was left {}; nothing was saved"),
    ("sprintlog/cli/exchange.py", "--{} is for {} files, not {}"),
    ("sprintlog/cli/exchange.py", "this sprintlog cannot read {} files yet"),
    ("sprintlog/cli/pictures.py", "cannot write into {}: {}"),
    ("sprintlog/cli/pictures.py", "cannot write {}: no directory {}"),
    ("sprintlog/cli/pictures.py", "the images directory {} is outside the post's directory {}"),
    ("sprintlog/cli/pictures.py", "the images directory {} must not contain '..'"),
    ("sprintlog/cli/ranges.py", "{} leave no day: the first would be {}, after the last, {}"),
    (
        "sprintlog/cli/timer.py",
        (
            "a timer is already running {}; nothing was changed (sprintlog stop "
            "logs it, sprintlog timer cancel drops it)"
        ),
    ),
    ("sprintlog/render/post.py", "cannot read the template {}: {}"),
    ("sprintlog/render/post.py", "the template {} is not UTF-8 text"),
    ("sprintlog/rules/dates.py", "a date is empty; {}"),
    ("sprintlog/rules/dates.py", "a range is empty; {}"),
    ("sprintlog/rules/dates.py", "{} has an impossible time of day"),
    ("sprintlog/rules/dates.py", "{} in the future"),
    ("sprintlog/rules/dates.py", "{} is a range of days (a {}), not one day; {}"),
    ("sprintlog/rules/dates.py", "{} is in the future; a weekday name means the most recent one"),
    ("sprintlog/rules/dates.py", "{} is not a date; {}"),
    ("sprintlog/rules/dates.py", "{} is not a valid date: {}"),
    ("sprintlog/rules/dates.py", "{} is not a valid month: month must be in 1..12"),
    ("sprintlog/rules/dates.py", "{} is too far in the past"),
    ("sprintlog/rules/dates.py", "{} is too far in the {}"),
    ("sprintlog/rules/dates.py", "{}: the year {} is out of range; years {} to {} are accepted"),
    ("sprintlog/rules/dates.py", "{}: write a future day as a date, like 2025-03-04"),
    ("sprintlog/rules/dates.py", "{}: {} is a {}, not a {}"),
    ("sprintlog/rules/dates.py", "{}… is too long for a date ({} characters)"),
    ("sprintlog/rules/refs.py", "{} has the prefix {}; this journal uses {}"),
    ("sprintlog/rules/setting_specs.py", "unknown setting {}; the settings are: {}"),
    ("sprintlog/rules/tags.py", "a tag has at most {} characters"),
    ("sprintlog/rules/tags.py", "{} is not a tag: a tag needs at least one letter"),
    ("sprintlog/rules/text.py", "the {} is empty"),
    ("sprintlog/services/breaks.py", "there is no break #{} (see: sprintlog break list)"),
    ("sprintlog/services/exchange/export_posts.py", "cannot write into {}: {}"),
    (
        "sprintlog/services/exchange/export_posts.py",
        "{} is a symbolic link; not writing through it",
    ),
    ("sprintlog/services/exchange/export_posts.py", "{} is not a directory; nothing was written"),
    (
        "sprintlog/services/exchange/import_sprints.py",
        "{}, {}: the journal has a sprint {} already; nothing was imported",
    ),
    (
        "sprintlog/services/exchange/import_sprints.py",
        ("{}, {}: the post's sprint ({} – {}) overlaps sprint {} ({} – {}); nothing was imported"),
    ),
    ("sprintlog/services/glossary.py", "question #{} was resolved on {}"),
    (
        "sprintlog/services/glossary.py",
        (
            "{} cannot be an acronym: letters and digits, with spaces, -, / or . "
            "between them, at most {} characters"
        ),
    ),
    ("sprintlog/services/goals.py", "goal {} has used every task letter up to z"),
    (
        "sprintlog/services/goals.py",
        (
            "the note of {} was changed by another command while the editor was "
            "open; nothing was saved"
        ),
    ),
    (
        "sprintlog/services/goals.py",
        ("{} was removed or replaced while the editor was open; nothing was saved"),
    ),
    ("sprintlog/services/log_checks.py", "minutes must be from 1 to {}"),
    ("sprintlog/services/publish.py", "cannot write {}: {}"),
    ("sprintlog/services/publish.py", "{} is not a directory"),
    ("sprintlog/services/publish.py", "{} is not a file"),
    ("sprintlog/services/publish.py", "{} is not a path inside {}"),
    ("sprintlog/services/publish.py", "{} leads out of {}; not writing there"),
    ("sprintlog/services/reading.py", "#{} is read already"),
    ("sprintlog/services/reading.py", "a URL starts with http:// or https:// and has no spaces"),
    ("sprintlog/services/reading.py", "a category is at most {} characters"),
    ("sprintlog/services/reports.py", "the report would start ({}) after it ends"),
    ("sprintlog/services/settings.py", "max_goals cannot be {}: the journal has goals numbered {}"),
    ("sprintlog/services/settings.py", "{} must be {}"),
    (
        "sprintlog/services/sprint_edit.py",
        (
            "sprint {} would come {} sprint {} ({}); sprints are numbered in date "
            "order, so it must stay {} it"
        ),
    ),
    (
        "sprintlog/services/sprint_edit.py",
        "sprint {} would overlap sprint {} ({}); sprints never overlap",
    ),
    ("sprintlog/services/sprints.py", "a sprint is at most {} days; {} to {} is {}"),
    ("sprintlog/services/sprints.py", "a sprint starting {} would end after 9999"),
    (
        "sprintlog/services/sprints.py",
        ("sprint {} was removed or replaced while the editor was open; nothing was saved"),
    ),
    (
        "sprintlog/services/sprints.py",
        (
            "the notes of sprint {} were changed by another command while the "
            "editor was open; nothing was saved"
        ),
    ),
    ("sprintlog/services/sprints.py", "the sprint would end ({}) before it starts ({})"),
    (
        "sprintlog/services/timer.py",
        ("the timer was changed in another terminal meanwhile; nothing was logged"),
    ),
    ("sprintlog/storage/backups.py", "the backup {} failed its integrity check: {}"),
    (
        "sprintlog/storage/backups.py",
        ("the restored journal failed its integrity check ({}); the journal as it was is in {}"),
    ),
    ("sprintlog/storage/backups.py", "there is no backup file {}"),
    ("sprintlog/storage/backups.py", "{} is not a sprintlog journal; nothing was restored"),
    ("sprintlog/storage/backups.py", "{} is not an SQLite database; nothing was restored"),
    ("sprintlog/storage/backups.py", "{}; nothing was restored"),
    ("sprintlog/storage/copy.py", "the copy of table {} differs; nothing was saved"),
    ("sprintlog/storage/copy.py", "the journal cannot be copied onto itself"),
    ("sprintlog/storage/copy.py", "there is no folder {}; create it first (nothing was copied)"),
    ("sprintlog/storage/copy.py", "{} already holds a journal ({}); copy into an empty one"),
    (
        "sprintlog/storage/copy.py",
        "{} is a symbolic link to {}, which does not exist; nothing was copied",
    ),
    ("sprintlog/storage/files.py", "cannot write {}: {}"),
    ("sprintlog/storage/files.py", "{} is a symbolic link to nothing; nothing was written"),
    ("sprintlog/storage/files.py", "{} is {}, not a regular file; nothing was written"),
    ("sprintlog/storage/journal.py", "could not finish building a new journal at {}"),
    ("sprintlog/storage/journal.py", "the journal {} is read-only; nothing was saved"),
    ("sprintlog/storage/journal.py", "{} is a directory, not a journal file"),
    ("sprintlog/storage/journal.py", "{}{}"),
    (
        "sprintlog/storage/location.py",
        "sprintlog keeps journals in SQLite or PostgreSQL, not {} ({})",
    ),
    (
        "sprintlog/storage/location.py",
        "the database URL is not valid (expected e.g. sqlite:///path)",
    ),
    (
        "sprintlog/storage/maintenance.py",
        "back up a database server with its own tools (e.g. pg_dump)",
    ),
    (
        "sprintlog/storage/maintenance.py",
        "restore a database server with its own tools (e.g. pg_restore)",
    ),
    ("sprintlog/storage/maintenance.py", "there is no journal at {} yet"),
    (
        "sprintlog/storage/schema_check.py",
        (
            "{} is an SQLite database but not a sprintlog journal (it has no single"
            " schema revision); it was left as it is"
        ),
    ),
    (
        "sprintlog/storage/schema_check.py",
        ("{} is an SQLite database but not a sprintlog journal; it was left as it is"),
    ),
    (
        "sprintlog/storage/schema_check.py",
        "{} is an empty file, not a sprintlog journal; it was left as it is",
    ),
    ("sprintlog/storage/schema_check.py", "{} is damaged ({})"),
    ("sprintlog/storage/schema_check.py", "{} is not a sprintlog journal (not an SQLite database)"),
    # Written side by side with the list above (templates bounded, paths and URLs refused,
    # pictures placed): they name what is wrong with the user's own file or URL.
    ("sprintlog/cli/common.py", "the template {} is {}, not a file"),
    ("sprintlog/render/bounded.py", "{}: it ran longer than the limit of {} seconds"),
    ("sprintlog/render/bounded.py", "{}: it stopped before it finished"),
    ("sprintlog/render/bounded.py", "{}: it stopped the process rendering it ({})"),
    ("sprintlog/render/bounded.py", "{}: {}"),
    ("sprintlog/render/limits.py", "the template {}, line {}: {}"),
    ("sprintlog/render/limits.py", "the template {}: it nests too deeply"),
    ("sprintlog/services/publish.py", "the pictures' folder {} must be a name like images"),
    ("sprintlog/storage/location.py", "the database URL's port is not a number ({})"),
    ("sprintlog/storage/location.py", "{} is a loop of symbolic links, not a journal file"),
    ("sprintlog/storage/location.py", "{} is {}, not a journal file"),
}

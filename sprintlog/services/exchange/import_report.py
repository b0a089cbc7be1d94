"""What an import did, or (with --dry-run) would do: the CLI prints it."""

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class ImportReport:
    file: str
    source: str  # "sprintlog", "jrnl", …
    added: Counter[str] = field(default_factory=Counter)  # table -> rows
    skipped: Counter[str] = field(default_factory=Counter)  # already in the journal
    replaced: Counter[str] = field(default_factory=Counter)  # conflicts settled as "theirs"
    updated: Counter[str] = field(default_factory=Counter)  # changed on their side only
    removed: Counter[str] = field(default_factory=Counter)  # removed on their side
    conflicts: list[str] = field(default_factory=list)  # in words, one line each
    unsettled: int = 0  # conflicts no choice settled: then nothing is written
    notes: list[str] = field(default_factory=list)  # what was ignored or kept, in words
    settings: list[str] = field(default_factory=list)  # each setting changed: "key: old → new"
    written: bool = False

    @property
    def rows(self) -> int:
        return sum(self.added.values()) + sum(self.skipped.values())

"""The statuses a goal, task or reading item can have.

Apart from models.py, so that the daily commands, which never import SQLModel, know them.
"""

import enum


class Status(enum.StrEnum):
    OPEN = "open"
    PARTIAL = "partial"
    DONE = "done"
    DROPPED = "dropped"
    DEFERRED = "deferred"  # not done, not carried over: "not this time"


STATUS_VALUES = tuple(status.value for status in Status)


class ReadingStatus(enum.StrEnum):
    TO_READ = "to read"
    READING = "reading"
    READ = "read"

"""Storage: where a journal is, opening it (SQLite or PostgreSQL), its schema revision,
upgrades, backups, copying, file modes and database errors as messages for the user; and
the daily commands' plain SQL (queries.py), run on either backend by reader.py.

Modules here import only each other, ``sprintlog.errors``, ``sprintlog.models``,
``sprintlog.setting_specs`` and ``sprintlog.interrupts``: never services, cli or render.
Nothing is imported at package import time, so ``--help`` and completion pay nothing.
"""

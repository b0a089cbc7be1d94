"""Storage: where a journal is, opening it (SQLite or PostgreSQL), its schema revision,
upgrades, backups, copying, file modes and database errors as messages for the user; and
every query and statement, typed (sql/, one module per feature), run on either backend by reader.py.

Modules here import only each other, ``sprintlog.errors``, ``sprintlog.models``,
``sprintlog.rules.setting_specs`` and ``sprintlog.interrupts``: never services, cli or render.
Nothing is imported at package import time, so ``--help`` and completion pay nothing.
"""

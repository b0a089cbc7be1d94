"""Readers of other programs' files (jrnl, Watson, harsh, Timewarrior, review posts).

Each reader is a pure parser: text in, ``parsed.Parsed`` out, no database. The import
service (``services/exchange/importing.py``) decides what of it is new and writes it in one
transaction. Like ``dates`` and ``refs``, a reader raises ``errors.BadImport`` naming
the file, the place (line or JSON path) and what was wrong.
"""

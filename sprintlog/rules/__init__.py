"""The pure rules: dates, weeks, refs, tags, texts, statuses, setting specs; no I/O."""

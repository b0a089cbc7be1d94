"""Domain logic: functions taking the session first and keyword-only arguments.

Services flush but never commit (the command's one transaction does), and never print.
"""

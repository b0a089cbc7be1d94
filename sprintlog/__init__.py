"""sprintlog: a command-line journal for people who teach themselves in sprints."""

__version__ = "0.1.0"

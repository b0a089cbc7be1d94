"""The `sprintlog` command's entry point: a TAB completion is answered before anything heavy."""

import os


def main() -> None:
    if "_SPRINTLOG_COMPLETE" in os.environ:
        from sprintlog import completion

        if completion.answer():
            return
    from sprintlog.cli import main as run_cli

    run_cli()

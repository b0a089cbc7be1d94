"""``--install-completion [SHELL]`` and ``--show-completion [SHELL]``: bash, zsh and fish.

Each shell's script runs ``sprintlog`` with ``_SPRINTLOG_COMPLETE=complete_<shell>`` and
the words typed, which sprintlog.completion answers before Typer is imported. The
protocol is Typer's (scripts installed by older versions keep working), and so are the
places the scripts go, with two changes: the shell may be named (Typer installs for the
detected shell only, and took ``--install-completion zsh`` from bash as bash), and the
zsh script answers every TAB, the first of each shell too (on that one, Typer's only
defined its function).
"""

import os
import sys
from pathlib import Path

import typer

from sprintlog.cli.display.terminal import message

SHELLS = ("bash", "zsh", "fish")

_VARIABLE = "_SPRINTLOG_COMPLETE"
# Exit code 1 from sprintlog asks for file names (readline's own completion); 0 with
# nothing printed offers nothing (free text). nosort keeps sprintlog's order (bash 4.4+).
_BASH = r"""_sprintlog_completion() {
    local IFS=$'\n'
    COMPREPLY=( $( env COMP_WORDS="${COMP_WORDS[*]}" \
                   COMP_CWORD=$COMP_CWORD \
                   _SPRINTLOG_COMPLETE=complete_bash $1 ) )
    if [[ $? == 1 ]]; then
        compopt -o default
    fi
    return 0
}

complete -o nosort -F _sprintlog_completion sprintlog 2>/dev/null ||
    complete -F _sprintlog_completion sprintlog
"""
_ZSH = r"""#compdef sprintlog

_sprintlog() {
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" _SPRINTLOG_COMPLETE=complete_zsh sprintlog)
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  # Autoloaded from $fpath by a TAB: this file was _sprintlog; answer that TAB too (the
  # next ones call the _sprintlog defined above).
  _sprintlog "$@"
else
  compdef _sprintlog sprintlog  # sourced instead: eval "$(sprintlog --show-completion zsh)"
fi
"""
_FISH_CALL = (
    "env _SPRINTLOG_COMPLETE=complete_fish _TYPER_COMPLETE_FISH_ACTION={action} "
    "_TYPER_COMPLETE_ARGS=(commandline -cp) sprintlog"
)
_FISH = (  # --keep-order: sprintlog's order (the most used tags first), not sorted
    "complete --command sprintlog --no-files --keep-order "
    f'--arguments "({_FISH_CALL.format(action="get-args")})" '
    f'--condition "{_FISH_CALL.format(action="is-args")}"\n'
)
SCRIPTS = {"bash": _BASH, "zsh": _ZSH, "fish": _FISH}


def install_option(value: bool) -> None:
    """The callback of ``--install-completion [SHELL]``."""
    if not value:
        return
    shell = _shell("--install-completion")
    try:
        path = install(shell)
    except OSError as error:
        message(f"Error: cannot install the {shell} completion: {error}")
        raise typer.Exit(1) from None
    message(f"{shell} completion installed in {path}")
    message("It takes effect in a new shell (open a new terminal).")
    raise typer.Exit()


def show_option(value: bool) -> None:
    """The callback of ``--show-completion [SHELL]``."""
    if not value:
        return
    typer.echo(SCRIPTS[_shell("--show-completion")], nl=False)
    raise typer.Exit()


def _shell(option: str, argv: list[str] | None = None) -> str:
    """The shell named after ``option`` on the command line, else the one detected.

    (Read from the command line: this Click has no option whose value may be left out,
    and the option's callback runs, and exits, before a word after it is taken for a
    command.)
    """
    words = sys.argv[1:] if argv is None else argv
    after = words[words.index(option) + 1 :] if option in words else []
    named = after[0] if after and not after[0].startswith("-") else None
    shell = detect() if named is None else named.strip().lower()
    if shell not in SHELLS:
        said = "your shell" if named is None else "the shell"
        raise typer.BadParameter(
            f"{said} {shell or '(unknown)'} has no completion here; name one of "
            f"{', '.join(SHELLS)}, as in: sprintlog {option} zsh"
        )
    return shell


def detect() -> str:
    """The shell sprintlog runs in, as Typer finds it (the parent processes), else $SHELL."""
    try:
        import shellingham

        name: str = shellingham.detect_shell()[0]  # (name, path); shellingham has no types
        return name
    except Exception:  # no /proc, an unknown parent: fall back on the login shell
        return Path(os.environ.get("SHELL", "")).name


def install(shell: str) -> Path:
    """Write the script where the shell finds it; return its path."""
    home = Path.home()
    if shell == "bash":
        path = home / ".bash_completions" / "sprintlog.sh"
        _add_line(home / ".bashrc", f"source '{path}'")
    elif shell == "zsh":
        path = home / ".zfunc" / "_sprintlog"
        _add_line(home / ".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit")
    else:
        config = os.environ.get("XDG_CONFIG_HOME") or str(home / ".config")
        path = Path(config) / "fish" / "completions" / "sprintlog.fish"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SCRIPTS[shell], encoding="utf-8")
    return path


def _add_line(rc: Path, line: str) -> None:
    """Append ``line`` to the shell's start-up file unless it is there already."""
    text = rc.read_text(encoding="utf-8") if rc.is_file() else ""
    if line in text:
        return
    rc.parent.mkdir(parents=True, exist_ok=True)
    with rc.open("a", encoding="utf-8") as handle:
        handle.write(("" if not text or text.endswith("\n") else "\n") + line + "\n")

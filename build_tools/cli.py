"""The `fanzha` command: arguments, output, exit codes.

Each subcommand is a module in `build_tools/commands/` with NAME, HELP,
`add_arguments(parser)` and `run(args) -> int`; they are found at start-up,
so adding a command never edits this file.

Exit codes: 0 fine, 1 content errors, 2 bad usage or settings, 3 internal error.
"""
from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import traceback
from types import ModuleType

from . import commands
from .errors import UsageError
from .problem import printable
from .settings import SettingsError

__all__ = ["EXIT_CONTENT", "EXIT_INTERNAL", "EXIT_OK", "EXIT_USAGE", "UsageError", "build_parser", "main"]

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _command_modules(wanted: str | None = None) -> list[ModuleType]:
    """Every command module, or only the one named `wanted` when its file is found: a command
    then imports only what it needs (all of them cost `fanzha validate` a quarter second)."""
    names = [m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_")]
    for name in names:
        if wanted is not None and name.rstrip("_") == wanted:  # import_.py holds `import`
            mod = importlib.import_module(f"{commands.__name__}.{name}")
            if getattr(mod, "NAME", None) == wanted:
                return [mod]
    mods = [importlib.import_module(f"{commands.__name__}.{name}") for name in names]
    return sorted(mods, key=lambda m: getattr(m, "ORDER", 50))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"fanzha: error: {message}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for every command, or for just `command` (what `main` runs needs no other)."""
    parser = _Parser(prog="fanzha", description="反诈知识库：校验内容、生成网站与打印材料。"
                     " fanzha-kb: validate content, build the site and printable kits.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for mod in _command_modules(command):
        p = sub.add_parser(mod.NAME, help=mod.HELP, description=mod.HELP)
        p.add_argument("--root", default=".", metavar="DIR",
                       help="内容所在目录（含 mkdocs.yml）/ folder with mkdocs.yml (default: .)")
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    args = build_parser(words[0] if words and not words[0].startswith("-") else None).parse_args(argv)
    try:
        return int(args._run(args))
    except (UsageError, SettingsError) as exc:
        print(f"fanzha: error: {printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and closed
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # errors never end in a traceback unless asked for
        if os.environ.get("FANZHA_DEBUG"):
            traceback.print_exc()
        print(f"fanzha: internal error: {type(exc).__name__}: {printable(str(exc))} "
              "(set FANZHA_DEBUG=1 to see the traceback)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())

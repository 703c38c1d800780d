"""fanzha schema: write the JSON Schemas editors use (schemas/*.json)."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..jsonschema_export import VSCODE_SETTINGS, render

NAME = "schema"
HELP = "生成编辑器用的 JSON Schema / write the JSON Schemas for editors into schemas/"
ORDER = 90


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", metavar="DIR", help="输出目录 / folder (default: ROOT/schemas)")


def run(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    out = Path(args.out) if args.out else root / "schemas"
    out.mkdir(parents=True, exist_ok=True)
    for name, text in render().items():
        (out / name).write_text(text, encoding="utf-8")
    vscode = root / ".vscode" / "settings.json"
    if not args.out and not vscode.exists():
        vscode.parent.mkdir(exist_ok=True)
        vscode.write_text(json.dumps(VSCODE_SETTINGS, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0

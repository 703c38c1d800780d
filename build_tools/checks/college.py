"""`{{ college.X }}` placeholders in content must name a setting.

Generated pages and PDFs fill them from the settings; an unknown one would stop
the build at a generated page (`types/x.md`), far from the file that holds it.
"""
from __future__ import annotations

from collections.abc import Iterator

from .. import placeholders
from ..problem import Problem, error
from .context import Context, offset_pos


def check(ctx: Context) -> Iterator[Problem]:
    for rel, text in ctx.loaded.texts.items():
        yield from unknown_placeholders(rel, text, ctx.settings.college)


def unknown_placeholders(rel: str, text: str, known: dict[str, str]) -> Iterator[Problem]:
    """An error for each placeholder in `text` (the file `rel`) that names no setting."""
    if "{{" not in text:
        return
    for offset, name in placeholders.find(text):
        if name not in known:
            yield error(offset_pos(rel, text, offset), "unknown-placeholder",
                f"{{{{ college.{name} }}}} is not a setting; known: "
                + ", ".join(f"college.{k}" for k in known))
    for offset, name in placeholders.find_calls(text):
        if not name.isdigit() and name not in placeholders.CALL_SETTINGS:
            yield error(offset_pos(rel, text, offset), "unknown-placeholder",
                f"{{{{ call.{name} }}}} is not a phone setting; known: "
                + ", ".join(f"call.{k}" for k in placeholders.CALL_SETTINGS) + ", or a number such as call.110")

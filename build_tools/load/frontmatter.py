"""Markdown files with YAML front matter between `---` lines."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Pos
from ..problem import Problem, error
from .yamlpos import Doc, parse_yaml


@dataclass
class MarkdownDoc:
    meta: Doc | None
    body: str
    body_line: int  # 1-based line number of the body's first line


def split_front_matter(text: str, rel: str) -> tuple[MarkdownDoc, list[Problem]]:
    """Separate front matter from body; front matter positions are file lines."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return MarkdownDoc(None, text, 1), [error(Pos(rel, 1, 1), "front-matter",
            "expected the file to start with a '---' line opening the YAML front matter")]
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            meta_text = "\n".join(lines[1:i])
            doc, problems = parse_yaml(meta_text, rel, line_offset=1)
            body = "\n".join(lines[i + 1:])
            return MarkdownDoc(doc, body, i + 2), problems
    return MarkdownDoc(None, "", len(lines)), [error(Pos(rel, 1, 1), "front-matter",
        "front matter opened with '---' on line 1 is never closed; add a '---' line after it")]

"""Reading PDFs the way a person would: poppler-utils text, fonts, pages, pictures, QR codes."""
from __future__ import annotations

import itertools
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from build_tools.model import KnowledgeBase, Question

FOOTER = re.compile(r"^第 (\d+) 页 / 共 (\d+) 页$")


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def text(pdf: Path, page: int | None = None, layout: bool = False) -> str:
    """pdftotext output (one page, or all)."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return _run(*args, str(pdf), "-")


def page_texts(pdf: Path, layout: bool = False) -> list[str]:
    """The text of each page, from one pdftotext run (pages end with a form feed)."""
    return text(pdf, layout=layout).split("\f")[:-1]


def pages(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", info(pdf), re.M).group(1))  # type: ignore[union-attr]


def info(pdf: Path) -> str:
    return _run("pdfinfo", str(pdf))


@dataclass(frozen=True)
class Font:
    name: str
    embedded: bool
    subset: bool


def fonts(pdf: Path) -> list[Font]:
    """pdffonts rows: name, emb, sub."""
    rows = _run("pdffonts", str(pdf)).splitlines()[2:]
    out = []
    for row in rows:
        cols = row.split()
        # name type... encoding emb sub uni object ID: the three yes/no columns come before the last two
        emb, sub = cols[-5], cols[-4]
        out.append(Font(cols[0], emb == "yes", sub == "yes"))
    return out


def png(pdf: Path, page: int, out: Path, dpi: int = 100) -> Path:
    """Render one page to a PNG at `out` (without the .png suffix poppler adds)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(out)], check=True)
    return out.with_suffix(".png")


def qr_codes(pdf: Path, tmp: Path, dpi: int = 120) -> dict[int, list[str]]:
    """Texts of the QR codes on each page (1-based), the pages rendered to pictures in one go."""
    from PIL import Image
    from pyzbar.pyzbar import ZBarSymbol, decode

    folder = tmp / f"qr-{pdf.parent.name}-{pdf.stem}"
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-gray", "-r", str(dpi), str(pdf), str(folder / "p")], check=True)
    out = {}
    for image in sorted(folder.glob("p-*.png")):
        page = int(image.stem.rsplit("-", 1)[1])
        out[page] = sorted(d.data.decode("utf-8") for d in decode(Image.open(image), symbols=[ZBarSymbol.QRCODE]))
    return out


def norm(s: str) -> str:
    """Text with all whitespace removed: line breaks in a PDF fall anywhere."""
    return re.sub(r"\s+", "", s)


def body_lines(pdf: Path) -> list[str]:
    """Every printed line of the PDF, as on paper (-layout: raw mode would cut a line at a wide
    gap such as the answer blank "（　　）"), running header and footer included."""
    return [line.strip() for line in text(pdf, layout=True).splitlines() if line.strip()]


# papers and keys -----------------------------------------------------------------------

@dataclass(frozen=True)
class Printed:
    """A question found in a printed paper: its number, the bank question, and the
    bank option index behind each printed letter."""

    number: int
    question: Question
    letters: dict[str, int]


def read_paper(pdf: Path, kb: KnowledgeBase) -> list[Printed]:
    """Find every bank question printed in a paper, with its number and option order."""
    flat = norm(text(pdf))
    found = []
    for q in kb.questions(include_exam=True):
        at = flat.find(norm(q.stem))
        if at >= 0:
            found.append((at, q))
    found.sort(key=lambda f: f[0])
    out = []
    for i, (at, q) in enumerate(found):
        number = int(re.search(r"(\d+)\.$", flat[:at]).group(1))  # type: ignore[union-attr]
        end = found[i + 1][0] if i + 1 < len(found) else len(flat)
        segment = flat[at + len(norm(q.stem)):end]
        if i + 1 < len(found):
            segment = re.sub(r"\d+\.$", "", segment)  # the next question's number
        out.append(Printed(number, q, _letters(q, segment)))
    return out


def _letters(q: Question, segment: str) -> dict[str, int]:
    if q.kind == "judge":
        return {}
    letters = "ABCDEFGH"[:len(q.options)]
    marks = []
    pos = 0
    for letter in letters:
        pos = segment.index(f"{letter}.", pos)
        marks.append(pos)
        pos += 2
    texts = [segment[m + 2:(marks[k + 1] if k + 1 < len(marks) else None)] for k, m in enumerate(marks)]
    originals = [norm(o) for o in q.options]
    out = {}
    for letter, shown in zip(letters, texts):
        # the last option runs to the end of the segment (a section heading may follow)
        match = [j for j, o in enumerate(originals) if shown == o or shown.startswith(o)]
        assert len(match) == 1, f"{q.id}: option {letter} '{shown}' not among {q.options}"
        out[letter] = match[0]
    return out


def read_key_table(pdf: Path) -> dict[int, str]:
    """The compact answer table of a key: question number → answer as printed."""
    rows = [line.split() for line in text(pdf, layout=True).splitlines() if line.strip()]
    out: dict[int, str] = {}
    for numbers, answers in itertools.pairwise(rows):
        if numbers[:1] == ["题号"] and answers[:1] == ["答案"]:
            for n, a in zip(numbers[1:], answers[1:]):
                out[int(n)] = a
    return out

"""Seeded fuzzing: every kind of content file, mutated, never ends `fanzha validate` or `fanzha build`
in an internal error, a traceback, a malformed message line or a hang.

The base tree is a small copy of the default content (one kit and what it needs, the taxonomy,
settings, the hand-written pages and the programme files). Each mutant changes one file of it with
one to three seeded mutations: bit flips, deletions, duplicated lines, inserted control characters,
huge numbers, deep nesting, wrong types, broken indentation and Unicode junk. A mutant that fails is
written under the pytest temporary folder and named in the failure: copy it to fixtures/fuzz/ (see
`test_fuzz_fixture_replays`) so it is checked on every run from then on.

FANZHA_FUZZ_SEED and FANZHA_FUZZ_COUNT choose another seed or more mutants (e.g. for a long run).
"""
from __future__ import annotations

import os
import random
import re
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import HERE

REPO = HERE.parent.parent
FIXTURES = HERE / "fixtures" / "fuzz"
EXPECTED = "expected.txt"

SEED = int(os.environ.get("FANZHA_FUZZ_SEED", "20261203"))
COUNT = int(os.environ.get("FANZHA_FUZZ_COUNT", "300"))  # validate runs: about 20 s here; more for a long run
BUILDS = 4  # mutants that validate are built too: a case, a bank, a kit and a mkdocs.yml one when there are
MAX_SECONDS = 20  # for any single run
BUILT = ("cases", "quizzes", "kits", "mkdocs.yml")  # the kinds of file whose valid mutants are built

KIT = "dorm-talk"  # a small kit: one clip, one case, a quiz drawn from four types

# path:line:col: level code message — on one line, without control characters
PROBLEM_LINE = re.compile(r"[^\s:][^:]*:[1-9]\d*:[1-9]\d*: (error|warning) [a-z0-9]+(-[a-z0-9]+)* \S.*")
SETTINGS_LINE = re.compile(r"fanzha: error: \S.*")
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


# the base tree -----------------------------------------------------------------

def _kit_needs(kit_text: str) -> tuple[list[str], list[str]]:
    """(clip ids, fraud types) a kit names, read loosely from its text."""
    clips = re.findall(r"^\s*clip:\s*([a-z0-9-]+)\s*$", kit_text, re.M)
    types: list[str] = []
    for group in re.findall(r"types:\s*\[([^\]]*)\]", kit_text):
        types += [t.strip() for t in group.split(",") if t.strip()]
    return clips, types


def make_base(dst: Path) -> Path:
    """A small, valid copy of the default content."""
    for name in ("mkdocs.yml", "taxonomy.yml"):
        shutil.copy(REPO / name, dst / name)
    shutil.copytree(REPO / "docs", dst / "docs")
    kit = (REPO / "kits" / f"{KIT}.yml").read_text(encoding="utf-8")
    clips, types = _kit_needs(kit)
    (dst / "kits").mkdir()
    (dst / "kits" / f"{KIT}.yml").write_text(kit, encoding="utf-8")
    for folder in ("cases", "clips", "quizzes", "programme"):
        (dst / folder).mkdir()
    for clip in clips:
        shutil.copy(REPO / "clips" / f"{clip}.md", dst / "clips")
    for t in types:  # a bank's questions name cases of its own type
        shutil.copy(REPO / "quizzes" / f"{t}.yml", dst / "quizzes")
        for case in sorted((REPO / "cases").glob(f"{t}-*.md")):
            shutil.copy(case, dst / "cases")
    for name in ("calendar.yml", "campaign.yml"):
        shutil.copy(REPO / "programme" / name, dst / "programme")
    return dst


def targets(base: Path) -> list[str]:
    """One file of every kind, by relative path."""
    out = ["taxonomy.yml", "mkdocs.yml", f"kits/{KIT}.yml", "programme/calendar.yml", "programme/campaign.yml"]
    for folder, pattern in (("cases", "*.md"), ("clips", "*.md"), ("quizzes", "*.yml")):
        out.append(sorted(p.relative_to(base).as_posix() for p in (base / folder).glob(pattern))[0])
    return out


# mutations -----------------------------------------------------------------------

HUGE = ["9" * 400, "-" + "9" * 400, "1" + "0" * 30, "1e400", "-1e400", ".inf", "-.inf", ".nan", "0x" + "f" * 300,
        "0o777777777777777777777777", "1_000_000_000_000_000_000", "9" * 5000, "2147483648", "-0", "1.5"]
WRONG = ["[]", "{}", "null", "~", "true", "no", "12", "-3", "0", "2025-02-30", "2025-13-01", "2026-01-01",
         "9999-12-27", "9999-12-31", "0001-01-01", "9999-12", "0000-00", "2026-11-02T25:00:00", "1e3",
         "!!int x", "!!float y", "!!bool maybe", "!!binary ###", "!!timestamp 2025-99-99", "!!null x",
         "!!python/object/apply:os.system [echo]", "!!set {a, b}", "!!omap [a: 1]", "*missing",
         "&a [*a]", "[a, [b, [c]]]", "{a: {b: {c: d}}}", "'unterminated", '"\\x"', "|", ">-", "? x",
         '"a\\nb\\x1b[31mc\\u2028d"', "- - -", "@at", "`tick", "%YAML", "\"\\ud800\"", "<<: 5", "{<<: [1, 2]}"]
CONTROL = [chr(c) for c in (*range(32), 0x7F, 0x85, 0x9B)] + ["\u2028", "\u2029", "\x1b[31m", "\r", "\r\n"]
JUNK = ["\ufeff", "\u200b", "\u202e", "\u2066", "\U0001F600", "e\u0301" * 50, "\uffff", "\ufffe", "ﬁ", "Ａ",
        "\u3000", "\xa0", "𠀀", "\U000E0001", "\uFDD0", "W" * 20000, "中" * 5000, "\u0300" * 300]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _deep_yaml(rng: random.Random) -> str:
    n = rng.choice([50, 99, 100, 101, 150, 400, 1200])
    kind = rng.randrange(4)
    if kind == 0:
        return "[" * n + "]" * n
    if kind == 1:
        return "{a: " * n + "b" + "}" * n
    if kind == 2:
        return "\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(n)) + "  " * (n + 1) + "v"
    return "&x [" + ", ".join(["*x"] * 3) + "]" if rng.random() < 0.3 else "\n" + "".join(
        "  " * i + "- \n" for i in range(1, n)) + "  " * n + "- v"


def _deep_markdown(rng: random.Random) -> str:
    n = rng.choice([30, 40, 41, 60, 250, 600, 1500])
    kind = rng.randrange(6)
    return ["\n".join("    " * i + "- a" for i in range(n)), "- " * n + "a", "1. " * n + "a",
            "*a " * n + "b" + "*" * n, ">" * n + " a", "[" * n + "a" + "](x)" * n][kind]


def m_flip(rng: random.Random, data: bytes, rel: str) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        if b:
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
    return bytes(b)


def m_delete(rng: random.Random, data: bytes, rel: str) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.choice([1, 1, 2, 5, 40, 400]):]


def m_text(fn: Callable[[random.Random, str, str], str]) -> Callable[[random.Random, bytes, str], bytes]:
    def mutate(rng: random.Random, data: bytes, rel: str) -> bytes:
        return fn(rng, data.decode("utf-8", "surrogateescape"), rel).encode("utf-8", "surrogateescape")
    mutate.__name__ = fn.__name__
    return mutate


@m_text
def m_duplicate(rng: random.Random, text: str, rel: str) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    j = min(len(lines), i + rng.choice([1, 1, 3, 12]))
    return "\n".join(lines[:j] + lines[i:j] * rng.choice([1, 2, 9]) + lines[j:])


@m_text
def m_control(rng: random.Random, text: str, rel: str) -> str:
    i = rng.randrange(len(text) + 1)
    return text[:i] + rng.choice(CONTROL) + text[i:]


@m_text
def m_huge(rng: random.Random, text: str, rel: str) -> str:
    spots = list(re.finditer(r"(?<=: )-?\d+(\.\d+)?|(?<=\[)\d+|(?<=, )\d+", text))
    if not spots:
        return text + f"\nn: {rng.choice(HUGE)}\n"
    m = rng.choice(spots)
    return text[:m.start()] + rng.choice(HUGE) + text[m.end():]


def _value_spots(text: str) -> list[re.Match[str]]:
    return list(re.finditer(r"(?:(?<=: )|(?<=- ))[^\n]+", text))


@m_text
def m_wrong_type(rng: random.Random, text: str, rel: str) -> str:
    spots = _value_spots(text)
    if not spots:
        return text
    m = rng.choice(spots)
    return text[:m.start()] + rng.choice(WRONG) + text[m.end():]


@m_text
def m_deep(rng: random.Random, text: str, rel: str) -> str:
    if rel.endswith(".md") and rng.random() < 0.6:  # in the Markdown body
        return text.rstrip("\n") + "\n\n" + _deep_markdown(rng) + "\n"
    spots = _value_spots(text)
    if not spots:
        return text + "\nz: " + _deep_yaml(rng) + "\n"
    m = rng.choice(spots)
    return text[:m.start()] + _deep_yaml(rng) + text[m.end():]


@m_text
def m_indent(rng: random.Random, text: str, rel: str) -> str:
    lines = _lines(text)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        line = lines[i]
        stripped = line.lstrip(" ")
        lead = len(line) - len(stripped)
        how = rng.randrange(4)
        if how == 0:
            lines[i] = " " * max(0, lead - rng.choice([1, 2, 4])) + stripped
        elif how == 1:
            lines[i] = " " * (lead + rng.choice([1, 2, 4])) + stripped
        elif how == 2:
            lines[i] = "\t" + stripped
        elif i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
    return "\n".join(lines)


@m_text
def m_junk(rng: random.Random, text: str, rel: str) -> str:
    i = rng.randrange(len(text) + 1)
    junk = rng.choice(JUNK)
    if rng.random() < 0.15:
        junk = "\udced\udca0\udc80"  # bytes ED A0 80: an encoded surrogate, not UTF-8
    return text[:i] + junk + text[i:]


@m_text
def m_structure(rng: random.Random, text: str, rel: str) -> str:
    """YAML- and front-matter-level damage: anchors, merges, documents, fences, keys."""
    lines = _lines(text)
    i = rng.randrange(len(lines))
    choice = rng.randrange(8)
    if choice == 0:
        lines.insert(i, "---")
    elif choice == 1:
        lines = [ln for ln in lines if ln.strip() != "---"] if rng.random() < 0.5 else lines[1:]
    elif choice == 2:
        lines.insert(i, "<<: *nothing")
    elif choice == 3:
        lines.insert(0, "a: &a [" + "*a, " * 3 + "]")
    elif choice == 4:
        bomb = ["b0: &b0 [x, x, x, x, x, x, x, x, x]"] + [
            f"b{k}: &b{k} [" + ", ".join([f"*b{k - 1}"] * 9) + "]" for k in range(1, 9)]
        lines[i:i] = bomb
    elif choice == 5:
        m = re.match(r"(\s*-?\s*)([A-Za-z_]+):", lines[i])
        if m:
            lines[i] = m.group(1) + rng.choice(["id", "questions", "agenda", "types", "extra", "? [a]", "1", "null"]) \
                + ":" + lines[i][m.end():]
    elif choice == 6:
        lines.insert(i, "...")
    else:
        lines = lines[: rng.randrange(len(lines) + 1)]  # cut off
    return "\n".join(lines)


MUTATIONS = [m_flip, m_delete, m_duplicate, m_control, m_huge, m_wrong_type, m_deep, m_indent, m_junk, m_structure]


def mutate(rng: random.Random, data: bytes, rel: str) -> tuple[bytes, list[str]]:
    names = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        fn = rng.choice(MUTATIONS)
        names.append(fn.__name__)
        data = fn(rng, data, rel)
    return data, names


# running ---------------------------------------------------------------------------

class Hang(Exception):
    pass


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise Hang(f"no answer within {seconds} s")
    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds + 5)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str, float]:
    """`fanzha ARGV` in this process: exit code, stdout, stderr, seconds (exit 99 for an escaped exception)."""
    from build_tools import cli

    start = time.perf_counter()
    try:
        with deadline(MAX_SECONDS):
            code = cli.main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    except (Exception, RecursionError) as exc:  # reported as a failure below
        out = capsys.readouterr()
        return 99, out.out, out.err + f"\nescaped: {type(exc).__name__}: {exc}", time.perf_counter() - start
    out = capsys.readouterr()
    return code, out.out, out.err, time.perf_counter() - start


def validate_faults(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    """Run `fanzha validate` on root: its exit code, what is wrong with how it ended, and its output."""
    code, out, err, seconds = run_cli(["validate", "--root", str(root)], capsys)
    faults = []
    if code not in (0, 1, 2):
        faults.append(f"exit {code}: {err.strip()[-500:]}")
    if "Traceback" in out + err:
        faults.append("a traceback")
    if seconds > MAX_SECONDS:
        faults.append(f"took {seconds:.1f} s")
    for line in out.split("\n")[:-1] if out else []:
        if not PROBLEM_LINE.fullmatch(line) or UNPRINTABLE.search(line):
            faults.append(f"malformed problem line: {line[:300]!r}")
            continue
        path = line.split(":")[0]
        if not (root / path).is_file() and path != "taxonomy.yml":
            faults.append(f"problem names a file that is not there: {line[:300]!r}")
    if code == 2:
        lines = err.strip("\n").split("\n")
        if len(lines) != 1 or not SETTINGS_LINE.fullmatch(lines[0]) or UNPRINTABLE.search(lines[0]):
            faults.append(f"malformed settings message: {err[:300]!r}")
    elif err.strip() and code != 99:
        faults.append(f"unexpected output on stderr: {err[:300]!r}")
    return code, faults, out + err


def build_faults(root: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, out, err, seconds = run_cli(["build", "--root", str(root), "--out", str(out_dir)], capsys)
    faults = []
    if code not in (0, 1):  # 1: a content error found while building, reported cleanly
        faults.append(f"build exit {code}: {err.strip()[-800:]}")
    if "Traceback" in out + err:
        faults.append("build printed a traceback")
    if seconds > 3 * MAX_SECONDS:
        faults.append(f"build took {seconds:.1f} s")
    return faults


def _save(keep: Path, name: str, rel: str, data: bytes) -> Path:
    where = keep / name / rel
    where.parent.mkdir(parents=True, exist_ok=True)
    where.write_bytes(data)
    return keep / name


# the tests -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_base(tmp_path_factory.mktemp("fuzz-base"))


def test_base_tree_validates(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, faults, output = validate_faults(base, capsys)
    assert (code, faults) == (0, []), f"the fuzzer's base tree must be valid to start from:\n{output}"


def test_fuzz_validate_and_build(base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(base, tree)
    keep = Path(tempfile.gettempdir()) / "fanzha-fuzz-failed"  # outside pytest's folders, which are rotated
    files = targets(tree)
    originals = {rel: (tree / rel).read_bytes() for rel in files}
    failures: list[str] = []
    to_build: dict[str, tuple[str, bytes]] = {}  # first valid mutant of each kind in BUILT
    started = time.perf_counter()
    for i in range(COUNT):
        rng = random.Random(f"{SEED}-{i}")
        rel = files[i % len(files)]
        data, names = mutate(rng, originals[rel], rel)
        (tree / rel).write_bytes(data)
        try:
            code, faults, _ = validate_faults(tree, capsys)
        finally:
            (tree / rel).write_bytes(originals[rel])
        if faults:
            saved = _save(keep, f"{SEED}-{i}", rel, data)
            failures.append(f"mutant {i} of {rel} ({', '.join(names)}; saved in {saved}): {'; '.join(faults[:3])}")
        folder = rel.split("/")[0]
        if code == 0 and folder in BUILT and folder not in to_build and data != originals[rel]:
            to_build[folder] = (rel, data)
    validate_seconds = time.perf_counter() - started
    for n, (folder, (rel, data)) in enumerate(sorted(to_build.items())[:BUILDS]):
        (tree / rel).write_bytes(data)
        try:
            faults = build_faults(tree, tmp_path / f"site{n}", capsys)
        finally:
            (tree / rel).write_bytes(originals[rel])
        if faults:
            saved = _save(keep, f"build-{SEED}-{folder}", rel, data)
            failures.append(f"build of a valid mutant of {rel} (saved in {saved}): {'; '.join(faults)}")
    print(f"fuzz: {COUNT} mutants validated in {validate_seconds:.1f} s, {min(len(to_build), BUILDS)} built, "
          f"{time.perf_counter() - started:.1f} s in all")
    assert not failures, f"{len(failures)} of {COUNT} mutants failed (seed {SEED}):\n" + "\n".join(failures[:20])


def _fixture_cases() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.is_dir()) if FIXTURES.is_dir() else []


@pytest.mark.parametrize("fixture", _fixture_cases(), ids=lambda p: p.name)
def test_fuzz_fixture_replays(fixture: Path, base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A mutant that once failed, replayed over the base tree: fixtures/fuzz/NAME/ holds its file(s) at their
    paths in the tree. Validation ends cleanly; a `build-` fixture that validates is built too.
    An optional expected.txt (not copied) says `exit N` on its first line, then text the output must contain."""
    tree = tmp_path / "tree"
    shutil.copytree(base, tree)
    for src in fixture.rglob("*"):
        if src.is_file() and src.relative_to(fixture).as_posix() != EXPECTED:
            dst = tree / src.relative_to(fixture)
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    code, faults, output = validate_faults(tree, capsys)
    assert not faults, output
    if (fixture / EXPECTED).is_file():
        first, *wanted = (fixture / EXPECTED).read_text(encoding="utf-8").splitlines()
        assert first == f"exit {code}", output
        for text in wanted:
            assert text in output, output
    if code == 0 and fixture.name.startswith("build-"):
        assert not build_faults(tree, tmp_path / "site", capsys)

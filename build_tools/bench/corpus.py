"""Writing a synthetic content root of a chosen size for the benchmark.

The corpus has the repository's settings (mkdocs.yml), hand-written pages
(docs/) and fraud types (taxonomy.yml), plus generated cases, clips, banks and
kits of realistic length and mix. It validates with no errors, and the same
seed gives the same files byte for byte.
"""
from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..checks.wiseness import width
from . import vocab as V
from .textgen import Scene, TextGen

BANK_SIZE = 40            # questions per bank: banks stay page-sized as the corpus grows
CASES_PER_CLIP = 4        # one 60-second clip for every few cases (at least one per type)
REVIEW_BY = dt.date(2030, 6, 30)  # fixed, so the corpus does not change with the day it is made


@dataclass
class CorpusSpec:
    """How big a corpus to write."""

    cases: int
    questions: int
    kits: int = 4
    seed: int = 2026
    kind: str = "narrow"  # "wide": cases of very different lengths and shapes, banks of 5–120 questions


KINDS = ("narrow", "wide")


@dataclass
class Corpus:
    """What was written: the root and item counts."""

    root: Path
    counts: dict[str, int] = field(default_factory=dict)
    case_ids: dict[str, list[str]] = field(default_factory=dict)  # type id -> its case ids
    public: dict[str, int] = field(default_factory=dict)  # type id -> its publishable questions


def write_corpus(template: Path, dest: Path, spec: CorpusSpec) -> Corpus:
    """Write a corpus into `dest` (a new or empty folder); settings, docs and taxonomy come from `template`."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "taxonomy.yml"):
        shutil.copy2(template / name, dest / name)
    if (template / "docs").is_dir():
        shutil.copytree(template / "docs", dest / "docs", dirs_exist_ok=True)
    if (template / "search.yml").is_file():  # the search box's distress words and staff pages
        shutil.copy2(template / "search.yml", dest / "search.yml")
    types = _read_types(dest / "taxonomy.yml")
    gen = TextGen(spec.seed, types)
    corpus = Corpus(dest)
    type_ids = list(types)
    if spec.kind not in KINDS:
        raise ValueError(f"corpus kind {spec.kind!r}: expected one of {', '.join(KINDS)}")
    gen.wide = spec.kind == "wide"
    _write_cases(gen, corpus, type_ids, spec.cases)
    clip_ids = _write_clips(gen, corpus, type_ids, max(len(type_ids), spec.cases // CASES_PER_CLIP))
    _write_banks(gen, corpus, type_ids, spec.questions)
    _write_kits(gen, corpus, type_ids, clip_ids, spec.kits)
    return corpus


def _read_types(path: Path) -> dict[str, tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {t["id"]: (t["name"], t["summary"]) for t in data["types"]}


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _spread(n: int, type_ids: list[str]) -> list[str]:
    """n items spread evenly over the types, in type order."""
    return [type_ids[i * len(type_ids) // max(n, 1)] for i in range(n)]


def _write_cases(gen: TextGen, corpus: Corpus, type_ids: list[str], n: int) -> None:
    for i, type_id in enumerate(_spread(n, type_ids)):
        s = gen.scene(type_id)
        case_id = f"{type_id}-case-{i + 1:05d}"
        year, month = gen.rng.randint(2019, 2025), gen.rng.randint(1, 12)
        meta = {"id": case_id, "title": gen.case_title(s), "type": type_id,
                "audience": gen.rng.choice(V.AUDIENCES), "date": f"{year}-{month:02d}",
                "loss": (loss := gen.rng.choice(V.AMOUNTS)), "tags": gen.rng.sample(s.tags, 3),
                "sources": ["编写示例"], "provenance": "编写示例", "review_by": REVIEW_BY,
                "summary": gen.summary(s, loss)}
        body = gen.case_body_wide(s) if gen.wide else gen.case_body(s)
        _write(corpus.root, f"cases/{case_id}.md", f"---\n{_dump(meta)}---\n{body}")
        corpus.case_ids.setdefault(type_id, []).append(case_id)
    corpus.counts["cases"] = n


def _write_clips(gen: TextGen, corpus: Corpus, type_ids: list[str], n: int) -> list[str]:
    ids = []
    for i, type_id in enumerate(_spread(n, type_ids)):
        s = gen.scene(type_id)
        clip_id = f"{type_id}-60s-{i + 1:04d}"
        meta: dict[str, Any] = {"id": clip_id, "title": f"60秒看懂{s.tname}（{i + 1}）", "type": type_id}
        if corpus.case_ids.get(type_id):
            meta["case"] = gen.rng.choice(corpus.case_ids[type_id])
        meta.update({"seconds": 60, "review_by": REVIEW_BY})
        _write(corpus.root, f"clips/{clip_id}.md", f"---\n{_dump(meta)}---\n{gen.clip_body(s)}")
        ids.append(clip_id)
    corpus.counts["clips"] = n
    return ids


def _write_banks(gen: TextGen, corpus: Corpus, type_ids: list[str], n: int) -> None:
    per_type = _spread(n, type_ids)
    banks = questions = exam = 0
    for type_id in type_ids:
        total = per_type.count(type_id)
        for k, (_start, size) in enumerate(_bank_sizes(gen, total)):
            bank_id = f"{type_id}-bank-{k + 1:03d}"
            judges = [0]
            items = [_question(gen, corpus, type_id, f"{bank_id}-{j + 1:03d}", judges) for j in range(size)]
            _balance_keys(items)
            data = {"bank": bank_id, "title": f"{gen.types[type_id][0]}（第{k + 1}组）", "type": type_id,
                    "review_by": REVIEW_BY, "questions": items}
            _write(corpus.root, f"quizzes/{bank_id}.yml", _dump(data))
            banks, questions = banks + 1, questions + size
            exam += sum(1 for q in items if q["exam_only"])
            corpus.public[type_id] = corpus.public.get(type_id, 0) + sum(1 for q in items if not q["exam_only"])
    corpus.counts.update(banks=banks, questions=questions, exam_only=exam)


def _bank_sizes(gen: TextGen, total: int) -> list[tuple[int, int]]:
    """(first question, questions) of each bank of one type: BANK_SIZE each, or in the wide corpus
    anything from 5 to 120 (a short practice set beside a whole exam pool)."""
    out, start = [], 0
    while start < total:
        size = gen.rng.choice((5, 8, 12, 20, 40, 60, 90, 120)) if gen.wide else BANK_SIZE
        out.append((start, min(size, total - start)))
        start += size
    return out


def _question(gen: TextGen, corpus: Corpus, type_id: str, qid: str, judges: list[int]) -> dict[str, Any]:
    """About 55% single, 25% multiple, 20% judge; a fifth exam-only; a third linked to a case.
    Judge questions of a bank alternate 正确 / 错误 (`judges` counts them), as the wiseness checks ask."""
    s, r = gen.scene(type_id), gen.rng.random()
    if r < 0.55:
        q = _choice(gen, s, qid, "single", 4, 1)
    elif r < 0.8:
        q = _choice(gen, s, qid, "multiple", gen.rng.choice((4, 5)), gen.rng.choice((2, 3)))
    else:
        gen.rng.random()  # drawn as before, so the rest of the corpus stays the same
        truth, judges[0] = judges[0] % 2 == 0, judges[0] + 1
        q = {"id": qid, "kind": "judge", "stem": gen.judge(s, truth), "answer": truth}
    q["explanation"] = gen.explanation(s)
    if corpus.case_ids.get(type_id) and gen.rng.random() < 0.35:
        q["case"] = gen.rng.choice(corpus.case_ids[type_id])
    q["difficulty"] = gen.rng.randint(1, 3)
    q["exam_only"] = gen.rng.random() < 0.2
    return q


def _balance_keys(items: list[dict[str, Any]]) -> None:
    """A bank's single-choice keys cycle through A–D, no key is the uniquely longest option and no
    multiple-choice keys are all longer than every distractor (the longest distractor gets one more
    wrong belief): the corpus passes the wiseness checks."""
    singles = [q for q in items if q["kind"] == "single"]
    for k, q in enumerate(singles):
        options, key, target = q["options"], "ABCDEFGH".index(q["answer"]), k % len(q["options"])
        options[key], options[target] = options[target], options[key]
        q["answer"] = "ABCDEFGH"[target]
        others = [j for j in range(len(options)) if j != target]
        longest = max(others, key=lambda j: width(options[j]))
        if width(options[target]) > width(options[longest]):
            extra = V.WRONG_BELIEFS[k % len(V.WRONG_BELIEFS)]
            options[longest] += "，" + extra
            while width(options[target]) > width(options[longest]):
                options[longest] += "，" + V.WRONG_BELIEFS[(k + len(options[longest])) % len(V.WRONG_BELIEFS)]
    multiples = [q for q in items if q["kind"] == "multiple"]
    if multiples and all(len(q["answer"]) == len(q["options"]) - 1 for q in multiples):
        # every one "all but one" (likely in a small bank): one more distractor in the first
        multiples[0]["options"].append(f"{V.RISKY_ACTIONS[0]}，{V.WRONG_BELIEFS[0]}")
    for k, q in enumerate(multiples):  # keys not all longer than distractors
        options, keys = q["options"], {"ABCDEFGH".index(ch) for ch in q["answer"]}
        shortest = min(width(options[j]) for j in keys)
        longest = max((j for j in range(len(options)) if j not in keys), key=lambda j: width(options[j]))
        while shortest > width(options[longest]):
            options[longest] += "，" + V.WRONG_BELIEFS[(k + len(options[longest])) % len(V.WRONG_BELIEFS)]


def _choice(gen: TextGen, s: Scene, qid: str, kind: str, n: int, right: int) -> dict[str, Any]:
    correct = sorted(gen.rng.sample(range(n), right))
    options: list[str] = []
    for j in range(n):
        make = gen.right_option if j in correct else gen.wrong_option
        text = make(s)
        while text in options:  # options within a question are distinct
            text = make(s)
        options.append(text)
    tails = V.QUESTION_TAILS if kind == "single" else V.MULTI_TAILS
    return {"id": qid, "kind": kind, "stem": gen.stem(s, tails), "options": options,
            "answer": "".join("ABCDEFGH"[j] for j in correct)}


def _write_kits(gen: TextGen, corpus: Corpus, type_ids: list[str], clip_ids: list[str], n: int) -> None:
    for i in range(n):
        kind, audience, minutes = V.KIT_KINDS[i % len(V.KIT_KINDS)]
        kit_id = f"kit-{i + 1:03d}"
        with_questions = [t for t in type_ids if corpus.public.get(t)] or type_ids
        types = gen.rng.sample(with_questions, min(3, len(with_questions)))
        data = {"id": kit_id, "title": f"{kind}：守护钱袋子（{i + 1}）", "audience": audience, "minutes": minutes,
                "review_by": REVIEW_BY, "goals": [gen.fill("遇到{lure}时，能做到{safe}", gen.scene(t)) for t in types],
                "prepare": ["投影设备", "测验卷 A、B 两版", "签到表", "反诈承诺书"],
                "agenda": _agenda(gen, corpus, types, clip_ids, minutes), "signin_rows": 50,
                "pledge": "我承诺：不轻信陌生来电和链接，不向陌生账户转账。\n"
                          "我承诺：不出租、出借、出售自己的手机卡、银行卡和支付账户。\n"
                          "我承诺：遇到可疑情况先核实，拿不准就拨打 96110 咨询。\n"}
        _write(corpus.root, f"kits/{kit_id}.yml", _dump(data))
    corpus.counts["kits"] = n


def _agenda(gen: TextGen, corpus: Corpus, types: list[str], clip_ids: list[str], minutes: int) -> list[dict[str, Any]]:
    s = gen.scene(types[0])
    quiz_min, case_min = max(3, minutes // 4), max(3, minutes // 3)
    items: list[dict[str, Any]] = [
        {"title": "导入", "minutes": 2, "clip": gen.rng.choice([c for c in clip_ids if c.startswith(types[0] + "-")]
                                                             or clip_ids), "host": gen.host_text(s)}]
    case_pool = corpus.case_ids.get(types[0]) or [c for ids in corpus.case_ids.values() for c in ids]
    if case_pool:
        items.append({"title": "案例研讨", "minutes": case_min, "case": gen.rng.choice(case_pool),
                      "host": gen.host_text(s),
                      "discuss": [{"question": gen.stem(s, V.QUESTION_TAILS), "points": gen.explanation(s)}
                                  for _ in range(2)]})
    count = min(10, sum(corpus.public.get(t, 0) for t in types))
    if count:
        items.append({"title": "知识测验", "minutes": quiz_min, "host": gen.host_text(s),
                      "quiz": {"types": types, "count": count, "versions": ["A", "B"], "seed": 2026}})
    rest = minutes - sum(int(i["minutes"]) for i in items)
    items.append({"title": "承诺与总结", "minutes": rest, "host": gen.host_text(s)})
    return items

"""The results step of `fanzha bench`: item analysis of a province's test, 1,000,000 answers.

A synthetic paper answer grid (default 50,000 students × 20 questions: 14 single choice, 3
multiple, 3 judge; two versions with shuffled questions and options; 200 classes) and its answer
map are generated, then two things are timed in fresh worker processes:

- the baseline: reading the same file with the plain csv module (every row, nothing else);
- `fanzha results` as the command runs it, without the knowledge-base validation: reading and
  mapping every answer, the analysis, and the report (HTML and CSVs) rendered and written.

Engine: plain Python (the csv module, a per-column cache from cell to option mask, and
collections.Counter over each question's column), chosen by measurement on this 2-core machine
(2026-12-03, other work running, load average 7–10):
- the whole step (read, map, analyse, report) at 1,000,000 answers: median 3.3 s of three runs
  (2.2–3.4 s) at load 7.7, 7.6 s at load 18.8; 1.67 s of CPU; 126–128 MB peak; against the
  15 s / 1 GB budget; reading the file with the csv module alone: 0.09 s of CPU;
- the analysis part alone (after the answers are read): 1.9 s in plain Python against 0.6–0.75 s
  with numpy 2.4 (the same figures to 1e-9, tried in a scratch folder, not installed). numpy would
  save about a second of a 3 s step and add a 73 MB install; reading and mapping each cell stays
  in Python either way, as each bad cell must be reported at its row and column. polars or DuckDB
  would read the CSV faster but cannot give that row and column for a bad answer, and reading is
  not where the time goes. No dependency was added.
"""
from __future__ import annotations

import csv
import math
import random
import statistics
import time
from pathlib import Path
from typing import Any

from ..exchange.answermap import AnswerMap, MappedQuestion, MappedVersion
from ..model import LETTERS

DEFAULT_SIZE = (50_000, 20)
GOAL_S = 15.0
GOAL_MB = 1024.0


def _question(rng: random.Random, number: int, kind: str) -> tuple[MappedQuestion, float]:
    """A made-up question as version A shows it, and its difficulty (a logit)."""
    if kind == "judge":
        key = rng.choice("TF")
        return MappedQuestion(number, f"bench-{number:03d}", "judge", (0, 1), key, ("正确", "错误")), rng.uniform(-2, 1)
    options = tuple(f"第{number}题选项{LETTERS[i]}" for i in range(4))
    if kind == "single":
        key = rng.choice("ABCD")
    else:
        key = "".join(sorted(rng.sample("ABCD", rng.choice((2, 3)))))
    return MappedQuestion(number, f"bench-{number:03d}", kind, (0, 1, 2, 3), key, options), rng.uniform(-1.5, 1.5)


def _shuffled(q: MappedQuestion, number: int, rng: random.Random) -> MappedQuestion:
    if q.kind == "judge":
        return MappedQuestion(number, q.id, q.kind, q.order, q.key, q.options)
    order = list(q.order)
    rng.shuffle(order)
    key = "".join(sorted(LETTERS[order.index(q.order[q.letters.index(ch)])] for ch in q.key))
    source = {q.order[i]: q.options[i] for i in range(len(q.order))}
    return MappedQuestion(number, q.id, q.kind, tuple(order), key, tuple(source[i] for i in order))


def generate(folder: Path, students: int, questions: int, seed: int = 2026) -> dict[str, Any]:
    """answer-grid.csv and answers.json in `folder`; returns their sizes."""
    rng = random.Random(seed)
    kinds = ["multiple" if i % 7 == 3 else "judge" if i % 7 == 6 else "single" for i in range(questions)]
    made = [_question(rng, n, k) for n, k in enumerate(kinds, start=1)]
    a = tuple(q for q, _ in made)
    reverse = list(reversed(a))
    b = tuple(_shuffled(q, n, rng) for n, q in enumerate(reverse, start=1))
    amap = AnswerMap("paper", "bench", (MappedVersion("A", a), MappedVersion("B", b)), seed=seed, pass_mark=60,
                     points={"single": 2, "multiple": 4, "judge": 2})
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "answers.json").write_bytes(amap.to_json())
    diff = {q.id: d for q, d in made}
    path = folder / "answer-grid.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["学号", "班级", "试卷版本", *(str(n) for n in range(1, questions + 1))])
        for s in range(students):
            ability = rng.gauss(0, 1)
            version = b if s % 2 else a
            row = [f"S{s:09d}", f"班级{s % 200:03d}", "B" if s % 2 else "A"]
            for q in version:
                if rng.random() < 0.01:
                    row.append("")
                elif rng.random() < 1 / (1 + math.exp(diff[q.id] - ability)):
                    row.append(q.key)
                elif q.kind == "multiple":
                    row.append("".join(sorted(rng.sample("ABCD", rng.choice((1, 2, 3))))))
                else:
                    row.append(rng.choice([x for x in q.letters if x != q.key]))
            w.writerow(row)
    return {"students": students, "questions": questions, "answers": students * questions,
            "bytes": path.stat().st_size}


def step_plain(args: dict[str, Any]) -> dict[str, Any]:
    """Worker step: read the grid with the csv module, nothing else."""
    times, cpu = [], []
    for _ in range(args.get("repeat", 1)):
        t, c = time.perf_counter(), time.process_time()
        with open(args["file"], encoding="utf-8", newline="") as fh:
            rows = sum(1 for _ in csv.reader(fh))
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return {"times": times, "cpu": cpu, "rows": rows}


def step_analyse(args: dict[str, Any]) -> dict[str, Any]:
    """Worker step: what `fanzha results` does with the file (read, map, analyse, write the report)."""
    from ..results import analysis, load, report

    folder, times, cpu = Path(args["file"]).parent, [], []
    for k in range(args.get("repeat", 1)):
        t, c = time.perf_counter(), time.process_time()
        group = load.Group(folder / "answers.json", [Path(args["file"])])
        res = load.load_group(group, folder)
        a = analysis.analyse(res, 60)
        report.write_folder(folder / f"report-{k}", report.files(a, None))
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return {"times": times, "cpu": cpu, "students": a.n, "rows": a.rows, "items": len(a.items), "flags": len(a.flags),
            "kr20": a.kr20}


def measure(runner: Any, work: Path, size: tuple[int, int], repeat: int, seed: int) -> dict[str, Any]:
    """Generate, then time the baseline and the analysis in their own processes."""
    students, questions = size
    runner.opts.log(f"bench: results step, {students} students × {questions} questions")
    t = time.perf_counter()
    made = generate(work / "results", students, questions, seed)
    generate_s = time.perf_counter() - t
    file = str(work / "results" / "answer-grid.csv")
    plain = runner.step("results_plain", file=file, repeat=repeat)
    ours = runner.step("results", file=file, repeat=repeat)
    plain_s, ours_s = statistics.median(plain["times"]), statistics.median(ours["times"])
    return {**made, "generate_s": generate_s, "plain_csv_s": plain_s, "analyse_s": ours_s,
            "ratio": ours_s / plain_s if plain_s else None, "plain_runs": plain["times"], "analyse_runs": ours["times"],
            "plain_csv_cpu_s": statistics.median(plain["cpu"]), "analyse_cpu_s": statistics.median(ours["cpu"]),
            "maxrss_mb": round(ours["maxrss_kb"] / 1024, 1), "plain_maxrss_mb": round(plain["maxrss_kb"] / 1024, 1),
            "students_analysed": ours["students"], "flags": ours["flags"], "kr20": ours["kr20"],
            "loadavg": ours["loadavg"]}


def text(figures: dict[str, Any]) -> str:
    """The printed lines and the two goals."""
    if "error" in figures:
        return f"results step: {figures['error']}"
    lines = [f"results: {figures['answers']:,} answers ({figures['students']:,} students × {figures['questions']} "
             f"questions, {figures['bytes'] / 1e6:.1f} MB CSV)",
             f"  plain csv module read, s        {figures['plain_csv_s']:.2f}",
             f"  fanzha results (read, map, analyse, report), s  {figures['analyse_s']:.2f}",
             f"  ratio to plain csv read          {figures['ratio']:.1f}×",
             f"  CPU s: {figures['analyse_cpu_s']:.2f} against {figures['plain_csv_cpu_s']:.2f} "
             f"({figures['analyse_cpu_s'] / figures['plain_csv_cpu_s']:.1f}×; machine load {figures['loadavg']:.1f})"
             if figures.get("plain_csv_cpu_s") else "  CPU s: –",
             f"  peak memory, MB                  {figures['maxrss_mb']:.0f} (plain read {figures['plain_maxrss_mb']:.0f})"]
    lines += [f"  {'met   ' if ok else 'MISSED'} {goal}" for goal, ok in goals(figures)]
    return "\n".join(lines)


def goals(figures: dict[str, Any]) -> list[tuple[str, bool]]:
    if "error" in figures or figures.get("answers", 0) < 1_000_000:
        return []  # the goals are set for 1,000,000 answers
    return [(f"1,000,000 answers analysed ≤ {GOAL_S:g} s: {figures['analyse_s']:.2f} s", figures["analyse_s"] <= GOAL_S),
            (f"peak memory ≤ {GOAL_MB:g} MB: {figures['maxrss_mb']:.0f} MB", figures["maxrss_mb"] <= GOAL_MB)]

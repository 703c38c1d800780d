"""One kit's printable documents: what each holds, as HTML ready for WeasyPrint.

The documents of a kit, in the order its page lists them: host plan, handout,
quiz papers and keys (per version), sign-in sheet, meeting record, pledge.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .. import scenarios
from ..model import AgendaItem, Case, Clip, FraudType, Kit, KnowledgeBase, Pos, Question, Scenario
from ..site import Site
from . import qr
from .draw import DrawError, arrange, draw, even_quotas
from .errors import PdfBuildError
from .glyphs import Source
from .quizset import QuizSet
from .text import fill, paragraphs
from .typeset import TEMPLATES, render_html


@dataclass(frozen=True)
class Doc:
    """One PDF to render: its file name, Chinese label, HTML, and the source that made it."""

    name: str
    label: str
    html: str
    where: str


@dataclass
class Step:
    """An agenda item with what it refers to resolved (for the host plan)."""

    item: AgendaItem
    clip: Clip | None = None
    case: Case | None = None
    quiz: QuizSet | None = None
    materials: list[str] = field(default_factory=list)


def default_pledge() -> str:
    """The pledge used when a kit has none (Markdown, placeholders allowed)."""
    return (TEMPLATES / "default-pledge.md").read_text(encoding="utf-8")


def quiz_sets(site: Site, kit: Kit) -> list[tuple[AgendaItem, QuizSet]]:
    """Each quiz in the kit's agenda, drawn from publishable questions by its seed."""
    out = []
    items = [item for item in kit.agenda if item.quiz]
    for n, item in enumerate(items):
        spec = item.quiz
        assert spec is not None
        pool = [q for q in site.kb.questions(include_exam=False)
                if q.type in spec.types and (not spec.banks or q.bank in spec.banks)]
        try:
            questions = draw(pool, even_quotas(pool, spec.types, spec.count), spec.seed)
        except DrawError as exc:
            raise PdfBuildError(f"{item.at('quiz.count')}: kit {kit.id}, quiz of agenda item "
                                f"“{item.title}”: {exc}") from None
        versions = tuple(arrange(questions, spec.seed, v) for v in spec.versions)
        # no time limit printed: the agenda item's minutes include handing out and going over it
        out.append((item, QuizSet(kit.title, "测验卷", versions, spec.seed, site.settings.pass_mark,
                                  file_prefix=str(n + 1) if n else "")))
    return out


def quiz_maps(quizzes: list[tuple[AgendaItem, QuizSet]]) -> list[tuple[str, bytes]]:
    """(file name, JSON) of each quiz's answer map (quiz.answers.json, quiz2.answers.json…),
    for `fanzha kits` to write beside the quiz PDFs; never part of the site."""
    return [(quiz.map_file(), quiz.answer_map("kit").to_json()) for _, quiz in quizzes]


def kit_docs(site: Site, kit: Kit, quizzes: list[tuple[AgendaItem, QuizSet]]) -> list[Doc]:
    """Every PDF of one kit, as HTML; `quizzes` from quiz_sets()."""
    steps = _steps(site.kb, kit, {id(i): q for i, q in quizzes})
    base = {"settings": site.settings, "kit": kit,
            "header_title": fill(kit.title, site.settings.college)}
    pledge = kit.pledge or default_pledge()
    kit_url = site.urls.absolute_page("kit", kit.id)

    def doc(name: str, label: str, template: str, **context: Any) -> Doc:
        html = render_html(template, **base, doc_label=label, **context)
        return Doc(name, label, html, f"{kit.path}: {name}")

    printing = _printing(quizzes)
    if _plays(site, kit):
        printing.insert(-1, "情景演练角色卡（roleplay.pdf）：每位扮演者一张，沿虚线剪开；主持人分支表（roleplay-guide.pdf）：主持人留用。")
    docs = [doc("host-plan.pdf", "主持人教案", "host-plan.html", steps=steps, kit_url=kit_url,
                pledge=pledge, printing=printing)]
    docs.append(doc("handout.pdf", "学生材料", "handout.html", types=_types(site.kb, kit, quizzes),
                    cases=_handout_cases(site, steps), kit_url=kit_url,
                    kit_qr=qr.data_uri(kit_url) if kit_url else ""))
    if plays := _plays(site, kit):  # agenda items naming a scenario: role-play cards and the branches
        docs.append(doc("roleplay.pdf", "情景演练角色卡", "roleplay.html", plays=plays))
        docs.append(doc("roleplay-guide.pdf", "情景演练主持人分支表", "roleplay-guide.html", plays=plays))
    for _, quiz in quizzes:
        for v in quiz.versions:
            docs.append(doc(quiz.file(v, "quiz"), f"测验卷（{v.name} 卷）", "quiz.html", quiz=quiz, version=v))
    for _, quiz in quizzes:
        for v in quiz.versions:
            docs.append(doc(quiz.file(v, "key"), f"答案（{v.name} 卷）", "key.html", quiz=quiz, version=v))
    docs.append(doc("signin.pdf", "签到表", "signin.html", rows=kit.signin_rows))
    docs.append(doc("record.pdf", "班会记录表", "record.html"))
    docs.append(doc("pledge.pdf", "反诈承诺书", "pledge.html", pledge=pledge,
                    signature_lines=not _has_signature_line(pledge)))
    return docs


def _plays(site: Site, kit: Kit) -> list[dict[str, Any]]:
    """The scenarios the kit's agenda names, once each, with their role cards (build_tools/scenarios.py)."""
    ids = dict.fromkeys(i.scenario for i in kit.agenda if i.scenario and i.scenario in site.kb.scenarios)
    return [{"scenario": sc, "cards": scenarios.role_cards(sc), "labels": scenarios.labels(sc),
             "names": {m.id: m.name for m in sc.cast}, "ending_words": scenarios.ENDING_WORDS,
             "url": site.urls.absolute_page("scenario", sc.id)}
            for sc in (site.kb.scenarios[i] for i in ids if i)]


def _has_signature_line(pledge: str) -> bool:
    """Whether the pledge's last paragraph already holds the signature line (then we add none)."""
    paras = paragraphs(pledge)
    return bool(paras) and ("签名" in paras[-1] or "签字" in paras[-1])


def _steps(kb: KnowledgeBase, kit: Kit, quizzes: dict[int, QuizSet]) -> list[Step]:
    steps = []
    for item in kit.agenda:
        step = Step(item, kb.clips.get(item.clip or ""), kb.cases.get(item.case or ""), quizzes.get(id(item)))
        if step.clip:
            step.materials.append(f"短片讲稿《{step.clip.title}》（见本教案）")
        if step.case:
            step.materials.append(f"案例《{step.case.title}》（学生材料）")
        if item.discuss:
            step.materials.append(f"讨论问题 {len(item.discuss)} 个")
        if item.scenario and item.scenario in kb.scenarios:
            step.materials.append(f"情景演练《{kb.scenarios[item.scenario].title}》（角色卡、主持人分支表）")
        if step.quiz:
            names = "、".join(f"{v.name} 卷" for v in step.quiz.versions)
            step.materials.append(f"测验卷 {names}，答案")
        steps.append(step)
    return steps


def _printing(quizzes: list[tuple[AgendaItem, QuizSet]]) -> list[str]:
    lines = ["学生材料（handout.pdf）：每人一份。"]
    for _, quiz in quizzes:
        files = "、".join(quiz.file(v, "quiz") for v in quiz.versions)
        keys = "、".join(quiz.file(v, "key") for v in quiz.versions)
        share = "各卷按人数平均分配" if len(quiz.versions) > 1 else "每人一份"
        lines.append(f"测验卷（{files}）：{share}；答案（{keys}）：主持人留用，勿发给学生。")
    lines += ["签到表（signin.pdf）、班会记录表（record.pdf）：各一份。",
              "反诈承诺书（pledge.pdf）：每人一份；一页印有几份的，沿虚线剪开。",
              "以上文件都在压缩包里，也可在网站本材料包页面逐个下载。"]
    return lines


def _types(kb: KnowledgeBase, kit: Kit, quizzes: list[tuple[AgendaItem, QuizSet]]) -> list[FraudType]:
    """Fraud types the kit covers (its cases, clips and quizzes), in taxonomy order."""
    used: set[str] = set()
    for item in kit.agenda:
        for ref, table in ((item.case, kb.cases), (item.clip, kb.clips)):
            if ref and ref in table:
                used.add(table[ref].type)
        if item.quiz:
            used.update(item.quiz.types)
    return [t for t in kb.types.values() if t.id in used]


def _handout_cases(site: Site, steps: list[Step]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for step in steps:
        if step.case and step.case.id not in seen:
            url = site.urls.absolute_page("case", step.case.id)
            seen[step.case.id] = {"case": step.case, "url": url, "qr": qr.data_uri(url) if url else ""}
    return list(seen.values())


# Sources: every content text a kit prints, with its position (for the glyph check) ----------

def kit_sources(site: Site, kit: Kit, quizzes: list[tuple[AgendaItem, QuizSet]]) -> Iterator[Source]:
    """Content text that goes into the kit's PDFs, each with where it came from."""
    kb = site.kb
    yield from settings_sources(site)
    name = f"kit {kit.id}"
    for key in ("title", "audience", "pledge"):
        yield Source(str(kit.at(key)), f"{name} ({key})", str(getattr(kit, key)))
    for key in ("goals", "prepare"):
        for value in getattr(kit, key):
            yield Source(str(kit.at(key)), f"{name} ({key})", value)
    for i, item in enumerate(kit.agenda):
        label = f"{name} (agenda[{i}])"
        yield Source(str(item.at("title")), label, item.title)
        yield Source(str(item.at("host")), label, item.host)
        for d in item.discuss:
            yield Source(str(item.at("discuss")), label, d.question + d.points)
        if item.case in kb.cases:
            yield from case_sources(kb.cases[item.case])
        if item.clip in kb.clips:
            yield from clip_sources(kb.clips[item.clip])
        if item.scenario in kb.scenarios:
            yield from scenario_sources(kb.scenarios[item.scenario])
    for _, quiz in quizzes:
        for pq in quiz.questions:
            yield from question_sources(pq.question)
    for ft in _types(kb, kit, quizzes):
        yield Source(str(ft.at("name")), f"fraud type {ft.id}", ft.name + ft.summary)


def settings_sources(site: Site) -> Iterator[Source]:
    for key, value in site.settings.college.items():
        yield Source("mkdocs.yml", f"setting extra.fanzha.{key if key != 'name' else 'college_name'}", value)


def case_sources(case: Case) -> Iterator[Source]:
    yield Source(str(case.at("title")), f"case {case.id} (title)", case.title)
    yield Source(str(case.at("summary")), f"case {case.id} (summary)", case.summary)
    yield from _body(case.path, case.body_line, f"case {case.id}", case.body)


def clip_sources(clip: Clip) -> Iterator[Source]:
    yield Source(str(clip.at("title")), f"clip {clip.id} (title)", clip.title)
    yield from _body(clip.path, clip.body_line, f"clip {clip.id}", clip.body)


def question_sources(q: Question) -> Iterator[Source]:
    name = f"question {q.id}"
    yield Source(str(q.at("stem")), f"{name} (stem)", q.stem)
    for j, option in enumerate(q.options):
        yield Source(str(q.at(f"options[{j}]")), f"{name} (options[{j}])", option)
    yield Source(str(q.at("explanation")), f"{name} (explanation)", q.explanation)


def scenario_sources(sc: Scenario) -> Iterator[Source]:
    """Every text of a scenario a kit prints (role cards, the facilitator's sheet)."""
    name = f"scenario {sc.id}"
    yield Source(str(sc.at("title")), f"{name} (title)", sc.title)
    yield Source(str(sc.at("summary")), f"{name} (summary)", sc.summary)
    for m in sc.cast:
        yield Source(str(m.pos), f"{name} (cast)", m.name + m.role)
    for step in sc.steps:
        for msg in step.messages:
            yield Source(str(msg.pos), f"{name} (steps)", msg.title + msg.text)
        for ch in step.choices:
            yield Source(str(ch.pos), f"{name} (choices)", ch.text + ch.say)
    for end in sc.endings:
        yield Source(str(end.pos), f"{name} (endings)", end.title + end.text + end.lesson)


def _body(path: str, first_line: int, item: str, body: str) -> Iterator[Source]:
    for n, line in enumerate(body.split("\n")):
        if line.strip():
            yield Source(str(Pos(path, first_line + n, 1)), f"{item} (text)", line)

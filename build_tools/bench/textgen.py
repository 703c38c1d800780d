"""A seeded generator of realistic Chinese anti-fraud text for the benchmark corpus.

Sentences come from templates whose slots are filled from `vocab.py`, so every
case, clip and question reads differently (Chinese word segmentation and the
search index see varied text) while the same seed always gives the same text.
"""
from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from ..spoken import spoken_units
from . import vocab as V

_NARRATIVE = [
    "{time}，{who}{p}在{place}刷手机时，通过{channel}看到了{lure}。",
    "对方自称是{role}，说话条理清楚，还发来几张看起来很正规的截图和证件照片。",
    "{p}{feeling}，按对方的要求先转了 {a1} 元，很快就收到了一笔小小的“返还”。",
    "没过多久，对方又说{excuse}，要求再转 {a2} 元，并反复强调{urgency}。",
    "{p}想起{friend}提醒过的话，可对方一直催促，让{p}来不及细想。",
    "为了凑钱，{p}{risky}，前后一共转出 {a3} 元。",
    "对方还让{p}下载{app}，说这样可以{purpose}，其实是为了看清{p}的每一步操作。",
    "直到对方把{p}拉黑、群也解散了，{p}才意识到被骗，和{friend}一起拨打 110 报警。",
    "事后回想，{p}说当时最大的错误是{risky}，而对方正是利用了这一点。",
    "{friend}听说后告诉{p}：{reason}，遇到这种情况应当{safe}。",
    "{p}在{place}反复看了对方的消息，越看越觉得{lure}来得太容易。",
    "对方得知{p}是学生后，语气变得格外亲切，说{excuse}只是走个流程。",
    "第二天，对方换了一个说法：{excuse}，还说{urgency}。",
    "民警告诉{p}，这是典型的{tname}，同一时期附近几所学校都接到过类似报案。",
    "{p}把经过发在{channel}提醒大家，不少同学留言说自己也遇到过{lure}。",
]

_TACTIC = [
    "骗子用{lure}吸引注意，正好击中学生{need}的心理。",
    "对方以{role}的身份出现，用专业术语和伪造的材料让人放松警惕。",
    "从“{excuse}”开始，费用一步步加码，受害人越投越多，越难回头。",
    "骗子反复强调“{urgency}”，让人没有时间和{friend}商量。",
    "诱导下载{app}，实际上是为了远程查看屏幕、窃取验证码。",
    "先让人尝到小小的甜头，再以各种理由收取更大额的款项。",
    "通过{channel}批量寻找目标，一旦有人回应就用固定话术跟进。",
]

_SIGNS = [
    "凡是要求先转账、先交费的，无论理由是“{excuse}”还是别的，都要高度警惕。",
    "自称{role}却只通过{channel}联系、不肯当面办理的，多半有问题。",
    "{reason}。",
    "对方反复强调{urgency}，这是制造紧张情绪的常见手法。",
    "{lure}听起来越诱人，越要想一想对方为什么找上你。",
    "要求下载{app}或共享屏幕的，一律拒绝。",
]

_ADVICE = [
    "遇到{lure}，先通过官方渠道核实，不轻信{channel}里的说法。",
    "不向陌生账户转账，不把验证码、密码告诉任何人；{reason}。",
    "拿不准时和{friend}商量，或者拨打 96110 咨询。",
    "一旦发现被骗，立即停止转账，保存聊天记录和转账凭证，拨打 110 报警。",
    "安装并注册国家反诈中心 APP，开启来电和短信预警。",
    "不出租、不出借自己的银行卡、手机卡和支付账户。",
]

_STEMS = [
    "{who}{p}在{channel}遇到{lure}，对方自称{role}，说{excuse}。",
    "{time}，{p}收到{role}的消息：{excuse}，{urgency}。",
    "{p}在{place}通过{channel}认识了一位{role}，对方提到{lure}。",
    "{p}已经按要求转了 {a1} 元，对方又说{excuse}，还要再转 {a2} 元。",
    "{time}，{p}的{friend}转来一条{channel}里的链接，说是{lure}。",
    "{who}{p}在{place}接到自称{role}的电话，对方准确说出了{p}的姓名和学号。",
    "{p}下载了对方推荐的{app}，页面显示余额 {a3} 元，却提示{excuse}。",
    "{p}在{channel}看到同学晒出的截图，说靠{lure}一周赚了 {a2} 元。",
    "{time}，{p}因为{feeling}，差点按对方的要求{risky}。",
    "对方让{p}{risky}，理由是{excuse}，并承诺{purpose}。",
    "{p}在{place}犹豫要不要{risky}，对方一再催促“{urgency}”。",
    "{who}{p}把自己的遭遇告诉{friend}：先是{lure}，后来对方说{excuse}。",
]

_NEEDS = ["想赚零花钱", "急于解决问题", "怕惹上麻烦", "想省钱", "渴望被认可", "害怕影响学业"]


@dataclass
class Scene:
    """The cast of one item: the same person and fraud details throughout its text."""

    p: str
    who: str
    tname: str
    lures: list[str]
    roles: list[str]
    excuses: list[str]
    tags: list[str]


class TextGen:
    """Everything textual in the corpus, drawn from one seeded random generator."""

    def __init__(self, seed: int, types: dict[str, tuple[str, str]]) -> None:
        """`types`: taxonomy id -> (name, summary)."""
        self.rng = random.Random(seed)
        self.types = types
        self.wide = False  # the `wide` corpus (corpus.py) writes cases of other lengths and shapes

    def pick(self, items: Sequence[str]) -> str:
        return items[self.rng.randrange(len(items))]

    def scene(self, type_id: str) -> Scene:
        name, summary = self.types[type_id]
        lures, roles, excuses, tags = V.TYPE_WORDS.get(type_id) or _words_from_summary(name, summary)
        p = "小" + self.pick(V.SURNAMES)
        return Scene(p, self.pick(V.ROLES_STUDENT), name, lures, roles, excuses, tags)

    def fill(self, template: str, s: Scene) -> str:
        r, pick = self.rng, self.pick
        a1 = pick([str(a) for a in V.AMOUNTS[:12]])
        return template.format(
            p=s.p, who=s.who, tname=s.tname, time=pick(V.TIMES), place=pick(V.PLACES), channel=pick(V.CHANNELS),
            lure=pick(s.lures), role=pick(s.roles), excuse=pick(s.excuses), friend=pick(V.FRIENDS),
            feeling=pick(V.FEELINGS), a1=a1, a2=pick([str(a) for a in V.AMOUNTS[8:20]]),
            a3=str(r.choice(V.AMOUNTS[12:]) + r.randrange(0, 100) * 10), app=pick(V.APPS),
            purpose=pick(V.PURPOSES), urgency=pick(V.URGENCY), risky=pick(V.RISKY_ACTIONS),
            safe=pick(V.SAFE_ACTIONS), reason=pick(V.REASONS), need=pick(_NEEDS))

    def sentences(self, templates: Sequence[str], s: Scene, chars: int) -> list[str]:
        """Sentences from shuffled templates until about `chars` characters."""
        out: list[str] = []
        order: list[str] = []
        while sum(map(len, out)) < chars:
            if not order:
                order = list(templates)
                self.rng.shuffle(order)
            out.append(self.fill(order.pop(), s))
        return out

    # cases ---------------------------------------------------------------

    def case_body(self, s: Scene) -> str:
        """The four sections of a case, 800–1,200 characters in all."""
        total = self.rng.randint(680, 1000)  # headings and list marks bring it to 800–1,200
        story = self.sentences(_NARRATIVE, s, int(total * 0.45))
        paras, i = [], 0
        while i < len(story):
            step = self.rng.randint(2, 4)
            paras.append("".join(story[i:i + step]))
            i += step
        parts = [f"## {V.SECTION_TITLES[0]}\n\n" + "\n\n".join(paras)]
        for title, templates, share in ((V.SECTION_TITLES[1], _TACTIC, 0.2), (V.SECTION_TITLES[2], _SIGNS, 0.17),
                                        (V.SECTION_TITLES[3], _ADVICE, 0.18)):
            items = self.sentences(templates, s, int(total * share))
            bullets = [f"- {self.pick(V.TACTIC_LABELS)}：{t}" if title == V.SECTION_TITLES[1] else f"- {t}"
                       for t in items]
            parts.append(f"## {title}\n\n" + "\n".join(bullets))
        return "\n\n".join(parts) + "\n"

    def case_body_wide(self, s: Scene) -> str:
        """A case written another way (the `wide` corpus): a quarter short (150–400 characters), half
        of middle length, a quarter long (2,500–7,000) with `###` subsections; lists numbered, nested
        or plain, a table of warning signs in some, a fifth section in some."""
        r = self.rng.random()
        total = self.rng.randint(150, 400) if r < 0.25 else self.rng.randint(680, 1400) if r < 0.75 \
            else self.rng.randint(2500, 7000)
        story = self.sentences(_NARRATIVE, s, int(total * 0.45))
        paras, i = [], 0
        while i < len(story):
            step = self.rng.randint(1, 5)
            paras.append("".join(story[i:i + step]))
            i += step
        if len(paras) > 6:  # long stories in parts, each under its own heading
            chunks = [paras[k:k + 3] for k in range(0, len(paras), 3)]
            story_md = "\n\n".join(f"### {self.pick(V.TIMES)}（{n + 1}）\n\n" + "\n\n".join(c)
                                    for n, c in enumerate(chunks))
        else:
            story_md = "\n\n".join(paras)
        parts = [f"## {V.SECTION_TITLES[0]}\n\n{story_md}"]
        tactics = self.sentences(_TACTIC, s, max(40, int(total * 0.2)))
        if self.rng.random() < 0.4:
            parts.append(f"## {V.SECTION_TITLES[1]}\n\n" + "\n".join(f"{n + 1}. {t}" for n, t in enumerate(tactics)))
        else:
            parts.append(f"## {V.SECTION_TITLES[1]}\n\n" + "\n".join(f"- **{self.pick(V.TACTIC_LABELS)}**：{t}"
                                                                       for t in tactics))
        signs = self.sentences(_SIGNS, s, max(40, int(total * 0.17)))
        if self.rng.random() < 0.35:
            rows = [f"| {self.fill('{lure}', s)} | {t.rstrip('。')} |" for t in signs]
            parts.append(f"## {V.SECTION_TITLES[2]}\n\n| 信号 | 为什么可疑 |\n| --- | --- |\n" + "\n".join(rows))
        else:
            parts.append(f"## {V.SECTION_TITLES[2]}\n\n" + "\n".join(f"- {t}" for t in signs))
        advice = self.sentences(_ADVICE, s, max(40, int(total * 0.18)))
        lines = []
        for t in advice:
            lines.append(f"- {t}")
            if self.rng.random() < 0.3:
                lines.append(f"    - {self.fill('{safe}', s)}")
        parts.append(f"## {V.SECTION_TITLES[3]}\n\n" + "\n".join(lines))
        if self.rng.random() < 0.3:
            parts.append("## 民警提醒\n\n> " + self.fill("{reason}，遇到{lure}请{safe}。", s))
        return "\n\n".join(parts) + "\n"

    def case_title(self, s: Scene) -> str:
        forms = ["{place}里的“{lure}”", "{who}{p}遇上{lure}", "“{excuse}”背后的骗局", "{p}差点掉进的{tname}陷阱"]
        return self.fill(self.pick(forms), s)

    def summary(self, s: Scene, loss: int) -> str:
        text = self.fill("{who}{p}因{lure}被以“{excuse}”为由骗走 ", s) + f"{loss} 元。"
        return text if len(text) <= 40 else self.fill("{p}因{lure}被骗走 ", s) + f"{loss} 元。"

    # clips ---------------------------------------------------------------

    def clip_body(self, s: Scene, lo: int = 200, hi: int = 240) -> str:
        """4–6 spoken paragraphs, `lo`–`hi` spoken units, ending with one action."""
        ending = self.pick(V.CLIP_ENDINGS)
        while True:
            paras = [self.pick(V.CLIP_OPENERS) + "：" + self.fill("{lure}，{excuse}。", s)]
            for _ in range(self.rng.randint(2, 4)):
                paras.append(self.fill(self.pick(_NARRATIVE), s) + self.fill(self.pick(_SIGNS), s))
            paras.append(ending)
            body = "\n\n".join(paras)
            while spoken_units(body) < lo:
                paras[-2] += self.fill(self.pick(_SIGNS), s)
                body = "\n\n".join(paras)
            if spoken_units(body) <= hi:
                return body + "\n"

    # questions -----------------------------------------------------------

    def stem(self, s: Scene, tails: Sequence[str]) -> str:
        return self.fill(self.pick(_STEMS), s) + self.pick(tails) + "？"

    def right_option(self, s: Scene) -> str:
        return f"{self.pick(V.SAFE_ACTIONS)}，因为{self.pick(V.REASONS)}"

    def wrong_option(self, s: Scene) -> str:
        return f"{self.pick(V.RISKY_ACTIONS)}，{self.pick(V.WRONG_BELIEFS)}"

    def judge(self, s: Scene, truth: bool) -> str:
        true_forms = ["{p}在{channel}遇到{lure}时，应当{safe}，因为{reason}。",
                      "{time}，如果有{role}说{excuse}，{reason}，最好{safe}。",
                      "在{place}接到{role}要求转账 {a2} 元的电话，{p}先{safe}，这样做是对的。",
                      "看到{channel}里的{lure}，{reason}。"]
        false_forms = ["{p}在{channel}遇到{lure}，只要对方自称{role}并说{excuse}，{risky}也没有风险。",
                       "{time}，{role}说{excuse}时，{risky}是稳妥的做法。",
                       "对方能说出{p}的学号和{friend}的名字，就说明{lure}是真的。",
                       "只转 {a1} 元试一试，就算是{lure}也损失不大，所以可以{risky}。"]
        return self.fill(self.pick(true_forms if truth else false_forms), s)

    def explanation(self, s: Scene) -> str:
        first = self.fill(self.pick(_SIGNS), s)
        one, two = self.rng.sample(V.SAFE_ACTIONS, 2)
        return f"{self.pick(V.REASONS)}。{first}遇到类似情况，应当{one}，并{two}。"

    def host_text(self, s: Scene) -> str:
        return self.fill("请同学们先想一想：如果{p}遇到{lure}，会怎么做？主持人引导大家说出“{safe}”，"
                         "并提醒{reason}。", s)


def _words_from_summary(name: str, summary: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """Slot words for a fraud type the vocabulary does not know: clauses of its own summary."""
    clauses = [c for c in summary.replace("。", "，").replace("；", "，").split("，") if len(c) >= 4] or [name]
    lures, roles, excuses, tags = V.GENERIC_WORDS
    return [*clauses[:2], *lures], roles, [*clauses[2:], *excuses], [name, *tags]

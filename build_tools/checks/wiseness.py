"""Test-wiseness: cues that let a student answer without knowing the subject.

Per question (a warning at the question's line):
  longest-key       the keyed option is the uniquely longest (display width: a CJK character
                    counts 2); in multiple choice, every keyed option is longer than every distractor
  all-of-above      an option such as 以上都对 / 以上都不对 / 都正确 (width and spaces normalised)
  absolute-cue      absolute words (一定, 绝对, 从来, 总是…) in distractors and in no key of the question

Per bank (an error at its `bank:` line), counted over all its questions, exam-only ones included
(a paper draws those too), and only when the bank has enough questions of the kind for a share to
mean something:
  longest-key-share   more than `longest_key_max` % of its single-choice questions have the
                      uniquely longest option as key (≥ `share_min_questions` single-choice)
  key-letter-share    one letter holds more than `letter_key_max` % of the single-choice keys
                      (≥ `share_min_questions` single-choice)
  judge-true-share    the share of judge questions answered 正确 is outside `judge_true_range`
                      (≥ `share_min_questions` judge)
  all-but-one         every multiple-choice question has all options but one correct (≥ 3 of them);
                      `correct-count-fixed` (a warning) when they all have the same number correct
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator

from ..model import LETTERS, Bank, Question
from ..problem import Problem, error, warning
from .context import Context

MULTIPLE_MIN = 3  # multiple-choice questions a bank needs before their pattern says anything

# 以上都对 / 以上都不对 / 以上都是 / 以上皆是 / 以上皆非 / 都正确 / 都不正确 / 以上选项均正确 / 上述说法全都错误 …
_ALL_OF = re.compile(
    r"^(?:以上|上述|上面|前面)?(?:所有|全部|各|几|三|四|五)?(?:个|项|种)?(?:选项|说法|做法|答案|情况|内容|观点)?"
    r"(?:都|皆|均|全|全都|全部|全部都)(?:不|没有|没)?(?:对|正确|是|错|错误|非|不对|符合|可以|可能|有效)$"
    r"|^(?:以上|上述)(?:都|皆|均|全)?(?:不是|非)$"
    r"|^(?:all|none)(?:ofthe)?(?:above)$")
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)

# absolute words; 一定 not in 不一定 (not absolute) nor in 一定金额 / 一定比例 / 一定的 (a certain amount)
_ABSOLUTE = re.compile(r"(?<!不)一定(?![金比数程的量时期范])|绝对|从来|从不|总是|永远|完全|所有|肯定|绝不|必然"
                       r"|百分之百|[1１][0０][0０] ?[%％]|毫无")


class _Widths(dict[str, int]):
    """Display width of each character, looked up once: East Asian wide, full-width and ambiguous
    characters (“”、…, wide in Chinese text) count 2, combining marks and format characters 0."""

    def __missing__(self, ch: str) -> int:
        if unicodedata.combining(ch) or unicodedata.category(ch) == "Cf":
            value = 0
        else:
            value = 2 if unicodedata.east_asian_width(ch) in "WFA" else 1
        self[ch] = value
        return value


_WIDTHS = _Widths()
_MAY_BE_ALL_OF = re.compile("[都皆均全非]|[aａAＡ][bｂBＢ][oｏOＯ][vｖVＶ][eｅEＥ]")  # a cheap test before NFKC


def width(text: str) -> int:
    """Display width of a text (a CJK character counts 2)."""
    return sum(map(_WIDTHS.__getitem__, text))


def _nfkc(text: str) -> str:
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def is_all_of_above(option: str) -> bool:
    """以上都对, 以上都不对, 都正确, 以上皆是… after NFKC, without spaces and punctuation."""
    if len(option) > 40 or not _MAY_BE_ALL_OF.search(option):  # such options are short
        return False
    text = _NOISE.sub("", _nfkc(option).lower())
    return _ALL_OF.match(text) is not None


def absolutes_in(text: str) -> list[str]:
    """The absolute words in an option, each once, in order of appearance."""
    return list(dict.fromkeys(_ABSOLUTE.findall(text)))


def check(ctx: Context) -> Iterator[Problem]:
    for bank in ctx.every(Bank):
        singles: list[Question] = []
        longest: list[Question] = []
        multiples: list[Question] = []
        truths: list[bool] = []
        for q in bank.questions:
            if q.kind == "judge":
                if isinstance(q.answer, bool):
                    truths.append(q.answer)
                continue
            if not _usable(q):
                continue
            if q.kind == "single":
                singles.append(q)
            elif q.kind == "multiple":
                multiples.append(q)
            if _longest_key(q, [width(o) for o in q.options]):
                if q.kind == "single":
                    longest.append(q)
                    yield warning(q.pos, "longest-key",
                        f"question '{q.id}': the key {q.answer_letters} is the longest option (width "
                        f"{width(q.options[q.answer[0]])}, next longest {_second(q)}), so picking the longest "  # type: ignore[index]
                        "option scores without reading; make distractors as long and as plausible as the key")
                else:
                    yield warning(q.pos, "longest-key",
                        f"question '{q.id}': every correct option ({q.answer_letters}) is longer than every "
                        "distractor, so picking the long ones scores without reading; make distractors as long "
                        "and as plausible as the keys")
            joined = "\n".join(q.options)  # one search of all options first: most have neither
            if _MAY_BE_ALL_OF.search(joined):
                yield from _all_of_above(q)
            if _ABSOLUTE.search(joined):
                yield from _absolutes(q)
        yield from _bank_shares(bank, singles, longest, multiples, truths, ctx)


def _usable(q: Question) -> bool:
    """A choice question whose answer letters all name options (other faults are reported elsewhere)."""
    if not isinstance(q.answer, tuple) or not q.answer or not q.options or max(q.answer) >= len(q.options):
        return False
    return len(q.answer) == 1 if q.kind == "single" else q.kind == "multiple"


def _longest_key(q: Question, widths: list[int]) -> bool:
    assert isinstance(q.answer, tuple)
    if len(q.answer) == 1:
        k = q.answer[0]
        others = widths[:k] + widths[k + 1:]
        return bool(others) and widths[k] > max(others)
    keys = set(q.answer)
    others = [w for i, w in enumerate(widths) if i not in keys]
    return bool(others) and min(widths[i] for i in keys) > max(others)


def _second(q: Question) -> int:
    assert isinstance(q.answer, tuple)
    return max(width(o) for i, o in enumerate(q.options) if i != q.answer[0])


def _all_of_above(q: Question) -> Iterator[Problem]:
    for j, opt in enumerate(q.options):
        if is_all_of_above(opt):
            yield warning(q.pos, "all-of-above",
                f"question '{q.id}': option {LETTERS[j]} '{opt}' lets a student answer by spotting two true "
                "(or two false) options; write a real option instead")


def _absolutes(q: Question) -> Iterator[Problem]:
    assert isinstance(q.answer, tuple)
    keys = set(q.answer)
    if any(absolutes_in(q.options[i]) for i in keys):
        return
    found = [(j, words) for j, opt in enumerate(q.options) if j not in keys and (words := absolutes_in(opt))]
    if found:
        listed = "; ".join(f"{LETTERS[j]}: {'、'.join(words)}" for j, words in found)
        yield warning(q.pos, "absolute-cue",
            f"question '{q.id}': absolute words appear only in distractors ({listed}), so a student can rule "
            "those out unread; reword them, or use such words in a correct option too")


def _share(n: int, total: int) -> str:
    return f"{n} of {total} ({n / total:.0%})"


def _bank_shares(bank: Bank, singles: list[Question], longest: list[Question], multiples: list[Question],
                 truths: list[bool], ctx: Context) -> Iterator[Problem]:
    s = ctx.settings
    if len(singles) >= s.share_min_questions and len(longest) * 100 > s.longest_key_max * len(singles):
        yield error(bank.pos, "longest-key-share",
            f"bank '{bank.id}': in {_share(len(longest), len(singles))} single-choice questions the key is the "
            f"longest option (longest_key_max: {s.longest_key_max:g} %); see the longest-key warnings")
    if len(singles) >= s.share_min_questions:
        letters = Counter(LETTERS[q.answer[0]] for q in singles)  # type: ignore[index]
        letter, n = max(sorted(letters.items()), key=lambda kv: kv[1])
        if n * 100 > s.letter_key_max * len(singles):
            spread = ", ".join(f"{k} {v}" for k, v in sorted(letters.items()))
            yield error(bank.pos, "key-letter-share",
                f"bank '{bank.id}': {letter} is the key of {_share(n, len(singles))} single-choice questions "
                f"(letter_key_max: {s.letter_key_max:g} %; {spread}); move keys to other letters")
    if len(truths) >= s.share_min_questions:
        lo, hi = s.judge_true_range
        n = sum(truths)
        if not lo * len(truths) <= n * 100 <= hi * len(truths):
            yield error(bank.pos, "judge-true-share",
                f"bank '{bank.id}': {_share(n, len(truths))} judge questions are answered 正确 "
                f"(judge_true_range: {lo:g}–{hi:g} %); a student who always answers "
                f"{'正确' if n * 2 > len(truths) else '错误'} scores well")
    if len(multiples) >= MULTIPLE_MIN:
        counts = {(len(q.answer), len(q.options)) for q in multiples}  # type: ignore[arg-type]
        if all(k == n - 1 for k, n in counts):
            yield error(bank.pos, "all-but-one",
                f"bank '{bank.id}': all {len(multiples)} multiple-choice questions have every option but one "
                "correct, so picking all but the odd one out always works; vary the number correct (2 to n−1)")
        elif len({k for k, _ in counts}) == 1:
            k = next(iter(counts))[0]
            yield warning(bank.pos, "correct-count-fixed",
                f"bank '{bank.id}': all {len(multiples)} multiple-choice questions have {k} correct options; "
                "vary the number correct")

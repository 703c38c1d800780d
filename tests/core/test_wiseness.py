"""Test-wiseness checks (checks/wiseness.py) and near-duplicate questions (checks/similar.py).

Banks are written one question a line, so question k (from 0) of a bank is at line 5 + k and the
bank's `bank:` key at line 1. Stems and options are made of characters that no two texts share in
order, so only what a test plants can be alike.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools import core
from build_tools.checks import similar, wiseness
from build_tools.checks.context import Context
from build_tools.load.content import load_root
from build_tools.settings import Settings, SettingsError, settings_from_mapping

from .helpers import TODAY, make_tree

FIXTURE = Path(__file__).parent / "fixtures" / "banks-2026-12-03"  # the default banks before their rewrite
CODES = ("longest-key", "all-of-above", "absolute-cue", "longest-key-share", "key-letter-share",
         "judge-true-share", "all-but-one", "correct-count-fixed", "near-duplicate")
_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning) (?P<code>\S+) ")

_seed = [0]


def text(chars: int) -> str:
    """`chars` CJK characters (display width 2 each) in an order no other text here uses."""
    _seed[0] += 1
    start = 0x4E00 + (_seed[0] * 977) % 18000
    return "".join(chr(start + j * 3) for j in range(chars))


def single(qid: str, widths: list[int], key: str, options: list[str] | None = None) -> str:
    opts = options or [text(w // 2) for w in widths]
    return (f"{{id: {qid}, kind: single, stem: {text(12)}, options: [{', '.join(opts)}], answer: {key}, "
            f"explanation: {text(6)}}}")


def multiple(qid: str, widths: list[int], key: str, options: list[str] | None = None) -> str:
    opts = options or [text(w // 2) for w in widths]
    return (f"{{id: {qid}, kind: multiple, stem: {text(12)}, options: [{', '.join(opts)}], answer: {key}, "
            f"explanation: {text(6)}}}")


def judge(qid: str, truth: bool) -> str:
    return f"{{id: {qid}, kind: judge, stem: {text(14)}, answer: {'对' if truth else '错'}, explanation: {text(6)}}}"


def bank(bank_id: str, questions: list[str]) -> str:
    return f"bank: {bank_id}\ntitle: {text(4)}\ntype: shuadan\nquestions:\n" + "".join(f"  - {q}\n" for q in questions)


def balanced_singles(n: int, prefix: str = "s") -> list[str]:
    """n single-choice questions, keys cycling A–D, every key as long as the longest distractor."""
    return [single(f"{prefix}-{k:02d}", [10, 10, 10, 10], "ABCD"[k % 4]) for k in range(n)]


def longest_singles(n: int) -> list[str]:
    """n single-choice questions whose key (A, B, C, D in turn) is the uniquely longest option."""
    return [single(f"l-{k:02d}", [14 if j == k % 4 else 10 for j in range(4)], "ABCD"[k % 4]) for k in range(n)]


def found(root: Path, settings: Settings | None = None) -> list[tuple[str, int, str, str]]:
    """(path, line, level, code) of the wiseness and near-duplicate problems, in order."""
    out = []
    for p in core.validate(root, settings or Settings(), today=TODAY).problems:
        if p.code in CODES:
            out.append((p.path, p.line, p.level, p.code))
    return out


def messages(root: Path, code: str) -> list[str]:
    return [str(p) for p in core.validate(root, Settings(), today=TODAY).problems if p.code == code]


# longest key ----------------------------------------------------------------------------------

def test_uniquely_longest_key_is_a_warning_at_the_question_line_and_ties_are_not(tmp_path: Path) -> None:
    qs = [single("a-01", [10, 10, 10, 12], "D"),   # uniquely longest: warned
          single("a-02", [12, 10, 12, 10], "C"),   # tied with A: fine
          single("a-03", [8, 12, 10, 10], "A"),    # shortest: fine
          multiple("a-04", [12, 14, 8, 6], "AB"),  # both keys longer than every distractor: warned
          multiple("a-05", [12, 14, 14, 6], "AB")]  # C (a distractor) is as long as B: fine
    root = make_tree(tmp_path, {"quizzes/a.yml": bank("a", qs)})
    assert found(root) == [("quizzes/a.yml", 5, "warning", "longest-key"), ("quizzes/a.yml", 8, "warning", "longest-key")]
    first = messages(root, "longest-key")[0]
    assert "the key D is the longest option (width 12, next longest 10)" in first


def test_width_counts_cjk_as_two_and_latin_as_one() -> None:
    assert wiseness.width("ab12") == 4
    assert wiseness.width("拨打96110") == 9
    assert wiseness.width("“安全账户”") == 12  # Chinese quotation marks are wide in Chinese text
    assert wiseness.width("ＡＢ") == 4
    # a Latin key of 10 characters is shorter than a Chinese distractor of 6
    assert wiseness.width("call 96110") < wiseness.width("马上转账给他")


def test_longest_key_share_is_an_error_at_the_bank_line(tmp_path: Path) -> None:
    longest = longest_singles(3)  # 3 of 8: 37.5 %
    root = make_tree(tmp_path / "over", {"quizzes/over.yml": bank("over", longest + balanced_singles(5))})
    assert ("quizzes/over.yml", 1, "error", "longest-key-share") in found(root)
    assert "3 of 8 (38%)" in messages(root, "longest-key-share")[0]
    # 2 of 8 (25 %) is within 35 %
    root = make_tree(tmp_path / "within", {"quizzes/w.yml": bank("w", longest[:2] + balanced_singles(6))})
    assert [f for f in found(root) if f[3] == "longest-key-share"] == []
    # a bank with 7 single-choice questions is too short for a share: warnings only
    root = make_tree(tmp_path / "short", {"quizzes/s.yml": bank("s", longest + balanced_singles(4))})
    assert [f[3] for f in found(root)] == ["longest-key"] * 3


def test_longest_key_threshold_and_minimum_come_from_settings(tmp_path: Path) -> None:
    longest = longest_singles(3)
    root = make_tree(tmp_path, {"quizzes/b.yml": bank("b", longest + balanced_singles(5))})
    assert "longest-key-share" not in [f[3] for f in found(root, Settings(longest_key_max=40))]
    assert "longest-key-share" in [f[3] for f in found(root, Settings(longest_key_max=37))]
    assert "longest-key-share" not in [f[3] for f in found(root, Settings(share_min_questions=9))]


# answer letters and judge balance -----------------------------------------------------------

def test_one_letter_holding_more_than_40_percent_of_keys_is_an_error(tmp_path: Path) -> None:
    keys = "AAAABCDB"  # A: 4 of 8 = 50 %
    qs = [single(f"k-{k:02d}", [10, 10, 10, 10], key) for k, key in enumerate(keys)]
    root = make_tree(tmp_path / "a", {"quizzes/k.yml": bank("k", qs)})
    assert found(root) == [("quizzes/k.yml", 1, "error", "key-letter-share")]
    assert "A is the key of 4 of 8 (50%) single-choice questions" in messages(root, "key-letter-share")[0]
    assert found(root, Settings(letter_key_max=50)) == []
    balanced = make_tree(tmp_path / "b", {"quizzes/k.yml": bank("k", balanced_singles(8))})
    assert found(balanced) == []  # 2 of each letter


def test_judge_answers_outside_30_to_70_percent_true_are_an_error(tmp_path: Path) -> None:
    many_true = [judge(f"j-{k:02d}", k != 0) for k in range(8)]  # 7 of 8 true
    root = make_tree(tmp_path / "t", {"quizzes/j.yml": bank("j", many_true)})
    assert found(root) == [("quizzes/j.yml", 1, "error", "judge-true-share")]
    assert "7 of 8 (88%) judge questions are answered 正确" in messages(root, "judge-true-share")[0]
    assert found(root, Settings(judge_true_range=(30.0, 90.0))) == []
    half = make_tree(tmp_path / "h", {"quizzes/j.yml": bank("j", [judge(f"j-{k:02d}", k % 2 == 0) for k in range(8)])})
    assert found(half) == []
    few = make_tree(tmp_path / "f", {"quizzes/j.yml": bank("j", many_true[:7])})  # 7 judge questions: too few
    assert found(few) == []


# multiple choice ----------------------------------------------------------------------------

def test_multiple_choice_all_but_one_correct_in_every_question_is_an_error(tmp_path: Path) -> None:
    all_but_one = [multiple(f"m-{k}", [10, 10, 10, 10], key) for k, key in enumerate(["ABC", "ABD", "BCD"])]
    root = make_tree(tmp_path / "a", {"quizzes/m.yml": bank("m", all_but_one)})
    assert found(root) == [("quizzes/m.yml", 1, "error", "all-but-one")]
    varied = all_but_one[:2] + [multiple("m-9", [10, 10, 10, 10], "AC")]
    assert found(make_tree(tmp_path / "v", {"quizzes/m.yml": bank("m", varied)})) == []
    two_only = make_tree(tmp_path / "t", {"quizzes/m.yml": bank("m", all_but_one[:2])})  # 2 questions: too few
    assert found(two_only) == []


def test_multiple_choice_always_the_same_number_correct_is_a_warning(tmp_path: Path) -> None:
    same = [multiple(f"m-{k}", [10] * n, key) for k, (n, key) in enumerate([(4, "AC"), (5, "BE"), (4, "CD")])]
    root = make_tree(tmp_path, {"quizzes/m.yml": bank("m", same)})
    assert found(root) == [("quizzes/m.yml", 1, "warning", "correct-count-fixed")]


# option wording ---------------------------------------------------------------------------------

@pytest.mark.parametrize("option", ["以上都对", "以上 都 不对", "以上都是", "以上皆是", "都正确", "都不正确",
                                    "以上说法都正确。", "以上选项均不正确", "（以上都对）", "All of the above",
                                    "ｎｏｎｅ ｏｆ ｔｈｅ ａｂｏｖｅ"])
def test_all_of_the_above_options_are_a_warning(option: str) -> None:
    assert wiseness.is_all_of_above(option)


@pytest.mark.parametrize("option", ["都要先核实", "全部转到安全账户", "以上的做法要先问辅导员", "对方说都能退款",
                                    "正确", "非法集资"])
def test_ordinary_options_are_not_all_of_the_above(option: str) -> None:
    assert not wiseness.is_all_of_above(option)


def test_all_of_the_above_warning_at_its_question(tmp_path: Path) -> None:
    opts = [text(5), text(5), text(5), "以上都对"]
    root = make_tree(tmp_path, {"quizzes/o.yml": bank("o", [single("o-1", [], "D", opts)])})
    assert found(root) == [("quizzes/o.yml", 5, "warning", "all-of-above")]
    assert "option D '以上都对'" in messages(root, "all-of-above")[0]


def test_absolute_words_only_in_distractors_are_a_warning(tmp_path: Path) -> None:
    cue = [f"{text(4)}一定{text(2)}", text(6), text(5), f"{text(3)}从来{text(3)}"]        # key C has none
    both = [f"{text(4)}一定{text(2)}", text(6), f"{text(3)}绝对{text(3)}", text(5)]       # key C has one too
    amount = [f"{text(4)}一定金额{text(1)}", f"不一定{text(4)}", text(6), text(6)]         # not absolutes
    root = make_tree(tmp_path, {"quizzes/x.yml": bank("x", [single("x-1", [], "C", cue), single("x-2", [], "C", both),
                                                             single("x-3", [], "C", amount)])})
    assert found(root) == [("quizzes/x.yml", 5, "warning", "absolute-cue")]
    assert "(A: 一定; D: 从来)" in messages(root, "absolute-cue")[0]
    assert wiseness.absolutes_in("保证１００％到账，所有人都能，所有") == ["１００％", "所有"]


# settings -----------------------------------------------------------------------------------------

def test_settings_read_and_checked() -> None:
    s = settings_from_mapping({"longest_key_max": 30, "letter_key_max": 45.5, "judge_true_range": [25, 75],
                               "share_min_questions": 10})
    assert (s.longest_key_max, s.letter_key_max, s.judge_true_range, s.share_min_questions) == (30.0, 45.5, (25.0, 75.0), 10)
    assert Settings().judge_true_range == (30.0, 70.0) and Settings().share_min_questions == 8
    for bad, words in [({"longest_key_max": "35"}, "expected a number"), ({"letter_key_max": 140}, "at most 100"),
                       ({"judge_true_range": [70, 30]}, "low <= high"), ({"judge_true_range": 50}, "[low, high]"),
                       ({"judge_true_range": [10, True]}, "[low, high]"), ({"share_min_questions": 0}, "from 1"),
                       ({"share_min_questions": 8.5}, "whole number")]:
        with pytest.raises(SettingsError, match=re.escape(words)):
            settings_from_mapping(bad)


def test_cli_reads_the_thresholds_from_mkdocs_yml(tmp_path: Path) -> None:
    keys = "AAAABCDB"
    qs = [single(f"k-{k:02d}", [10, 10, 10, 10], key) for k, key in enumerate(keys)]
    root = make_tree(tmp_path, {"quizzes/k.yml": bank("k", qs)})
    run = lambda: subprocess.run([sys.executable, "-m", "build_tools.cli", "validate", "--root", str(root)],  # noqa: E731
                                 capture_output=True, text=True)
    assert "error key-letter-share" in run().stdout
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8")
                                     + "extra:\n  fanzha:\n    letter_key_max: 50\n", encoding="utf-8")
    assert "key-letter-share" not in run().stdout


def test_mkdocs_build_logs_the_same_warnings_with_positions_and_shows_sources(tmp_path: Path) -> None:
    """One build: the plugin logs the wiseness warnings at their lines; the clip page and the bank's
    practice page list their sources, escaped."""
    qs = [single("p-01", [10, 10, 10, 14], "D"), single("p-02", [10, 10, 10, 10], "B", [text(5), text(5), text(5), "以上都对"])]
    root = make_tree(tmp_path / "root", {
        "quizzes/p.yml": bank("p", qs).replace("questions:\n", "sources: [题库来源乙]\nquestions:\n"),
        "clips/shuadan-60s.md": CLIP.format(sources="sources: [\"讲稿来源<b>甲</b>\"]\n")})
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")], cwd=root,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr
    logged = [line for line in re.findall(r"^WARNING +- +fanzha: (.*)$", proc.stderr, re.M)
              if _LINE.match(line) and _LINE.match(line)["code"] in CODES]
    assert [(_LINE.match(x)["path"], int(_LINE.match(x)["line"]), _LINE.match(x)["code"]) for x in logged] == \
        [("quizzes/p.yml", 6, "longest-key"), ("quizzes/p.yml", 7, "all-of-above")]
    assert logged == list(messages(root, "longest-key") + messages(root, "all-of-above"))
    clip = (tmp_path / "site" / "clips" / "shuadan-60s" / "index.html").read_text(encoding="utf-8")
    quiz = (tmp_path / "site" / "quizzes" / "p" / "index.html").read_text(encoding="utf-8")
    assert "资料来源" in clip and "<li>讲稿来源&lt;b&gt;甲&lt;/b&gt;</li>" in clip
    assert "资料来源" in quiz and "<li>题库来源乙</li>" in quiz


# near-duplicate questions -----------------------------------------------------------------------

def near(root: Path) -> set[tuple[str, str]]:
    """(place, other place) of every near-duplicate warning, as 'file:line'."""
    loaded = load_root(root)
    out = set()
    for p in similar.near_check(Context(loaded, Settings())):
        other = re.search(r"\((quizzes/[^:]+:\d+):\d+\)", p.message)
        assert other, p.message
        out.add((f"{p.path.split('/')[-1]}:{p.line}", other.group(1).split("/")[-1]))
    return out


def test_the_three_known_pairs_of_the_default_banks_are_found() -> None:
    """The default banks as they were before their rewrite (a copy): the pairs issue 11 names."""
    pairs = near(FIXTURE)
    for a, b in [("touzi.yml:160", "shazhupan.yml:19"), ("kefu.yml:58", "xiaoyuandai.yml:131"),
                 ("kefu.yml:71", "gongjianfa.yml:40")]:
        assert (a, b) in pairs and (b, a) in pairs, (a, b)
    # every warning comes with its mirror, and only a few questions of the 270 are involved
    assert all((b, a) in pairs for a, b in pairs)
    assert len({a for a, _ in pairs}) < 50


def test_near_duplicates_in_a_small_tree_each_named_at_both_lines(tmp_path: Path) -> None:
    """A judge statement reworded; a choice question whose options are the other's, reworded; an
    unrelated question."""
    files = {
        "quizzes/one.yml": bank("one", [
            "{id: o-1, kind: judge, stem: 能从投资平台成功提现一小笔钱，说明这个平台是真实可靠的。, "
            "answer: 错, explanation: 小额提现是诱饵。}",
            "{id: o-2, kind: single, stem: 客服让你下载会议软件并开启屏幕共享，真实目的是什么？, "
            "options: [方便技术人员远程帮你修复账户故障, 录下操作过程作为关闭会员的凭证, "
            "偷看你的余额和验证码远程指挥你转账, 平台加密沟通保护隐私], "
            "answer: C, explanation: 共享屏幕会暴露验证码。}",
            f"{{id: o-3, kind: judge, stem: {text(14)}, answer: 对, explanation: {text(5)}}}"]),
        "quizzes/two.yml": bank("two", [
            "{id: t-1, kind: judge, stem: 在网友推荐的平台上先充小额又成功提现了一点钱，说明这个平台真实可靠。, "
            "answer: 错, explanation: 骗子故意喂甜头。}",
            "{id: t-2, kind: single, stem: 骗子让你打开屏幕共享，主要是为了什么？, "
            "options: [方便远程帮你修复手机故障, 录下屏幕作为注销凭证, 看到你的余额和收到的验证码掌控每一步操作, 节省双方的通话时间], "
            "answer: C, explanation: 屏幕共享让骗子看到一切。}"]),
    }
    root = make_tree(tmp_path, files)
    assert near(root) == {("one.yml:5", "two.yml:5"), ("two.yml:5", "one.yml:5"),
                          ("one.yml:6", "two.yml:6"), ("two.yml:6", "one.yml:6")}
    text_of = messages(root, "near-duplicate")
    assert "question 'o-1' tests the same point as 't-1' (quizzes/two.yml:5:10)" in text_of[0]


def test_alike_topics_with_different_answers_are_not_near_duplicates(tmp_path: Path) -> None:
    """Same template, different facts: one asks what to do, the other what a sign means."""
    files = {
        "quizzes/one.yml": bank("one", [
            "{id: o-1, kind: single, stem: 接到自称快递客服的电话说包裹丢了要理赔，应该怎么做？, "
            "options: [挂断后在购物平台官方渠道查询订单, 按对方发的链接填写银行卡号, 下载对方指定的会议软件, 先转一笔保证金], "
            "answer: A, explanation: 官方渠道核实。}"]),
        "quizzes/two.yml": bank("two", [
            "{id: t-1, kind: single, stem: 网友推荐的投资平台收益很高，下列哪项最能说明它是骗局？, "
            "options: [平台要求先交保证金才能提现, 网站界面做得比较简陋, 客服回复消息比较慢, 平台名称是英文], "
            "answer: A, explanation: 交钱才能提现是骗局。}"]),
    }
    assert near(make_tree(tmp_path, files)) == set()


def test_a_shared_prefix_and_latin_marker_do_not_make_near_duplicates(tmp_path: Path) -> None:
    files = {
        "quizzes/one.yml": bank("one", ["{id: o-1, kind: judge, stem: 期末考试用题：求职时被要求交保证金，交了以后公司一定会退。MARKERXYZ, "
                                        "answer: 错, explanation: 保证金是虚假招聘的常见名目。}"]),
        "quizzes/two.yml": bank("two", ["{id: t-1, kind: judge, stem: 期末考试用题：宿管可以通过个人微信收取住宿费。MARKERXYZ, "
                                        "answer: 错, explanation: 住宿费通过学校缴费平台收取。}"]),
    }
    assert near(make_tree(tmp_path, files)) == set()


def test_similar_stem_pairs_are_not_reported_twice(tmp_path: Path) -> None:
    stem = "网上兼职刷单需要先垫付货款，这是正常的工作流程"
    files = {"quizzes/one.yml": bank("one", [f"{{id: o-1, kind: judge, stem: {stem}。, answer: 错, explanation: 骗局。}}"]),
             "quizzes/two.yml": bank("two", [f"{{id: t-1, kind: judge, stem: {stem}！, answer: 错, explanation: 骗局。}}"])}
    root = make_tree(tmp_path, files)
    codes = [p.code for p in core.validate(root, Settings(), today=TODAY).problems]
    assert codes.count("similar-stem") == 1 and "near-duplicate" not in codes


# sources on banks and clips (issue 16) -----------------------------------------------------------

CLIP = ("---\nid: shuadan-60s\ntitle: 60秒看懂刷单\ntype: shuadan\nseconds: 10\n{sources}---\n"
        "兼职刷单先让你垫钱，后面说返你佣金，其实都是骗局，拿不准就打 96110 问一问。\n")
BANK = ("bank: shuadan\ntitle: 刷单返利\ntype: shuadan\n{sources}questions:\n"
        "  - {{id: s-1, kind: judge, stem: 刷单先垫钱是正常的。, answer: 错, explanation: 先垫钱的刷单都是诈骗。}}\n")


def test_banks_and_clips_take_sources_checked_like_cases(tmp_path: Path) -> None:
    good = make_tree(tmp_path / "good", {
        "clips/shuadan-60s.md": CLIP.format(sources="sources: [编写示例, \"公安部通报（mps.gov.cn/n1）\"]\n"),
        "quizzes/shuadan.yml": BANK.format(sources="sources: 公安部 2024 年 6 月公布的十大高发类型\n")})
    result = core.validate(good, Settings(), today=TODAY)
    assert [p for p in result.problems if p.code in ("unknown-key", "wrong-type")] == []
    assert result.kb.clips["shuadan-60s"].sources == ["编写示例", "公安部通报（mps.gov.cn/n1）"]
    assert result.kb.banks["shuadan"].sources == ["公安部 2024 年 6 月公布的十大高发类型"]
    none = make_tree(tmp_path / "none", {"clips/shuadan-60s.md": CLIP.format(sources=""),
                                         "quizzes/shuadan.yml": BANK.format(sources="")})
    result = core.validate(none, Settings(), today=TODAY)
    assert result.ok and result.kb.banks["shuadan"].sources == [] == result.kb.clips["shuadan-60s"].sources
    bad = make_tree(tmp_path / "bad", {"clips/shuadan-60s.md": CLIP.format(sources="sources: {a: 1}\n"),
                                       "quizzes/shuadan.yml": BANK.format(sources="sources: [来源, [嵌套]]\n")})
    errors = [str(p) for p in core.validate(bad, Settings(), today=TODAY).errors]
    assert errors == ["clips/shuadan-60s.md:6:10: error wrong-type sources: expected a list of text, found mapping",
                      "quizzes/shuadan.yml:4:10: error wrong-type sources: expected a list of text, found list"]

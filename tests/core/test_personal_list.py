"""The personal-data detector against a labelled list of strings, and end to end through `fanzha validate`.

Every number here is fictional; check digits (ID, Luhn) are computed below so the positives are
well-formed and the negatives fail only for the reason their label gives.
"""
from __future__ import annotations

from pathlib import Path

from build_tools.checks import personal

from ..conftest import fanzha
from .helpers import SHUADAN_BANK_HEAD, make_tree

_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def rid(first17: str) -> str:
    """A resident ID with its GB 11643 check character."""
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _W)) % 11]


def bad_rid(first17: str) -> str:
    good = rid(first17)
    return good[:17] + ("0" if good[17] != "0" else "1")


def card(body: str) -> str:
    """`body` plus the Luhn check digit."""
    for d in "0123456789":
        if personal.luhn_ok(body + d):
            return body + d
    raise AssertionError(body)


def bad_card(body: str) -> str:
    good = card(body)
    return good[:-1] + str((int(good[-1]) + 1) % 10)


ID1 = rid("11010519900307123")           # Beijing, born 1990-03-07
ID2 = rid("44030619851120456")           # Shenzhen, born 1985-11-20
ID_X = next(rid(f"33010620010101{n:03d}") for n in range(1000) if rid(f"33010620010101{n:03d}")[-1] == "X")
CARD16 = card("622202020011234")        # UnionPay, 16 digits
CARD19 = card("621700123456789012")     # UnionPay, 19 digits
VISA = card("411111111111111")
ORDER18 = card("20261203123456789")     # 18 digits, Luhn-valid, but no bank prefix and no valid ID
ORDER18_ID = ORDER18 if not personal.id_number_ok(ORDER18) else None
FW = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")

M, ID, C, NO = "mobile", "id", "card", None
CASES: list[tuple[str, str | None]] = [
    # mobiles
    ("13800138000", M), ("电话13800138000。", M), ("138-0013-8000", M), ("138 0013 8000", M),
    ("+8613800138000", M), ("+86 138 0013 8000", M), ("0086 13800138000", M), ("(+86)13800138000", M),
    ("１３８００１３８０００", M), ("１３８ ００１３ ８０００", M), ("１３８\u3000００１３\u3000８０００", M),
    ("138.0013.8000", M), ("138\u30000013\u30008000", M), ("&#49;3800138000", M), ("&#x31;&#x33;800138000", M),
    ("1\u200b3800\u200c138\u200d000", M), ("138\ufeff0013\u20608000", M), ("138－0013－8000", M),
    ("138–0013–8000", M), ("联系 139 1234 5678 咨询", M), ("199\u00a01234\u00a05678", M), ("138 0013\n8000", M),
    ("电话13800138000 3000元", M), ("1\u0663800138000", M),  # Arabic-Indic 3
    # resident IDs
    (ID1, ID), (ID2, ID), (ID_X, ID), (ID_X.lower(), ID), (ID_X.translate(FW), ID),
    (f"{ID1[:6]} {ID1[6:14]} {ID1[14:]}", ID), (f"{ID1[:6]}-{ID1[6:14]}-{ID1[14:]}", ID),
    (f"身份证号：{ID2}，", ID), (ID1.translate(FW), ID),
    # bank cards
    (CARD16, C), (CARD19, C), (VISA, C), (f"{CARD16[:4]} {CARD16[4:8]} {CARD16[8:12]} {CARD16[12:]}", C),
    (f"{CARD19[:6]} {CARD19[6:]}", C), (f"{CARD19[:4]}-{CARD19[4:8]}-{CARD19[8:12]}-{CARD19[12:16]}-{CARD19[16:]}", C),
    (f"卡号{CARD16.translate(FW)}", C),
    # not personal data
    ("110", NO), ("96110", NO), ("12381", NO), ("10086", NO), ("12345678901", NO), ("1380013800", NO),
    ("138001380001", NO), ("15000000000元", NO), ("15000000000.00元", NO), ("损失 15000000000 元", NO),
    ("¥15000000000", NO), ("DD13800138000", NO), ("13800138000abc", NO), ("订单号 DD13800138000", NO),
    (ORDER18_ID or "20261203", NO), ("订单号 " + (ORDER18_ID or "20261203"), NO), (bad_rid("11010519900307123"), NO),
    (rid("11010519901307123"), NO),       # month 13
    (rid("99010519900307123"), NO),       # no such region
    (rid("11010518000307123"), NO),       # born 1800
    (ID1[:17] + "A", NO), (ID1 + "5", NO), (bad_card("622202020011234"), NO), (card("123456789012345"), NO),
    (card("822202020011234"), NO), ("2026-12-03 13:00", NO), ("2026.12.03", NO), ("400-123-4567", NO),
    ("010-12345678", NO), ("第 1 2 3 题", NO), ("ISBN 978-7-111-12345-6", NO), ("QQ群 12345678", NO),
    ("共 1,380,013,800 人次", NO), ("电话 138****8000", NO), ("138xxxx8000", NO),
]


def _kind(what: str) -> str:
    return {"a mobile phone number": M, "a resident ID number": ID, "a bank card number": C}[what]


def test_labelled_list() -> None:
    assert len(CASES) >= 60
    assert ORDER18_ID is not None and personal.luhn_ok(ORDER18_ID)
    false_pos, false_neg = [], []
    for text, want in CASES:
        got = [_kind(what) for _, what, _ in personal.find(text)]
        if want is None and got:
            false_pos.append((text, got))
        elif want is not None and got != [want]:
            false_neg.append((text, want, got))
    print(f"{len(CASES)} strings: {len(false_pos)} false positives, {len(false_neg)} false negatives")
    for item in false_pos + false_neg:
        print("  ", item)
    assert (len(false_pos), len(false_neg)) == (0, 0)


def test_offsets_point_at_the_number() -> None:
    text = "甲\n乙 &#49;3800138000"
    assert [off for off, _, _ in personal.find(text)] == [text.index("&")]


BANK = SHUADAN_BANK_HEAD + """  - id: shuadan-001
    kind: judge
    stem: "有人自称客服，来电号码 \\u0031\\u0033\\x38 0013 8000，要求转账。"
    answer: false
    explanation: 正规客服不会要求转账。
  - id: shuadan-002
    kind: judge
    stem: 来电号码 139
      1234 5678 的人自称警察。
    answer: false
    explanation: 公安机关不会电话办案。
"""


def test_yaml_escaped_and_folded_mobile_in_a_quiz(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {"quizzes/shuadan.yml": BANK})
    proc = fanzha("validate", "--root", str(root))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    hits = [line for line in proc.stdout.splitlines() if "personal-data" in line]
    assert [h.split(": error")[0] for h in hits] == ["quizzes/shuadan.yml:7:11", "quizzes/shuadan.yml:12:16"], hits
    assert "138****8000" in hits[0] and "139****5678" in hits[1]


CAMPAIGN = """title: 反诈宣传月
month: 2026-11
activities:
  - date: 2026-11-02
    title: 启动仪式
    place: 学术报告厅
    owner: 保卫处（联系人电话 "138 0013 8000"）
  - date: 2026-11-03
    title: 咨询
    place: 图书馆
    owner: "\\u674e\\u8001\\u5e08 \\uff11\\uff13\\uff18\\u0030013\\u0038000"
"""


def test_phone_in_programme_campaign(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {"programme/campaign.yml": CAMPAIGN})
    proc = fanzha("validate", "--root", str(root))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    hits = [line for line in proc.stdout.splitlines() if "personal-data" in line]
    assert [h.split(":")[:2] for h in hits] == [["programme/campaign.yml", "7"], ["programme/campaign.yml", "11"]], \
        proc.stdout


def test_the_same_files_without_the_numbers_validate(tmp_path: Path) -> None:
    """So the exit status 1 above is the personal data's doing."""
    campaign = CAMPAIGN.replace('"138 0013 8000"', "见通知").replace(
        "\\uff11\\uff13\\uff18\\u0030013\\u0038000", "")
    bank = BANK.replace("\\u0031\\u0033\\x38 0013 8000", "未知").replace("139\n      1234 5678", "未知")
    root = make_tree(tmp_path, {"programme/campaign.yml": campaign, "quizzes/shuadan.yml": bank})
    proc = fanzha("validate", "--root", str(root))
    assert proc.returncode == 0, proc.stdout + proc.stderr

"""fanzha cards: share cards (PNG, 1080 × 1440) per case and per clip, with the time per card."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .. import core
from ..errors import UsageError
from ._common import outside_content, root_of, stop_on_errors, write_made

NAME = "cards"
HELP = "生成分享卡片（公众号、班级群）/ share cards: a PNG per case and clip with key points and a QR code"
ORDER = 43
EPILOG = """examples:
  fanzha cards                           every case and clip into ./cards
  fanzha cards shuadan-part-time --out 宣传/卡片 --timings
A card: the title, three 识别要点 (a case's "## 识别要点" section; a clip's case's, or the
first sentences of its script), the college's name and a QR code to the page (site_url).
The site build puts them at cards/<id>.png, linked from case and clip pages."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.epilog = EPILOG
    p.add_argument("ids", nargs="*", metavar="CASE_ID|CLIP_ID", help="案例或短片 id（默认全部）/ cases and clips (default: all)")
    p.add_argument("--out", metavar="DIR", default="cards", help="输出目录 / output folder (default: ./cards)")
    p.add_argument("--timings", action="store_true", help="每张卡片的用时 / the time each card took")


def run(args: argparse.Namespace) -> int:
    from ..cards import CardError, cards, draw
    from ..site import Site

    root = root_of(args)
    result = core.validate(root, programme=False)  # the programme files play no part here
    kb = result.kb
    unknown = [i for i in args.ids if i not in kb.cases and i not in kb.clips]
    if unknown:
        raise UsageError(f"no case or clip with id {', '.join(unknown)}")
    if stop_on_errors(result, "no cards were made"):
        return 1
    out = outside_content(root, args.out, result, "cards")
    wanted = set(args.ids)
    chosen = [c for c in cards(Site.of(result)) if not wanted or Path(c.path).stem in wanted]
    if not result.settings.site_url:
        print("fanzha: site_url is not set in mkdocs.yml: the cards have no QR code", file=sys.stderr)
    drawn: list[tuple[str, bytes, float]] = []
    try:
        for card in chosen:
            t = time.perf_counter()
            drawn.append((Path(card.path).name, draw(card), time.perf_counter() - t))
    except CardError as exc:
        print(f"fanzha: {exc}", file=sys.stderr)
        return 1
    write_made(out, args.out, drawn)
    if args.timings:
        for name, data, seconds in drawn:
            print(f"{seconds * 1000:7.0f} ms  {len(data) // 1024:5d} KB  {name}")
    total = sum(s for _, _, s in drawn)
    print(f"wrote {len(drawn)} card(s) into {out} in {total:.1f} s "
          f"({total / max(1, len(drawn)) * 1000:.0f} ms a card)", file=sys.stderr)
    return 0

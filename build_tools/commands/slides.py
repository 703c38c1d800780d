"""fanzha slides: PowerPoint decks for the classroom PC (one per clip, one 班会 deck per kit)."""
from __future__ import annotations

import argparse
import sys
import time

from .. import core
from ..errors import UsageError
from ..pdf import PdfBuildError
from ._common import outside_content, root_of, stop_on_errors, write_made

NAME = "slides"
HELP = ("生成 PPT 演示文稿（短片讲稿、班会）/ PowerPoint decks: one per 60-second clip, one per kit, "
        "for a classroom PC without network")
ORDER = 42
EPILOG = """examples:
  fanzha slides                          every clip and kit into ./slides
  fanzha slides shuadan-60s class-meeting --out U盘/课件
A clip deck: title, the script one paragraph a slide at 40 pt or more, the script in the
speaker notes, 110 / 96110 at the end. A kit deck: agenda, clip, cases, discussion, the quiz
(answer on the next slide), pledge. The site build puts them on clip and kit pages too."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.epilog = EPILOG
    p.add_argument("ids", nargs="*", metavar="CLIP_ID|KIT_ID", help="短片或材料包 id（默认全部）/ clips and kits (default: all)")
    p.add_argument("--out", metavar="DIR", default="slides", help="输出目录 / output folder (default: ./slides)")


def run(args: argparse.Namespace) -> int:
    from ..pdf.slides import clip_deck, kit_deck
    from ..site import Site

    root = root_of(args)
    result = core.validate(root, programme=False)  # the programme files play no part here
    kb = result.kb
    site = Site.of(result)
    unknown = [i for i in args.ids if i not in kb.clips and i not in kb.kits]
    if unknown:
        raise UsageError(f"no clip or kit with id {', '.join(unknown)}; clips: {', '.join(kb.clips) or 'none'}; "
                         f"kits: {', '.join(kb.kits) or 'none'}")
    if stop_on_errors(result, "no decks were made"):
        return 1
    out = outside_content(root, args.out, result, "decks")
    ids = args.ids or [*kb.clips, *kb.kits]
    decks: list[tuple[str, bytes, float]] = []
    try:
        for i in ids:
            t = time.perf_counter()
            data = clip_deck(site, kb.clips[i]) if i in kb.clips else kit_deck(site, kb.kits[i])
            decks.append((f"{i}.pptx", data, time.perf_counter() - t))
    except PdfBuildError as exc:  # a kit quiz that cannot be drawn
        print(f"fanzha: {exc}", file=sys.stderr)
        return 1
    write_made(out, args.out, decks)
    total = sum(s for _, _, s in decks)
    print(f"wrote {len(decks)} deck(s) into {out} in {total:.1f} s "
          f"({total / max(1, len(decks)) * 1000:.0f} ms a deck)", file=sys.stderr)
    return 0

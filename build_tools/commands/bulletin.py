"""fanzha bulletin: one month's anonymised, protected bulletin from the incident log (月通报)."""
from __future__ import annotations

import argparse

from ..errors import UsageError
from ..load import programme as sources
from ..load.programme.inputs import BadValue, parse_month
from ..programme import bulletin, render
from ..programme.output import is_inside
from ._common import root_of
from ._programme import add_out, knowledge_base, out_dir, run_safely, site_dir

NAME = "bulletin"
HELP = "月通报：由接报登记生成某月通报（PDF、Markdown、SVG 图）/ a month's bulletin from programme/incidents.csv"
ORDER = 61


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--month", metavar="YYYY-MM", help="月份，如 2026-10 / the month (default: the log's latest)")
    p.add_argument("--incidents", metavar="FILE",
                   help="接报登记 / incident log (default: ROOT/programme/incidents.csv)")
    p.add_argument("--classes", metavar="FILE",
                   help="班级名单，列出全部学院 / class roster (default: ROOT/programme/classes.csv, if any)")
    add_out(p, "bulletin")


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    result = knowledge_base(root)
    out = out_dir(root, args, "bulletin")
    if is_inside(out, site_dir(root, result.settings)) and not result.settings.publish_bulletin:
        raise UsageError(f"--out {out}: is inside the public site; the bulletin stays outside it unless "
                         "mkdocs.yml sets extra.fanzha.publish_bulletin: true")
    month = _month(args.month)
    log = sources.input_file(root, sources.INCIDENTS, args.incidents)
    roster = sources.input_file(root, sources.CLASSES, args.classes)

    def make() -> dict[str, bytes]:
        incidents = sources.incidents(log, result.kb)
        year, mon = month or bulletin.latest_month(incidents) or (0, 0)
        if not year:
            raise UsageError(f"{log.rel}: no incidents; give --month YYYY-MM")
        b = bulletin.build(incidents, year, mon, result.kb, result.settings,
                           sources.roster_colleges(roster), result.settings.use_directory_urls)
        svg = render.render("chart.svg", chart=b.chart)
        md = render.render("bulletin.md.j2", b=b, chart_src=f"bulletin-{b.slug}.svg")
        pdf = render.pdf(render.render("bulletin.html", b=b, chart_svg=svg, settings=result.settings),
                         f"bulletin-{b.slug}.pdf")
        return {f"bulletin-{b.slug}.md": md.encode("utf-8"), f"bulletin-{b.slug}.svg": svg.encode("utf-8"),
                f"bulletin-{b.slug}.pdf": pdf.data}

    return run_safely(make, out)


def _month(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        return parse_month(text)
    except BadValue as exc:
        raise UsageError(f"--month: {exc}") from None

"""fanzha campaign: check the campaign month plan and print it (反诈宣传月)."""
from __future__ import annotations

import argparse

from ..load import programme as sources
from ..load.programme.campaign import WEEKDAYS
from ..programme import render
from ._programme import add_out, out_dir, run_safely, start

NAME = "campaign"
HELP = "反诈宣传月：校验活动计划并生成打印版 PDF（网站页面由 build 生成）/ check programme/campaign.yml, print it"
ORDER = 63


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--plan", metavar="FILE", help="活动计划 / campaign plan (default: ROOT/programme/campaign.yml)")
    add_out(p, "campaign")


def run(args: argparse.Namespace) -> int:
    root, result, inp = start(args, sources.CAMPAIGN, args.plan)

    def make() -> dict[str, bytes]:
        plan = sources.campaign(inp)
        for a in plan.activities:
            span = f"{a.start}" + (f"—{a.end}" if a.days > 1 else "")
            print(f"{span}\t{a.time}\t{a.title}\t{a.place}\t{a.owner}")
        html = render.render("campaign.html", c=plan, weekdays=WEEKDAYS, settings=result.settings)
        return {"campaign.pdf": render.pdf(html, "campaign.pdf").data}

    return run_safely(make, out_dir(root, args, "campaign"))

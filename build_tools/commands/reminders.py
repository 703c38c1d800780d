"""fanzha reminders: one paste-ready reminder a week from the calendar (周提醒)."""
from __future__ import annotations

import argparse
import sys

from ..load import programme as sources
from ..programme import reminders
from ._programme import add_out, out_dir, run_safely, start

NAME = "reminders"
HELP = "周提醒：按校历生成每周反诈提醒（CSV、.ics）/ weekly reminders from programme/calendar.yml"
ORDER = 60


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--calendar", metavar="FILE", help="校历文件 / calendar file (default: ROOT/programme/calendar.yml)")
    add_out(p, "reminders")
    p.add_argument("--quiet", action="store_true", help="不在屏幕上列出提醒 / do not print the reminders")


def run(args: argparse.Namespace) -> int:
    root, result, inp = start(args, sources.CALENDAR, args.calendar)

    def make() -> dict[str, bytes]:
        cal, plan = sources.reminder_plan(inp, result.kb, result.settings, result.settings.use_directory_urls)
        for semester, missing in plan.uncovered.items():
            print(f"fanzha: note: {semester} has fewer weeks than fraud types; not reminded that semester "
                  f"(the next one reminds them first): {', '.join(missing)}", file=sys.stderr)
        for type_id in plan.never:
            print(f"fanzha: warning: no semester of the calendar reminds of {type_id}", file=sys.stderr)
        if not args.quiet:
            for r in plan.reminders:
                print(f"{r.semester}\t第{r.week}周\t{r.date}\t{r.text}")
        return {"reminders.csv": reminders.to_csv(plan.reminders),
                "reminders.ics": reminders.to_ics(plan.reminders, cal, result.settings)}

    return run_safely(make, out_dir(root, args, "reminders"))

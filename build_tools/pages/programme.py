"""Site pages for running the programme (issue 7), added to the site by pages.generate().

- programme/reminders/ — the weekly reminders for counsellors, a copy button
  each, with reminders.csv and reminders.ics beside the page;
- programme/campaign/ — the campaign month as a calendar and a printable list;
- programme/bulletins/ — monthly bulletins, only when settings.publish_bulletin
  is true (aggregated and protected by programme/privacy.py; the incident log
  itself never reaches the site).

The inputs were checked by `validate` (programme/check.py) before this runs.
A missing calendar or plan still gives its page, saying how to add one, so the
links in docs/programme.md always resolve.
"""
from __future__ import annotations

import yaml
from markupsafe import escape

from ..core import Result
from ..programme import bulletin, render, reminders, sources
from ..programme.campaign import WEEKDAYS
from .urls import SiteUrls

SECTION = "programme"
ASSETS = "assets/fanzha/programme/"   # build_tools/assets/programme/, served by pages.asset_files()
REMINDERS = f"{SECTION}/reminders/index.md"
CAMPAIGN = f"{SECTION}/campaign/index.md"
BULLETINS = f"{SECTION}/bulletins/index.md"


def generate(result: Result, urls: SiteUrls) -> dict[str, str]:
    """src_uri → content of every programme page and file."""
    out: dict[str, str] = {}
    out.update(_reminders(result, urls))
    out.update(_campaign(result, urls))
    if result.settings.publish_bulletin:
        out.update(_bulletins(result))
    return out


def _page(urls: SiteUrls, src: str, template: str, title: str, **context: object) -> str:
    body = render.render(template, title=title, css=urls.rel(src, ASSETS + "programme.css"),
                         js=urls.rel(src, ASSETS + "programme.js"), **context)
    return front_matter(title) + body


def front_matter(title: str) -> str:
    """YAML front matter with the title HTML-escaped (themes print page titles unescaped)."""
    return "---\n" + yaml.safe_dump({"title": str(escape(title))}, allow_unicode=True) + "---\n\n"


def _reminders(result: Result, urls: SiteUrls) -> dict[str, str]:
    inp = sources.input_file(result.root, sources.CALENDAR)
    if not inp.exists:
        return {REMINDERS: _page(urls, REMINDERS, "site/reminders.md", "每周反诈提醒", semesters=[],
                                 settings=result.settings, rel=inp.rel, max_chars=reminders.MAX_CHARS)}
    cal, plan = sources.reminder_plan(inp, result.kb, result.settings, urls.directory_urls)
    semesters = [(s, [r for r in plan.reminders if r.semester == s.name]) for s in cal.semesters]
    folder = REMINDERS.rsplit("/", 1)[0]
    return {
        REMINDERS: _page(urls, REMINDERS, "site/reminders.md", "每周反诈提醒", semesters=semesters,
                         settings=result.settings, rel=inp.rel, max_chars=reminders.MAX_CHARS,
                         weekdays=WEEKDAYS),
        f"{folder}/reminders.csv": reminders.to_csv(plan.reminders).decode("utf-8"),
        f"{folder}/reminders.ics": reminders.to_ics(plan.reminders, cal, result.settings).decode("utf-8"),
    }


def _campaign(result: Result, urls: SiteUrls) -> dict[str, str]:
    inp = sources.input_file(result.root, sources.CAMPAIGN)
    plan = sources.campaign(inp) if inp.exists else None
    title = plan.title if plan else "反诈宣传月"
    return {CAMPAIGN: _page(urls, CAMPAIGN, "site/campaign.md", title, c=plan, weekdays=WEEKDAYS,
                            settings=result.settings, rel=inp.rel)}


def _bulletins(result: Result) -> dict[str, str]:
    """Every month of the log, protected; only aggregates are published."""
    inp = sources.input_file(result.root, sources.INCIDENTS)
    incidents = sources.incidents(inp, result.kb) if inp.exists else []
    colleges = sources.roster_colleges(sources.input_file(result.root, sources.CLASSES))
    months = sorted({i.month for i in incidents}, reverse=True)
    out: dict[str, str] = {}
    built = []
    for year, month in months:
        b = bulletin.build(incidents, year, month, result.kb, result.settings, colleges)
        folder = f"{SECTION}/bulletins/{b.slug}"
        out[f"{folder}/chart.svg"] = render.render("chart.svg", chart=b.chart)
        out[f"{folder}/index.md"] = (front_matter(f"反诈月通报（{b.label}）")
                                     + render.render("bulletin.md.j2", b=b, chart_src="chart.svg"))
        built.append(b)
    out[BULLETINS] = front_matter("反诈月通报") + render.render("site/bulletins.md", bulletins=built,
                                                             settings=result.settings)
    return out

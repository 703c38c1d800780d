"""Site pages for running the programme (issue 7), added to the site by pages.generate().

- programme/reminders/ — the weekly reminders for counsellors, a copy button
  each, with reminders.csv and reminders.ics beside the page;
- programme/campaign/ — the campaign month as a calendar and a printable list;
- programme/bulletins/ — monthly bulletins, only when settings.publish_bulletin
  is true (aggregated and protected by programme/privacy.py; the incident log
  itself never reaches the site).

The pages render from the programme as `core.validate` read it with the content
(`kb.programme`, load/programme), never from disk; its problems stopped the build before
this runs (checks/programme.py). A missing calendar or plan still gives its page,
saying how to add one, so the links in docs/programme.md always resolve.
"""
from __future__ import annotations

from typing import Any

import yaml
from markupsafe import escape

from ..load.programme import CALENDAR, Programme, checked_plan
from ..load.programme import CAMPAIGN as CAMPAIGN_FILE
from ..load.programme.campaign import WEEKDAYS
from ..load.programme.plan import MAX_CHARS
from ..programme import bulletin, reminders, render
from .urls import SiteUrls

SECTION = "programme"
ASSETS = "assets/fanzha/programme/"   # build_tools/assets/programme/, served by pages.asset_files()
REMINDERS = f"{SECTION}/reminders/index.md"
CAMPAIGN = f"{SECTION}/campaign/index.md"
BULLETINS = f"{SECTION}/bulletins/index.md"


def generate(site: Any, urls: SiteUrls) -> dict[str, str]:
    """src_uri → content of every programme page and file; `site` has kb (with the programme read by
    core.validate) and settings (a renderer's Site, or core's Result)."""
    programme = site.kb.programme if site.kb.programme is not None else Programme()
    out: dict[str, str] = {}
    out.update(_reminders(site, programme, urls))
    out.update(_campaign(site, programme, urls))
    if site.settings.publish_bulletin:
        out.update(_bulletins(site, programme))
    return out


def _page(urls: SiteUrls, src: str, template: str, title: str, **context: object) -> str:
    body = render.render(template, title=title, css=urls.rel(src, ASSETS + "programme.css"),
                         js=urls.rel(src, ASSETS + "programme.js"), **context)
    return front_matter(title) + body


def front_matter(title: str) -> str:
    """YAML front matter with the title HTML-escaped (themes print page titles unescaped)."""
    return "---\n" + yaml.safe_dump({"title": str(escape(title))}, allow_unicode=True) + "---\n\n"


def _reminders(site: Any, programme: Programme, urls: SiteUrls) -> dict[str, str]:
    rel, cal = programme.rel(CALENDAR), programme.calendar
    if cal is None:
        return {REMINDERS: _page(urls, REMINDERS, "site/reminders.md", "每周反诈提醒", semesters=[],
                                 settings=site.settings, rel=rel, max_chars=MAX_CHARS)}
    plan = checked_plan(cal, site.kb, site.settings, urls.directory_urls)
    semesters = [(s, [r for r in plan.reminders if r.semester == s.name]) for s in cal.semesters]
    folder = REMINDERS.rsplit("/", 1)[0]
    return {
        REMINDERS: _page(urls, REMINDERS, "site/reminders.md", "每周反诈提醒", semesters=semesters,
                         settings=site.settings, rel=rel, max_chars=MAX_CHARS, weekdays=WEEKDAYS),
        f"{folder}/reminders.csv": reminders.to_csv(plan.reminders).decode("utf-8"),
        f"{folder}/reminders.ics": reminders.to_ics(plan.reminders, cal, site.settings).decode("utf-8"),
    }


def _campaign(site: Any, programme: Programme, urls: SiteUrls) -> dict[str, str]:
    plan = programme.campaign
    title = plan.title if plan else "反诈宣传月"
    return {CAMPAIGN: _page(urls, CAMPAIGN, "site/campaign.md", title, c=plan, weekdays=WEEKDAYS,
                            settings=site.settings, rel=programme.rel(CAMPAIGN_FILE))}


def _bulletins(site: Any, programme: Programme) -> dict[str, str]:
    """Every month of the log, protected; only aggregates are published."""
    incidents = programme.incidents
    months = sorted({i.month for i in incidents}, reverse=True)
    out: dict[str, str] = {}
    built = []
    for year, month in months:
        b = bulletin.build(incidents, year, month, site.kb, site.settings, programme.colleges)
        folder = f"{SECTION}/bulletins/{b.slug}"
        out[f"{folder}/chart.svg"] = render.render("chart.svg", chart=b.chart)
        out[f"{folder}/index.md"] = (front_matter(f"反诈月通报（{b.label}）")
                                     + render.render("bulletin.md.j2", b=b, chart_src="chart.svg"))
        built.append(b)
    out[BULLETINS] = front_matter("反诈月通报") + render.render("site/bulletins.md", bulletins=built,
                                                             settings=site.settings)
    return out

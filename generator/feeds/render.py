"""Pages of posting activity: the weekly monitoring page, its archive, and agency sections.

Everything untrusted (titles, summaries, links from feeds) reaches HTML only through Jinja2
autoescaping; links were checked to be http(s) when stored and read, and leave the site with
``rel="noopener nofollow"``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from markupsafe import Markup

from generator.feeds.activity import (
    ACTIVITY_HELP,
    ACTIVITY_LABELS,
    DORMANT_DAYS,
    QUIET_DAYS,
    Activity,
    AgencyActivity,
    Status,
    Week,
    WeekRow,
    WeekRows,
    week_id,
)
from generator.registry.coverage import LevelCoverage
from generator.registry.models import Directory
from generator.site.blocks import MONTHS
from generator.site.charts import bar_chart
from generator.site.pages import PageRef, Renderer, date_id, has_own_page

TZ_NAMES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def short_date(day: dt.date) -> str:
    return f"{day.day}/{day.month}"


# A week page names at most this many agencies per list: at province scale every monitored
# agency on each of 52 pages made each page megabytes. The counts stay complete; each agency's
# own page has its weekly series.
WEEK_LIST_MAX = 100


def _shown_rows(week: Week) -> dict[str, list[WeekRow]]:
    """The rows a week page lists: the most active, and the silent that posted the week before."""
    silent = week.silent
    if len(silent) > WEEK_LIST_MAX:
        # week.silent is in name order, which a stable sort keeps among equal counts: the
        # same order as sorting on (-previous, name) without folding 9,000 names per week.
        if isinstance(silent, WeekRows):
            shown = silent.previous_first(WEEK_LIST_MAX)
        else:
            shown = sorted(silent, key=lambda r: -r.previous)[:WEEK_LIST_MAX]
        shown = sorted(shown, key=lambda r: r.agency.name.casefold())
    else:
        shown = list(silent)
    return {"ranked": list(week.ranked[:WEEK_LIST_MAX]), "silent": shown}


def week_span(start: dt.date) -> str:
    """'9–15 November 2026' or '28 Desember 2026 – 3 Januari 2027'."""
    end = start + dt.timedelta(days=6)
    if start.year != end.year:
        return f"{date_id(start)} – {date_id(end)}"
    if start.month != end.month:
        return f"{start.day} {MONTHS[start.month - 1]} – {date_id(end)}"
    return f"{start.day}–{date_id(end)}"


def _series_chart(chart_id: str, who: str, activity: Activity, weekly: list[int]) -> Markup:
    labels = [short_date(d) for d in activity.series_weeks]
    first, last = activity.series_weeks[0], activity.series_weeks[-1]
    total = sum(weekly)
    return bar_chart(
        chart_id,
        f"Unggahan per minggu, {who}",
        f"Jumlah unggahan per minggu (Senin–Minggu) selama {len(weekly)} minggu, "
        f"{week_span(first)} sampai {week_span(last)}: total {total}, "
        f"terbanyak {max(weekly, default=0)} dalam seminggu.",
        labels,
        weekly,
        unit="unggahan; label = tanggal Senin",
    )


def _agency_section(renderer: Renderer, activity: Activity, a: AgencyActivity) -> Markup | None:
    villages = [
        activity.agencies[v.id]
        for v in renderer.villages(a.agency)
        if activity.agencies[v.id].monitored or activity.agencies[v.id].accounts
    ]
    if not a.accounts and not villages:
        return None
    chart = None
    if a.stats.posts_90 or any(a.stats.weekly):
        chart = _series_chart(f"akt-{a.agency.id}", a.agency.name, activity, a.stats.weekly)
    html = renderer.env.get_template("pantauan/agency.html.j2").render(
        a=a,
        activity=activity,
        chart=chart,
        villages=villages,
        themes=[(t, a.themes.get(t.id, 0)) for t in renderer.d.region.themes],
        labels=ACTIVITY_LABELS,
        week_span=week_span,
        short_date=short_date,
        root="../../",
    )
    return Markup(html)


def last_read(activity: Activity, zone: str) -> dt.date | None:
    """The local date of the latest successful read of any monitored feed (the ``ok`` of the
    fetch status), or None when no feed was ever read (a history imported from CSV)."""
    from zoneinfo import ZoneInfo

    local = ZoneInfo(zone)
    latest: dt.date | None = None
    for a in activity.agencies.values():
        for account in a.accounts:
            stamp = account.current_feed.get("ok")  # as the activity and feeds.csv read it
            if not isinstance(stamp, str):
                continue
            try:
                when = dt.datetime.fromisoformat(stamp)
                day = when.astimezone(local).date() if when.tzinfo is not None else None
            except (ValueError, OverflowError):  # year 1 or 9999 cannot move zones
                continue
            # A read after the reference date is no read a page of that date can claim.
            if day is not None and day <= activity.today and (latest is None or day > latest):
                latest = day
    return latest


def render_activity(
    renderer: Renderer,
    directory: Directory,
    activity: Activity,
    coverage: Iterable[LevelCoverage] = (),
) -> None:
    """Write the monitoring pages and add the activity section to every agency page.
    ``coverage``: the coverage page's levels, whose denominators (the official counts where
    known) the per-level "posting in 30 days" shares use too."""
    context = dict(
        activity=activity,
        coverage={c.level: c for c in coverage},
        labels=ACTIVITY_LABELS,
        helps=ACTIVITY_HELP,
        Status=Status,
        week_span=week_span,
        short_date=short_date,
        week_id=week_id,
        tz_name=TZ_NAMES.get(directory.region.timezone, directory.region.timezone),
        quiet_days=QUIET_DAYS,
        dormant_days=DORMANT_DAYS,
        # A week that ends on or after the day the feeds were last read is not complete (a
        # read at 06:00 misses that day's later posts): the page says so rather than show its
        # missing posts as silence.
        last_read=last_read(activity, directory.region.timezone),
    )
    archive = activity.archive()
    weeks = activity.weeks()
    memo = renderer.memo

    def week_of(start: dt.date) -> Week:
        week = weeks(start)
        if memo is not None:  # a function of the activity: named after it, not pickled
            memo.name_after(week, activity, ("week", start))
        return week

    def shown(week: Week) -> dict[str, list[WeekRow]]:
        rows = _shown_rows(week)
        if memo is not None:
            memo.name_after(rows, week, "shown")
        return rows

    last = week_of(activity.last_week)
    region_chart = (
        _series_chart("akt-daerah", directory.region.name, activity, activity.total.weekly)
        if activity.has_history
        else None
    )
    renderer.page(
        PageRef("pantauan/index.md", "pantauan/"),
        "pantauan/week.html.j2",
        "Pantauan mingguan",
        f"Unggahan akun resmi setiap instansi di {directory.region.name} per minggu: peringkat, "
        "instansi yang diam, dan perubahan dari minggu sebelumnya.",
        week=last,
        shown=shown(last),
        index=True,
        archive=archive,
        chart=region_chart,
        **context,
    )
    for i, start in enumerate(archive):
        week = last if start == last.start else week_of(start)  # each week built once
        # A week page links to its neighbours, not to every week: the pages stay linear in
        # the number of weeks (the full list is on pantauan/ only).
        newer = archive[i - 1] if i else None
        older = archive[i + 1] if i + 1 < len(archive) else None
        renderer.page(
            PageRef(f"pantauan/{week.id}.md", f"pantauan/{week.id}/"),
            "pantauan/week.html.j2",
            f"Pantauan minggu {week_span(start)}",
            f"Unggahan akun resmi instansi di {directory.region.name}, {week_span(start)}.",
            bulk=True,
            week=week,
            shown=shown(week),
            index=False,
            archive=None,
            newer=newer,
            older=older,
            chart=None,
            **context,
        )
    if not activity.has_history:
        return  # agency pages say nothing rather than "0 posts" everywhere
    for agency in directory.agencies.values():
        if not has_own_page(agency):
            continue
        section = _agency_section(renderer, activity, activity.agencies[agency.id])
        if section is not None:
            renderer.agency_sections.setdefault(agency.id, []).append(section)

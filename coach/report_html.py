"""The visit summary as ONE self-contained HTML file: inline CSS, inline SVG, no scripts.

Nothing is fetched when the file is opened (no external fonts, images, styles or scripts), so it
can be mailed, archived or printed offline. Every piece of text goes through ``html.escape``.
Printing: ``@page`` asks for A4 with 15 mm margins; the content is at most 180 mm wide, so it
fits US Letter (216 mm - 2 x 15 mm = 186 mm) as well. Charts carry their meaning in words too
(titles, labelled target lines, the tables beside them), never by colour alone.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import date

from coach import report as r
from coach import trends
from coach.models import DXA_SITES

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  font: 10.5pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: #111; background: #fff; max-width: 180mm; margin: 0 auto; padding: 8mm 5mm;
}
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; padding-bottom: 1mm; border-bottom: 1px solid #888;
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; break-after: avoid; page-break-after: avoid; }
p { margin: 1mm 0; }
ul { margin: 1mm 0; padding-left: 6mm; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 4mm; margin: 0; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 9pt; }
th, td { border: 1px solid #aaa; padding: 0.8mm 1.5mm; text-align: left; vertical-align: top; }
thead th { background: #eee; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.fixed { table-layout: fixed; font-size: 8pt; }
table.fixed th { white-space: normal; overflow-wrap: break-word; }
table.fixed td { overflow-wrap: break-word; }
tr { break-inside: avoid; page-break-inside: avoid; }
figure { margin: 2mm 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 9pt; color: #333; }
svg.chart { display: block; width: 100%; max-width: 180mm; height: auto; }
svg.chart text { font: 11px system-ui, sans-serif; fill: #111; }
.verdict { font-weight: 600; }
.muted { color: #444; }
footer { margin-top: 4mm; padding-top: 2mm; border-top: 1px solid #888; font-size: 9pt;
         break-before: avoid; page-break-before: avoid; }
.closing { break-inside: avoid; page-break-inside: avoid; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  thead { display: table-header-group; }
}
"""

# The week table has 9 columns: a fixed layout in these shares of the width keeps it inside the
# printable width of A4 and Letter (a long date column, the figures narrower; headers wrap).
WEEK_COLUMN_PERCENT = (15, 11, 10, 10, 13, 10, 11, 10, 10)
NUTRIENT_COLUMN_PERCENT = (24, 16, 12, 15, 15, 18)

# Chart geometry (SVG user units; the SVG scales to the page width).
W, H = 640, 210
LEFT, RIGHT, TOP, BOTTOM = 40, 150, 12, 34


def esc(text: object) -> str:
    """HTML-escaped, with control characters shown as � (coach.textsafe)."""
    from coach.textsafe import printable

    return html.escape(printable(str(text)), quote=True)


def _table(
    head: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric: Sequence[int] = (),
    *,
    widths: Sequence[int] = (),
    cls: str = "",
) -> str:
    """A table; ``widths`` (percent per column) fix the layout so it never outgrows the page."""

    def cell(tag: str, i: int, text: str) -> str:
        cls = ' class="n"' if i in numeric else ""
        return f"<{tag}{cls}>{esc(text)}</{tag}>"

    out = [f'<table class="{cls}">' if cls else "<table>"]
    if widths:
        out.append(
            "<colgroup>" + "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup>"
        )
    out.append("<thead><tr>")
    out += [cell("th", i, h) for i, h in enumerate(head)]
    out += ["</tr></thead>", "<tbody>"]
    for row in rows:
        out.append("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def _p(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{esc(text)}</p>"


def _ul(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


# --------------------------------------------------------------------------- charts


def _x(i: int, n: int) -> float:
    """Centre of week ``i``'s slot: the plot area split into ``n`` equal slots."""
    return LEFT + (W - LEFT - RIGHT) * (i + 0.5) / max(n, 1)


def _y(value: float, top: float) -> float:
    return TOP + (H - TOP - BOTTOM) * (1 - value / top)


def _axes(starts: Sequence[date], top: float, ticks: Sequence[float]) -> list[str]:
    out = []
    for t in ticks:
        y = _y(t, top)
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{W - RIGHT}" y2="{y:.1f}" '
            'stroke="#ddd" stroke-width="1"/>'
        )
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{t:g}</text>')
    if starts:
        base = H - BOTTOM + 16
        out.append(f'<text x="{LEFT}" y="{base}">{esc(trends.short_date(starts[0]))}</text>')
        if len(starts) > 1:
            out.append(
                f'<text x="{W - RIGHT}" y="{base}" text-anchor="end">'
                f"{esc(trends.short_date(starts[-1]))}</text>"
            )
        out.append(
            f'<text x="{(LEFT + W - RIGHT) / 2:.0f}" y="{base + 14}" text-anchor="middle">'
            "week starting (Monday)</text>"
        )
    return out


def _reference(value: float, top: float, label: str, dash: str) -> list[str]:
    y = _y(value, top)
    return [
        f'<line x1="{LEFT}" y1="{y:.1f}" x2="{W - RIGHT}" y2="{y:.1f}" stroke="#111" '
        f'stroke-width="1.2" stroke-dasharray="{dash}"/>',
        f'<text x="{W - RIGHT + 6}" y="{y + 4:.1f}">{esc(label)}</text>',
    ]


def _svg(title: str, desc: str, body: list[str]) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-label="{esc(title)}">'
        f"<title>{esc(title)}</title><desc>{esc(desc)}</desc>" + "".join(body) + "</svg>"
    )


def pain_chart(rows: Sequence[r.WeekRow]) -> str:
    """Weekly mean worst joint pain (0-10) as a line; gaps stay gaps; 4 and 7 labelled."""
    top = 10.0
    n = len(rows)
    body = _axes([row.start for row in rows], top, (0, 2, 4, 6, 8, 10))
    body += _reference(trends.PAIN_RAISE_LEVEL, top, "4: raise with care team", "6 4")
    body += _reference(r.FLARE_PAIN, top, "7: severe (flare)", "2 3")
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, row in enumerate(rows):
        if row.pain_mean is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        x, y = _x(i, n), _y(row.pain_mean, top)
        segment.append(f"{x:.1f},{y:.1f}")
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="#111"/>')
    if segment:
        segments.append(segment)
    for seg in segments:
        body.append(
            f'<polyline points="{" ".join(seg)}" fill="none" stroke="#111" stroke-width="1.6"/>'
        )
    values = [row.pain_mean for row in rows if row.pain_mean is not None]
    desc = (
        f"{len(values)} weeks with scores; weekly means from {min(values):.1f} to "
        f"{max(values):.1f}."
        if values
        else "No scores recorded."
    )
    return _svg("Weekly mean worst joint pain, 0-10", desc, body)


def exercise_chart(rows: Sequence[r.WeekRow]) -> str:
    """Weekly aerobic minutes as bars against the 150 min/week target; clipped weeks lighter."""
    target = trends.AEROBIC_TARGET_MIN_PER_WEEK
    values = [row.aerobic_min for row in rows if row.aerobic_min is not None]
    top = max([target * 1.25, *values]) if values else target * 1.25
    top = float(int((top + 49) // 50 * 50))
    step = 50 if top <= 300 else 100
    ticks = [float(t) for t in range(0, int(top) + 1, step)]
    n = len(rows)
    body = _axes([row.start for row in rows], top, ticks)
    width = max(2.0, min(40.0, (W - LEFT - RIGHT) / max(n, 1) * 0.7))
    for i, row in enumerate(rows):
        if row.aerobic_min is None:
            continue
        x = _x(i, n) - width / 2
        y = _y(row.aerobic_min, top)
        opacity = "1" if row.span == 7 else "0.4"
        body.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
            f'height="{_y(0, top) - y:.1f}" fill="#777" fill-opacity="{opacity}" '
            'stroke="#111" stroke-width="0.6"/>'
        )
    body += _reference(target, top, f"{target} min/week target", "6 4")
    desc = (
        f"{len(values)} weeks with minutes; from {min(values):.0f} to {max(values):.0f} "
        f"minutes a week; target {target}."
        if values
        else "No exercise recorded."
    )
    return _svg("Weekly weight-bearing aerobic minutes", desc, body)


# --------------------------------------------------------------------------- page


def _section(section_id: str, title: str, parts: Iterable[str]) -> str:
    return (
        f'<section id="{section_id}">\n<h2>{esc(title)}</h2>\n' + "\n".join(parts) + "\n</section>"
    )


def render(report: r.Report) -> str:
    """The whole page (called by ``coach.report.render_html``)."""
    h = report.header
    sections: list[str] = []

    meta = "".join(
        f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>" for label, value in r.title_lines(report)
    )
    flags = _ul(report.attention) if report.attention else _p("Nothing flagged.")
    sections.append(_section("attention", "Needs attention", [flags]))
    sections.append(_section("checkins", "Check-ins", [_p(r.coverage_text(report))]))
    sections.append(
        _section("adherence", "Aromatase inhibitor taken", [_ul(r.tablet_text(report))])
    )

    pain_parts = [_p(line) for line in r.pain_text(report)]
    if any(row.pain_mean is not None for row in report.weeks):
        pain_parts.append(
            "<figure>"
            + pain_chart(report.weeks)
            + "<figcaption>Weekly mean worst joint pain (0-10). Dashed line: 4, worth raising "
            "with the care team; dotted line: 7, severe. Gaps are weeks without scores."
            "</figcaption></figure>"
        )
    pain_parts.append(_p(r.flare_intro()))
    if report.flares:
        pain_parts.append(
            _table(
                r.FLARE_HEADER,
                r.flare_rows(report),
                numeric=(2, 3, 4),
            )
        )
    else:
        pain_parts.append(_p("None in this period."))
    sections.append(_section("pain", "Joint pain", pain_parts))

    if report.has_checkins:
        week_table = _table(
            r.WEEK_HEADER,
            r.week_rows(report),
            numeric=(1, 2, 3, 4, 5, 6, 7, 8),
            widths=WEEK_COLUMN_PERCENT,
            cls="fixed",
        )
    else:
        week_table = _p("No check-ins in this period.")
    sections.append(_section("weeks", "Week by week", [week_table]))

    exercise_parts = [_p(r.exercise_text(report))]
    if any(row.aerobic_min is not None for row in report.weeks):
        exercise_parts.append(
            "<figure>"
            + exercise_chart(report.weeks)
            + "<figcaption>Weekly weight-bearing aerobic minutes against the 150 minutes a week "
            "target (dashed). Lighter bars are weeks only partly inside the period.</figcaption>"
            "</figure>"
        )
    exercise_parts.append(
        _table(("Measure", "Per week", "Target"), r.exercise_rows(report), numeric=(1,))
    )
    sections.append(_section("exercise", "Exercise", exercise_parts))

    sections.append(
        _section(
            "nutrition",
            "Calcium and vitamin D",
            [
                _table(
                    (
                        "Nutrient",
                        "Daily average",
                        "Days recorded",
                        "Target",
                        "Upper limit",
                        "Days at target / above limit",
                    ),
                    (r.nutrient_row(report.calcium), r.nutrient_row(report.vitamin_d)),
                    numeric=(1, 2, 3, 4, 5),
                    widths=NUTRIENT_COLUMN_PERCENT,
                    cls="fixed",
                )
            ],
        )
    )

    events = [r.fall_text(d, inj) for d, inj in report.falls] or [
        "Falls: none recorded in this period."
    ]
    events += [f"Red flag {r.red_flag_text(d, f)}" for d, f in report.red_flags] or [
        "Red flags: none recorded in this period."
    ]
    sections.append(_section("events", "Falls and red flags", [_ul(events)]))

    bone = report.bone
    bone_parts: list[str] = []
    if bone.visits:
        bone_parts.append(
            _table(
                ("Date", *(r.site_label(s) for s in DXA_SITES), "Lowest"),
                (
                    (
                        v.day.isoformat(),
                        *(r.num(dict(v.t_scores).get(s)) for s in DXA_SITES),
                        f"{v.lowest[1]:.1f} ({r.site_label(v.lowest[0])})",
                    )
                    for v in bone.visits
                ),
                numeric=(1, 2, 3),
            )
        )
    else:
        bone_parts.append(_p("No DXA scans on record."))
    bone_parts.append(
        '<dl class="meta">'
        + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in r.picture_lines(bone))
        + "</dl>"
    )
    bone_parts.append(_p(f"Risk factors: {r.risk_factor_text(bone)}."))
    bone_parts.append(_p(r.frax_text(bone)))
    bone_parts.append("<h3>What the guidelines say — discuss with the care team</h3>")
    for name, verdict, reasons in r.verdicts(bone.assessment):
        bone_parts.append(
            f'<p><span class="verdict">{esc(name)}:</span> {esc(verdict)}.</p>' + _ul(reasons)
        )
    bone_parts.append(_p("For everyone on an aromatase inhibitor (both guidelines):"))
    bone_parts.append(_ul(bone.assessment.advice_for_everyone))
    bone_parts.append(f'<p><span class="verdict">Next DXA:</span> {esc(bone.next_due_text)}</p>')
    sections.append(_section("bone", "Bone density (DXA)", bone_parts))

    plan_parts = [_p(r.plan_text(report.plan))]
    if report.plan is not None:
        if report.plan.adaptations:
            plan_parts.append(
                _table(
                    ("Date", "Change", "Week", "Reason"),
                    (
                        (
                            a.day.isoformat(),
                            r.adaptation_label(a.kind),
                            str(a.week),
                            r.clinician_reason(a),
                        )
                        for a in report.plan.adaptations
                    ),
                    numeric=(2,),
                )
            )
        else:
            plan_parts.append(_p("No changes to this plan yet."))
    sections.append(_section("plan", "Exercise plan", plan_parts))

    if report.notes:
        notes = _ul(f"{d.isoformat()}: {text}" for d, text in report.notes)
    else:
        notes = _p("No notes in this period.")
    # The last section and the footer stay together: a page never holds the footer alone.
    closing = (
        '<div class="closing">'
        + _section("notes", "Patient's notes", [notes])
        + f"\n<footer><p>{esc(report.disclaimer)}</p></footer></div>"
    )

    title = f"Bone health visit summary — {h.name} — {h.end.isoformat()}"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(title)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            "<header>",
            "<h1>Bone health visit summary</h1>",
            f'<dl class="meta">{meta}</dl>',
            "</header>",
            "<main>",
            *sections,
            closing,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )

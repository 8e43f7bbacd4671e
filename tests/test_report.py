"""coach.report: the clinician's visit summary, checked against independent arithmetic."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest

from coach import risk
from coach.demo import DemoData, make_demo
from coach.models import CheckIn, DxaScan, Profile
from coach.report import (
    FRAX_SETTING,
    Report,
    build_report,
    frax_from_settings,
    frax_to_setting,
    render_html,
    render_markdown,
)

TODAY = date(2026, 11, 26)
SECTIONS = (
    "## Check-ins",
    "## Aromatase inhibitor taken",
    "## Joint pain",
    "## Week by week",
    "## Exercise",
    "## Calcium and vitamin D",
    "## Falls and red flags",
    "## Bone density (DXA)",
    "### What the guidelines say — discuss with the care team",
    "**Next DXA:**",
    "## Exercise plan",
    "## Patient's notes",
)


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return make_demo(365, 1, today=TODAY)


def report_of(demo: DemoData, days: int = 90, **kwargs: object) -> Report:
    return build_report(
        demo.profile,
        demo.checkins,
        demo.session_logs,
        demo.dxa_scans,
        demo.plan,
        TODAY,
        days,
        **kwargs,  # type: ignore[arg-type]
    )


def in_period(demo: DemoData, days: int) -> list[CheckIn]:
    start = TODAY - timedelta(days=days - 1)
    return [c for c in demo.checkins if start <= c.day <= TODAY]


# --------------------------------------------------------------------------- content


def test_markdown_has_every_section_header_and_footer(demo: DemoData) -> None:
    text = render_markdown(report_of(demo))
    positions = [text.index(s) for s in SECTIONS]
    assert positions == sorted(positions)
    assert "**Patient:** Demo Patient (synthetic)" in text
    assert "anastrozole, started 2025-11-26 (365 days ago)" in text
    assert "**Period:** 2026-08-29 to 2026-11-26 (90 days)" in text
    assert "**Generated:** 2026-11-26" in text
    assert "not medical advice; what the guidelines say is for the patient" in text
    assert "| Week of | Days checked in |" in text  # tables have headers
    assert "|---|" in text


def test_coverage_matches_an_independent_count(demo: DemoData) -> None:
    for days in (30, 90, 365):
        expected = len({c.day for c in in_period(demo, days)})
        report = report_of(demo, days)
        assert (report.coverage.days_checked_in, report.coverage.days) == (expected, days)
        assert f"Checked in on {expected} of {days} days" in render_markdown(report)


def test_days_change_the_coverage(demo: DemoData) -> None:
    short, long = report_of(demo, 30), report_of(demo, 90)
    assert short.coverage.days == 30 and long.coverage.days == 90
    assert short.coverage.days_checked_in < long.coverage.days_checked_in
    assert short.header.start == TODAY - timedelta(days=29)


def test_adherence_matches_an_independent_count(demo: DemoData) -> None:
    answered = [c for c in in_period(demo, 90) if c.ai_taken is not None]
    taken = sum(1 for c in answered if c.ai_taken)
    report = report_of(demo)
    assert (report.adherence.taken, report.adherence.answered) == (taken, len(answered))
    percent = round(100 * taken / len(answered))
    assert f"Taken on {taken} of {len(answered)} days answered ({percent}%)" in render_markdown(
        report
    )


def test_pain_and_nutrition_means(demo: DemoData) -> None:
    days = in_period(demo, 90)
    pain = [c.pain for c in days if c.pain is not None]
    calcium = [c.calcium_total_mg for c in days if c.calcium_total_mg is not None]
    vitamin_d = [c.vitamin_d_iu for c in days if c.vitamin_d_iu is not None]
    report = report_of(demo)
    assert report.pain_mean == pytest.approx(sum(pain) / len(pain))
    assert report.pain_days == len(pain)
    assert report.calcium.mean == pytest.approx(sum(calcium) / len(calcium))
    assert report.vitamin_d.mean == pytest.approx(sum(vitamin_d) / len(vitamin_d))
    assert report.calcium.days_above_limit == sum(1 for v in calcium if v > 2000)
    assert f"Average worst joint pain {sum(pain) / len(pain):.1f}/10" in render_markdown(report)


def test_falls_with_their_dates(demo: DemoData) -> None:
    falls = [(c.day, c.fall_injured) for c in in_period(demo, 90) if c.fall]
    report = report_of(demo)
    assert report.falls == tuple(falls) and len(falls) == 1
    day = falls[0][0].isoformat()
    text = render_markdown(report)
    assert f"- {day}: fall, with injury" in text
    assert "Red flags: none recorded in this period." in text


def test_exercise_against_targets(demo: DemoData) -> None:
    report = report_of(demo)
    e = report.exercise
    assert e.full_weeks >= 11
    assert e.aerobic_target == 150 and e.resistance_target == 2
    assert 60 <= (e.aerobic_per_week or 0) <= 250
    text = render_markdown(report)
    assert "| Weight-bearing aerobic minutes |" in text and "| 150 min/week |" in text
    assert "| 2 days/week |" in text


def test_the_assessment_is_the_guideline_rules_applied_to_the_latest_scan(
    demo: DemoData,
) -> None:
    latest = max(s.day for s in demo.dxa_scans)
    lowest = min(s.t_score for s in demo.dxa_scans if s.day == latest)
    expected = risk.assess(lowest, {"smoking"})  # former smoker, aged 62: one risk factor
    report = report_of(demo)
    got = report.bone.assessment
    assert got.risk_factors == ("smoking",) and got.lowest_t_score == lowest
    assert got.aibl_2017.bone_therapy_advised is expected.aibl_2017.bone_therapy_advised is True
    # -2.0 is above -2.5 but no FRAX was entered: ASCO cannot say "no" yet
    assert got.asco_2019.offer_bone_agent is expected.asco_2019.offer_bone_agent is None
    assert report.bone.next_due == risk.next_dxa_due(latest, expected, TODAY)
    assert report.bone.next_due == latest.replace(year=latest.year + 2)
    text = render_markdown(report)
    assert "**AIBL position statement 2017 (Hadji et al.):** bone-directed therapy advised" in text
    assert "**ASCO guideline 2019 (Shapiro et al.):** cannot say yet" in text
    assert "Missing: FRAX 10-year fracture risk" in text
    assert f"**Next DXA:** Due {report.bone.next_due.isoformat()}" in text
    assert "current or past smoking (derived from profile: smoker: former)" in text
    for scan in demo.dxa_scans:  # the whole DXA history, not only the period
        assert scan.day.isoformat() in text


def test_frax_reaches_the_assessment(demo: DemoData) -> None:
    report = report_of(demo, frax_major=21.0, frax_hip=1.0)
    assert report.bone.assessment.asco_2019.offer_bone_agent
    assert report.bone.next_due is None
    assert "care team to decide" in report.bone.next_due_text
    assert "major osteoporotic 21%, hip 1%" in render_markdown(report)


def test_flare_episodes_are_found_with_dates(demo: DemoData) -> None:
    report = report_of(demo, 365)
    assert report.flares
    start = demo.profile.ai_start
    for flare in report.flares:
        assert flare.peak >= 7 and flare.high_days >= 3
        assert 35 <= (flare.start - start).days <= 80
    first = report.flares[0]
    assert f"| {first.start.isoformat()} | {first.end.isoformat()} |" in render_markdown(report)
    assert report_of(demo, 90).flares == ()  # the flare was long before the last 90 days
    assert "none in this period." in render_markdown(report_of(demo, 90))


def test_a_three_day_run_is_a_flare_and_two_days_are_not() -> None:
    monday = date(2026, 11, 2)
    pains = [3, 7, 8, 7, 3, 7, 7, 2, 3, 3]
    checkins = [CheckIn(monday + timedelta(days=i), pain=p) for i, p in enumerate(pains)]
    report = build_report(None, checkins, [], [], None, monday + timedelta(days=9), 10)
    assert [(f.start.day, f.end.day, f.peak) for f in report.flares] == [(3, 5, 8)]


def test_plan_phase_and_dated_adaptations(demo: DemoData) -> None:
    report = report_of(demo)
    assert report.plan is not None and report.plan.week == 7
    text = render_markdown(report)
    assert "Plan active, week 7 of 12 (build 2)" in text
    pause = next(a for a in demo.plan.adaptations if a.kind == "pause")
    assert f"| {pause.day.isoformat()} | paused | {pause.week} | Fall with injury" in text


def test_notes_are_dated(demo: DemoData) -> None:
    notes = [(c.day, c.note) for c in in_period(demo, 90) if c.note]
    report = report_of(demo)
    assert [(d, n) for d, n in report.notes] == notes
    text = render_markdown(report)
    for day, note in notes:
        assert f"- {day.isoformat()}: {note}" in text


# --------------------------------------------------------------------------- HTML


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs


def test_html_is_one_self_contained_file(demo: DemoData) -> None:
    page = render_html(report_of(demo, 365))
    lowered = page.lower()
    for banned in ("http://", "https://", "<script", "src=", "@import", "url(", "<link"):
        assert banned not in lowered, banned
    parser = _Collector()
    parser.feed(page)
    assert parser.tags.count("svg") == 2  # weekly pain and weekly aerobic minutes
    assert "style" in parser.tags and "table" in parser.tags
    assert not [name for name, _ in parser.attrs if name.startswith("on")]  # no handlers
    assert "@page { size: A4; margin: 15mm; }" in page
    assert "@media print" in page
    widths = [int(n) for n in re.findall(r"(\d+)mm", page)]
    assert max(widths) <= 180  # fits Letter as well as A4


def test_html_has_the_same_sections_and_figures(demo: DemoData) -> None:
    report = report_of(demo)
    page = render_html(report)
    for section_id in ("checkins", "adherence", "pain", "weeks", "exercise", "nutrition"):
        assert f'<section id="{section_id}">' in page
    for section_id in ("events", "bone", "plan", "notes"):
        assert f'<section id="{section_id}">' in page
    assert f"Checked in on {report.coverage.days_checked_in} of 90 days" in page
    assert "What the guidelines say — discuss with the care team" in page
    assert "education and self-tracking, not medical advice" in page.lower()
    assert "150 min/week target" in page


def test_notes_are_escaped(demo: DemoData) -> None:
    evil = "<script>alert('x')</script> & <b>bold</b>"
    checkins = [*demo.checkins[:-1], replace(demo.checkins[-1], note=evil)]
    report = build_report(
        demo.profile, checkins, demo.session_logs, demo.dxa_scans, demo.plan, TODAY, 90
    )
    page = render_html(report)
    assert "<script" not in page.lower() and "<b>bold" not in page
    assert "&lt;script&gt;" in page and "&amp;" in page
    text = render_markdown(report)
    assert "<script" not in text and "&lt;script&gt;" in text


def test_empty_store_renders_and_says_so() -> None:
    report = build_report(None, [], [], [], None, TODAY)
    text = render_markdown(report)
    page = render_html(report)
    assert "**Patient:** —" in text
    assert "No check-ins in this period (0 of 90 days)." in text
    assert "No answers about the aromatase inhibitor in this period." in text
    assert "No worst-joint-pain scores in this period." in text
    assert "No DXA scans on record." in text
    assert "a baseline central DXA scan is indicated now" in text
    assert "No exercise plan yet." in text
    assert "No notes in this period." in text
    assert "No check-ins in this period" in page and "<svg" not in page
    assert report.bone.next_due == TODAY


def test_profile_without_name_or_drug_start() -> None:
    profile = Profile(birth_year=1950, smoker="no")
    scans = [DxaScan(date(2026, 1, 5), "total_hip", -2.6)]
    report = build_report(profile, [], [], scans, None, TODAY, 30)
    assert report.header.name == "—"
    counted = {f.name: f.source for f in report.bone.picture.risk_factors if f.status == "yes"}
    assert counted == {"age-over-65": "derived from profile"}
    assert report.bone.assessment.asco_2019.offer_bone_agent  # -2.6 <= -2.5
    assert "Due " not in report.bone.next_due_text


@pytest.mark.parametrize("days", [0, 3651])
def test_days_out_of_range(days: int) -> None:
    with pytest.raises(ValueError, match="from 1 to 3650"):
        build_report(None, [], [], [], None, TODAY, days)


def test_frax_setting_round_trip() -> None:
    settings = {FRAX_SETTING: frax_to_setting(12.5, None)}
    assert frax_from_settings(settings) == (12.5, None)
    assert frax_from_settings({}) == (None, None)
    assert frax_from_settings({FRAX_SETTING: {"major": "x", "hip": 150}}) == (None, None)


# --------------------------------------------------------------------------- issue 12, item 9


def test_a_new_patients_period_starts_at_the_later_of_ai_start_and_first_checkin() -> None:
    profile = Profile(ai_start=TODAY - timedelta(days=30))
    checkins = [CheckIn(TODAY - timedelta(days=1), pain=2), CheckIn(TODAY, pain=3)]
    report = build_report(profile, checkins, [], [], None, TODAY, 90)
    assert (report.header.start, report.header.days) == (TODAY - timedelta(days=1), 2)
    assert report.coverage.days == 2 and report.coverage.days_checked_in == 2
    assert len(report.weeks) <= 2
    text = render_markdown(report)
    assert "Checked in on 2 of 2 days (100%)" in text
    assert "from the first check-in; 90 were asked for" in text
    no_checkins = build_report(profile, [], [], [], None, TODAY, 90)
    assert no_checkins.header.start == profile.ai_start
    long_ago = build_report(Profile(ai_start=date(2020, 1, 1)), checkins[:1] * 0, [], [], None,
                            TODAY, 90)  # fmt: skip
    assert long_ago.header.days == 90


def test_days_above_the_calcium_limit_are_counted() -> None:
    checkins = [
        CheckIn(TODAY - timedelta(days=d), calcium_food_mg=food, calcium_supplement_mg=supp)
        for d, food, supp in ((0, 1900, 600), (1, 1500, 600), (2, 1200, None), (3, 2000, None))
    ]
    report = build_report(Profile(), checkins, [], [], None, TODAY, 30)
    assert report.calcium.days_above_limit == 2  # 2500 and 2100; 2000 is at the limit
    assert report.calcium.days_at_target == 4
    assert "| 4 / 2 |" in render_markdown(report)


def test_the_report_speaks_to_the_clinician_without_internal_ids(demo: DemoData) -> None:
    from coach.models import SessionLog

    log = SessionLog(TODAY - timedelta(days=2), "w1-tue", aerobic_min=20, note="felt fine")
    report = build_report(
        demo.profile, demo.checkins, [*demo.session_logs, log], demo.dxa_scans, demo.plan,
        TODAY, 90,
    )  # fmt: skip
    for text in (render_markdown(report), render_html(report)):
        assert "(session w1-tue)" not in text and "w1-tue" not in text
        assert "(after an exercise session) felt fine" in text
        notes = [n for _, n in report.notes]
        body = text
        for note in notes:  # the patient's own notes are quoted, not the report's voice
            body = body.replace(note, "")
        assert not re.search(r"\b(you|your)\b", body, re.IGNORECASE), re.findall(
            r"[^.]*\b(?:you|your)\b[^.]*", body, re.IGNORECASE
        )[:3]


def test_falls_then_back_pain_are_flagged_first() -> None:
    """Issue 12: 4 falls in 9 days, then sudden back pain and height loss, with no flag."""
    first = TODAY - timedelta(days=20)
    checkins = [CheckIn(first + timedelta(days=d), fall=True) for d in (0, 3, 6, 8)]
    checkins.append(
        CheckIn(first + timedelta(days=12), red_flags=("sudden_back_pain", "height_loss"))
    )
    report = build_report(Profile(birth_year=1950), checkins, [], [], None, TODAY, 90)
    flags = " ".join(report.attention)
    assert "4 falls in 9 days" in flags and "possible vertebral fracture" in flags
    assert "falls assessment advised" in flags.lower()
    text = render_markdown(report)
    assert text.index("## Needs attention") < text.index("## Check-ins")


def test_html_week_table_has_a_fixed_layout_that_fits_the_page(demo: DemoData) -> None:
    from coach.report_html import WEEK_COLUMN_PERCENT

    page = render_html(report_of(demo, 365))
    assert sum(WEEK_COLUMN_PERCENT) == 100
    assert len(WEEK_COLUMN_PERCENT) == 9
    assert '<table class="fixed">\n<colgroup>' in page
    assert "table.fixed { table-layout: fixed;" in page
    # the footer is inside the block that never breaks: it can never sit alone on a page
    closing = page[page.index('<div class="closing">') :]
    assert closing.index("<footer>") < closing.index("</div>")


def test_printed_report_fits_a4_and_never_ends_on_a_lone_footer(demo: DemoData) -> None:
    """Lays the page out as a printer would (WeasyPrint, when installed)."""
    weasyprint = pytest.importorskip("weasyprint")
    for days in (30, 365):
        document = weasyprint.HTML(string=render_html(report_of(demo, days))).render()
        for page in document.pages:
            box = page._page_box
            right = box.position_x + box.width - box.margin_right

            def walk(b):
                yield b
                yield from getattr(b, "children", []) or []

            for item in walk(box):
                if type(item).__name__ == "TableBox":
                    assert item.position_x + item.width <= right + 0.5
        last = document.pages[-1]._page_box
        texts = [b.text for b in _text_boxes(last)]
        assert any("Patient" in t or "notes" in t for t in texts)


def _text_boxes(box):
    for child in getattr(box, "children", []) or []:
        if type(child).__name__ == "TextBox":
            yield child
        yield from _text_boxes(child)

"""The scrutiny pack: the dashboard for a period as a printable PDF (fpdf2).

The pack is what a scrutiny panel or improvement board reads on paper:

1. a cover block: the council's name, the period, when the figures were worked out, and how to
   read the status (which is always written, never shown by colour alone);
2. the dashboard: every figure by area, with what was counted, out of what, the value, the target
   in force at the period's end and its RAG status;
3. the case audits in the period (`hearth.quality.selectors.audit_summary`): overall grades and
   grades by question, for each audit tool version;
4. each improvement plan beside its evidence (`hearth.quality.selectors.plan_evidence`): every
   success measure's live value against the stage target due and whether it is on track, and
   every action with the recommendations it answers and its deliverables' owners, due dates and
   progress, overdue ones marked;
5. each figure's 12-month trend: the same SVG bar chart as the figure page (`charts.bar_chart`,
   drawn by fpdf2) with its data table beneath it, and the figure's definition.

Figures come from `hearth.performance.figures` like the pages, so the pack and the dashboard
always agree. Text is set in Helvetica (the PDF core font, metrically Arial, the council's
fallback font; no GOV.UK typeface). It is A4 portrait and prints in black and white: each
status is written as well as coloured.

Partial (see docs/subsystems/performance.md): the PDF is not tagged (fpdf2 cannot write a
tagged, PDF/UA structure tree), so a screen-reader user should use the dashboard pages or the
Excel export, which hold the same tables. Each chart is followed by its description (the SVG's
`<desc>`, which fpdf2 does not draw) and its table.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from fpdf import FPDF
from fpdf.fonts import FontFace

from hearth.performance.charts import Bar, bar_chart
from hearth.performance.figures import Area, Measure, Period, Result, compute_all, compute_many
from hearth.performance.models import Target
from hearth.performance.targets import Rag, month_periods, rag_for, targets_in_force
from hearth.quality.selectors import AuditSummary, PlanEvidence

PAGE_WIDTH = 190  # A4 portrait less 10 mm margins, in mm
CHART_WIDTH = 160
CHART_HEIGHT = CHART_WIDTH * 260 / 640  # the SVG's own aspect ratio (charts.WIDTH x HEIGHT)
RAG_FILL = {
    Rag.GREEN: (204, 231, 212),
    Rag.AMBER: (255, 236, 179),
    Rag.RED: (247, 207, 204),
}
DESCRIPTION = re.compile(r"<desc[^>]*>(.*?)</desc>", re.DOTALL)
TITLE_AND_DESC = re.compile(r"<(title|desc)[^>]*>.*?</\1>", re.DOTALL)
HEADING_COLOUR = (11, 12, 12)
MUTED = (80, 90, 95)
# Characters outside Latin-1 (the core fonts' range) that the figures' texts use.
PLAIN = str.maketrans(
    {"–": "-", "—": "-", "≥": ">=", "≤": "<=", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."}
)


@dataclass(frozen=True)
class PackRow:
    """A figure's result for the period, with the target in force at its end and the status."""

    result: Result
    target: Target | None
    status: Rag | None

    @property
    def target_text(self) -> str:
        if self.target is None:
            return "-"
        return f"{self.target.value}{self.result.figure.unit_suffix}"

    @property
    def status_text(self) -> str:
        return self.status.label if self.status else "No target"


def _plain(text: str) -> str:
    return text.translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


def _number(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


class _Pack(FPDF):
    def __init__(self, *, council: str, period: Period) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.council = council
        self.period = period
        self.set_margins(10, 12, 10)
        self.set_auto_page_break(auto=True, margin=15)
        self.set_title(_plain(f"Performance scrutiny pack: {council}, {period.label}"))
        self.set_author(_plain(council))
        self.set_creator("Hearth")
        self.set_lang("en-GB")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("helvetica", size=8)
        self.set_text_color(*MUTED)
        self.cell(
            0,
            6,
            _plain(f"{self.council} - performance scrutiny pack, {self.period.label}"),
            align="L",
        )
        self.set_x(10)
        self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: int = 14) -> None:
        self.set_font("helvetica", style="B", size=size)
        self.set_text_color(*HEADING_COLOUR)
        self.multi_cell(0, size * 0.5, _plain(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def paragraph(
        self, text: str, size: int = 10, colour: tuple[int, int, int] = (0, 0, 0)
    ) -> None:
        self.set_font("helvetica", size=size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.5, _plain(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(1)


def _cover(pdf: _Pack, generated_at: dt.datetime) -> None:
    local = timezone.localtime(generated_at)
    pdf.heading(pdf.council, 12)
    pdf.heading("Performance scrutiny pack", 20)
    pdf.heading(pdf.period.label, 14)
    pdf.paragraph(
        f"Worked out from the statutory record in Hearth at {local:%H:%M on %d %B %Y}. "
        "Rates are per 10,000 children in the council's area. Percentages are of the figure's "
        "'out of' column. The target is the one in force on the period's last day."
    )
    pdf.paragraph(
        "Status: 'On target' means the target is met; 'Near target' that it is missed by no "
        "more than the council's tolerance; 'Off target' that it is missed by more. 'No target' "
        "means none is set, or there is nothing to measure.",
        size=9,
        colour=MUTED,
    )


def _dashboard(pdf: _Pack, rows: Sequence[PackRow]) -> None:
    header = ("Figure", "Counted", "Out of", "Value", "Target", "Status")
    widths = (78, 22, 24, 22, 20, 24)
    for area in Area:
        in_area = [row for row in rows if row.result.figure.area == area]
        if not in_area:
            continue
        if pdf.will_page_break(30):
            pdf.add_page()
        pdf.heading(str(area), 13)
        pdf.set_font("helvetica", size=9)
        with pdf.table(
            col_widths=widths,
            text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "LEFT"),
            headings_style=FontFace(emphasis="BOLD", fill_color=(243, 242, 241)),
            line_height=5,
            width=PAGE_WIDTH,
        ) as table:
            table.row(header)
            for row in in_area:
                result = row.result
                cells = table.row()
                cells.cell(_plain(result.figure.title))
                cells.cell(_number(result.numerator))
                cells.cell(_number(result.denominator))
                cells.cell(_plain(result.display_value))
                cells.cell(_plain(row.target_text))
                fill = RAG_FILL.get(row.status) if row.status else None
                cells.cell(row.status_text, style=FontFace(fill_color=fill) if fill else None)
        pdf.ln(4)


def _audits(pdf: _Pack, summary: AuditSummary) -> None:
    if pdf.will_page_break(40):
        pdf.add_page()
    pdf.heading("Case audits", 13)
    count = f"{summary.audits:,} audit{'' if summary.audits == 1 else 's'}"
    pdf.paragraph(
        f"{count} of cases from {summary.date_from:%d %B %Y} to {summary.date_to:%d %B %Y}, by "
        "audit tool version (questions and grades are only comparable within one version)."
    )
    for tool in summary.tools:
        title = f"{tool.definition.title} (version {tool.definition.version})"
        pdf.heading(f"{title}: overall grades of {tool.audits} audits", 10)
        pdf.set_font("helvetica", size=9)
        with pdf.table(
            col_widths=(110, 40, 40),
            text_align=("LEFT", "RIGHT", "RIGHT"),
            headings_style=FontFace(emphasis="BOLD", fill_color=(243, 242, 241)),
            line_height=5,
            width=PAGE_WIDTH,
        ) as table:
            table.row(["Overall grade", "Audits", "Share"])
            for grade in tool.overall:
                table.row([_plain(grade.label), str(grade.count), _plain(grade.display_share)])
        pdf.ln(2)
        pdf.heading(f"{title}: grades by question (number and share of answers)", 10)
        pdf.set_font("helvetica", size=8)
        grades = tool.definition.grades
        question_width = PAGE_WIDTH - 24 * len(grades)
        with pdf.table(
            col_widths=(question_width, *(24 for _ in grades)),
            text_align=("LEFT", *("RIGHT" for _ in grades)),
            headings_style=FontFace(emphasis="BOLD", fill_color=(243, 242, 241)),
            line_height=4,
            width=PAGE_WIDTH,
        ) as table:
            table.row(["Question", *(_plain(g.label) for g in grades)])
            for question in tool.questions:
                table.row(
                    [
                        _plain(question.text),
                        *(f"{g.count} ({_plain(g.display_share)})" for g in question.grades),
                    ]
                )
        pdf.ln(4)
    if not summary.tools:
        pdf.paragraph("No cases were audited in this period.")


def _table_style() -> FontFace:
    return FontFace(emphasis="BOLD", fill_color=(243, 242, 241))


def _plan(pdf: _Pack, evidence: PlanEvidence) -> None:
    """One improvement plan, each priority's success measures beside its actions."""
    pdf.add_page()
    plan = evidence.plan
    pdf.heading(f"Improvement plan: {plan.title}", 16)
    pdf.paragraph(
        f"Answering {plan.inspection} ({plan.inspected_on:%d %B %Y}). Live values are for "
        f"{evidence.period.start:%d %B %Y} to {evidence.today:%d %B %Y}; each is set against the "
        "stage target being worked to (the next one due, or the last once all have passed)."
    )
    overdue = len(evidence.overdue_actions)
    pdf.paragraph(f"{overdue} action{'' if overdue == 1 else 's'} overdue.")
    pdf.ln(2)
    for row in evidence.priorities:
        priority = row.priority
        pdf.heading(f"Priority {priority.number}: {priority.title}", 12)
        if row.measures:
            pdf.set_font("helvetica", size=8)
            with pdf.table(
                col_widths=(80, 30, 45, 35),
                text_align=("LEFT", "RIGHT", "RIGHT", "LEFT"),
                headings_style=_table_style(),
                line_height=4,
                width=PAGE_WIDTH,
            ) as table:
                table.row(["Success measure", "Now", "Stage target", "Status"])
                for m in row.measures:
                    stage = (
                        f"{m.stage.value} by {m.stage.due_on:%d/%m/%Y}" if m.stage else "None set"
                    )
                    now = m.result.display_value if m.result else "No data"
                    table.row([_plain(m.title), _plain(now), stage, str(m.track)])
            pdf.ln(2)
        pdf.set_font("helvetica", size=8)
        with pdf.table(
            col_widths=(70, 25, 50, 25, 20),
            text_align=("LEFT", "LEFT", "LEFT", "LEFT", "LEFT"),
            headings_style=_table_style(),
            line_height=4,
            width=PAGE_WIDTH,
        ) as table:
            table.row(["Action", "Answers", "Deliverable and owner", "Due", "Progress"])
            for action_row in row.actions:
                action = action_row.action
                answers = ", ".join(f"R{r.number}" for r in action_row.recommendations) or "-"
                deliverables = action_row.deliverables or ()
                if not deliverables:
                    table.row(
                        [_plain(f"{priority.number}.{action.number} {action.description}"),
                         answers, "-", "-", "-"]
                    )  # fmt: skip
                for index, d in enumerate(deliverables):
                    status = d.status_label + (" (overdue)" if d.overdue else "")
                    table.row(
                        [
                            _plain(f"{priority.number}.{action.number} {action.description}")
                            if index == 0
                            else "",
                            answers if index == 0 else "",
                            _plain(f"{d.deliverable.description} ({d.deliverable.owner})"),
                            f"{d.deliverable.due_on:%d/%m/%Y}",
                            _plain(status),
                        ]
                    )
        pdf.ln(4)
    if evidence.recommendations:
        pdf.heading("The inspection's recommendations and the actions answering them", 12)
        pdf.set_font("helvetica", size=8)
        with pdf.table(
            col_widths=(140, 50),
            text_align=("LEFT", "LEFT"),
            headings_style=_table_style(),
            line_height=4,
            width=PAGE_WIDTH,
        ) as table:
            table.row(["Recommendation", "Actions"])
            for recommendation, actions in evidence.recommendations:
                table.row(
                    [
                        _plain(f"R{recommendation.number} {recommendation.text}"),
                        ", ".join(f"{a.priority.number}.{a.number}" for a in actions) or "None yet",
                    ]
                )


def _trend_bars(trend: Sequence[Result]) -> list[Bar]:
    return [
        Bar(label=f"{r.period.start:%b %y}", value=r.value, text=r.display_value) for r in trend
    ]


def _trend(pdf: _Pack, row: PackRow, trend: Sequence[Result]) -> None:
    figure = row.result.figure
    if pdf.will_page_break(CHART_HEIGHT + 45):
        pdf.add_page()
    pdf.heading(f"{figure.title}: {row.result.display_value} ({row.status_text})", 12)
    pdf.paragraph(figure.definition, size=9, colour=MUTED)
    ceiling = Decimal(100) if figure.measure == Measure.PERCENTAGE else None
    chart = bar_chart(
        chart_id=f"pack-{figure.key}",
        title=f"{figure.title}, month by month",
        bars=_trend_bars(trend),
        unit=figure.unit_suffix,
        ceiling=ceiling,
    )
    # fpdf2 draws neither <title> nor <desc>: the description is printed under the chart instead,
    # as its text alternative.
    svg = str(chart)
    found = DESCRIPTION.search(svg)
    drawn = TITLE_AND_DESC.sub("", svg)
    top = pdf.get_y()
    pdf.image(io.BytesIO(drawn.encode()), x=10, y=top, w=CHART_WIDTH, h=CHART_HEIGHT)
    pdf.set_y(top + CHART_HEIGHT + 1)
    if found:
        pdf.paragraph(html.unescape(found.group(1)), size=8, colour=MUTED)
    pdf.set_font("helvetica", size=7)
    width = PAGE_WIDTH / (len(trend) + 1)
    with pdf.table(
        col_widths=width,
        text_align="RIGHT",
        headings_style=FontFace(emphasis="BOLD", fill_color=(243, 242, 241)),
        line_height=4,
        width=PAGE_WIDTH,
    ) as table:
        table.row(["Month", *(f"{r.period.start:%b %y}" for r in trend)])
        table.row(["Value", *(_plain(r.display_value) for r in trend)])
    pdf.ln(5)


def pack_rows(period: Period) -> list[PackRow]:
    """Every figure for the period with its target and status, in registry order."""
    rows = []
    in_force = targets_in_force(period.end)
    for result in compute_all(period):
        target, status = rag_for(result, in_force)
        rows.append(PackRow(result=result, target=target, status=status))
    return rows


def scrutiny_pack(
    *,
    council: str,
    period: Period,
    rows: Sequence[PackRow],
    trends: dict[str, list[Result]],
    generated_at: dt.datetime,
    audits: AuditSummary | None = None,
    plans: Sequence[PlanEvidence] = (),
) -> bytes:
    """The pack as PDF bytes, from figures already worked out (see `scrutiny_pack_for`)."""
    pdf = _Pack(council=council, period=period)
    pdf.add_page()
    _cover(pdf, generated_at)
    pdf.ln(2)
    _dashboard(pdf, rows)
    if audits is not None:
        _audits(pdf, audits)
    for evidence in plans:
        _plan(pdf, evidence)
    if trends:
        pdf.add_page()
        pdf.heading("Month by month", 16)
        pdf.paragraph(
            "Each figure for the 12 calendar months to the period's end (the last month is cut "
            "at that day). Counts and rates are of what happened in each month; 'at the end' "
            "figures are as at each month's last day."
        )
        for row in rows:
            trend = trends.get(row.result.figure.key)
            if trend:
                _trend(pdf, row, trend)
    return bytes(pdf.output())


def scrutiny_pack_for(
    *,
    council: str,
    period: Period,
    generated_at: dt.datetime,
    with_trends: bool = True,
    audits: AuditSummary | None = None,
    plans: Sequence[PlanEvidence] = (),
) -> bytes:
    """Work out every figure (and, by default, its 12-month trend) and build the pack.

    `audits` is the case-audit summary for the period as the reader may see it, when there is
    one to include; `plans` the improvement plans with their live evidence.
    """
    rows = pack_rows(period)
    trends: dict[str, list[Result]] = {}
    if with_trends:
        # Every figure's every month counted in one statement.
        months = month_periods(period.end)
        wanted = [(row.result.figure, month) for row in rows for month in months]
        for result in compute_many(wanted, breakdowns=False):
            trends.setdefault(result.figure.key, []).append(result)
    return scrutiny_pack(
        council=council,
        period=period,
        rows=rows,
        trends=trends,
        generated_at=generated_at,
        audits=audits,
        plans=plans,
    )

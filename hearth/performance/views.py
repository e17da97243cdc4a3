"""Performance pages: the dashboard, one figure with its monthly trend, the children behind it.

Thin: each page parses the period, calls `hearth.performance.figures` and renders. Any working
worker sees the figures (they are counts, not records); the list of children behind a figure
is narrowed to the people the viewer may see (`visible_people`), and says how many are not shown.
Every table can be downloaded as CSV; the dashboard also as an Excel workbook (through the
returns app's xlsx writer) and as the scrutiny pack PDF (`hearth.performance.pack`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.selectors import is_working, visible_people
from hearth.organisation.models import Worker
from hearth.performance.charts import Bar, bar_chart
from hearth.performance.figures import (
    FIGURES,
    Area,
    Figure,
    Measure,
    Period,
    Result,
    Side,
    child_ids,
    compute,
    compute_all,
    figure_get,
)
from hearth.performance.forms import (
    PopulationForm,
    TargetForm,
    period_from_request,
    period_query,
)
from hearth.performance.models import ChildPopulation, Target
from hearth.performance.pack import scrutiny_pack_for
from hearth.performance.services import can_set_targets, child_population_set, target_set
from hearth.performance.targets import (
    monthly_trend,
    rag_for,
    target_in_force,
    targets_in_force,
)
from hearth.quality.selectors import audit_summary, plan_evidence, plan_list
from hearth.returns.xlsx import Sheet, workbook_bytes
from hearth.ui.forms import errors_to_form
from hearth.ui.requests import current_worker
from hearth.workforce.selectors import can_manage_workforce

DASHBOARD_HEADER = (
    "Area",
    "Figure",
    "Counted",
    "Out of",
    "Value",
    "Measure",
    "Target",
    "Status",
    "Definition",
)
TREND_HEADER = ("Month", "Counted", "Out of", "Value", "Measure")
CHILDREN_HEADER = ("Council reference", "Name", "Date of birth")


def _worker(request: HttpRequest) -> Worker:
    worker = current_worker(request)
    if not is_working(worker):
        raise PermissionDenied("Your account cannot see performance figures.")
    return worker


def _figure(key: str) -> Figure:
    try:
        return figure_get(key)
    except KeyError:
        raise Http404("No such figure") from None


def _value(result: Result) -> float | None:
    return None if result.value is None else float(result.value)


def _csv(filename: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(["" if cell is None else cell for cell in row] for row in rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _query(period: Period, **extra: str) -> str:
    return urlencode(period_query(period) | extra)


def _dashboard_rows(results: Sequence[Result]) -> list[dict[str, Any]]:
    rows = []
    in_force = targets_in_force(results[0].period.end) if results else {}
    for result in results:
        target, status = rag_for(result, in_force)
        rows.append({"result": result, "target": target, "status": status})
    return rows


def dashboard(request: HttpRequest) -> HttpResponse:
    """Every figure for the chosen period, by area, with targets and RAG status."""
    worker = _worker(request)
    form, period = period_from_request(request.GET)
    export = request.GET.get("format")
    if export == "pdf":
        # The pack works out the figures itself (with their trends): not twice.
        name = f"scrutiny-pack-{period.start.isoformat()}-to-{period.end.isoformat()}.pdf"
        pack = scrutiny_pack_for(
            council=settings.HEARTH_COUNCIL["name"],
            period=period,
            generated_at=timezone.now(),
            audits=audit_summary(viewer=worker, date_from=period.start, date_to=period.end),
            plans=[plan_evidence(viewer=worker, plan=plan) for plan in plan_list(viewer=worker)],
        )
        response = HttpResponse(pack, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    rows = _dashboard_rows(compute_all(period))
    if export in {"csv", "xlsx"}:
        table = [
            (
                str(r["result"].figure.area),
                r["result"].figure.title,
                r["result"].numerator,
                r["result"].denominator,
                _value(r["result"]),
                str(r["result"].figure.measure),
                None if r["target"] is None else float(r["target"].value),
                r["status"].label if r["status"] else "",
                r["result"].figure.definition,
            )
            for r in rows
        ]
        name = f"performance-{period.start.isoformat()}-to-{period.end.isoformat()}"
        if export == "csv":
            return _csv(f"{name}.csv", DASHBOARD_HEADER, table)
        sheets = [Sheet(name="Performance", header=DASHBOARD_HEADER, rows=table)]
        response = HttpResponse(
            workbook_bytes(sheets),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    areas = [(area, [r for r in rows if r["result"].figure.area == area]) for area in Area]
    return render(
        request,
        "performance/dashboard.html",
        {
            "page_title": "Performance",
            "form": form,
            "period": period,
            "query": _query(period),
            "areas": areas,
            "Side": Side,
            "can_set_targets": can_set_targets(worker),
            "can_manage_workforce": can_manage_workforce(worker),
            "summary": audit_summary(viewer=worker, date_from=period.start, date_to=period.end),
        },
    )


def _trend_bars(figure: Figure, trend: Sequence[Result]) -> list[Bar]:
    return [
        Bar(label=f"{r.period.start:%b %y}", value=r.value, text=r.display_value) for r in trend
    ]


def figure_detail(request: HttpRequest, key: str) -> HttpResponse:
    """One figure: its definition, value, target, breakdown and monthly trend (table and chart)."""
    _worker(request)
    figure = _figure(key)
    form, period = period_from_request(request.GET)
    result = compute(figure, period)
    target, status = rag_for(result)
    trend = monthly_trend(figure, period.end)
    if request.GET.get("format") == "csv":
        rows = [
            (f"{r.period.start:%B %Y}", r.numerator, r.denominator, _value(r), str(figure.measure))
            for r in trend
        ]
        return _csv(f"{figure.key}-monthly-to-{period.end.isoformat()}.csv", TREND_HEADER, rows)
    ceiling = Decimal(100) if figure.measure == Measure.PERCENTAGE else None
    chart = bar_chart(
        chart_id=f"trend-{figure.key}",
        title=f"{figure.title}, month by month",
        bars=_trend_bars(figure, trend),
        unit=figure.unit_suffix,
        ceiling=ceiling,
    )
    return render(
        request,
        "performance/figure.html",
        {
            "page_title": figure.title,
            "figure": figure,
            "form": form,
            "period": period,
            "query": _query(period),
            "result": result,
            "target": target,
            "status": status,
            "trend": trend,
            "chart": chart,
            "Side": Side,
        },
    )


def figure_children(request: HttpRequest, key: str) -> HttpResponse:
    """The children behind one side of a figure (or one part of its breakdown) that I may see."""
    worker = _worker(request)
    figure = _figure(key)
    form, period = period_from_request(request.GET)
    try:
        side = Side(request.GET.get("side", Side.NUMERATOR))
    except ValueError:
        raise Http404("No such side") from None
    part = request.GET.get("part") or None
    if not figure.path_for(side):
        raise Http404("This side of the figure is not about children")
    ids = child_ids(figure, period, side=side, part=part)
    children = (
        visible_people(worker)
        .filter(id__in=ids)
        .order_by("family_name", "given_name", "id")
        .only("id", "reference", "given_name", "middle_names", "family_name", "date_of_birth")
    )
    if request.GET.get("format") == "csv":
        rows = [(c.reference, c.full_name, c.date_of_birth) for c in children]
        suffix = f"-{part}" if part else ""
        return _csv(f"{figure.key}-{side}{suffix}-children.csv", CHILDREN_HEADER, rows)
    shown = list(children)
    total = ids.count()
    label = figure.numerator_label if side == Side.NUMERATOR else figure.denominator_label
    part_label = figure.breakdown_labels.get(part, part) if part else None
    extra = {"side": str(side)} | ({"part": part} if part else {})
    return render(
        request,
        "performance/children.html",
        {
            "page_title": f"{figure.title}: {label}",
            "figure": figure,
            "period": period,
            "form": form,
            "label": label,
            "part_label": part_label,
            "children": shown,
            "hidden": max(total - len(shown), 0),
            "figure_url": f"{reverse('performance:figure', args=[figure.key])}?{_query(period)}",
            "csv_url": f"?{_query(period, **extra, format='csv')}",
        },
    )


def _setter(request: HttpRequest) -> Worker:
    worker = _worker(request)
    if not can_set_targets(worker):
        raise PermissionDenied("Only administrators and performance analysts set targets.")
    return worker


def targets(request: HttpRequest) -> HttpResponse:
    """Every figure with the target in force today, and the child population by year."""
    _setter(request)
    today = timezone.localdate()
    rows = [(figure, target_in_force(figure.key, today)) for figure in FIGURES]
    return render(
        request,
        "performance/targets.html",
        {
            "page_title": "Targets and child population",
            "rows": rows,
            "populations": list(ChildPopulation.objects.order_by("-year")),
            "history": Target.objects.select_related("recorded_by").order_by(
                "figure", "-effective_from"
            ),
            "titles": {figure.key: figure.title for figure in FIGURES},
        },
    )


@require_http_methods(["GET", "POST"])
def target_edit(request: HttpRequest, key: str) -> HttpResponse:
    """Set the council's target for one figure from a date."""
    actor = _setter(request)
    figure = _figure(key)
    current = target_in_force(figure.key, timezone.localdate())
    initial: dict[str, Any] = {"effective_from": timezone.localdate(), "amber_tolerance": 0}
    if current is not None:
        initial |= {
            "value": current.value,
            "direction": current.direction,
            "amber_tolerance": current.amber_tolerance,
        }
    form = TargetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            target_set(actor=actor, figure=figure.key, **form.cleaned_data)
        except ValidationError as refused:
            errors_to_form(form, refused)
        else:
            messages.success(request, f"Target set for {figure.title}")
            return redirect("performance:targets")
    return render(
        request,
        "performance/target_edit.html",
        {"page_title": f"Set the target: {figure.title}", "figure": figure, "form": form},
    )


@require_http_methods(["GET", "POST"])
def population_edit(request: HttpRequest) -> HttpResponse:
    """Record (or correct) the council's child population for a year."""
    actor = _setter(request)
    form = PopulationForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            child_population_set(actor=actor, **form.cleaned_data)
        except ValidationError as refused:
            errors_to_form(form, refused)
        else:
            messages.success(request, f"Child population recorded for {form.cleaned_data['year']}")
            return redirect("performance:targets")
    return render(
        request,
        "performance/population_edit.html",
        {"page_title": "Record the child population", "form": form},
    )

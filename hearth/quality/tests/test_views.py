"""Quality pages: recording an audit (valid, invalid keeps input, permission), the lists, the
summary, and editing and reading the improvement plan."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hearth.audit.models import AccessPurpose
from hearth.casework.tests.factories import PersonFactory, WorkerFactory
from hearth.organisation.models import Role
from hearth.quality import selectors, services
from hearth.quality.models import CaseAudit, DeliverableProgress, MeasureStage, SuccessMeasure
from hearth.quality.services import AnswerInput
from hearth.quality.tests.factories import (
    TeamSetup,
    administrator,
    agency_worker,
    team_with_children,
)
from hearth.quality.tools import current_tool

pytestmark = pytest.mark.django_db

TOOL_KEY = "case-file-audit"


def _text(response: HttpResponseBase) -> str:
    return bytes(response.content).decode()  # type: ignore[attr-defined]


def _valid_post(overall: str = "good") -> dict[str, str]:
    tool = current_tool(TOOL_KEY)
    today = timezone.localdate()
    data = {
        "audited_on-day": str(today.day),
        "audited_on-month": str(today.month),
        "audited_on-year": str(today.year),
        "overall_grade": overall,
        "summary": "Strong direct work; the plan lacks dates.",
    }
    for question in tool.questions:
        data[f"q-{question.key}-grade"] = "good"
        data[f"q-{question.key}-comment"] = f"Comment on {question.key}"
    return data


@pytest.fixture
def north() -> TeamSetup:
    return team_with_children("North", children=2)


def test_a_manager_records_an_audit_and_sees_it_on_the_childs_page(
    client: Client, north: TeamSetup, monkeypatch: pytest.MonkeyPatch
) -> None:
    logged: list[tuple[int, str]] = []
    monkeypatch.setattr(
        "hearth.access.access.record_access_write",
        lambda **kw: logged.append((kw["person"].pk, kw["purpose"])),
    )
    child = north.children[0]
    client.force_login(north.manager)
    page = client.get(reverse("quality:child-audits", args=[child.pk]))
    assert page.status_code == 200
    assert "This case has not been audited." in _text(page)
    form_url = reverse("quality:audit-record", args=[child.pk, TOOL_KEY])
    assert form_url in _text(page)

    form = client.get(form_url)
    assert form.status_code == 200
    assert "Is the child&#39;s voice and lived experience clear in the record?" in _text(form)

    response = client.post(form_url, _valid_post(overall="requires-improvement"))
    audit = CaseAudit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("quality:audit", args=[audit.pk])
    assert audit.tool.version == current_tool(TOOL_KEY).version
    assert audit.answers.count() == len(current_tool(TOOL_KEY).questions)

    detail = client.get(response["Location"])
    assert "Requires improvement to be good" in _text(detail)
    assert "Comment on voice-of-the-child" in _text(detail)
    listing = client.get(reverse("quality:child-audits", args=[child.pk]))
    assert reverse("quality:audit", args=[audit.pk]) in _text(listing)
    # Every opening of the child went through access_person and was logged, with its purpose.
    assert (child.pk, AccessPurpose.EDIT_RECORD) in logged
    assert {pk for pk, _ in logged} == {child.pk}


def test_an_invalid_audit_keeps_what_was_typed_with_field_level_messages(
    client: Client, north: TeamSetup
) -> None:
    client.force_login(north.manager)
    data = _valid_post()
    del data["q-plan-quality-grade"]
    data["overall_grade"] = ""
    data["audited_on-month"] = "13"
    response = client.post(
        reverse("quality:audit-record", args=[north.children[0].pk, TOOL_KEY]), data
    )
    html = _text(response)
    assert response.status_code == 400
    assert not CaseAudit.objects.exists()
    assert "There is a problem" in html
    assert "Choose a grade for: Is the plan specific, measurable" in html
    assert 'href="#id_q-plan-quality-grade"' in html
    assert "Choose an overall grade" in html
    assert "Date of the audit must be a real date" in html
    # What was typed is still there.
    assert "Strong direct work; the plan lacks dates." in html
    assert "Comment on plan-quality" in html
    assert re.search(r'value="good"\s+checked', html)


def test_only_managers_and_auditors_record_audits_within_their_reach(
    client: Client, north: TeamSetup
) -> None:
    child = north.children[0]
    client.force_login(north.member)
    url = reverse("quality:audit-record", args=[child.pk, TOOL_KEY])
    assert client.get(url).status_code == 403
    assert client.post(url, _valid_post()).status_code == 403
    # The social worker can still read the case's audits.
    assert client.get(reverse("quality:child-audits", args=[child.pk])).status_code == 200

    elsewhere = PersonFactory.create()
    client.force_login(north.manager)
    assert (
        client.get(reverse("quality:audit-record", args=[elsewhere.pk, TOOL_KEY])).status_code
        == 404
    )
    assert (
        client.get(reverse("quality:audit-record", args=[child.pk, "no-such-tool"])).status_code
        == 404
    )
    assert not CaseAudit.objects.exists()


def _audit(setup: TeamSetup, index: int, overall: str) -> CaseAudit:
    tool = current_tool(TOOL_KEY)
    return services.case_audit_record(
        actor=setup.manager,
        child=setup.children[index],
        tool=tool,
        audited_on=timezone.localdate(),
        answers={q.key: AnswerInput(grade="good") for q in tool.questions},
        overall_grade=overall,
        summary="Audited.",
    )


def test_the_audits_list_filters_and_hides_other_teams_audits(
    client: Client, north: TeamSetup
) -> None:
    south = team_with_children("South", children=1)
    good = _audit(north, 0, "good")
    poor = _audit(north, 1, "inadequate")
    theirs = _audit(south, 0, "good")
    client.force_login(north.manager)
    html = _text(client.get(reverse("quality:audits")))
    assert "2 audits" in html
    assert reverse("quality:audit", args=[theirs.pk]) not in html
    assert client.get(reverse("quality:audit", args=[theirs.pk])).status_code == 404

    filtered = _text(client.get(reverse("quality:audits"), {"grade": "inadequate"}))
    assert "1 audit" in filtered
    assert reverse("quality:audit", args=[poor.pk]) in filtered
    assert reverse("quality:audit", args=[good.pk]) not in filtered

    bad = client.get(
        reverse("quality:audits"),
        {"date_from-day": "40", "date_from-month": "1", "date_from-year": "2026"},
    )
    assert bad.status_code == 200
    assert "Audited from must be a real date" in _text(bad)
    assert 'value="40"' in _text(bad)

    client.force_login(north.member)
    assert client.get(reverse("quality:audits")).status_code == 403


def test_the_summary_page_counts_audits_for_the_period(client: Client, north: TeamSetup) -> None:
    _audit(north, 0, "good")
    _audit(north, 1, "inadequate")
    client.force_login(north.member)
    html = _text(client.get(reverse("quality:summary")))
    assert "2 audits of cases" in html
    assert "50.0%" in html
    today = timezone.localdate()
    earlier = client.get(
        reverse("quality:summary"),
        {
            "date_from-day": "1",
            "date_from-month": "1",
            "date_from-year": "2020",
            "date_to-day": "31",
            "date_to-month": "1",
            "date_to-year": "2020",
        },
    )
    assert "No cases were audited in this period." in _text(earlier)
    wrong = client.get(
        reverse("quality:summary"),
        {
            "date_from-day": str(today.day),
            "date_from-month": str(today.month),
            "date_from-year": str(today.year),
            "date_to-day": "1",
            "date_to-month": "1",
            "date_to-year": "2020",
        },
    )
    assert "To must be the same as or after From" in _text(wrong)


def test_administrators_appoint_auditors(client: Client, north: TeamSetup) -> None:
    admin = administrator()
    client.force_login(admin)
    response = client.post(
        reverse("quality:auditors"),
        {
            "worker": str(north.member.pk),
            "started_on-day": "1",
            "started_on-month": "1",
            "started_on-year": "2026",
        },
    )
    assert response.status_code == 302
    client.force_login(north.member)
    url = reverse("quality:audit-record", args=[north.children[0].pk, TOOL_KEY])
    assert client.get(url).status_code == 200
    assert client.get(reverse("quality:auditors")).status_code == 403


# --- The improvement plan -----------------------------------------------------------------------


def test_a_manager_builds_the_plan_and_staff_read_it_beside_the_evidence(
    client: Client, north: TeamSetup
) -> None:
    agency_worker()  # with the manager and member: 1 agency social worker of 3 = 33.3%
    client.force_login(north.manager)
    response = client.post(
        reverse("quality:plan-create"),
        {
            "title": "Improving outcomes",
            "inspection": "ILACS inspection",
            "inspected_on-day": "9",
            "inspected_on-month": "3",
            "inspected_on-year": "2026",
        },
    )
    assert response.status_code == 302
    plan_url = response["Location"]
    plan_id = int(plan_url.rstrip("/").split("/")[-1])
    client.post(
        reverse("quality:recommendation-add", args=[plan_id]), {"text": "Reduce agency reliance"}
    )
    client.post(reverse("quality:priority-add", args=[plan_id]), {"title": "Workforce"})
    from hearth.quality.models import Priority, Recommendation  # noqa: PLC0415

    priority = Priority.objects.get(plan_id=plan_id)
    recommendation = Recommendation.objects.get(plan_id=plan_id)
    action = client.post(
        reverse("quality:action-add", args=[priority.pk]),
        {"description": "Convert agency posts", "recommendations": [str(recommendation.pk)]},
    )
    assert action.status_code == 302
    measure = client.post(
        reverse("quality:measure-add", args=[priority.pk]),
        {
            "figure": "agency-social-workers",
            "direction": "lower",
            "stage1_value": "40",
            "stage1_due_on-day": "31",
            "stage1_due_on-month": "12",
            "stage1_due_on-year": "2099",
        },
    )
    assert measure.status_code == 302
    assert list(MeasureStage.objects.values_list("value", flat=True)) == [Decimal("40.0")]

    client.force_login(north.member)
    html = _text(client.get(plan_url))
    assert "Agency social workers" in html
    assert "33.3%" in html
    assert "40.0%" in html
    assert "On track" in html
    assert "Action 1.1" in html
    # Staff read; they do not edit.
    assert reverse("quality:priority-add", args=[plan_id]) not in html
    forbidden = client.post(reverse("quality:priority-add", args=[plan_id]), {"title": "No"})
    assert forbidden.status_code == 403


def test_an_invalid_measure_keeps_what_was_typed(client: Client, north: TeamSetup) -> None:
    admin = administrator()
    plan = services.improvement_plan_create(
        actor=admin, title="Plan", inspection="ILACS", inspected_on=dt.date(2026, 3, 9)
    )
    priority = services.priority_add(actor=admin, plan=plan, title="Workforce")
    client.force_login(admin)
    response = client.post(
        reverse("quality:measure-add", args=[priority.pk]),
        {
            "figure": "",
            "direction": "higher",
            "description": "Fewer agency staff",
            "stage1_value": "sixty",
            "stage2_value": "85",
            "stage2_due_on-day": "31",
            "stage2_due_on-month": "",
            "stage2_due_on-year": "2027",
        },
    )
    html = _text(response)
    assert response.status_code == 400
    assert not SuccessMeasure.objects.exists()
    assert "Choose a performance figure" in html
    assert "Stage 1 target must be a number, like 65" in html
    assert "Stage 2 date must include a month" in html
    assert 'value="sixty"' in html
    assert "Fewer agency staff" in html


def test_the_owner_records_progress_and_the_history_is_kept(
    client: Client, north: TeamSetup
) -> None:
    admin = administrator()
    plan = services.improvement_plan_create(
        actor=admin, title="Plan", inspection="ILACS", inspected_on=dt.date(2026, 3, 9)
    )
    rec = services.recommendation_add(actor=admin, plan=plan, text="Timely work")
    priority = services.priority_add(actor=admin, plan=plan, title="Timeliness")
    action = services.plan_action_add(
        actor=admin, priority=priority, description="Tracker", recommendations=[rec]
    )
    deliverable = services.deliverable_add(
        actor=admin,
        action=action,
        description="Weekly tracker",
        owner=north.member,
        due_on=dt.date(2026, 1, 31),
    )
    client.force_login(north.member)
    url = reverse("quality:deliverable", args=[deliverable.pk])
    empty = client.post(url, {"status": "in_progress", "note": ""})
    assert empty.status_code == 400
    assert "Enter a note on progress" in _text(empty)
    assert client.post(url, {"status": "in_progress", "note": "Drafted"}).status_code == 302
    html = _text(client.get(url))
    assert "Drafted" in html
    assert "Added to the plan" in html
    assert DeliverableProgress.objects.filter(deliverable=deliverable).count() == 2
    plan_html = _text(client.get(reverse("quality:plan", args=[plan.pk])))
    assert "Overdue" in plan_html

    stranger = WorkerFactory.create(role=Role.SOCIAL_WORKER)
    client.force_login(stranger)
    assert client.post(url, {"status": "complete", "note": "Done"}).status_code == 403


def test_a_manager_changes_a_deliverables_due_date_with_a_reason(
    client: Client, north: TeamSetup
) -> None:
    admin = administrator()
    plan = services.improvement_plan_create(
        actor=admin, title="Plan", inspection="ILACS", inspected_on=dt.date(2026, 3, 9)
    )
    rec = services.recommendation_add(actor=admin, plan=plan, text="Timely work")
    priority = services.priority_add(actor=admin, plan=plan, title="Timeliness")
    action = services.plan_action_add(
        actor=admin, priority=priority, description="Tracker", recommendations=[rec]
    )
    deliverable = services.deliverable_add(
        actor=admin,
        action=action,
        description="Weekly tracker",
        owner=north.member,
        due_on=dt.date(2026, 1, 31),
    )
    url = reverse("quality:deliverable-change", args=[deliverable.pk])
    client.force_login(north.member)
    assert client.get(url).status_code == 403
    client.force_login(north.manager)
    page = client.get(url)
    assert 'value="31"' in _text(page)
    data = {
        "owner": str(north.manager.pk),
        "due_on-day": "28",
        "due_on-month": "2",
        "due_on-year": "2027",
        "reason": "",
    }
    missing = client.post(url, data)
    assert missing.status_code == 400
    assert "Say why the owner or due date is changing" in _text(missing)
    assert 'value="28"' in _text(missing)
    assert client.post(url, data | {"reason": "New lead"}).status_code == 302
    deliverable.refresh_from_db()
    assert (deliverable.owner, deliverable.due_on) == (north.manager, dt.date(2027, 2, 28))


def test_a_manager_rewords_the_plan_and_changes_what_an_action_answers(
    client: Client, north: TeamSetup
) -> None:
    admin = administrator()
    plan = services.improvement_plan_create(
        actor=admin, title="Plan", inspection="ILACS", inspected_on=dt.date(2026, 3, 9)
    )
    r1 = services.recommendation_add(actor=admin, plan=plan, text="Timely work")
    r2 = services.recommendation_add(actor=admin, plan=plan, text="Oversight")
    priority = services.priority_add(actor=admin, plan=plan, title="Timeliness")
    action = services.plan_action_add(
        actor=admin, priority=priority, description="Tracker", recommendations=[r1]
    )
    client.force_login(north.manager)
    plan_html = _text(client.get(reverse("quality:plan", args=[plan.pk])))
    for name, pk in (
        ("quality:recommendation-change", r1.pk),
        ("quality:priority-change", priority.pk),
        ("quality:action-change", action.pk),
    ):
        assert reverse(name, args=[pk]) in plan_html

    url = reverse("quality:action-change", args=[action.pk])
    assert 'value="' + str(r1.pk) + '" checked' in _text(client.get(url))
    none = client.post(url, {"description": "Weekly tracker"})
    assert none.status_code == 400
    assert "Choose the recommendations this action answers" in _text(none)
    assert "Weekly tracker" in _text(none)
    assert (
        client.post(url, {"description": "Weekly tracker", "recommendations": [r2.pk]}).status_code
        == 302
    )
    action.refresh_from_db()
    assert action.description == "Weekly tracker"
    assert list(action.recommendations.all()) == [r2]

    url = reverse("quality:priority-change", args=[priority.pk])
    assert client.post(url, {"title": "Timely help", "description": ""}).status_code == 302
    url = reverse("quality:recommendation-change", args=[r1.pk])
    assert client.post(url, {"text": "Timely assessments"}).status_code == 302
    priority.refresh_from_db()
    r1.refresh_from_db()
    assert (priority.title, r1.text, r1.number) == ("Timely help", "Timely assessments", 1)

    client.force_login(north.member)
    assert client.post(url, {"text": "No"}).status_code == 403


def test_the_summary_partial_renders_inside_another_page(north: TeamSetup) -> None:
    """The performance dashboard includes the partial with `summary` from `audit_summary`."""
    from django.template import engines  # noqa: PLC0415

    _audit(north, 0, "good")
    today = timezone.localdate()
    summary = selectors.audit_summary(viewer=north.member, date_from=today, date_to=today)
    page = engines["jinja2"].from_string(
        "{% with summary=audit_summary, summary_heading_level=3 %}"
        '{% include "quality/_audit_summary.html" %}{% endwith %}'
    )
    html = page.render({"audit_summary": summary})
    assert '<h3 class="govuk-heading-m" id="audit-summary-heading">Case audits</h3>' in html
    assert "1 audit of cases" in html
    assert "100.0%" in html

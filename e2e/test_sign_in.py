"""A worker signs in and out in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from hearth.organisation.models import Role, Worker

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_shows_field_errors_then_signs_in_and_out(page: Page, base_url: str) -> None:
    Worker.objects.create_user(
        username="amira", password="a-long-password-1", first_name="Amira", role=Role.SOCIAL_WORKER
    )
    page.goto(f"{base_url}/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()

    page.get_by_label("Username").fill("amira")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_label("Username")).to_have_value("amira")

    page.get_by_label("Password", exact=True).fill("a-long-password-1")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Welcome, Amira")).to_be_visible()
    assert "GDS Transport" not in page.content()

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()

import pytest
from django.test import Client

from hearth.organisation.models import Role, Worker


@pytest.mark.django_db
def test_pages_need_sign_in(client: Client) -> None:
    response = client.get("/people/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in?next=/people/")


@pytest.mark.django_db
def test_sign_in_with_wrong_password_keeps_username_and_explains(client: Client) -> None:
    Worker.objects.create_user(
        username="sam", password="a-long-password-1", role=Role.SOCIAL_WORKER
    )
    response = client.post("/sign-in", {"username": "sam", "password": "wrong"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter a correct username and password" in page
    assert 'value="sam"' in page


@pytest.mark.django_db
def test_sign_in_then_home_shows_council_branding_without_crown(client: Client) -> None:
    Worker.objects.create_user(username="sam", password="a-long-password-1", first_name="Sam")
    response = client.post("/sign-in", {"username": "sam", "password": "a-long-password-1"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert "Welcome, Sam" in page
    assert "Kirklees Council" in page
    assert "govuk-header__logotype" not in page  # no crown
    assert "Crown copyright" not in page

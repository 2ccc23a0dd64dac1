"""Security defaults: a strict CSP, MFA for staff, closed sign-up, a clean deployment check."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tandem.conftest import enrol_mfa, login
from tandem.core.models import User

pytestmark = pytest.mark.django_db

PROJECT_ROOT = Path(__file__).resolve().parents[3]
MFA_REQUIRED = "/security/mfa-required/"


def csp_directives(response: Any) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


# --- Content-Security-Policy -----------------------------------------------------------------


@pytest.mark.parametrize("path", ["/accounts/login/", "/healthz", "/invitation/accept/", "/"])
def test_strict_csp_on_every_response(path: str, client: Client) -> None:
    response = client.get(path)
    assert "Content-Security-Policy" in response
    csp = csp_directives(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_csp_on_signed_in_pages_and_no_caching(world: Any, client: Client) -> None:
    login(client, world.key_person_a)
    response = client.get(world.child_a.get_absolute_url())
    assert response.status_code == 200
    assert csp_directives(response)["script-src"] == ["'self'"]
    assert "no-store" in response["Cache-Control"]


def test_pages_carry_no_inline_script(world: Any, client: Client) -> None:
    """With script-src 'self' an inline script would not run anyway: none should be written."""
    login(client, world.manager)
    for path in ("/", "/children/", world.child_a.get_absolute_url(), "/accounts/login/"):
        page = client.get(path).content.decode()
        for chunk in page.split("<script")[1:]:
            tag = chunk.split(">", 1)[0]
            assert "src=" in tag, f"inline script on {path}"
        assert " onclick=" not in page and " onload=" not in page
        # style-src 'self' would also drop inline styles
        assert "<style" not in page and " style=" not in page


# --- MFA for staff ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["manager", "key_person_a", "volunteer", "owner", "administrator"])
def test_staff_without_mfa_are_sent_to_enrol(persona: str, world: Any, client: Client) -> None:
    client.force_login(world[persona])
    response = client.get("/children/")
    assert response.status_code == 302
    assert response["Location"] == MFA_REQUIRED
    response = client.get(world.child_a.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == MFA_REQUIRED
    # the enrolment pages themselves stay open
    assert client.get(MFA_REQUIRED).status_code == 200
    assert client.get("/accounts/2fa/").status_code == 200


def test_staff_without_mfa_get_no_api_data(world: Any, client: Client) -> None:
    client.force_login(world.manager)
    response = client.get("/api/people/children")
    assert response.status_code in (302, 403)
    assert "Ashcombe" not in response.content.decode()


def test_staff_with_mfa_get_through(world: Any, client: Client) -> None:
    client.force_login(world.manager)
    enrol_mfa(world.manager)
    assert client.get("/children/").status_code == 200


def test_parents_are_not_asked_for_mfa(world: Any, client: Client) -> None:
    client.force_login(world.parent_a)
    assert client.get("/").status_code == 200
    assert client.get(world.child_a.get_absolute_url()).status_code == 200


def test_former_staff_are_not_asked_for_mfa(world: Any, client: Client) -> None:
    world.other_practitioner.setting_memberships.update(active=False)
    client.force_login(world.other_practitioner)
    assert client.get("/").status_code == 200


# --- sign-up is closed ------------------------------------------------------------------------


def test_sign_up_is_closed(client: Client, db: None) -> None:
    response = client.get("/accounts/signup/")
    assert response.status_code in (200, 403, 404)
    page = response.content.decode()
    assert 'name="password1"' not in page
    assert 'name="password2"' not in page
    before = User.objects.count()
    client.post(
        "/accounts/signup/",
        {"email": "walk-in@example.org", "password1": "a long good password", "password2": "a long good password"},
    )
    assert User.objects.count() == before
    assert not User.objects.filter(email="walk-in@example.org").exists()


def test_sign_in_works_with_the_factory_password(world: Any, client: Client) -> None:
    response = client.post("/accounts/login/", {"login": world.parent_a.email, "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert client.get("/").context["user"] == world.parent_a


def test_wrong_password_does_not_sign_in(world: Any, client: Client) -> None:
    response = client.post("/accounts/login/", {"login": world.parent_a.email, "password": "wrong horse battery"})
    assert response.status_code == 200
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_inactive_users_are_refused(world: Any, client: Client) -> None:
    world.parent_a.is_active = False
    world.parent_a.save()
    client.force_login(world.parent_a)
    response = client.get(world.child_a.get_absolute_url())
    assert response.status_code in (302, 404)


def test_session_cookie_settings() -> None:
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.ACCOUNT_PREVENT_ENUMERATION
    assert settings.MEDIA_URL is None


# --- the deployment check --------------------------------------------------------------------


def test_check_deploy_passes_in_production_settings(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TANDEM_"))}
    env.update(
        TANDEM_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50)[:50],
        DJANGO_ALLOWED_HOSTS="example.org",
        DJANGO_SETTINGS_MODULE="tandem.settings",
        TANDEM_SQLITE_PATH=str(tmp_path / "check.sqlite3"),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TANDEM_"))}
    env.update(TANDEM_ENV="production", DJANGO_SETTINGS_MODULE="tandem.settings")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr

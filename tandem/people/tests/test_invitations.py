"""Invitations: the only way a parent or carer gets a sign-in (sign-up is closed).

The link is emailed by a task; only the token's SHA-256 is stored; the token leaves the address
bar at once; the link works once and expires; a newer invitation replaces an older one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tandem.conftest import login
from tandem.core.models import AuditEvent, User
from tandem.factories import AdultFactory
from tandem.people import services
from tandem.people.models import Invitation

pytestmark = pytest.mark.django_db

ACCEPT = "/invitation/accept/"
GOOD_PASSWORD = "sunlit meadow kite 42"
LINK = re.compile(r"https?://[^/\s]+(/invitation/([A-Za-z0-9_-]+)/)")


@pytest.fixture
def invitee(world: Any) -> Any:
    return AdultFactory(setting=world.setting, first_name="Isla", last_name="Invitee", email="isla@family.example.org")


def invite(world: Any, adult: Any, committed: Any) -> tuple[Invitation, str, str]:
    """Invite ``adult`` as the manager; return the invitation, the link's path and its token."""
    before = len(mail.outbox)
    with committed():
        invitation = services.invite_adult(actor=world.manager, adult=adult)
    assert len(mail.outbox) == before + 1, "the task should have emailed the link"
    message = mail.outbox[-1]
    found = LINK.search(message.body)
    assert found, message.body
    return invitation, found.group(1), found.group(2)


def test_invitation_email_carries_a_single_link(world: Any, invitee: Any, committed: Any) -> None:
    invitation, path, token = invite(world, invitee, committed)
    message = mail.outbox[-1]
    assert message.to == ["isla@family.example.org"]
    assert "Meadowbank Preschool" in message.subject
    assert path == f"/invitation/{token}/"
    assert len(token) >= 40
    invitation.refresh_from_db()
    assert invitation.state == "open"
    assert AuditEvent.objects.filter(event="people.invitation.created", object_id=invitation.pk).exists()


def test_only_the_tokens_hash_is_stored(world: Any, invitee: Any, committed: Any) -> None:
    invitation, _, token = invite(world, invitee, committed)
    invitation.refresh_from_db()
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    for row in Invitation.objects.values():
        assert all(token not in str(value) for value in row.values())


def test_manager_invites_from_the_page(world: Any, invitee: Any, client: Client, committed: Any) -> None:
    login(client, world.manager)
    with committed():
        response = client.post(reverse("people:adult_invite", args=[invitee.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert LINK.search(mail.outbox[0].body)
    # a GET does nothing
    assert client.get(reverse("people:adult_invite", args=[invitee.pk])).status_code == 405


def test_following_the_link_moves_the_token_into_the_session(
    world: Any, invitee: Any, client: Client, committed: Any
) -> None:
    _, path, token = invite(world, invitee, committed)
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(ACCEPT, 302)]
    assert token not in response.request["PATH_INFO"]
    assert token not in response.content.decode()
    assert "isla@family.example.org" in response.content.decode()
    assert client.session["tandem_invitation"] == token


def test_accepting_makes_the_sign_in_and_links_the_adult(
    world: Any, invitee: Any, client: Client, committed: Any
) -> None:
    invitation, path, _ = invite(world, invitee, committed)
    client.get(path)
    with committed():
        response = client.post(ACCEPT, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    user = User.objects.get(email="isla@family.example.org")
    assert user.check_password(GOOD_PASSWORD)
    assert (user.first_name, user.last_name) == ("Isla", "Invitee")
    invitee.refresh_from_db()
    assert invitee.user == user
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.state == "used"
    assert "tandem_invitation" not in client.session
    event = AuditEvent.objects.get(event="people.invitation.accepted")
    assert event.actor_id == user.pk
    # and the new sign-in works with the password
    fresh = Client()
    assert fresh.login(email="isla@family.example.org", password=GOOD_PASSWORD)


def test_a_used_link_says_already_used(world: Any, invitee: Any, client: Client, committed: Any) -> None:
    _, path, _ = invite(world, invitee, committed)
    client.get(path)
    client.post(ACCEPT, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    again = Client()
    response = again.get(path, follow=True)
    assert response.status_code == 400
    assert "already been used" in response.content.decode()
    response = again.post(ACCEPT, {"password1": "another good password", "password2": "another good password"})
    assert response.status_code == 400
    assert User.objects.filter(email="isla@family.example.org").count() == 1


def test_an_expired_link_says_expired(world: Any, invitee: Any, client: Client, committed: Any) -> None:
    invitation, path, _ = invite(world, invitee, committed)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.get(path, follow=True)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not User.objects.filter(email="isla@family.example.org").exists()


def test_invitation_expires_after_the_configured_days(world: Any, invitee: Any, committed: Any, settings: Any) -> None:
    settings.TANDEM_INVITATION_DAYS = 3
    invitation, _, _ = invite(world, invitee, committed)
    lifetime = invitation.expires_at - invitation.created_at
    assert dt.timedelta(days=3) - dt.timedelta(seconds=5) <= lifetime <= dt.timedelta(days=3)


def test_a_new_invitation_replaces_the_old_link(world: Any, invitee: Any, client: Client, committed: Any) -> None:
    first, old_path, _ = invite(world, invitee, committed)
    second, new_path, _ = invite(world, invitee, committed)
    first.refresh_from_db()
    assert first.state == "revoked"
    assert second.state == "open"
    response = client.get(old_path, follow=True)
    assert response.status_code == 400
    assert "replaced" in response.content.decode()
    response = Client().get(new_path, follow=True)
    assert response.status_code == 200


def test_a_made_up_link_is_refused(world: Any, client: Client) -> None:
    response = client.get("/invitation/" + "A" * 43 + "/", follow=True)
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


@pytest.mark.parametrize(
    "password1, password2, field",
    [
        (GOOD_PASSWORD, GOOD_PASSWORD + "x", "password2"),
        ("short", "short", "password1"),
        ("1234567890123", "1234567890123", "password1"),
        ("password1234", "password1234", "password1"),
        ("", "", "password1"),
    ],
    ids=["mismatch", "too-short", "numeric", "common", "empty"],
)
def test_bad_passwords_show_field_errors_and_make_no_user(
    password1: str, password2: str, field: str, world: Any, invitee: Any, client: Client, committed: Any
) -> None:
    invitation, path, _ = invite(world, invitee, committed)
    client.get(path)
    response = client.post(ACCEPT, {"password1": password1, "password2": password2})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not User.objects.filter(email="isla@family.example.org").exists()
    invitation.refresh_from_db()
    assert invitation.state == "open"
    invitee.refresh_from_db()
    assert invitee.user is None


def test_cannot_invite_an_adult_without_email_or_with_a_sign_in(world: Any, committed: Any) -> None:
    from django.core.exceptions import ValidationError

    no_email = AdultFactory(setting=world.setting, email="")
    with pytest.raises(ValidationError):
        services.invite_adult(actor=world.manager, adult=no_email)
    with pytest.raises(ValidationError):
        services.invite_adult(actor=world.manager, adult=world.adult_a)  # already signs in
    taken = AdultFactory(setting=world.setting, email=world.dsl.email.upper())
    with pytest.raises(ValidationError):
        services.invite_adult(actor=world.manager, adult=taken)
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_task_sends_nothing_for_a_revoked_invitation(world: Any, invitee: Any, committed: Any) -> None:
    from tandem.people.tasks import send_invitation

    invitation, _, _ = invite(world, invitee, committed)
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    before = Invitation.objects.get(pk=invitation.pk).token_hash
    result = send_invitation.enqueue(invitation.pk)
    assert result.return_value is False
    assert len(mail.outbox) == 1
    assert Invitation.objects.get(pk=invitation.pk).token_hash == before


def test_password_like_the_email_address_is_refused(world: Any, invitee: Any, client: Client, committed: Any) -> None:
    _, path, _ = invite(world, invitee, committed)
    client.get(path)
    response = client.post(ACCEPT, {"password1": "isla@family.example.org", "password2": "isla@family.example.org"})
    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    assert not User.objects.filter(email="isla@family.example.org").exists()

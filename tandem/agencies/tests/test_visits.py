"""Visiting professionals (R50): the invitation (single use, expiring, only its hash kept), booking
(one child, a named supervisor, a window), the visit log (arrival only inside the window, departure,
note, each audited), and what the professional sees: the child's shared information only while the
visit is going on, every view audited; nothing once deactivated."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.agencies.actions.visits import VISIT_ATTEND
from tandem.agencies.models import Professional, ProfessionalInvitation, Share, ShareItem, Visit
from tandem.agencies.services import visits as services
from tandem.comms.models import Notification
from tandem.conftest import login
from tandem.core.access import can, forget
from tandem.core.models import AuditEvent, AuditSubject, User

LINK = re.compile(r"/agencies/professional-invitation/([A-Za-z0-9_-]+)/")


def local(at: dt.datetime) -> str:
    return timezone.localtime(at).strftime("%Y-%m-%dT%H:%M")


def events(name: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event=name))


def book_data(w: Any, **changes: Any) -> dict[str, Any]:
    start = timezone.now() + dt.timedelta(days=2)
    data = {
        "professional": w.professional_profile.pk,
        "supervisor": w.key_person_a.pk,
        "starts_at": local(start),
        "ends_at": local(start + dt.timedelta(hours=2)),
        "purpose": "Speech screening in play",
        "share": "",
    }
    data.update(changes)
    return data


def professional_share(w: Any, *, child: Any = None, user: Any = None) -> Share:
    share = Share.objects.create(
        child=child or w.child_a, status=Share.Status.SHARED, recipient_kind=Share.Recipient.PROFESSIONAL,
        professional=user or w.professional, recipient_name="Priya Therapistson, Speech and language therapist",
        purpose="For the speech assessment", basis=Share.Basis.CONSENT, consent_by=w.adult_a,
        consent_on=timezone.localdate(), delivery=Share.Delivery.VISIT, shared_by=w.key_person_a,
        shared_at=timezone.now(),
    )  # fmt: skip
    ShareItem.objects.create(share=share, kind="need", object_id=w.need_a.pk, label="Allergy: Peanut allergy")
    return share


# --- the invitation ---------------------------------------------------------------------------------------


def invite(client: Any, w: Any, **changes: Any) -> Any:
    data = {
        "first_name": "Sam",
        "last_name": "Speechwell",
        "email": "Sam.Speechwell@nhs.example.org",
        "job_title": "Speech and language therapist",
        "agency": w.agency.pk,
        "phone": "01632 960002",
    }
    data.update(changes)
    return client.post(reverse("agencies:professional_invite", args=[w.setting.pk]), data)


def test_an_invitation_makes_the_account_and_works_once(world: Any, client: Any, committed: Any) -> None:
    w = world
    login(client, w.manager)
    with committed():
        response = invite(client, w)
    assert response.status_code == 302
    user = User.objects.get(email="sam.speechwell@nhs.example.org")
    assert not user.has_usable_password()
    profile = Professional.objects.get(user=user)
    assert profile.setting == w.setting and profile.agency == w.agency and profile.invited_by == w.manager
    invitation = ProfessionalInvitation.objects.get(professional=profile)
    assert invitation.expires_at - invitation.created_at == dt.timedelta(days=7)
    (email,) = mail.outbox
    assert email.to == ["sam.speechwell@nhs.example.org"] and w.setting.name in email.subject
    token = LINK.search(email.body).group(1)  # type: ignore[union-attr]
    invitation.refresh_from_db()
    # only the SHA-256 of the emailed token is kept
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not ProfessionalInvitation.objects.filter(token_hash=token).exists()
    assert events("agencies.visits.professional_invited")

    client.logout()
    response = client.get(reverse("agencies:professional_invitation", args=[token]))
    assert response.status_code == 302 and token not in response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Choose a password" in page.content.decode()
    short = client.post(reverse("agencies:professional_accept"), {"password1": "short", "password2": "short"})
    assert short.status_code == 400
    password = "a long river of speech"
    with committed():
        done = client.post(reverse("agencies:professional_accept"), {"password1": password, "password2": password})
    assert done.status_code == 302 and done["Location"] == reverse("account_login")
    user.refresh_from_db()
    assert user.check_password(password)
    assert events("agencies.visits.invitation_accepted")
    # single use: the same link again
    client.get(reverse("agencies:professional_invitation", args=[token]))
    again = client.get(reverse("agencies:professional_accept"))
    assert again.status_code == 400 and "already been used" in again.content.decode()
    # and a made-up one
    client.get(reverse("agencies:professional_invitation", args=["not-a-real-token"]))
    assert client.get(reverse("agencies:professional_accept")).status_code == 400


def test_an_invitation_expires_after_seven_days(world: Any, client: Any, committed: Any) -> None:
    w = world
    login(client, w.manager)
    with committed():
        invite(client, w)
    token = LINK.search(mail.outbox[0].body).group(1)  # type: ignore[union-attr]
    client.logout()
    with time_machine.travel(timezone.now() + dt.timedelta(days=7, minutes=1)):
        client.get(reverse("agencies:professional_invitation", args=[token]))
        response = client.get(reverse("agencies:professional_accept"))
        assert response.status_code == 400 and "expired" in response.content.decode()
        post = client.post(reverse("agencies:professional_accept"), {"password1": "x" * 20, "password2": "x" * 20})
        assert post.status_code == 400
    assert not User.objects.get(email="sam.speechwell@nhs.example.org").has_usable_password()


def test_a_new_invitation_stops_the_old_link(world: Any, client: Any, committed: Any) -> None:
    w = world
    login(client, w.manager)
    with committed():
        invite(client, w)
    old = LINK.search(mail.outbox[0].body).group(1)  # type: ignore[union-attr]
    profile = Professional.objects.get(user__email="sam.speechwell@nhs.example.org")
    with committed():
        response = client.post(reverse("agencies:professional_invite_again", args=[profile.pk]))
    assert response.status_code == 302 and len(mail.outbox) == 2
    new = LINK.search(mail.outbox[1].body).group(1)  # type: ignore[union-attr]
    client.logout()
    client.get(reverse("agencies:professional_invitation", args=[old]))
    assert client.get(reverse("agencies:professional_accept")).status_code == 400
    client.get(reverse("agencies:professional_invitation", args=[new]))
    assert client.get(reverse("agencies:professional_accept")).status_code == 200


@pytest.mark.parametrize(
    "key, message",
    [
        ("key_person_a", "works for Meadowbank Preschool"),
        ("manager", "works for Meadowbank Preschool"),
        ("owner", "or its provider"),
        ("parent_a", "parent or carer at Meadowbank Preschool"),
        ("parent_b_no_pr", "parent or carer at Meadowbank Preschool"),
        ("professional", "already one of this setting's visiting professionals"),
    ],
)
def test_staff_and_parents_cannot_be_made_professionals(world: Any, client: Any, key: str, message: str) -> None:
    w = world
    login(client, w.manager)
    response = invite(client, w, email=w[key].email.upper())
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert Professional.objects.count() == 2 and not mail.outbox


def test_invitation_form_errors_are_on_the_form(world: Any, client: Any) -> None:
    w = world
    login(client, w.manager)
    response = invite(client, w, email="not an email", job_title="", agency=w.other_agency.pk)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter an email address" in page and "There is a problem" in page
    assert not User.objects.filter(first_name="Sam").exists()


def test_someone_who_signs_in_elsewhere_keeps_their_password(world: Any, client: Any, committed: Any) -> None:
    """A person with a Tandem sign-in but no link to this setting (here: a stranger) can be made a
    professional; accepting the invitation does not change their password."""
    w = world
    w.nobody.set_password("their own password 1")
    w.nobody.save()
    login(client, w.manager)
    with committed():
        assert invite(client, w, email=w.nobody.email).status_code == 302
    token = LINK.search(mail.outbox[0].body).group(1)  # type: ignore[union-attr]
    assert "already sign in" in mail.outbox[0].body
    client.logout()
    client.get(reverse("agencies:professional_invitation", args=[token]))
    page = client.get(reverse("agencies:professional_accept"))
    assert "Accept the invitation" in page.content.decode()
    assert client.post(reverse("agencies:professional_accept"), {}).status_code == 302
    w.nobody.refresh_from_db()
    assert w.nobody.check_password("their own password 1")


def test_a_professional_is_not_asked_for_two_factor_sign_in(world: Any, client: Any) -> None:
    login(client, world.professional)
    assert not world.professional.is_setting_staff
    response = client.get(reverse("agencies:my_visits"))
    assert response.status_code == 200


def test_only_leaders_invite(world: Any, client: Any) -> None:
    w = world
    for key in ("key_person_a", "administrator", "professional", "other_manager"):
        login(client, w[key])
        assert invite(client, w).status_code == 404, key
        assert client.get(reverse("agencies:professionals", args=[w.setting.pk])).status_code == 404, key
    assert not Professional.objects.filter(user__email="sam.speechwell@nhs.example.org").exists()


# --- deactivation ---------------------------------------------------------------------------------------------


def test_a_deactivated_professional_gets_nothing(world: Any, client: Any, committed: Any) -> None:
    w = world
    login(client, w.manager)
    url = reverse("agencies:professional_active", args=[w.professional_profile.pk])
    with committed():
        response = client.post(url, {"active": "0"})
    assert response.status_code == 302
    w.professional_profile.refresh_from_db()
    assert not w.professional_profile.active and events("agencies.visits.professional_deactivated")
    login(client, w.professional)
    assert client.get(reverse("agencies:my_visits")).status_code == 403
    assert client.get(reverse("agencies:my_visit", args=[w.visit.pk])).status_code == 404
    home = client.get(reverse("people:home")).content.decode()
    assert "Your visits" not in home and "Amelia" not in home
    forget(w.professional)
    assert not can(w.professional, VISIT_ATTEND, w.visit)
    # staff see it, and cannot let them in on another visit
    login(client, w.manager)
    page = client.get(reverse("agencies:visit", args=[w.visit.pk])).content.decode()
    assert "Account deactivated" in page
    with pytest.raises(Exception, match="deactivated"):
        services.book_visit(
            actor=w.manager, child=w.child_a, professional=w.professional_profile, supervisor=w.key_person_a,
            starts_at=timezone.now() + dt.timedelta(days=1), ends_at=timezone.now() + dt.timedelta(days=1, hours=1),
            purpose="Again",
        )  # fmt: skip
    # reactivated: the visit going on gives access again
    client.post(reverse("agencies:professional_active", args=[w.professional_profile.pk]), {"active": "1"})
    login(client, w.professional)
    assert client.get(reverse("agencies:my_visit", args=[w.visit.pk])).status_code == 200


# --- booking ---------------------------------------------------------------------------------------------------


def test_booking_tells_the_supervisor_and_the_family(world: Any, client: Any, committed: Any) -> None:
    w = world
    login(client, w.key_person_a)
    share = professional_share(w)
    with committed():
        response = client.post(reverse("agencies:visit_book", args=[w.child_a.pk]), book_data(w, share=share.pk))
    visit = Visit.objects.exclude(pk__in=[w.visit.pk, w.later_visit.pk]).get(child=w.child_a)
    assert response.status_code == 302 and response["Location"] == reverse("agencies:visit", args=[visit.pk])
    assert visit.supervisor == w.key_person_a and visit.share == share and visit.booked_by == w.key_person_a
    told = Notification.objects.get(kind="agencies.visits.supervisor")
    assert told.recipient == w.key_person_a and told.url == reverse("agencies:visit", args=[visit.pk])
    family = Notification.objects.filter(kind="agencies.visits.family")
    # the parent with parental responsibility; not the restricted parent, not child B's family
    assert {n.recipient_id for n in family} == {w.parent_a.pk}
    assert family[0].title.startswith("A visiting professional will see Amelia on ")
    (email,) = [m for m in mail.outbox if m.to == [w.professional.email]]
    assert "Amelia" in email.body and "Ashcombe" not in email.body
    assert reverse("agencies:my_visit", args=[visit.pk]) in email.body
    assert events("agencies.visits.booked")


@pytest.mark.parametrize(
    "changes, field_message",
    [
        ({"ends_at": "start"}, "The visit must end after it starts."),
        ({"hours": 13}, "A visit can last at most 12 hours"),
        ({"days": -1}, "The visit cannot start in the past."),
        ({"supervisor": "other_practitioner"}, "cannot supervise this visit"),
        ({"supervisor": "administrator"}, "cannot supervise this visit"),
        ({"supervisor": "other_manager"}, "cannot supervise this visit"),
        ({"professional": "other_professional_profile"}, "Choose a visiting professional of this setting"),
        ({"purpose": ""}, "Say why the professional is visiting."),
        ({"starts_at": "next tuesday"}, "Give a date and time."),
        ({"share": "other_user"}, "Choose information shared about this child with this professional."),
        ({"overlap": True}, "already has a visit booked then"),
    ],
)
def test_booking_refuses_bad_input_with_a_message(
    world: Any, client: Any, changes: dict[str, Any], field_message: str
) -> None:
    w = world
    start = timezone.now() + dt.timedelta(days=changes.get("days", 2))
    data = book_data(w, starts_at=local(start), ends_at=local(start + dt.timedelta(hours=changes.get("hours", 2))))
    if changes.get("ends_at") == "start":
        data["ends_at"] = data["starts_at"]
    for name in ("supervisor", "professional"):
        if name in changes:
            data[name] = w[changes[name]].pk
    if "purpose" in changes:
        data["purpose"] = changes["purpose"]
    if "starts_at" in changes:
        data["starts_at"] = changes["starts_at"]
    if changes.get("share") == "other_user":
        data["share"] = professional_share(w, user=w.other_professional).pk
    if changes.get("overlap"):
        data["starts_at"], data["ends_at"] = local(w.later_visit.starts_at), local(w.later_visit.ends_at)
    login(client, w.manager)
    before = Visit.objects.count()
    response = client.post(reverse("agencies:visit_book", args=[w.child_a.pk]), data)
    assert response.status_code == 400
    assert field_message in html.unescape(response.content.decode())
    assert Visit.objects.count() == before and not Notification.objects.exists()


def test_a_share_pack_of_another_child_is_not_offered(world: Any, client: Any) -> None:
    w = world
    mine, other = professional_share(w), professional_share(w, child=w.child_b)
    login(client, w.manager)
    page = client.get(reverse("agencies:visit_book", args=[w.child_a.pk])).content.decode()
    select = re.search(r'<select name="share".*?</select>', page, re.S).group(0)  # type: ignore[union-attr]
    assert f'value="{mine.pk}"' in select and f'value="{other.pk}"' not in select
    with pytest.raises(Exception, match="about this child"):
        start = timezone.now() + dt.timedelta(days=3)
        services.book_visit(
            actor=w.manager, child=w.child_a, professional=w.professional_profile, supervisor=w.key_person_a,
            starts_at=start, ends_at=start + dt.timedelta(hours=1), purpose="x", share=other,
        )  # fmt: skip


def test_who_may_book(world: Any, client: Any) -> None:
    w = world
    url = reverse("agencies:visit_book", args=[w.child_a.pk])
    for key, status in (("key_person_a", 200), ("senco", 200), ("room_practitioner", 404), ("parent_a", 404)):
        login(client, w[key])
        assert client.get(url).status_code == status, key
    login(client, w.professional)
    assert client.get(url).status_code == 404


def test_cancelling_a_visit(world: Any, client: Any, committed: Any) -> None:
    w = world
    login(client, w.manager)
    with committed():
        response = client.post(reverse("agencies:visit_cancel", args=[w.later_visit.pk]))
    assert response.status_code == 302
    w.later_visit.refresh_from_db()
    assert w.later_visit.cancelled_at and events("agencies.visits.cancelled")
    assert Notification.objects.filter(kind="agencies.visits.supervisor", recipient=w.room_practitioner).exists()
    assert any("cancelled" in m.subject.lower() for m in mail.outbox)
    # a visit whose professional has arrived is not cancelled: their departure is recorded instead
    response = client.post(reverse("agencies:visit_cancel", args=[w.visit.pk]))
    assert response.status_code == 400 and "record their departure instead" in response.content.decode()


# --- the visit log ---------------------------------------------------------------------------------------------


def test_arrival_only_inside_the_window(world: Any, client: Any, committed: Any) -> None:
    w = world
    login(client, w.room_practitioner)  # the later visit's supervisor
    url = reverse("agencies:visit_arrival", args=[w.later_visit.pk])
    response = client.post(url)
    assert response.status_code == 400
    assert "only during the visit's booked time" in html.unescape(response.content.decode())
    w.later_visit.refresh_from_db()
    assert w.later_visit.arrived_at is None and not events("agencies.visits.arrived")
    # someone who is not the supervisor nor a leader cannot record it at all
    login(client, w.key_person_a)
    assert client.post(url).status_code == 404
    with time_machine.travel(w.later_visit.starts_at + dt.timedelta(minutes=5)):
        login(client, w.room_practitioner)
        with committed():
            assert client.post(url).status_code == 302
        w.later_visit.refresh_from_db()
        assert w.later_visit.arrival_recorded_by == w.room_practitioner and events("agencies.visits.arrived")
        login(client, w.professional)
        page = client.get(reverse("agencies:my_visit", args=[w.later_visit.pk])).content.decode()
        assert "Barnaby Brackenbury" in page and "Screen Barnaby" in page
        # never the other child of the other visit
        assert client.get(reverse("agencies:my_visit", args=[w.visit.pk])).status_code == 200
        other = client.get(reverse("agencies:my_visit", args=[w.visit.pk])).content.decode()
        assert "Ashcombe" not in other
    # after the window, a late arrival is refused
    with time_machine.travel(w.visit.ends_at + dt.timedelta(minutes=1)):
        fresh = Visit.objects.create(
            child=w.child_a, professional=w.professional_profile, supervisor=w.key_person_a, purpose="Late",
            starts_at=timezone.now() - dt.timedelta(hours=2), ends_at=timezone.now() - dt.timedelta(minutes=1),
        )  # fmt: skip
        login(client, w.key_person_a)
        assert client.post(reverse("agencies:visit_arrival", args=[fresh.pk])).status_code == 400


def test_departure_ends_what_the_professional_sees(world: Any, client: Any, committed: Any) -> None:
    w = world
    login(client, w.professional)
    url = reverse("agencies:my_visit", args=[w.visit.pk])
    assert "Observe Amelia" in client.get(url).content.decode()
    login(client, w.key_person_a)
    with committed():
        assert client.post(reverse("agencies:visit_departure", args=[w.visit.pk])).status_code == 302
    w.visit.refresh_from_db()
    assert w.visit.departure_recorded_by == w.key_person_a and events("agencies.visits.departed")
    assert client.post(reverse("agencies:visit_departure", args=[w.visit.pk])).status_code == 400
    login(client, w.professional)
    page = client.get(url).content.decode()
    assert "Observe Amelia" not in page and "Ashcombe" not in page and "Amelia" not in page
    assert "This visit is over" in page


def test_the_note_is_saved_and_audited(world: Any, client: Any, committed: Any) -> None:
    w = world
    login(client, w.key_person_a)
    with committed():
        response = client.post(reverse("agencies:visit_note", args=[w.visit.pk]), {"notes": "Played with the farm."})
    assert response.status_code == 302
    w.visit.refresh_from_db()
    assert w.visit.notes == "Played with the farm." and events("agencies.visits.noted")
    too_long = client.post(reverse("agencies:visit_note", args=[w.visit.pk]), {"notes": "x" * 5001})
    assert too_long.status_code == 400
    # a practitioner of the room sees the log but cannot write it
    login(client, w.room_practitioner)
    assert client.get(reverse("agencies:visit", args=[w.visit.pk])).status_code == 200
    assert client.post(reverse("agencies:visit_note", args=[w.visit.pk]), {"notes": "x"}).status_code == 404


def test_the_visit_page_for_staff(world: Any, client: Any) -> None:
    w = world
    login(client, w.key_person_a)
    page = client.get(reverse("agencies:visit", args=[w.visit.pk])).content.decode()
    assert "Priya Therapistson" in page and "Record their departure" in page and "Going on now" in page
    for key in ("parent_a", "other_practitioner", "administrator", "volunteer", "other_manager", "professional"):
        login(client, w[key])
        assert client.get(reverse("agencies:visit", args=[w.visit.pk])).status_code == 404, key


# --- what the professional sees ----------------------------------------------------------------------------------


def test_during_the_visit_the_professional_sees_the_child_and_the_pack(world: Any, client: Any, committed: Any) -> None:
    w = world
    w.visit.share = professional_share(w)
    w.visit.save()
    login(client, w.professional)
    with committed():
        response = client.get(reverse("agencies:my_visit", args=[w.visit.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Amelia Ashcombe" in page and "Observe Amelia" in page and "Keira Keyworth" in page
    assert "Peanut allergy" in page  # the pack's item, rendered by the sharing feature
    (viewed,) = events("agencies.visits.viewed")
    assert viewed.actor_id == w.professional.pk and viewed.object_id == w.visit.pk
    assert AuditSubject.objects.filter(event=viewed, subject_id=w.child_a.pk).exists()
    # a revoked pack is no longer shown
    Share.objects.filter(pk=w.visit.share_id).update(revoked_at=timezone.now())
    assert "Peanut allergy" not in client.get(reverse("agencies:my_visit", args=[w.visit.pk])).content.decode()


def test_before_arrival_only_when_and_where(world: Any, client: Any, committed: Any) -> None:
    w = world
    Visit.objects.filter(pk=w.visit.pk).update(arrived_at=None, arrival_recorded_by=None, share=professional_share(w))
    login(client, w.professional)
    with committed():
        page = html.unescape(client.get(reverse("agencies:my_visit", args=[w.visit.pk])).content.decode())
    assert "You can see Amelia's shared information once your supervisor records your arrival" in page
    assert w.setting.name in page
    for secret in ("Ashcombe", "Observe Amelia", "Peanut", "Keira"):
        assert secret not in page, secret
    assert not events("agencies.visits.viewed")
    # the visit next week: no name at all
    later = html.unescape(client.get(reverse("agencies:my_visit", args=[w.later_visit.pk])).content.decode())
    assert "Barnaby" not in later and "Brackenbury" not in later and "the child's shared information" in later


def test_your_visits_lists_times_and_places_without_names(world: Any, client: Any) -> None:
    w = world
    login(client, w.professional)
    response = client.get(reverse("agencies:my_visits"))
    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("agencies:my_visit", args=[w.visit.pk]) in page
    assert reverse("agencies:my_visit", args=[w.later_visit.pk]) in page
    assert reverse("agencies:my_visit", args=[w.other_visit.pk]) not in page
    for name in ("Amelia", "Ashcombe", "Barnaby", "Brackenbury", "Ottilie", "Otterburn"):
        assert name not in page
    home = client.get(reverse("people:home")).content.decode()
    assert 'href="/agencies/my-visits/"' in home
    for name in ("Amelia", "Ashcombe", "Barnaby", "Brackenbury", "Ottilie", "Otterburn"):
        assert name not in home


# --- lists -------------------------------------------------------------------------------------------------------


def test_the_setting_visits_list(world: Any, client: Any, django_assert_max_num_queries: Any) -> None:
    w = world
    now = timezone.now()

    def past(days: range) -> None:
        for day in days:
            Visit.objects.create(
                child=w.child_a if day % 2 else w.child_b, professional=w.professional_profile, supervisor=w.manager,
                purpose="Check", starts_at=now - dt.timedelta(days=day), ends_at=now - dt.timedelta(days=day, hours=-1),
                arrived_at=now - dt.timedelta(days=day), departed_at=now - dt.timedelta(days=day, minutes=-50),
            )  # fmt: skip

    login(client, w.senco)
    url = reverse("agencies:visits", args=[w.setting.pk])
    upcoming = client.get(url)
    assert upcoming.status_code == 200
    page = upcoming.content.decode()
    assert "Amelia Ashcombe" in page and "Barnaby Brackenbury" in page and "Ottilie" not in page
    assert "2 visits" in page
    past(range(1, 3))
    with CaptureQueriesContext(connection) as few:
        assert "2 visits" in client.get(url + "?when=past").content.decode()
    past(range(3, 31))
    with django_assert_max_num_queries(len(few)):  # the count does not grow with the rows
        response = client.get(url + "?when=past")
    assert "30 visits" in response.content.decode() and "Page 1 of 2" in response.content.decode()
    with django_assert_max_num_queries(len(few)):
        assert client.get(url + "?when=past&page=2").status_code == 200
    assert client.get(url + "?when=nonsense").status_code == 200
    for key in ("key_person_a", "administrator", "other_manager", "professional"):
        login(client, w[key])
        assert client.get(url).status_code == 404, key


def test_the_child_record_and_the_office_show_visits(world: Any, client: Any) -> None:
    w = world
    login(client, w.key_person_a)
    record = client.get(reverse("people:child", args=[w.child_a.pk])).content.decode()
    assert "Visits by professionals" in record and reverse("agencies:visit_book", args=[w.child_a.pk]) in record
    login(client, w.room_practitioner)
    record = client.get(reverse("people:child", args=[w.child_a.pk])).content.decode()
    assert "Visits by professionals" in record and reverse("agencies:visit_book", args=[w.child_a.pk]) not in record
    login(client, w.administrator)
    assert "Visits by professionals" not in client.get(reverse("people:child", args=[w.child_a.pk])).content.decode()
    login(client, w.manager)
    office = client.get(reverse("core:office")).content.decode()
    assert reverse("agencies:professionals", args=[w.setting.pk]) in office
    assert reverse("agencies:visits", args=[w.setting.pk]) in office
    professionals = client.get(reverse("agencies:professionals", args=[w.setting.pk])).content.decode()
    assert "Priya Therapistson" in professionals and "Orla" not in professionals


def test_changing_the_share_pack_of_a_visit(world: Any, client: Any, committed: Any) -> None:
    w = world
    mine, other_child = professional_share(w), professional_share(w, child=w.child_b)
    login(client, w.manager)
    url = reverse("agencies:visit_share", args=[w.visit.pk])
    with committed():
        assert client.post(url, {"share": mine.pk}).status_code == 302
    w.visit.refresh_from_db()
    assert w.visit.share == mine and events("agencies.visits.share_changed")
    response = client.post(url, {"share": other_child.pk})
    assert response.status_code == 400 and "Choose information shared about this child" in response.content.decode()
    assert client.post(url, {"share": ""}).status_code == 302
    w.visit.refresh_from_db()
    assert w.visit.share is None
    login(client, w.room_practitioner)  # sees the visit, may not change it
    assert client.post(url, {"share": mine.pk}).status_code == 404

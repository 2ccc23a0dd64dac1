"""Sharing with agencies and schools (R48, R51): the services. Nothing leaves the setting without a
record of what, with whom, when, why and on what basis; without consent only on the DSL's decision
for this child; third-party information only with its agency's consent, checked again when shared."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from tandem.agencies.models import ReceivedConsent, ReceivedItem, Share, ShareItem, SharingDecision
from tandem.agencies.selectors.received import NOT_PASSABLE
from tandem.agencies.selectors.sharing import DELETED, family_shares, pack_groups, render_pack
from tandem.agencies.services import sharing as services
from tandem.core.models import AuditEvent, ExportRecord
from tandem.journal.models import Observation, ObservationChild
from tandem.people.models import ChildAdult


def _draft(w: Any, actor: Any = None, child: Any = None, **extra: Any) -> Share:
    return services.start_share(
        actor=actor or w.key_person_a,
        child=child or w.child_a,
        recipient=extra.pop("recipient", f"contact:{w.sharing_school_contact.pk}"),
        purpose=extra.pop("purpose", "Moving to Reception in September"),
        delivery=extra.pop("delivery", Share.Delivery.LINK),
    )


def _received(w: Any, *, consent: bool = True, safeguarding: bool = False, child: Any = None) -> ReceivedItem:
    item = ReceivedItem.objects.create(
        child=child or w.child_a, agency=w.sharing_agency, from_name="Sam Socialworker", kind="note",
        title="Notes from the team around the family meeting", body="What the social worker told us.",
        safeguarding=safeguarding, recorded_by=w.manager,
    )  # fmt: skip
    if consent:
        ReceivedConsent.objects.create(item=item, given_by="Sam Socialworker", scope="The school", recorded_by=w.dsl)
    return item


def _consent_record(w: Any, share: Share, actor: Any = None) -> Share:
    return services.record_share(
        actor=actor or w.key_person_a, share=share, basis=Share.Basis.CONSENT, consent_by=w.adult_a,
        consent_on=timezone.localdate(), consent_how="Signed form",
    )  # fmt: skip


def _observation(w: Any, child: Any, text: str = "Amelia counted the ducks to ten.") -> Observation:
    obs = Observation.objects.create(
        setting=w.setting, status=Observation.Status.PUBLISHED, title="Counting ducks", text=text, author=w.key_person_a
    )
    ObservationChild.objects.create(observation=obs, child=child, shared_at=timezone.now())
    return obs


# --- the DSL's decision -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["manager", "key_person_a", "senco", "deputy", "parent_a", "other_manager"])
def test_only_the_dsl_records_a_decision(world: Any, persona: str) -> None:
    with pytest.raises(Http404):
        services.record_decision(
            actor=world[persona], child=world.child_a, reason="Harm", with_whom="MASH", parents_told="no",
            not_told_reason="Risk",
        )  # fmt: skip
    assert not SharingDecision.objects.exclude(pk=world.sharing_decision_a.pk).exists()


def test_the_dsl_records_a_decision_and_the_manager_is_told(world: Any, committed: Any) -> None:
    with committed():
        decision = services.record_decision(
            actor=world.dsl, child=world.child_a, reason="Marks seen and what she said.", with_whom="The MASH",
            parents_told="yes", parents_told_on=timezone.localdate(),
        )  # fmt: skip
    assert decision.decided_by == world.dsl and decision.not_told_reason == ""
    assert AuditEvent.objects.filter(event="agencies.sharing.decision.recorded", object_id=decision.pk).exists()
    from tandem.comms.models import Notification

    told = set(Notification.objects.filter(kind="agencies.sharing.decision").values_list("recipient_id", flat=True))
    assert told == {world.manager.pk}


@pytest.mark.parametrize(
    ("told", "on", "reason", "field"),
    [
        ("no", None, "", "not_told_reason"),
        ("not_yet", None, " ", "not_told_reason"),
        ("yes", None, "", "parents_told_on"),
        ("yes", dt.date(2999, 1, 1), "", "parents_told_on"),
        ("maybe", None, "x", "parents_told"),
    ],
)
def test_a_decision_says_whether_the_parents_were_told(world: Any, told: str, on: Any, reason: str, field: str) -> None:
    with pytest.raises(ValidationError) as error:
        services.record_decision(
            actor=world.dsl, child=world.child_a, reason="Harm", with_whom="MASH", parents_told=told,
            parents_told_on=on, not_told_reason=reason,
        )  # fmt: skip
    assert field in error.value.message_dict


def test_a_decision_needs_its_reason_and_recipient(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.record_decision(
            actor=world.dsl, child=world.child_a, reason=" ", with_whom="", parents_told="no", not_told_reason="x"
        )
    assert {"reason", "with_whom"} <= set(error.value.message_dict)


# --- recording a share: the basis ------------------------------------------------------------------


def test_without_consent_needs_a_decision(world: Any) -> None:
    share = _draft(world, actor=world.dsl, recipient=f"contact:{world.sharing_contact.pk}")
    services.choose_items(actor=world.dsl, share=share, values=[f"need:{world.need_a.pk}"])
    with pytest.raises(ValidationError) as error:
        services.record_share(actor=world.dsl, share=share, basis=Share.Basis.WITHOUT_CONSENT, decision=None)
    assert error.value.message_dict["decision"] == [services.NO_DECISION]
    share.refresh_from_db()
    assert share.status == Share.Status.DRAFT and not ExportRecord.objects.filter(child_id=world.child_a.pk).exists()


def test_the_database_refuses_a_shared_row_without_its_basis(world: Any) -> None:
    share = _draft(world)
    for basis in (Share.Basis.WITHOUT_CONSENT, Share.Basis.CONSENT):
        with pytest.raises(IntegrityError), transaction.atomic():
            Share.objects.filter(pk=share.pk).update(status="shared", basis=basis)
    share.refresh_from_db()
    assert share.status == Share.Status.DRAFT


def test_a_decision_for_another_child_cannot_be_used(world: Any) -> None:
    other = SharingDecision.objects.create(
        child=world.child_b, decided_by=world.dsl, reason="About Barnaby", with_whom="MASH", parents_told="no",
        not_told_reason="Risk",
    )  # fmt: skip
    share = _draft(world, actor=world.dsl, recipient=f"contact:{world.sharing_contact.pk}")
    services.choose_items(actor=world.dsl, share=share, values=[f"need:{world.need_a.pk}"])
    for decision in (other, other.pk, world.other_share.pk):
        with pytest.raises(ValidationError) as error:
            services.record_share(actor=world.dsl, share=share, basis=Share.Basis.WITHOUT_CONSENT, decision=decision)
        assert "decision" in error.value.message_dict


def test_the_key_person_cannot_share_without_consent(world: Any) -> None:
    share = _draft(world)
    services.choose_items(actor=world.key_person_a, share=share, values=[f"need:{world.need_a.pk}"])
    with pytest.raises(ValidationError) as error:
        services.record_share(
            actor=world.key_person_a, share=share, basis=Share.Basis.WITHOUT_CONSENT, decision=world.sharing_decision_a
        )
    assert "basis" in error.value.message_dict


def test_the_dsl_shares_without_consent_on_their_decision(world: Any, committed: Any) -> None:
    share = _draft(world, actor=world.dsl, recipient=f"contact:{world.sharing_contact.pk}", delivery="phone")
    services.choose_items(actor=world.dsl, share=share, values=[f"need:{world.need_a.pk}"])
    with committed():
        done = services.record_share(
            actor=world.dsl, share=share, basis=Share.Basis.WITHOUT_CONSENT, decision=world.sharing_decision_a
        )
    assert done.status == Share.Status.SHARED and done.decision == world.sharing_decision_a
    assert done.shared_by == world.dsl and done.shared_at is not None and done.consent_by is None
    assert AuditEvent.objects.filter(event="agencies.sharing.recorded", object_id=done.pk).exists()


@pytest.mark.parametrize("who", ["adult_b", "restricted_adult", "other_adult", "no_pr", None])
def test_consent_must_come_from_an_adult_with_parental_responsibility(world: Any, who: str | None) -> None:
    if who == "no_pr":
        ChildAdult.objects.filter(pk=world.link_a.pk).update(parental_responsibility=False)
        adult = world.adult_a
    else:
        adult = world[who] if who else None
    share = _draft(world)
    services.choose_items(actor=world.key_person_a, share=share, values=[f"need:{world.need_a.pk}"])
    with pytest.raises(ValidationError) as error:
        services.record_share(
            actor=world.key_person_a, share=share, basis=Share.Basis.CONSENT, consent_by=adult,
            consent_on=timezone.localdate(), consent_how="Signed form",
        )  # fmt: skip
    assert error.value.message_dict["consent_by"] == [services.NO_CONSENT_ADULT]


def test_consent_needs_its_date_and_how(world: Any) -> None:
    share = _draft(world)
    services.choose_items(actor=world.key_person_a, share=share, values=[f"need:{world.need_a.pk}"])
    with pytest.raises(ValidationError) as error:
        services.record_share(
            actor=world.key_person_a, share=share, basis=Share.Basis.CONSENT, consent_by=world.adult_a,
            consent_on=timezone.localdate() + dt.timedelta(days=1), consent_how="",
        )  # fmt: skip
    assert {"consent_on", "consent_how"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        services.record_share(actor=world.key_person_a, share=share, basis="")
    assert "basis" in error.value.message_dict


def test_an_empty_pack_is_not_shared(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        _consent_record(world, _draft(world))
    assert "items" in error.value.message_dict


def test_every_share_writes_an_export_record(world: Any, committed: Any) -> None:
    share = _draft(world)
    services.choose_items(actor=world.key_person_a, share=share, values=[f"need:{world.need_a.pk}"])
    with committed():
        _consent_record(world, share)
    record = ExportRecord.objects.get(child_id=world.child_a.pk)
    assert record.what == "Share pack for Meadowbank Primary School"
    assert record.purpose == "Moving to Reception in September" and record.actor == world.key_person_a
    assert record.setting_id == world.setting.pk
    assert AuditEvent.objects.filter(event="core.export.made", object_id=record.pk).exists()


def test_a_shared_pack_cannot_be_changed(world: Any) -> None:
    share = _draft(world)
    services.choose_items(actor=world.key_person_a, share=share, values=[f"need:{world.need_a.pk}"])
    _consent_record(world, share)
    with pytest.raises(ValidationError):
        services.choose_items(actor=world.key_person_a, share=share, values=[])
    with pytest.raises(ValidationError):
        services.change_share(
            actor=world.key_person_a, share=share, recipient=f"contact:{world.sharing_school_contact.pk}",
            purpose="Other", delivery="phone",
        )  # fmt: skip
    with pytest.raises(ValidationError):
        _consent_record(world, share)
    with pytest.raises(ValidationError):
        services.cancel_share(actor=world.key_person_a, share=share)
    assert list(share.items.values_list("kind", "object_id")) == [("need", world.need_a.pk)]


# --- the pack ----------------------------------------------------------------------------------------


def test_only_the_childs_own_items_can_be_chosen(world: Any) -> None:
    share = _draft(world)
    other_obs = _observation(world, world.child_b, "Barnaby's day")
    for value in (f"need:{world.need_b.pk}", f"need:{world.other_need.pk}", f"observation:{other_obs.pk}",
                  "need:abc", "nothing:1", f"received:{_received(world, child=world.child_b).pk}"):  # fmt: skip
        with pytest.raises(ValidationError) as error:
            services.choose_items(actor=world.key_person_a, share=share, values=[value])
        assert "items" in error.value.message_dict
    assert not share.items.exists()


def test_an_observation_not_shared_with_the_family_cannot_be_chosen(world: Any) -> None:
    obs = _observation(world, world.child_a)
    ObservationChild.objects.filter(observation=obs).update(shared_at=None)
    with pytest.raises(ValidationError):
        services.choose_items(actor=world.key_person_a, share=_draft(world), values=[f"observation:{obs.pk}"])


def test_third_party_information_needs_its_agencys_consent(world: Any) -> None:
    item = _received(world, consent=False)
    share = _draft(world)
    with pytest.raises(ValidationError) as error:
        services.choose_items(actor=world.key_person_a, share=share, values=[f"received:{item.pk}"])
    expected = NOT_PASSABLE.format(title=item.title, origin="Meadowbank Children's Social Care")
    assert error.value.message_dict["items"] == [expected]
    [group] = [g for g in pack_groups(actor=world.key_person_a, child=world.child_a) if g.key == "received"]
    assert [c.blocked for c in group.choices if c.value == f"received:{item.pk}"] == [expected]


def test_third_party_consent_is_kept_and_checked_again_when_shared(world: Any) -> None:
    item = _received(world)
    share = _draft(world)
    services.choose_items(actor=world.key_person_a, share=share, values=[f"received:{item.pk}"])
    row = ShareItem.objects.get(share=share)
    assert row.received_item == item and row.received_consent == item.consents.get()
    ReceivedConsent.objects.filter(item=item).update(withdrawn_at=timezone.now())  # withdrawn before sharing
    with pytest.raises(ValidationError) as error:
        _consent_record(world, share)
    assert "items" in error.value.message_dict
    share.refresh_from_db()
    assert share.status == Share.Status.DRAFT
    fresh = ReceivedConsent.objects.create(item=item, given_by="Sam again", scope="The school", recorded_by=world.dsl)
    _consent_record(world, share)
    assert ShareItem.objects.get(share=share).received_consent == fresh  # the consent in force when shared


def test_safeguarding_items_only_for_those_who_may_see_them(world: Any) -> None:
    item = _received(world, safeguarding=True)
    share = _draft(world, actor=world.senco)
    with pytest.raises(ValidationError):
        services.choose_items(actor=world.senco, share=share, values=[f"received:{item.pk}"])
    [group] = [g for g in pack_groups(actor=world.senco, child=world.child_a) if g.key == "received"]
    assert f"received:{item.pk}" not in [c.value for c in group.choices]
    services.choose_items(actor=world.dsl, share=share, values=[f"received:{item.pk}"])
    assert share.items.count() == 1


def test_the_pack_shown_matches_the_items_recorded(world: Any) -> None:
    obs = _observation(world, world.child_a)
    item = _received(world)
    share = _draft(world)
    values = [f"observation:{obs.pk}", f"need:{world.need_a.pk}", f"received:{item.pk}"]
    services.choose_items(actor=world.key_person_a, share=share, values=values)
    _consent_record(world, share)
    entries = render_pack(share)
    assert [e.label for e in entries] == list(share.items.order_by("pk").values_list("label", flat=True))
    assert [e.third_party for e in entries] == [False, False, True]
    assert "counted the ducks" in entries[0].body and "Peanut allergy" in entries[1].body
    assert entries[2].origin == "Meadowbank Children's Social Care" and "social worker told us" in entries[2].body
    # the agency withdraws consent afterwards: the entry stays, its content is withheld
    ReceivedConsent.objects.filter(item=item).update(withdrawn_at=timezone.now())
    withheld = render_pack(share)[2]
    assert withheld.label == entries[2].label and "social worker told us" not in withheld.body
    # an item removed from the record stays listed, marked so
    world.need_a.delete()
    assert render_pack(share)[1].body == DELETED and render_pack(share)[1].label == entries[1].label


def test_recipients_and_delivery(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        _draft(world, recipient=f"contact:{world.sharing_contact.pk}", delivery="visit")
    assert "delivery" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _draft(world, recipient=f"professional:{world.professional_profile.pk}", delivery="link")
    assert "delivery" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _draft(world, recipient="contact:999999", purpose="")
    assert {"recipient", "purpose"} <= set(error.value.message_dict)
    visit = _draft(world, recipient=f"professional:{world.professional_profile.pk}", delivery="visit")
    assert visit.professional == world.professional and visit.recipient_kind == Share.Recipient.PROFESSIONAL
    school = _draft(world)
    assert school.recipient_kind == Share.Recipient.SCHOOL and school.agency == world.sharing_school
    agency = _draft(world, recipient=f"contact:{world.sharing_contact.pk}")
    assert agency.recipient_kind == Share.Recipient.AGENCY


def test_strangers_cannot_prepare_a_share(world: Any) -> None:
    for persona in ("room_practitioner", "administrator", "parent_a", "other_manager", "professional"):
        with pytest.raises(Http404):
            _draft(world, actor=world[persona])


# --- families ------------------------------------------------------------------------------------------


def test_families_see_consent_shares_and_told_decisions_only(world: Any) -> None:
    assert list(family_shares(world.child_a)) == [world.share_consent_a]
    SharingDecision.objects.filter(pk=world.sharing_decision_a.pk).update(parents_told="not_yet")
    assert list(family_shares(world.child_a)) == [world.share_consent_a]
    services.update_parents_told(
        actor=world.dsl, decision=world.sharing_decision_a, parents_told="yes", parents_told_on=timezone.localdate()
    )
    assert set(family_shares(world.child_a)) == {world.share_consent_a, world.share_without_consent_a}
    assert world.share_draft_a not in family_shares(world.child_a)


def test_only_the_dsl_records_that_the_parents_were_told(world: Any) -> None:
    with pytest.raises(Http404):
        services.update_parents_told(
            actor=world.manager, decision=world.sharing_decision_a, parents_told="yes",
            parents_told_on=timezone.localdate(),
        )  # fmt: skip


def test_a_pack_for_a_visiting_professional(world: Any, committed: Any) -> None:
    from django.template.loader import render_to_string

    from tandem.agencies.selectors.sharing import shares_for_visit
    from tandem.comms.models import Notification

    share = _draft(world, recipient=f"professional:{world.professional_profile.pk}", delivery="visit")
    services.choose_items(actor=world.key_person_a, share=share, values=[f"need:{world.need_a.pk}"])
    with committed():
        _consent_record(world, share)
    assert list(shares_for_visit(child=world.child_a, professional_user=world.professional)) == [share]
    assert Notification.objects.filter(kind="agencies.sharing.visit", recipient=world.professional).exists()
    html = render_to_string("agencies/sharing/_pack.html", {"entries": render_pack(share)})
    assert "Peanut allergy" in html and "do not pass on" not in html
    services.revoke_share(actor=world.key_person_a, share=share)
    assert not shares_for_visit(child=world.child_a, professional_user=world.professional).exists()


def test_safeguarding_material_chosen_by_the_dsl_is_kept_and_hidden_from_others(world: Any) -> None:
    secret = _received(world, safeguarding=True)
    share = _draft(world, actor=world.dsl)
    services.choose_items(actor=world.dsl, share=share, values=[f"received:{secret.pk}"])
    # the SENCO adds a need: the DSL's choice, which they cannot see, stays in the pack
    services.choose_items(actor=world.senco, share=share, values=[f"need:{world.need_a.pk}"])
    assert set(share.items.values_list("kind", "object_id")) == {("received", secret.pk), ("need", world.need_a.pk)}
    hidden = render_pack(share, withhold_safeguarding=True)
    assert all("social worker told us" not in e.body and secret.title not in e.label for e in hidden)
    assert any("social worker told us" in e.body for e in render_pack(share))
    with pytest.raises(ValidationError) as error:
        _consent_record(world, share, actor=world.senco)
    assert error.value.message_dict["items"] == [services.SAFEGUARDING_ONLY]

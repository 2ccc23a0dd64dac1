"""Consents (R9): the services that decide, the one question later features ask, and their rules."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404

from tandem.core.access import forget
from tandem.core.models import AuditEvent, AuditSubject
from tandem.enrolment.models import ConsentCode, ConsentDecision, ConsentType
from tandem.enrolment.selectors.consents import (
    ConsentStatus,
    consent_grid,
    consent_now,
    consents_for_children,
    consents_of_child,
    with_consent,
    without_consent,
)
from tandem.enrolment.services import consents as services
from tandem.enrolment.services.consents import (
    NOT_ASKED_HERE,
    NOTHING_TO_WITHDRAW,
    ONLY_PARENTAL_RESPONSIBILITY,
    WORDING_CHANGED,
    decide_consent,
    ensure_default_consent_types,
    give_consent,
    refuse_consent,
    update_consent_type,
    withdraw_consent,
)
from tandem.factories import AdultFactory, ChildAdultFactory, ChildFactory, UserFactory
from tandem.people.models import Child, ChildAdult

pytestmark = pytest.mark.django_db

PHOTOS = ConsentCode.PHOTOS_RECORDS
OUTINGS = ConsentCode.LOCAL_OUTINGS


def photo(world: Any) -> ConsentType:
    return world.consent_types[PHOTOS]


def give(world: Any, user: Any = None, code: str = PHOTOS, child: Any = None) -> ConsentDecision:
    return give_consent(
        actor=user or world.parent_a, child=child or world.child_a, consent_type=world.consent_types[code]
    )


def decisions() -> int:
    return ConsentDecision.objects.count()


# --- the catalogue ----------------------------------------------------------------------------


def test_the_standard_seven_are_set_up_once_and_edits_are_kept(world: Any) -> None:
    types = ensure_default_consent_types(world.setting)
    assert [t.code for t in types] == [
        ConsentCode.EMERGENCY_TREATMENT,
        ConsentCode.ADMINISTERING_MEDICATION,
        ConsentCode.LOCAL_OUTINGS,
        ConsentCode.PHOTOS_RECORDS,
        ConsentCode.PHOTOS_DISPLAY,
        ConsentCode.ONLINE_JOURNAL,
        ConsentCode.SHARE_OTHER_SETTING,
    ]
    assert {t.code for t in types} == set(ConsentCode.values)
    assert all(t.version == 1 and t.active and t.explanation for t in types)
    ConsentType.objects.filter(pk=photo(world).pk).update(title="Photos for the journal")
    again = ensure_default_consent_types(world.setting)
    assert ConsentType.objects.filter(setting=world.setting).count() == 7
    assert {t.code: t.title for t in again}[PHOTOS] == "Photos for the journal"


def test_set_up_needs_a_manager_and_is_audited(world: Any, committed: Any) -> None:
    ConsentType.objects.filter(setting=world.setting, code=OUTINGS).delete()
    with pytest.raises(Http404):
        services.set_up_consent_types(actor=world.key_person_a, setting=world.setting)
    with committed():
        services.set_up_consent_types(actor=world.deputy, setting=world.setting)
    assert ConsentType.objects.filter(setting=world.setting).count() == 7
    assert AuditEvent.objects.filter(event="enrolment.consent_types.set_up", actor_id=world.deputy.pk).exists()


# --- giving and refusing ----------------------------------------------------------------------


def test_a_parent_with_parental_responsibility_gives_consent(world: Any, committed: Any) -> None:
    assert not consent_now(world.child_a, PHOTOS).given
    with committed():
        decision = give(world)
    assert decision.given and decision.kind == "given"
    assert decision.decided_by == world.adult_a
    assert decision.decided_by_user == world.parent_a
    assert decision.type_version == 1
    state = consent_now(world.child_a, PHOTOS)
    assert state.given
    assert state.status == ConsentStatus.GIVEN
    assert state.by == "Penny Parentish"
    assert state.at == decision.at
    event = AuditEvent.objects.get(event="enrolment.consent.given")
    assert event.actor_id == world.parent_a.pk
    assert event.object_id == decision.pk
    assert event.setting_id == world.setting.pk
    subjects = set(AuditSubject.objects.filter(event=event).values_list("kind", "subject_id"))
    assert subjects == {("child", world.child_a.pk), ("person", world.adult_a.pk)}


def test_refusal_is_recorded_and_is_not_consent(world: Any, committed: Any) -> None:
    with committed():
        refuse_consent(actor=world.parent_a, child=world.child_a, consent_type=photo(world))
    state = consent_now(world.child_a, PHOTOS)
    assert state.status == ConsentStatus.REFUSED
    assert not state.given
    assert AuditEvent.objects.filter(event="enrolment.consent.refused").count() == 1


def test_repeating_the_same_decision_writes_nothing(world: Any) -> None:
    first = give(world)
    again = give(world)
    assert again.pk == first.pk
    assert decisions() == 1


@pytest.mark.parametrize("persona", ["parent_b_no_pr"])
def test_an_adult_without_parental_responsibility_is_refused_with_a_clear_message(persona: str, world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        give(world, world[persona], child=world.child_b)
    assert error.value.messages == [ONLY_PARENTAL_RESPONSIBILITY]
    assert decisions() == 0


@pytest.mark.parametrize("persona", ["key_person_a", "room_practitioner", "manager", "deputy", "dsl", "administrator"])
def test_staff_never_decide_on_a_parents_behalf(persona: str, world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        give(world, world[persona])
    assert error.value.messages == [ONLY_PARENTAL_RESPONSIBILITY]
    assert decisions() == 0


@pytest.mark.parametrize(
    "persona", ["restricted_parent", "other_practitioner", "volunteer", "owner", "other_manager", "nobody"]
)
def test_those_who_may_not_see_the_child_get_404(persona: str, world: Any) -> None:
    with pytest.raises(Http404):
        give(world, world[persona])
    assert decisions() == 0


@pytest.mark.parametrize("restriction", ["no_contact", "no_collection"])
def test_a_restricted_parent_with_parental_responsibility_cannot_decide(restriction: str, world: Any) -> None:
    ChildAdult.objects.filter(pk=world.link_a.pk).update(**{restriction: True})
    forget(world.parent_a)
    with pytest.raises(ValidationError) as error:
        give(world)
    assert error.value.messages == [ONLY_PARENTAL_RESPONSIBILITY]
    assert decisions() == 0


def test_a_consent_of_another_setting_or_not_asked_is_refused(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        give_consent(actor=world.parent_a, child=world.child_a, consent_type=world.other_photo_consent_type)
    assert error.value.messages == [NOT_ASKED_HERE]
    ConsentType.objects.filter(pk=photo(world).pk).update(active=False)
    photo(world).refresh_from_db()
    with pytest.raises(ValidationError):
        give(world)
    assert decisions() == 0


def test_an_unknown_kind_is_refused(world: Any) -> None:
    with pytest.raises(ValidationError):
        decide_consent(actor=world.parent_a, child=world.child_a, consent_type=photo(world), kind="maybe")
    assert decisions() == 0


def test_two_parents_deciding_both_stay_in_the_history_and_the_later_counts(world: Any) -> None:
    second_user = UserFactory(first_name="Pat", last_name="Secondparent")
    second = AdultFactory(setting=world.setting, user=second_user, first_name="Pat", last_name="Secondparent")
    ChildAdultFactory(child=world.child_a, adult=second, parental_responsibility=True)
    give(world)
    refuse_consent(actor=second_user, child=world.child_a, consent_type=photo(world))
    state = consent_now(world.child_a, PHOTOS)
    assert state.status == ConsentStatus.REFUSED
    assert state.by == "Pat Secondparent"
    assert list(ConsentDecision.objects.filter(child=world.child_a).values_list("kind", flat=True)) == [
        "refused",
        "given",
    ]


# --- withdrawing --------------------------------------------------------------------------------


def test_withdrawal_is_a_new_decision_takes_effect_at_once_and_tells_the_key_person(world: Any, committed: Any) -> None:
    given = give(world)
    mail.outbox.clear()
    with committed():
        withdrawn = withdraw_consent(actor=world.parent_a, child=world.child_a, consent_type=photo(world))
    assert withdrawn.pk != given.pk
    assert (withdrawn.kind, withdrawn.given) == ("withdrawn", False)
    given.refresh_from_db()
    assert given.kind == "given"  # the history is untouched
    state = consent_now(world.child_a, PHOTOS)
    assert state.status == ConsentStatus.WITHDRAWN
    assert not state.given
    assert AuditEvent.objects.filter(event="enrolment.consent.withdrawn", object_id=withdrawn.pk).exists()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.key_person_a.email]
    assert "Amelia Ashcombe" in message.body
    assert photo(world).title in message.subject
    assert f"/children/{world.child_a.pk}/consents/" in message.body


def test_withdrawal_with_no_key_person_tells_the_managers(world: Any, committed: Any) -> None:
    Child.objects.filter(pk=world.child_a.pk).update(key_person=None, backup_key_person=None)
    give(world)
    with committed():
        withdraw_consent(actor=world.parent_a, child=world.child_a, consent_type=photo(world))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.manager.email, world.deputy.email])


def test_nothing_to_withdraw(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        withdraw_consent(actor=world.parent_a, child=world.child_a, consent_type=photo(world))
    assert error.value.messages == [NOTHING_TO_WITHDRAW]
    refuse_consent(actor=world.parent_a, child=world.child_a, consent_type=photo(world))
    with pytest.raises(ValidationError):
        withdraw_consent(actor=world.parent_a, child=world.child_a, consent_type=photo(world))
    assert decisions() == 1


def test_withdrawing_twice_writes_once_and_emails_once(world: Any, committed: Any) -> None:
    give(world)
    with committed():
        first = withdraw_consent(actor=world.parent_a, child=world.child_a, consent_type=photo(world))
        second = withdraw_consent(actor=world.parent_a, child=world.child_a, consent_type=photo(world))
    assert first.pk == second.pk
    assert decisions() == 2
    assert len(mail.outbox) == 1


def test_consent_can_be_given_again_after_withdrawal(world: Any) -> None:
    give(world)
    withdraw_consent(actor=world.parent_a, child=world.child_a, consent_type=photo(world))
    give(world)
    assert consent_now(world.child_a, PHOTOS).given
    assert decisions() == 3


def test_decisions_are_append_only(world: Any) -> None:
    decision = give(world)
    decision.kind = "refused"
    with pytest.raises(PermissionError):
        decision.save()
    with pytest.raises(PermissionError):
        decision.delete()
    with pytest.raises(PermissionError):
        ConsentDecision.objects.filter(pk=decision.pk).update(kind="refused")
    with pytest.raises(PermissionError):
        ConsentDecision.objects.filter(pk=decision.pk).delete()
    assert ConsentDecision.objects.get(pk=decision.pk).kind == "given"


# --- versions -----------------------------------------------------------------------------------


def reword(world: Any, actor: Any = None, **changes: Any) -> ConsentType:
    consent_type = ConsentType.objects.get(pk=photo(world).pk)
    fields = {
        "title": consent_type.title,
        "explanation": consent_type.explanation,
        "active": consent_type.active,
        "seen_version": consent_type.version,
        **changes,
    }
    return update_consent_type(actor=actor or world.manager, consent_type=consent_type, **fields)


def test_new_wording_makes_earlier_consent_need_renewing(world: Any, committed: Any) -> None:
    give(world)
    with committed():
        changed = reword(world, explanation="We take photographs with the setting's tablets only.")
    assert changed.version == 2
    assert changed.history.count() == 2
    assert AuditEvent.objects.filter(event="enrolment.consent_type.reworded").exists()
    state = consent_now(world.child_a, PHOTOS)
    assert state.status == ConsentStatus.NEEDS_RENEWING
    assert not state.given
    assert state.label == "Needs renewing"
    assert state.may_withdraw
    renewed = give_consent(actor=world.parent_a, child=world.child_a, consent_type=changed, seen_version=2)
    assert renewed.type_version == 2
    assert consent_now(world.child_a, PHOTOS).given


def test_a_refusal_stays_a_refusal_after_new_wording(world: Any) -> None:
    refuse_consent(actor=world.parent_a, child=world.child_a, consent_type=photo(world))
    reword(world, title="Photographs for learning records")
    assert consent_now(world.child_a, PHOTOS).status == ConsentStatus.REFUSED


def test_deciding_on_wording_not_seen_is_refused(world: Any) -> None:
    changed = reword(world, explanation="New words.")
    with pytest.raises(ValidationError) as error:
        give_consent(actor=world.parent_a, child=world.child_a, consent_type=changed, seen_version=1)
    assert error.value.messages == [WORDING_CHANGED]
    assert decisions() == 0


def test_only_active_changes_keep_the_version(world: Any) -> None:
    give(world)
    changed = reword(world, active=False)
    assert changed.version == 1
    assert consent_now(world.child_a, PHOTOS).status == ConsentStatus.NOT_ASKED  # no longer asked: not given
    changed = reword(world, active=True)
    assert consent_now(world.child_a, PHOTOS).given


def test_two_managers_editing_at_once_never_overwrite_each_other(world: Any) -> None:
    reword(world, explanation="First manager's words.")
    with pytest.raises(ValidationError):
        reword(world, explanation="Second manager's words.", seen_version=1)
    assert ConsentType.objects.get(pk=photo(world).pk).explanation == "First manager's words."


@pytest.mark.parametrize("persona", ["key_person_a", "administrator", "senco", "parent_a", "other_manager"])
def test_only_managers_change_the_wording(persona: str, world: Any) -> None:
    with pytest.raises(Http404):
        reword(world, actor=world[persona], explanation="Changed.")
    assert ConsentType.objects.get(pk=photo(world).pk).version == 1


def test_blank_wording_is_refused(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        reword(world, explanation="   ")
    assert "explanation" in error.value.error_dict


# --- the one question later features ask --------------------------------------------------------


def spread(world: Any) -> dict[str, Any]:
    """Children in every state of photo consent."""
    children: dict[str, Any] = {}
    for state in ("given", "refused", "withdrawn", "needs_renewing", "not_asked"):
        child = ChildFactory(setting=world.setting, first_name=state.replace("_", "").title())
        ChildAdultFactory(child=child, adult=world.adult_a, parental_responsibility=True)
        children[state] = child
    forget(world.parent_a)
    for state in ("given", "withdrawn", "needs_renewing"):
        give(world, child=children[state])
    withdraw_consent(actor=world.parent_a, child=children["withdrawn"], consent_type=photo(world))
    refuse_consent(actor=world.parent_a, child=children["refused"], consent_type=photo(world))
    # The wording changes: "given" consents again to the new words, "needs_renewing" does not.
    changed = reword(world, explanation="Newer words.")
    give_consent(actor=world.parent_a, child=children["given"], consent_type=changed, seen_version=2)
    return children


def test_states_for_many_children_in_one_query(world: Any, django_assert_num_queries: Any) -> None:
    children = spread(world)
    ids = [c.pk for c in children.values()] + [world.other_child.pk]
    with django_assert_num_queries(1):
        states = consents_for_children(ids, PHOTOS)
    for name, child in children.items():
        assert states[child.pk].status == name, name
    assert states[world.other_child.pk].status == ConsentStatus.NOT_ASKED
    assert [states[c.pk].given for c in children.values()] == [True, False, False, False, False]
    with django_assert_num_queries(1):
        assert consent_now(children["given"], PHOTOS).given


def test_no_children_needs_no_query(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        assert consents_for_children([], PHOTOS) == {}


def test_the_database_filters_agree_with_the_question(world: Any) -> None:
    children = spread(world)
    everyone = Child.objects.filter(pk__in=[c.pk for c in children.values()])
    assert set(with_consent(everyone, PHOTOS)) == {children["given"]}
    assert set(without_consent(everyone, PHOTOS)) == set(children.values()) - {children["given"]}


def test_a_decision_under_another_settings_consent_type_never_counts(world: Any) -> None:
    ConsentDecision.objects.create(
        child=world.child_a,
        consent_type=world.other_photo_consent_type,
        type_version=1,
        kind="given",
        given=True,
        decided_by=world.adult_a,
    )
    assert not consent_now(world.child_a, PHOTOS).given
    assert not with_consent(Child.objects.filter(pk=world.child_a.pk), PHOTOS).exists()


def test_every_consent_of_a_child_in_order(world: Any, django_assert_num_queries: Any) -> None:
    give(world)
    child = Child.objects.get(pk=world.child_a.pk)
    with django_assert_num_queries(2):
        states = consents_of_child(child)
    assert [s.code for s in states][:4] == [
        ConsentCode.EMERGENCY_TREATMENT,
        ConsentCode.ADMINISTERING_MEDICATION,
        ConsentCode.LOCAL_OUTINGS,
        ConsentCode.PHOTOS_RECORDS,
    ]
    assert [s.status for s in states].count(ConsentStatus.GIVEN) == 1


def test_the_grid_is_one_query_however_many_children(world: Any, django_assert_num_queries: Any) -> None:
    children = list(spread(world).values())
    types = list(ConsentType.objects.filter(setting=world.setting).order_by("order"))
    with django_assert_num_queries(1):
        grid = consent_grid(children, types)
    assert len(grid) == 5
    assert all(len(states) == 7 for _, states in grid)

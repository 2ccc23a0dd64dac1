"""The partnership agreement (R8): versions, signing, countersigning, the signed copy (PDF)."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import Http404

from tandem.core.access import can, forget
from tandem.core.models import AuditEvent, AuditSubject
from tandem.enrolment.actions.contract import AGREEMENT_PROMPT
from tandem.enrolment.models.contract import AgreementSignature, AgreementVersion
from tandem.enrolment.selectors.contract import agreement_for_child, unsigned_children
from tandem.enrolment.services import contract as services
from tandem.enrolment.tasks_contract import signed_copy_html

pytestmark = pytest.mark.django_db

REFUSED = (Http404, PermissionDenied)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def layout_text(html: str) -> str:
    import weasyprint

    document = weasyprint.HTML(string=html).render()
    words: list[str] = []

    def walk(box: Any) -> None:
        text = getattr(box, "text", None)
        if isinstance(text, str):
            words.append(text)
        for child in getattr(box, "children", []) or []:
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(words)


def sign(world: Any, committed: Any, **extra: Any) -> AgreementSignature:
    with committed():
        return services.sign_agreement(
            actor=world.parent_a,
            child=world.child_a,
            version=extra.pop("version", world.agreement),
            typed_name=extra.pop("typed_name", "Penny Parentish"),
        )


# --- writing and publishing -------------------------------------------------------------------


def test_manager_writes_and_publishes_a_new_version_with_the_text_fingerprint(world: Any, committed: Any) -> None:
    with committed():
        draft = services.save_draft(
            actor=world.manager, setting=world.setting, title="Agreement", body="We work together."
        )
    assert (draft.number, draft.is_published, draft.fingerprint) == (2, False, "")
    assert AuditEvent.objects.filter(event="enrolment.agreement.drafted", object_id=draft.pk).exists()
    with committed():
        published = services.publish_version(actor=world.deputy, version=draft)
    expected = hashlib.sha256(b"Agreement\n\nWe work together.").hexdigest()
    assert published.fingerprint == expected
    assert published.published_by == world.deputy
    assert AuditEvent.objects.filter(event="enrolment.agreement.published", actor_id=world.deputy.pk).exists()


def test_a_published_version_never_changes(world: Any) -> None:
    version = AgreementVersion.objects.get(pk=world.agreement.pk)
    version.body += " And one more thing."
    with pytest.raises(PermissionError):
        version.save()
    # a change is a new version: the draft starts as a copy and gets the next number
    draft = services.save_draft(actor=world.manager, setting=world.setting, title=version.title, body=version.body)
    assert draft.number == 2
    assert AgreementVersion.objects.get(pk=world.agreement.pk).body == world.agreement.body


def test_publishing_twice_or_the_same_text_is_refused(world: Any) -> None:
    with pytest.raises(ValidationError, match="already been published"):
        services.publish_version(actor=world.manager, version=world.agreement)
    same = services.save_draft(
        actor=world.manager, setting=world.setting, title=world.agreement.title, body=world.agreement.body
    )
    with pytest.raises(ValidationError, match="same as the version in force"):
        services.publish_version(actor=world.manager, version=same)
    assert not AgreementVersion.objects.get(pk=same.pk).is_published


def test_a_draft_saved_by_someone_else_meanwhile_is_not_overwritten(world: Any) -> None:
    draft = services.save_draft(actor=world.manager, setting=world.setting, title="A", body="First words.")
    opened = draft.text_fingerprint()
    services.save_draft(actor=world.deputy, setting=world.setting, title="A", body="Deputy's words.", based_on=opened)
    with pytest.raises(ValidationError, match="Someone else saved this draft"):
        services.save_draft(actor=world.manager, setting=world.setting, title="A", body="Mine.", based_on=opened)
    assert AgreementVersion.objects.get(pk=draft.pk).body == "Deputy's words."


@pytest.mark.parametrize("persona", ["administrator", "key_person_a", "parent_a", "other_manager", "owner"])
def test_only_the_manager_or_deputy_writes_the_agreement(world: Any, persona: str) -> None:
    with pytest.raises(REFUSED):
        services.save_draft(actor=world[persona], setting=world.setting, title="T", body="B")
    assert not AgreementVersion.objects.filter(setting=world.setting, published_at=None).exists()


def test_an_empty_draft_is_refused_field_by_field(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.save_draft(actor=world.manager, setting=world.setting, title=" ", body="")
    assert set(error.value.message_dict) == {"title", "body"}


# --- signing -----------------------------------------------------------------------------------


def test_parent_signs_and_gets_the_pdf_by_email(world: Any, committed: Any) -> None:
    signature = sign(world, committed, typed_name="  Penny   Parentish ")
    signature.refresh_from_db()
    assert signature.typed_name == "Penny Parentish"
    assert signature.adult == world.adult_a
    assert signature.fingerprint == world.agreement.fingerprint
    assert signature.pdf and default_storage.exists(signature.pdf.name)
    with default_storage.open(signature.pdf.name) as stored:
        assert stored.read(5) == b"%PDF-"
    assert "Penny" not in signature.pdf.name and "Ashcombe" not in signature.pdf.name  # ids only
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.adult_a.email]
    (_name, content, kind) = message.attachments[0]
    assert kind == "application/pdf" and content.startswith(b"%PDF-")
    event = AuditEvent.objects.get(event="enrolment.agreement.signed")
    subjects = set(AuditSubject.objects.filter(event=event).values_list("kind", "subject_id"))
    assert subjects == {("child", world.child_a.pk), ("person", world.adult_a.pk)}


def test_the_signed_copy_holds_the_text_version_fingerprint_and_signatures(world: Any, committed: Any) -> None:
    signature = sign(world, committed)
    with committed():
        services.countersign(actor=world.manager, signature=signature)
    signature.refresh_from_db()
    html = signed_copy_html(signature)
    text = layout_text(html)  # what WeasyPrint lays out on the PDF's pages
    for expected in ("Penny Parentish", "Mona Manningham", world.agreement.fingerprint[:20], "Working together"):
        assert expected in text, expected
    assert "Version" in text and "Not yet countersigned" not in text
    assert signature.pdf_made_at is not None
    assert len(mail.outbox) == 2  # on signing, and once complete
    assert "signed by both of us" in mail.outbox[1].subject


def test_an_adult_without_parental_responsibility_cannot_sign(world: Any) -> None:
    with pytest.raises(ValidationError, match="Only a parent or carer with parental responsibility for Barnaby"):
        services.sign_agreement(
            actor=world.parent_b_no_pr, child=world.child_b, version=world.agreement, typed_name="Stefan Stepfordson"
        )
    assert not AgreementSignature.objects.exists()


@pytest.mark.parametrize("persona", ["restricted_parent", "parent_b_no_pr", "key_person_a", "other_manager", "nobody"])
def test_strangers_and_restricted_adults_are_refused_without_learning_anything(world: Any, persona: str) -> None:
    with pytest.raises(REFUSED):
        services.sign_agreement(
            actor=world[persona], child=world.child_a, version=world.agreement, typed_name="Rex Restrictham"
        )
    assert not AgreementSignature.objects.exists()


def test_staff_cannot_sign_for_a_parent(world: Any) -> None:
    with pytest.raises(ValidationError, match="parental responsibility"):
        services.sign_agreement(
            actor=world.manager, child=world.child_a, version=world.agreement, typed_name="Mona Manningham"
        )


def test_signing_an_outdated_version_is_refused(world: Any) -> None:
    new = services.save_draft(actor=world.manager, setting=world.setting, title="Version two", body="New words.")
    services.publish_version(actor=world.manager, version=new)
    with pytest.raises(ValidationError, match="replaced by a newer one"):
        services.sign_agreement(
            actor=world.parent_a, child=world.child_a, version=world.agreement, typed_name="Penny Parentish"
        )
    # nor another setting's version
    with pytest.raises(ValidationError, match="replaced"):
        services.sign_agreement(
            actor=world.parent_a, child=world.child_a, version=world.other_agreement, typed_name="Penny Parentish"
        )
    assert not AgreementSignature.objects.exists()


@pytest.mark.parametrize(
    "typed, message",
    [("", "Type your full name"), ("Penny", "first name and your last name"), ("John Smith", "as the setting knows")],
)
def test_the_typed_name_must_reasonably_match(world: Any, typed: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        services.sign_agreement(actor=world.parent_a, child=world.child_a, version=world.agreement, typed_name=typed)
    assert not AgreementSignature.objects.exists()


def test_signing_twice_is_refused(world: Any, committed: Any) -> None:
    sign(world, committed)
    with pytest.raises(ValidationError, match="already signed"):
        services.sign_agreement(
            actor=world.parent_a, child=world.child_a, version=world.agreement, typed_name="Penny Parentish"
        )
    assert AgreementSignature.objects.count() == 1


def test_a_new_version_asks_for_a_new_signature(world: Any, committed: Any) -> None:
    assert can(world.parent_a, AGREEMENT_PROMPT, world.child_a)
    sign(world, committed)
    forget(world.parent_a)
    assert not can(world.parent_a, AGREEMENT_PROMPT, world.child_a)
    new = services.save_draft(actor=world.manager, setting=world.setting, title="Version two", body="New words.")
    services.publish_version(actor=world.manager, version=new)
    forget(world.parent_a)
    assert can(world.parent_a, AGREEMENT_PROMPT, world.child_a)
    info = agreement_for_child(actor=world.parent_a, child=world.child_a)
    assert not info.signed and [s.version_id for s in info.earlier_signatures] == [world.agreement.pk]


# --- countersigning ----------------------------------------------------------------------------


def test_only_the_manager_or_deputy_countersigns_once(world: Any, committed: Any) -> None:
    signature = sign(world, committed)
    for persona in ("administrator", "parent_a", "key_person_a", "other_manager"):
        with pytest.raises(REFUSED):
            services.countersign(actor=world[persona], signature=signature)
    with committed():
        services.countersign(actor=world.deputy, signature=signature)
    signature.refresh_from_db()
    assert (signature.countersigned_by, signature.countersigned_at is not None) == (world.deputy, True)
    assert signature.history.count() == 2  # signed, then countersigned: a revision trail
    with pytest.raises(ValidationError, match="already countersigned"):
        services.countersign(actor=world.manager, signature=signature)
    assert AuditEvent.objects.filter(event="enrolment.agreement.countersigned").count() == 1


def test_a_copy_requested_again_soon_is_queued_once(world: Any, committed: Any) -> None:
    signature = AgreementSignature.objects.create(
        version=world.agreement,
        child=world.child_a,
        adult=world.adult_a,
        user=world.parent_a,
        typed_name="Penny Parentish",
        fingerprint=world.agreement.fingerprint,
    )
    with committed():
        assert services.request_signed_copy(actor=world.parent_a, signature=signature)
    signature.refresh_from_db()
    assert signature.pdf and not mail.outbox  # made on request, not emailed again
    assert not services.request_signed_copy(actor=world.parent_a, signature=signature)
    with pytest.raises(REFUSED):
        services.request_signed_copy(actor=world.parent_b_no_pr, signature=signature)


# --- the staff list --------------------------------------------------------------------------


def test_children_without_a_signature_are_found_in_the_database(
    world: Any, committed: Any, django_assert_max_num_queries: Any
) -> None:
    assert set(unsigned_children(actor=world.manager, setting=world.setting)) == {world.child_a, world.child_b}
    sign(world, committed)
    forget(world.manager)
    with django_assert_max_num_queries(3):
        found = list(unsigned_children(actor=world.manager, setting=world.setting))
    assert found == [world.child_b]
    assert list(unsigned_children(actor=world.other_manager, setting=world.setting)) == []
    assert list(unsigned_children(actor=world.key_person_a, setting=world.setting)) == []

"""Sharing with agencies and schools (R48, R51): for child A a draft share pack, a share made with
parent A's consent, and one made without consent on the DSL's decision (the parents not told);
for the other provider's child a share made with consent. The agencies are this module's own (the
world's ``agency`` is added after this module runs)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.agencies.models import Agency, AgencyContact, Share, ShareItem, SharingDecision


def _shared(w: Any, share: Share, when: dt.datetime) -> Share:
    need = w.need_a if share.child_id == w.child_a.pk else w.other_need
    ShareItem.objects.create(share=share, kind="need", object_id=need.pk, label=f"Allergy: {need.summary}")
    share.status, share.shared_at = Share.Status.SHARED, when
    share.save()
    return share


def extend(w: Any) -> None:
    now = timezone.now()
    w.sharing_agency = Agency.objects.create(
        setting=w.setting, name="Meadowbank Children's Social Care", category=Agency.Category.SOCIAL_CARE,
        show_to_families=False,
    )  # fmt: skip
    w.sharing_contact = AgencyContact.objects.create(
        agency=w.sharing_agency, name="Sam Socialworker", role="Social worker", email="sam@council.example.org"
    )
    w.sharing_school = Agency.objects.create(
        setting=w.setting, name="Meadowbank Primary School", category=Agency.Category.SCHOOL
    )
    w.sharing_school_contact = AgencyContact.objects.create(
        agency=w.sharing_school,
        name="Rhiannon Reception",
        role="Reception teacher",
        email="reception@school.example.org",
    )
    w.sharing_decision_a = SharingDecision.objects.create(
        child=w.child_a, decided_by=w.dsl, reason="Bruising seen on Amelia's arm, and what she said about it.",
        with_whom="Children's social care (the MASH)", parents_told=SharingDecision.ParentsTold.NO,
        not_told_reason="Telling them could put Amelia at greater risk.",
    )  # fmt: skip
    common = {"created_by": w.key_person_a, "recipient_kind": Share.Recipient.SCHOOL, "agency": w.sharing_school,
              "contact": w.sharing_school_contact, "recipient_name": "Rhiannon Reception, Meadowbank Primary School",
              "recipient_email": "reception@school.example.org", "delivery": Share.Delivery.IN_PERSON}  # fmt: skip
    w.share_draft_a = Share.objects.create(
        child=w.child_a, purpose="Transition to school in September", basis="", **common
    )
    w.share_consent_a = _shared(
        w,
        Share.objects.create(
            child=w.child_a, purpose="Transition to school in September", basis=Share.Basis.CONSENT,
            consent_by=w.adult_a, consent_on=now.date(), consent_how="Signed form", shared_by=w.key_person_a,
            **common,
        ),
        now - dt.timedelta(days=2),
    )  # fmt: skip
    w.share_without_consent_a = _shared(
        w,
        Share.objects.create(
            child=w.child_a, purpose="Referral to children's social care", basis=Share.Basis.WITHOUT_CONSENT,
            decision=w.sharing_decision_a, created_by=w.dsl, shared_by=w.dsl,
            recipient_kind=Share.Recipient.AGENCY, agency=w.sharing_agency, contact=w.sharing_contact,
            recipient_name="Sam Socialworker, Meadowbank Children's Social Care", delivery=Share.Delivery.PHONE,
        ),
        now - dt.timedelta(days=1),
    )  # fmt: skip
    w.other_sharing_agency = Agency.objects.create(
        setting=w.other_setting, name="Riverside Speech and Language", category=Agency.Category.HEALTH
    )
    w.other_share = _shared(
        w,
        Share.objects.create(
            child=w.other_child, purpose="Speech and language referral", basis=Share.Basis.CONSENT,
            consent_by=w.other_adult, consent_on=now.date(), consent_how="In person", created_by=w.other_manager,
            shared_by=w.other_manager, agency=w.other_sharing_agency, recipient_name="Riverside Speech and Language",
            delivery=Share.Delivery.PHONE,
        ),
        now - dt.timedelta(days=3),
    )  # fmt: skip

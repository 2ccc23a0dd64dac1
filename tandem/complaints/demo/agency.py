"""Demo agency track for Willowbrook (R62, R53).

The health visiting team wrote to Sarah (the manager) six days ago: Harry O'Brien's progress check
at two was not shared before his health and development review. Sarah acknowledged it in writing
two days later, from Tandem's draft; the meeting (within 28 days of receipt) is still to come, so
its time limit is open. Idempotent: made once, found again by the service's name.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from tandem.comms.demo.board import tiny_pdf
from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..models import Complaint, ComplaintStep
from ..models.agency import AgencyLetter
from ..selectors.agency import acknowledgement_draft
from ..services.complaints import create_with_reference
from ..services.deadlines import meet_deadlines, open_deadlines

SERVICE = "Somerset Public Health Nursing — Taunton health visiting team"
LETTER = [
    "Dear Ms Whitfield,",
    "I am writing to make a formal complaint about how information was shared with our service.",
    "We asked for Harry O'Brien's progress check at age two before his health and development",
    "review. It did not arrive, and the review went ahead without it.",
    "I would like to meet to agree how checks will reach us in future.",
    "Yours sincerely, Claire Hollis, Health Visitor",
]


def _noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import MANAGER_EMAIL

    if Complaint.objects.filter(
        setting=setting, track=Complaint.Track.AGENCY, complainant_organisation=SERVICE
    ).exists():
        return
    manager = User.objects.filter(email=MANAGER_EMAIL).first()
    if manager is None:
        return
    harry = Child.objects.filter(setting=setting, first_name="Harry", last_name="O'Brien").first()
    today = timezone.localdate()
    received, acknowledged = _noon(today - dt.timedelta(days=6)), _noon(today - dt.timedelta(days=4))
    complaint = create_with_reference(
        setting_id=setting.pk,
        received_at=received,
        child=harry,
        track=Complaint.Track.AGENCY,
        stage=Complaint.Stage.MANAGER,
        stage_started_at=received,
        via=Complaint.Via.LETTER,
        complainant_name="Claire Hollis",
        complainant_contact="claire.hollis@nhs.example.org",
        complainant_organisation=SERVICE,
        recorded_by=manager,
        summary="Harry's progress check at two was asked for before his health and development review, was "
        "not sent, and the review went ahead without it.",
        desired_outcome="A meeting to agree how progress checks will reach the health visiting team in time.",
        handler=manager,
        created_at=received,
    )
    ComplaintStep.objects.create(
        complaint=complaint,
        stage=Complaint.Stage.MANAGER,
        kind=ComplaintStep.Kind.RAISED,
        text=f"Written complaint from Claire Hollis ({SERVICE}), in a letter.",
        by=manager,
        at=received,
    )
    content = tiny_pdf(LETTER[0], LETTER[1:])  # the demo's scanned letter: one plain page
    letter = AgencyLetter(
        complaint=complaint,
        stage=Complaint.Stage.MANAGER,
        title="The written complaint",
        size=len(content),
        received_at=received,
        uploaded_by=manager,
        uploaded_at=received,
    )
    letter.file.save(f"demo-agency-{complaint.pk}.pdf", ContentFile(content), save=False)
    letter.save()
    open_deadlines(complaint, start=received)
    ComplaintStep.objects.create(
        complaint=complaint,
        stage=Complaint.Stage.MANAGER,
        kind=ComplaintStep.Kind.ACKNOWLEDGED,
        text=acknowledgement_draft(complaint, manager, today=acknowledged.date()),
        by=manager,
        at=acknowledged,
        shared_with_complainant=True,
    )
    meet_deadlines(complaint, ComplaintStep.Kind.ACKNOWLEDGED, at=acknowledged)

"""Demo complaints procedure for Willowbrook (R59): the charity calls its line-manager stage
"Operations manager" (Rajesh Patel holds it) and its appeal stage "The board of trustees" (every
trustee). The procedure parents read, and the deadlines page, follow from it.
Idempotent: the configuration is only written when the organisation has none."""

from __future__ import annotations

from tandem.core.models import Setting, User

from ..models.procedure import ProcedureSettings


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import LINE_MANAGER_EMAIL, OWNER_EMAIL

    ProcedureSettings.objects.get_or_create(
        organisation_id=setting.organisation_id,
        defaults={
            "line_manager_title": "Operations manager",
            "line_manager": User.objects.filter(email=LINE_MANAGER_EMAIL).first(),
            "appeal_title": "The board of trustees",
            "appeal_contact": None,
            "updated_by": User.objects.filter(email=OWNER_EMAIL).first(),
        },
    )

"""World objects for the Ofsted record (R63): a review of practice on the appeal complaint (the
owners hold it), and one on the other provider's complaint."""

from __future__ import annotations

from typing import Any

from tandem.complaints.models import PracticeReview


def extend(w: Any) -> None:
    w.practice_review = PracticeReview.objects.create(complaint=w.complaint_at_appeal)
    w.other_practice_review = PracticeReview.objects.create(complaint=w.other_complaint)

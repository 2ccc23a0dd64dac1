"""The world's posts and notice board documents.

Posts are published through the setting (every family), room 1 (child A's room), and child B's
family; one is a draft; one belongs to the other provider. Rows only: nobody is notified."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.comms.models import Post, SettingDocument


def _post(setting: Any, author: Any, title: str, audience: str = Post.Audience.SETTING, **extra: Any) -> Post:
    now = timezone.now()
    published = extra.pop("published", True)
    return Post.objects.create(
        setting=setting,
        kind=extra.pop("kind", Post.Kind.NEWS),
        title=title,
        body=f"{title}: the text.",
        audience=audience,
        created_by=author,
        publish_at=now - dt.timedelta(hours=1) if published else None,
        published_at=now - dt.timedelta(hours=1) if published else None,
        **extra,
    )


def extend(w: Any) -> None:
    w.post_setting = _post(w.setting, w.manager, "Summer fair", kind=Post.Kind.NEWSLETTER)
    w.post_room_1 = _post(w.setting, w.manager, "Acorn Room trip to the library", Post.Audience.ROOMS)
    w.post_room_1.rooms.set([w.room_1])
    w.post_child_b = _post(w.setting, w.manager, "Barnaby's graduation", Post.Audience.FAMILIES)
    w.post_child_b.children.set([w.child_b])
    w.post_draft = _post(w.setting, w.manager, "Draft: autumn term dates", published=False)
    w.other_post = _post(w.other_setting, w.other_manager, "Riverside open day")
    w.document = SettingDocument.objects.create(
        setting=w.setting,
        kind=SettingDocument.Kind.POLICY,
        title="Safeguarding policy",
        dated=timezone.localdate(),
        file="documents/world-policy.pdf",
        uploaded_by=w.manager,
    )
    w.other_document = SettingDocument.objects.create(
        setting=w.other_setting,
        kind=SettingDocument.Kind.OFSTED_REPORT,
        title="Riverside inspection report",
        dated=timezone.localdate(),
        file="documents/world-other.pdf",
        uploaded_by=w.other_manager,
    )

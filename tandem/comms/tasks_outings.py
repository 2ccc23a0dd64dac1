"""Background work of outings (R29): telling families, in their language. Ids only.

Each family gets one notification however many of their children are invited: it names the
children by first name and links to the first child's outing page (the others are a tap away).
The notification kind is ``comms.outing`` (hooks/outings.py); email goes as each person chose.
"""

from __future__ import annotations

from collections import defaultdict

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import get_text_list
from django_tasks import task

from .languages import languages_of_users
from .models.outings import Outing
from .selectors.outings import families_of, unanswered_children
from .selectors.translations import Localised, localise
from .services.notifications import notify

OUTING_KIND = "comms.outing"

TITLES = {
    "announced": "Outing: {title}",
    "ask": "Outing: {title}. Please answer for {names}",
    "reminder": "Reminder: please answer for {names}. Outing: {title}",
    "changed": "Outing changed: {title}",
    "cancelled": "Outing cancelled: {title}",
}


def _tell(outing: Outing, child_ids: list[int], what: str, *, parental_responsibility: bool) -> int:
    """One notification to each family member of these children, in their language."""
    families = families_of(child_ids, parental_responsibility=parental_responsibility)
    if not families:
        return 0
    languages = languages_of_users(families)
    groups: dict[tuple[str, tuple[int, ...]], list[int]] = defaultdict(list)
    children = {c.pk: c for kids in families.values() for c in kids}
    for user_id, kids in families.items():
        groups[(languages[user_id], tuple(c.pk for c in kids))].append(user_id)
    texts: dict[str, Localised] = {}
    ask = what == "announced" and outing.consent_mode == Outing.ConsentMode.EACH
    made = 0
    for (language, kid_ids), user_ids in sorted(groups.items()):
        loc = texts.get(language) or texts.setdefault(language, localise(outing, language))
        kids = [children[pk] for pk in kid_ids]
        names = str(get_text_list([c.preferred_name or c.first_name for c in kids], "and"))
        context = {"outing": outing, "loc": loc, "names": names, "what": what, "ask": ask}
        made += len(
            notify(
                kind=OUTING_KIND,
                user_ids=user_ids,
                title=TITLES["ask" if ask else what].format(title=loc.title, names=names),
                body=render_to_string("comms/outings/email/outing.txt", context),
                url=reverse("comms:child_outing", args=[kids[0].pk, outing.pk]),
                setting_id=outing.setting_id,
            )
        )
    return made


def _outing(outing_id: int) -> Outing | None:
    return Outing.objects.select_related("setting").filter(pk=outing_id, announced_at__isnull=False).first()


@task()
def outing_announced(outing_id: int) -> int:
    """Tell the parents with parental responsibility of every invited child."""
    outing = _outing(outing_id)
    if outing is None or outing.cancelled_at:
        return 0
    children = list(outing.children.values_list("pk", flat=True))
    return _tell(outing, children, "announced", parental_responsibility=True)


@task()
def outing_reminder(outing_id: int) -> int:
    """Remind the parents with parental responsibility of the children no one has answered for."""
    outing = _outing(outing_id)
    if outing is None or outing.cancelled_at:
        return 0
    return _tell(outing, unanswered_children(outing), "reminder", parental_responsibility=True)


@task()
def outing_changed(outing_id: int) -> int:
    """Tell every parent and carer of the invited children that the plan has changed."""
    outing = _outing(outing_id)
    if outing is None or outing.cancelled_at:
        return 0
    children = list(outing.children.values_list("pk", flat=True))
    return _tell(outing, children, "changed", parental_responsibility=False)


@task()
def outing_cancelled(outing_id: int) -> int:
    """Tell every parent and carer of the invited children that the outing is off, and why."""
    outing = _outing(outing_id)
    if outing is None or not outing.cancelled_at:
        return 0
    children = list(outing.children.values_list("pk", flat=True))
    return _tell(outing, children, "cancelled", parental_responsibility=False)

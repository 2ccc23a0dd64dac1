"""News and notices: the kinds of notification they send, and the office tile for writing them."""

from __future__ import annotations

from tandem.core import navigation

from ..actions.news import NEWS_READ, NEWS_WRITE
from ..services.notifications import Delivery, register_kind

NEWS_KIND = "comms.news"
IMPORTANT_KIND = "comms.important"

register_kind(NEWS_KIND, "News and newsletters from the setting", default=Delivery.INSTANT, audience="parents")
register_kind(
    IMPORTANT_KIND,
    "Important notices to confirm, and reminders about them",
    default=Delivery.INSTANT,
    mandatory=False,
    audience="parents",
)

navigation.register_office(
    "News and notices",
    "Newsletters, news and notices for families: write, schedule, see who has read and confirmed",
    NEWS_WRITE,
    navigation.setting_page(NEWS_WRITE, "comms:news_staff"),
    order=40,
)

# Parents read the news from the menu (staff write it from the office).
navigation.register("News", NEWS_READ, "comms:news_archive", order=13)

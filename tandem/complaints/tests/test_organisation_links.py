"""Owners and line managers are not setting staff (no office page): they reach the complaints pages
of each setting, and the procedure settings, from the provider's page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse


def test_the_providers_page_links_to_complaints_for_those_who_may_open_them(world: Any, as_user: Any) -> None:
    url = reverse("core:organisation", args=[world.organisation.pk])
    setting_pages = [
        reverse("complaints:setting_complaints", args=[world.setting.pk]),
        reverse("complaints:deadlines", args=[world.setting.pk]),
    ]
    settings_page = reverse("complaints:procedure_settings", args=[world.organisation.pk])
    for persona in ("owner", "line_manager"):
        page = as_user(world[persona]).get(url).content.decode()
        for link in setting_pages:
            assert f'href="{link}"' in page, (persona, link)
            assert as_user(world[persona]).get(link).status_code == 200
    owner_page = as_user(world.owner).get(url).content.decode()
    assert f'href="{settings_page}"' in owner_page
    # the other provider's manager cannot open this provider's page at all
    assert as_user(world.other_manager).get(url).status_code == 404

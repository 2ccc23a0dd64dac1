"""Access on request (R66) end to end, in Chromium with axe on every page, with the demo's open
request: Emma Morgan asked a week ago for everything held about Isla.

* Emma, on her phone (360 px), sees her request and its deadline under "Your records".
* The manager, on a desktop, opens the request from the office list, prepares the export, reviews
  the flagged items (withholding the first with a reason, releasing the rest) and releases it.
* Emma downloads the ZIP from her request page; it holds record.json and record.pdf.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tandem.people.models import Child
from tandem.records.models import AccessRequest, ReviewItem

WITHHOLD_REASON = "Third party has not consented"
SLOW_MS = 180_000


def heading(tab: Any) -> Any:
    return tab.page.get_by_role("heading", level=1)


@pytest.mark.browser
def test_a_parent_asks_the_manager_reviews_and_releases_and_she_downloads(
    site: Callable[[str], Any], demo: ModuleType
) -> None:
    isla = Child.objects.get(first_name="Isla", last_name="Morgan", leaving_date__isnull=True)
    request = AccessRequest.objects.get(child=isla, adult__user__email=demo.PARENT_EMAIL)
    assert request.status == AccessRequest.Status.RECEIVED

    # --- Emma, on her phone: her request and its deadline -------------------------------------------
    emma = site("phone")
    emma.sign_in(demo.PARENT_EMAIL, demo.DEMO_PASSWORD)
    emma.visit(reverse("records:my_requests"))
    expect(heading(emma)).to_have_text("Your records")
    emma.follow(emma.page.get_by_role("link", name=f"{isla.display_name}'s records"))
    expect(heading(emma)).to_have_text(f"Request for {isla.display_name}'s records")
    expect(emma.page.get_by_role("region", name="Deadline")).to_contain_text(f"{request.due_on:%-d %B %Y}")
    emma.visit(reverse("records:request_ask"))
    expect(emma.page.get_by_role("radio", name="My own personal data")).to_be_visible()

    # --- the manager, on a desktop: prepares, reviews, releases ---------------------------------------
    manager = site("desktop")
    manager.sign_in(demo.MANAGER_EMAIL, demo.DEMO_PASSWORD)
    manager.second_factor(demo.totp_secret(demo.MANAGER_EMAIL))
    manager.visit(reverse("records:access_requests", args=[isla.setting_id]))
    expect(heading(manager)).to_have_text("Access requests")
    row = manager.page.get_by_role("row").filter(has_text=isla.display_name)
    manager.follow(row.get_by_role("link").first)
    manager.page.set_default_timeout(SLOW_MS)  # the whole record walked and its PDF made, in the request here
    manager.follow(manager.page.get_by_role("button", name="Prepare the export"))
    expect(manager.page.get_by_role("status").first).to_contain_text("The export is being prepared")
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.REVIEW
    manager.follow(manager.page.get_by_role("link", name="Review flagged items"))
    expect(heading(manager)).to_have_text("Review before release")
    items = list(ReviewItem.objects.filter(export__request=request).order_by("reason", "pk"))
    for index, item in enumerate(items):
        article = manager.page.get_by_role("article", name=item.title)
        if index == 0:
            article.get_by_role("radio", name="Withhold").check()
            article.get_by_label(re.compile(r"^Reason")).fill(WITHHOLD_REASON)
        else:
            article.get_by_role("radio", name="Release").check()
        manager.follow(article.get_by_role("button", name="Save the decision"))
        expect(manager.page.get_by_role("status").first).to_contain_text("Your decision is recorded.")
    manager.visit(reverse("records:request", args=[request.pk]))
    manager.follow(manager.page.get_by_role("button", name="Release the export"))
    expect(manager.page.get_by_role("status").first).to_contain_text("released")
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.RELEASED

    # --- Emma downloads the ZIP -------------------------------------------------------------------------
    emma.visit(reverse("records:request", args=[request.pk]))
    expect(emma.page.get_by_role("region", name="Download")).to_be_visible()
    with emma.page.expect_download() as download_info:
        emma.page.get_by_role("link", name="Download the records (ZIP)").click()
    path = download_info.value.path()
    with open(path, "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    assert {"record.json", "record.pdf"} <= set(archive.namelist())
    record = json.loads(archive.read("record.json"))
    assert record["subject"]["name"] == isla.display_name
    assert archive.read("record.pdf").startswith(b"%PDF")
    if items:
        assert {"reason": WITHHOLD_REASON}.items() <= record["withheld"][0].items()

"""Browser tests: Debian's Chromium drives the live site, and axe-core checks every page it shows.

* ``site("phone")``, ``site("tablet")`` or ``site("desktop")`` opens a browser tab at 360, 768
  or 1280 px wide and returns a :class:`Site`. Its ``visit`` and ``follow`` run axe on the page
  they land on (and, on a phone or a tablet, check that nothing scrolls sideways); at the end of
  the test, any page the tab showed without a check fails the test.
* ``demo`` seeds the demo world with ``seed_demo`` and returns the command's module, whose
  constants name the personas.
* Tasks run at once, passwords hash cheaply, and mail stays in memory, as in the unit tests.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from types import ModuleType
from typing import Any

import pyotp
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import Browser, Locator, Page, Response, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEVICES: dict[str, dict[str, Any]] = {
    "phone": {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True},
    "tablet": {"viewport": {"width": 768, "height": 1024}, "has_touch": True, "is_mobile": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
NARROW = 768  # at this width or less (phones, tablets), pages must not scroll sideways
WCAG_22_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
TIMEOUT_MS = 10_000

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": []}}

_axe = Axe()


# --- accessibility and layout checks ----------------------------------------------------------


def axe_summary(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(str(t) for t in node["target"]) for node in v["nodes"][:3]]
        more = f" (+{len(v['nodes']) - 3} more)" if len(v["nodes"]) > 3 else ""
        lines.append(f"  - {v['id']} [{v.get('impact')}] {v['help']}: {', '.join(targets)}{more}")
    return "\n".join(lines)


def check_a11y(page: Page) -> None:
    """Fail unless axe-core finds no WCAG 2.2 A or AA violation on the page as it stands."""
    page.wait_for_load_state("load")
    results = _axe.run(page, options=WCAG_22_AA)
    violations = results.response["violations"]
    if violations:
        pytest.fail(
            f"{len(violations)} accessibility violation(s) on {page.url}:\n{axe_summary(violations)}", pytrace=False
        )


def check_no_sideways_scroll(page: Page) -> None:
    if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        pytest.fail(f"{page.url} scrolls sideways: content {width[0]} px wide in a {width[1]} px window", pytrace=False)


class Site:
    """One browser tab on the live server. Every page it lands on is checked."""

    def __init__(self, page: Page, base_url: str, *, mobile: bool) -> None:
        self.page = page
        self.base_url = base_url
        self.mobile = mobile
        self.shown: list[str] = []  # main-frame navigations, in order
        self.checked: set[str] = set()
        page.set_default_timeout(TIMEOUT_MS)
        page.on("framenavigated", lambda frame: frame == page.main_frame and self.shown.append(frame.url))

    def url(self, path: str) -> str:
        return self.base_url + path

    @property
    def path(self) -> str:
        return self.page.url.removeprefix(self.base_url)

    def check(self) -> None:
        """Check the page as it now stands: axe, and at phone or tablet width, no sideways scrolling."""
        check_a11y(self.page)
        if self.mobile:
            check_no_sideways_scroll(self.page)
        self.checked.add(self.page.url)

    def resize(self, width: int, height: int) -> None:
        """Show the same page at another size, and check it again."""
        self.page.set_viewport_size({"width": width, "height": height})
        self.mobile = width <= NARROW
        self.check()

    def visit(self, path: str, *, status: int = 200) -> Response:
        response = self.page.goto(self.url(path))
        assert response is not None
        assert response.status == status, f"{path}: expected {status}, got {response.status}"
        self.check()
        return response

    def follow(self, target: Locator, *, status: int = 200) -> None:
        """Click a link or a submit button and check the page it leads to."""
        with self.page.expect_navigation() as navigation:
            target.click()
        response = navigation.value
        assert response is not None
        assert response.status == status, f"{self.path}: expected {status}, got {response.status}"
        self.check()

    def unchecked(self) -> list[str]:
        return [url for url in self.shown if url not in self.checked and url != "about:blank"]

    # --- signing in -------------------------------------------------------------------------

    def sign_in(self, email: str, password: str) -> None:
        self.visit("/accounts/login/")
        self.page.get_by_label("Email address", exact=True).fill(email)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.follow(self.page.get_by_role("button", name="Sign in", exact=True))

    def second_factor(self, secret: str) -> None:
        """The authenticator-app step that follows a member of staff's password."""
        assert self.path.startswith("/accounts/2fa/authenticate/"), f"expected the code step, at {self.path}"
        self.page.get_by_label(re.compile(r"^Code:?$")).fill(totp_now(secret))
        self.follow(self.page.get_by_role("button", name=re.compile(r"^sign in$", re.IGNORECASE)))

    @staticmethod
    def totp_now(secret: str) -> str:
        return totp_now(secret)

    def screenshot(self, name: str) -> None:
        """A picture for the README, only when TANDEM_SCREENSHOTS=1 (CI leaves them alone)."""
        if os.environ.get("TANDEM_SCREENSHOTS") == "1":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def totp_now(secret: str) -> str:
    """The current code, waiting for the next 30-second window if this one is about to end."""
    totp = pyotp.TOTP(secret)
    left = totp.interval - time.time() % totp.interval
    if left < 3:
        time.sleep(left + 0.2)
    return totp.now()


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"The browser tests need Debian's Chromium at {CHROMIUM}: apt-get install chromium "
            "(the tests never download a browser).",
            pytrace=False,
        )
    # Playwright's sync API keeps an event loop running in this thread, so Django would refuse
    # every database query the test itself makes. The queries are not really async: allow them
    # while the browser runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def _media_url_for_live_server() -> Iterator[None]:
    """Django's live server cannot start its media handler with ``MEDIA_URL = None``.

    Tandem never serves media by URL (files go through permission-checked views), so give the
    test server a URL on another host: its media handler then never serves anything, as in
    production.
    """
    if django_settings.MEDIA_URL is not None:
        yield
        return
    with override_settings(MEDIA_URL="http://media.invalid/"):
        yield


@pytest.fixture(scope="session")
def live_server(_media_url_for_live_server: None, live_server: Any) -> Any:
    return live_server


@pytest.fixture(autouse=True)
def _fast_and_immediate(settings: Any, tmp_path: Path) -> None:
    """Cheap password hashing, tasks run at once, mail kept in memory; no rate-limit carry-over.
    Files (the demo's photos too) go to the test's own folder, never to the real media folder."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # The test database is SQLite in memory, where two requests writing at once fail at once
    # ("database table is locked") instead of waiting: a page loading its photos would save the
    # session once per photo. Save it only when it changes.
    settings.SESSION_SAVE_EVERY_REQUEST = False
    settings.TASKS = IMMEDIATE_TASKS  # django_tasks resets its backends when this setting changes
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()  # sign-in rate limits and used TOTP codes live in the cache


@pytest.fixture
def demo(live_server: Any, browser: Browser, settings: Any) -> ModuleType:
    """The demo world, seeded in the test database; the module's constants name the personas.

    (It asks for ``browser`` first so that the database may be used under Playwright's loop.)
    """
    from tandem.people.management.commands import seed_demo

    settings.TANDEM_DEMO = True
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
    return seed_demo


@pytest.fixture
def site(request: pytest.FixtureRequest, live_server: Any, browser: Browser) -> Iterator[Callable[[str], Site]]:
    """``site("phone")``, ``site("tablet")`` or ``site("desktop")``: a fresh browser tab, signed out."""
    contexts = []
    sites: list[Site] = []

    def open_site(device: str) -> Site:
        context = browser.new_context(**DEVICES[device], locale="en-GB", timezone_id="Europe/London")
        contexts.append(context)
        opened = Site(context.new_page(), live_server.url, mobile=DEVICES[device]["viewport"]["width"] <= NARROW)
        sites.append(opened)
        return opened

    yield open_site
    unchecked = [url for s in sites for url in s.unchecked()]
    for context in contexts:
        context.close()
    call = getattr(request.node, "report_call", None)
    if call is not None and call.passed:  # after a failure, pages are left unchecked anyway
        assert not unchecked, f"pages shown without an accessibility check: {unchecked}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.report_call = report  # type: ignore[attr-defined]
    return report

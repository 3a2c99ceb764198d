"""Chromium, driven by Playwright, against a live Redress server; and axe-core on every page state.

The browser tests need Debian's Chromium (`apt-get install chromium`), or the binary named by
REDRESS_CHROMIUM. Without it they are skipped, unless REDRESS_REQUIRE_BROWSER=1 (as in CI), when
they fail: a browser test that silently skips must never count as a pass.
"""

import os

# Playwright's sync API runs an event loop on the main thread; the fixtures still touch the
# database from that thread, which Django would otherwise refuse as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import hashlib  # noqa: E402
import re  # noqa: E402
from datetime import date  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

import pytest  # noqa: E402

from casework.services.feedback import NewFeedback, log_feedback, take_action  # noqa: E402
from policy.facts import Channel, FeedbackKind  # noqa: E402

# The service tests' shortcuts for walking a decision complaint along its workflow, as fixtures here too.
from tests.services.conftest import complaint, considering, walk  # noqa: E402, F401

PASSWORD = "a-long-test-password"
MISSING_CHROMIUM = "Chromium is not installed: run `apt-get install chromium` (Debian) to run the browser tests"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    return os.environ.get("REDRESS_CHROMIUM") or "/usr/bin/chromium"


def _no_browser() -> None:
    if os.environ.get("REDRESS_REQUIRE_BROWSER") == "1":
        pytest.fail(MISSING_CHROMIUM, pytrace=False)
    pytest.skip(MISSING_CHROMIUM)


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if not (os.path.isfile(executable) and os.access(executable, os.X_OK)):
        _no_browser()
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Starting Playwright's sync API switches to a greenlet with its own context variables, and
    # Django keeps its connections in context variables: from here on each alias gets a new
    # connection object (to the same test database). Carry over the snapshot that serialized
    # rollback restores from, in case the database was set up before the browser started.
    snapshots = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            if snapshot is not None and not hasattr(connections[alias], "_test_serialized_contents"):
                connections[alias]._test_serialized_contents = snapshot
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


_DB_BLOCKER = pytest.StashKey()


@pytest.fixture(autouse=True)
def _remember_the_db_blocker(request, django_db_blocker):
    request.node.stash[_DB_BLOCKER] = django_db_blocker


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Put back what the migrations seeded (role groups, letter templates) once a browser test's
    flush has removed it, so that a later transactional test without serialized rollback finds it.

    Done after the test's fixtures are torn down (the flush is among them); not after the last
    test, when the session's test database is being destroyed too.
    """
    result = yield
    blocker = item.stash.get(_DB_BLOCKER, None)
    if nextitem is not None and blocker is not None:
        from django.db import connections

        with blocker.unblock():
            for alias in connections:
                snapshot = getattr(connections[alias], "_test_serialized_contents", None)
                if snapshot:
                    connections[alias].creation.deserialize_db_from_string(snapshot)
    return result


@pytest.fixture(scope="session")
def _warmed_up(browser, live_server, django_db_blocker):
    """A first page from the live server in Chromium, before any test's own timeouts run.

    The first page a process serves (its imports, templates and static files found) and the
    first tab Chromium opens are slow, the more so with a worker on every core: that start-up is
    not any test's page taking too long.
    """
    context = browser.new_context(base_url=live_server.url)
    with django_db_blocker.unblock():
        context.new_page().goto("/sign-in/", timeout=120_000)
    context.close()


@pytest.fixture
def live(django_db_serialized_rollback, transactional_db, live_server, _warmed_up):
    """The live server over a transactional database, already warmed up.

    Serialized rollback puts back what the migrations seeded (role groups, letter templates)
    after the previous transactional test flushed it.
    """
    return live_server


@pytest.fixture
def page(browser, live):
    context = browser.new_context(base_url=live.url, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


# The page states axe-core has passed in this process (each pytest-xdist worker has its own).
_PASSED: set[tuple[str, str]] = set()

# What axe-core judges of a page, without its words, record numbers or repetitions: each kind of
# element (its tag and attributes, values too with digits masked, except those that carry content:
# links, form values; and whether it holds text of its own) with the kind of its parent, as a set,
# and the page's outline of headings (a run of one level counted once). Two visits alike in these
# are one page state to axe-core: another row of a table, another event in a history or another
# name in a heading is not a new state; a banner, a section or an error summary that appears is.
_SIGNATURE = """() => {
  const content = new Set(["value", "href", "action", "src", "srcset", "content", "datetime", "nonce"]);
  const mask = (text) => text.replace(/[0-9]+/g, "#");
  const kind = (element) => {
    const attributes = Array.from(element.attributes)
      .map((a) => content.has(a.name) ? a.name : `${a.name}=${mask(a.value)}`).sort().join(" ");
    const text = Array.from(element.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim()) ? " text" : "";
    return `<${element.tagName} ${attributes}${text}>`;
  };
  const pairs = new Set();
  for (const element of document.querySelectorAll("*")) {
    pairs.add(`${element.parentElement ? kind(element.parentElement) : ""} ${kind(element)}`);
  }
  const outline = Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6")).map((h) => h.tagName)
    .filter((level, n, levels) => level !== levels[n - 1]);
  return [...Array.from(pairs).sort(), outline.join(" ")].join("\\n");
}"""


def check_accessibility(page) -> None:
    """Run axe-core on the page as it is now and insist on no violations.

    Once a page state has passed (the same address, record numbers aside, and the same markup,
    words aside), visiting it again is not scanned again: the scan would repeat itself.
    """
    from axe_playwright_python.sync_playwright import Axe

    signature = hashlib.sha256(page.evaluate(_SIGNATURE).encode()).hexdigest()
    state = (re.sub(r"[0-9]+", "#", urlsplit(page.url).path), signature)
    if state in _PASSED:
        return
    results = Axe().run(page)
    if results.violations_count:
        report = results.generate_report()
        print(f"axe on {page.url}:\n{report}")
        pytest.fail(f"axe found {results.violations_count} accessibility violation(s) on {page.url}:\n{report}", pytrace=False)
    _PASSED.add(state)


def sign_in(page, username: str) -> None:
    """Sign in through the real sign-in page, checking that page too, and the second factor's."""
    app = authenticator_app(username)
    page.goto("/sign-in/")
    check_accessibility(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/sign-in/" not in url)
    enter_second_factor(page, app)


def authenticator_app(username: str):
    """The person's authenticator app, set up on an earlier sign-in."""
    from django.contrib.auth.models import User

    from tests.security.helpers import app_of

    return app_of(User.objects.get(username=username))


def enter_second_factor(page, app) -> None:
    """The code the app shows now, worked out from its key."""
    from tests.security.helpers import code_from

    check_accessibility(page)
    page.get_by_role("textbox", name="Code").fill(code_from(app))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(lambda url: "/account/two-factor/" not in url)


@pytest.fixture
def logged_complaint(caseworker):
    """A decision complaint logged against `case` by the case owner, walked through `steps`."""
    from django.utils import timezone

    def log(case, received: date, *steps: str):
        today = timezone.localdate()
        feedback = log_feedback(
            caseworker,
            case,
            NewFeedback(
                FeedbackKind.DECISION_COMPLAINT, received, Channel.EMAIL, f"{case.service_user} says our decision is wrong"
            ),
            today,
        )
        for step in steps:
            # The grounds are asked for on the day the complaint arrives, before their deadline (para 32).
            feedback = take_action(caseworker, feedback.reference, step, {}, received if step == "request_grounds" else today)
        return feedback

    return log

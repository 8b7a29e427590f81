"""The browser suite (issue 15): real headless Chromium against a running portal started with
`--demo`. Run it with `scripts/test-browser`, which starts the server and sets LEAVE_PORTAL_URL
and BROWSER_SCREENSHOTS.

Each test walks some pages; every page state is checked at 1280 px and 320 px with axe-core
(every default rule, every impact), for sideways scrolling, and screenshotted. A test fails when
anything is found; the terminal summary and report.txt group the findings by cause.
"""

from __future__ import annotations

import pytest

import portal


@pytest.fixture(scope="session")
def driver():
    drv = portal.make_driver()
    yield drv
    drv.quit()


@pytest.fixture
def audit(driver, request):
    driver.delete_all_cookies()
    return portal.Audit(driver, request.node.name)


def pytest_sessionstart(session):
    portal.SCREENSHOTS.mkdir(parents=True, exist_ok=True)


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter):
    report = portal.write_reports()
    terminalreporter.section("browser findings, grouped by cause")
    terminalreporter.write_line(portal.grouped_report(portal.FINDINGS))
    terminalreporter.write_line("")
    terminalreporter.write_line(f"Full report: {report}")
    terminalreporter.write_line(f"Screenshots: {portal.SCREENSHOTS}")

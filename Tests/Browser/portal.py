"""Helpers for the browser suite: the headless Chromium session, signing in, and the checks run on
every page state (axe-core, sideways scrolling at 320 px, a full-page screenshot at each width).

Nothing here knows the portal's pages: the tests say where to go, and `Audit.check` records what
it finds. Findings are kept for the whole run (`FINDINGS`) so the terminal summary and
`report.txt` / `findings.json` in the screenshot folder can group them by cause.
"""

from __future__ import annotations

import base64
import json
import os
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

BASE_URL = os.environ.get("LEAVE_PORTAL_URL", "http://127.0.0.1:8080").rstrip("/")
PASSWORD = os.environ.get("LEAVE_PORTAL_DEMO_PASSWORD", "demo-password")
REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("BROWSER_SCREENSHOTS")
                   or REPO_ROOT / ".build" / "browser-screenshots" / time.strftime("%Y%m%d-%H%M%S"))
WIDTHS = (1280, 320)
NARROW = 320
VIEW_HEIGHT = 900

# Every finding of the run, in order: dicts with "kind" in {"axe", "overflow", "functional"}.
FINDINGS: list[dict] = []
# axe-core's "incomplete" results: what it could not decide and a person must look at. Reported,
# not failed on (they are not violations).
REVIEW: list[dict] = []
STATES: list[dict] = []


def make_driver() -> webdriver.Chrome:
    """Headless Chromium through Debian's chromedriver; Selenium Manager is never asked (SE_OFFLINE)."""
    os.environ.setdefault("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size=1280,{VIEW_HEIGHT}", "--lang=en-GB", "--hide-scrollbars",
                     "--disable-extensions", "--no-first-run", "--disable-features=Translate"):
        options.add_argument(argument)
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_script_timeout(120)
    driver.set_page_load_timeout(60)
    set_width(driver, 1280)
    return driver


def set_width(driver, width: int) -> None:
    """Emulates a screen `width` CSS pixels wide; at 320 px as a phone (the viewport meta applies)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": VIEW_HEIGHT, "deviceScaleFactor": 1, "mobile": width <= NARROW,
    })


def sign_in(driver, email: str) -> None:
    """Signs out (by forgetting the session cookie) and signs in through the log-in form."""
    driver.delete_all_cookies()
    driver.get(BASE_URL + "/login")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    click_through(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    if urlsplit(driver.current_url).path == "/login":
        raise AssertionError(f"signing in as {email} failed: still on {driver.current_url}")


def path_of(driver) -> str:
    parts = urlsplit(driver.current_url)
    return parts.path + (("?" + parts.query) if parts.query else "")


def main_text(driver) -> str:
    try:
        return driver.find_element(By.TAG_NAME, "main").text
    except NoSuchElementException:
        return driver.find_element(By.TAG_NAME, "body").text


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "page"


# Finds what makes the page wider than the screen. Only elements that poke out past the right edge
# and are not clipped by a scrolling or hidden-overflow ancestor count; the outermost of them is
# reported with the deepest ones inside it (the content that forces the width).
OVERFLOW_SCRIPT = r"""
const width = document.documentElement.clientWidth;
const scrollWidth = document.documentElement.scrollWidth;
const result = {width: width, scrollWidth: scrollWidth, innerWidth: window.innerWidth, offenders: []};
if (scrollWidth <= width) return result;
function clipped(el) {
  for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
    if (getComputedStyle(a).overflowX !== 'visible') return true;
  }
  return false;
}
function selector(el) {
  const parts = [];
  for (let e = el; e && e.nodeType === 1 && e !== document.documentElement; e = e.parentElement) {
    let part = e.tagName.toLowerCase();
    if (e.id) { parts.unshift(part + '#' + e.id); break; }
    const classes = Array.from(e.classList).slice(0, 2);
    if (classes.length) part += '.' + classes.join('.');
    const parent = e.parentElement;
    if (parent) {
      const same = Array.from(parent.children).filter(c => c.tagName === e.tagName);
      if (same.length > 1) part += ':nth-of-type(' + (same.indexOf(e) + 1) + ')';
    }
    parts.unshift(part);
  }
  return parts.join(' > ');
}
function snippet(el) {
  const html = el.outerHTML.replace(/\s+/g, ' ');
  return html.length > 240 ? html.slice(0, 240) + '…' : html;
}
const over = [];
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  if (r.right > width + 0.5 && !clipped(el)) over.push(el);
}
const set = new Set(over);
const outer = over.filter(el => { for (let a = el.parentElement; a; a = a.parentElement) if (set.has(a)) return false; return true; });
for (const el of outer) {
  const r = el.getBoundingClientRect();
  const inner = over.filter(x => x !== el && el.contains(x) && !Array.from(x.children).some(c => set.has(c)));
  result.offenders.push({
    selector: selector(el), left: Math.round(r.left), right: Math.round(r.right), width: Math.round(r.width),
    html: snippet(el),
    deepest: inner.slice(0, 4).map(x => ({selector: selector(x), right: Math.round(x.getBoundingClientRect().right),
                                         width: Math.round(x.getBoundingClientRect().width), html: snippet(x)})),
  });
}
return result;
"""


class Audit:
    """Runs the checks on page states for one test and keeps what they find."""

    counter = 0

    def __init__(self, driver, test_name: str):
        self.driver = driver
        self.test = test_name
        self.findings: list[dict] = []
        self.names: set[str] = set()
        self.axe = Axe(driver)

    # -- recording ---------------------------------------------------------------------------------
    def add(self, finding: dict) -> None:
        finding.setdefault("test", self.test)
        self.findings.append(finding)
        FINDINGS.append(finding)

    def functional(self, state: str, message: str) -> None:
        """A step that did not do what a person would expect; the test fails at its end."""
        self.add({"kind": "functional", "state": state, "url": path_of(self.driver), "message": message})

    # -- the checks --------------------------------------------------------------------------------
    def check(self, state: str) -> None:
        """Checks the page as it is now, at each width: axe-core, sideways scrolling, screenshot."""
        name = state
        n = 2
        while name in self.names:
            name = f"{state} ({n})"
            n += 1
        self.names.add(name)
        url = path_of(self.driver)
        try:
            for width in WIDTHS:
                set_width(self.driver, width)
                self.driver.execute_script("window.scrollTo(0, 0)")
                Audit.counter += 1
                shot = SCREENSHOTS / f"{Audit.counter:03d}-{slug(self.test)}-{slug(name)}-{width}.png"
                self.screenshot(shot)
                STATES.append({"test": self.test, "state": name, "url": url, "width": width, "screenshot": shot.name})
                self.run_axe(name, url, width, shot.name)
                self.check_overflow(name, url, width, shot.name)
        finally:
            set_width(self.driver, 1280)

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        height = min(max(size["height"], VIEW_HEIGHT), 16000)
        data = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": height, "scale": 1},
        })
        path.write_bytes(base64.b64decode(data["data"]))

    def run_axe(self, state: str, url: str, width: int, shot: str) -> None:
        # Every rule axe-core runs by default (WCAG 2.0/2.1/2.2 A and AA and best practices), every
        # impact, and no rule turned off. axe-core 4.9 leaves WCAG 2.2 AA's target size (2.5.8) off
        # by default; GOV.UK services must meet WCAG 2.2 AA, so it is turned on. (The rules left off
        # are AAA or deprecated ones.)
        self.axe.inject()
        results = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations', 'incomplete'], rules: {'target-size': {enabled: true}}})"
            ".then(r => done(r)).catch(e => done({error: String(e)}));")
        if results.get("error"):
            self.functional(state, f"axe-core could not run at {width} px: {results['error']}")
            return
        for item in results.get("incomplete", []):
            for node in item["nodes"]:
                REVIEW.append({"test": self.test, "state": state, "url": url, "width": width, "rule": item["id"],
                               "help": item["help"], "target": " ".join(str(t) for t in node["target"]),
                               "html": re.sub(r"\s+", " ", node.get("html", ""))[:200],
                               "summary": re.sub(r"\s+", " ", node.get("failureSummary", ""))})
        for violation in results["violations"]:
            for node in violation["nodes"]:
                self.add({
                    "kind": "axe", "state": state, "url": url, "width": width, "screenshot": shot,
                    "rule": violation["id"], "impact": node.get("impact") or violation.get("impact"),
                    "help": violation["help"], "helpUrl": violation.get("helpUrl", ""),
                    "target": " ".join(str(t) for t in node["target"]),
                    "html": re.sub(r"\s+", " ", node.get("html", ""))[:400],
                    "summary": re.sub(r"\s+", " ", node.get("failureSummary", "")),
                })

    def check_overflow(self, state: str, url: str, width: int, shot: str) -> None:
        result = self.driver.execute_script(OVERFLOW_SCRIPT)
        if result["scrollWidth"] <= width and result["scrollWidth"] <= result["width"]:
            return
        offenders = result["offenders"] or [{"selector": "(none found: the page itself)", "right": result["scrollWidth"],
                                             "width": result["scrollWidth"], "html": "", "deepest": []}]
        for offender in offenders:
            self.add({"kind": "overflow", "state": state, "url": url, "width": width, "screenshot": shot,
                      "scrollWidth": result["scrollWidth"], "viewport": result["width"],
                      "selector": offender["selector"], "right": offender["right"],
                      "elementWidth": offender["width"], "html": offender["html"],
                      "deepest": offender.get("deepest", [])})

    # -- the end of a test -------------------------------------------------------------------------
    def finish(self) -> None:
        if self.findings:
            raise AssertionError(f"{len(self.findings)} finding(s):\n" + format_findings(self.findings))


def format_finding(f: dict) -> str:
    where = f"{f['url']} [{f['state']}]" + (f" at {f['width']} px" if "width" in f else "")
    if f["kind"] == "axe":
        return (f"AXE {f['rule']} ({f['impact']}) on {where}: {f['help']}\n"
                f"    element: {f['target']}\n    html: {f['html']}\n    {f['summary']}")
    if f["kind"] == "overflow":
        text = (f"OVERFLOW on {where}: page is {f['scrollWidth']} px wide in a {f['viewport']} px screen; "
                f"{f['selector']} ends at {f['right']} px (width {f['elementWidth']} px)\n    html: {f['html']}")
        for inner in f.get("deepest", []):
            text += f"\n    inside: {inner['selector']} ends at {inner['right']} px: {inner['html'][:160]}"
        return text
    return f"FUNCTIONAL on {where}: {f['message']}"


def format_findings(findings: list[dict]) -> str:
    return "\n".join(format_finding(f) for f in findings)


def grouped_report(findings: list[dict]) -> str:
    """Findings grouped by cause: axe rule and element, overflowing element, functional step."""
    lines: list[str] = []
    axe = [f for f in findings if f["kind"] == "axe"]
    overflow = [f for f in findings if f["kind"] == "overflow"]
    functional = [f for f in findings if f["kind"] == "functional"]
    lines.append(f"{len(axe)} axe violation(s), {len(overflow)} overflowing element(s), "
                 f"{len(functional)} functional failure(s) over {len(STATES)} page checks")
    if axe:
        lines.append("")
        lines.append("== axe-core violations, by rule ==")
        rules: dict[tuple, list[dict]] = {}
        for f in axe:
            rules.setdefault((f["rule"], f["impact"]), []).append(f)
        for (rule, impact), items in sorted(rules.items()):
            lines.append(f"-- {rule} ({impact}): {items[0]['help']} ({len(items)} node(s))")
            by_html: dict[str, list[dict]] = {}
            for f in items:
                by_html.setdefault(f["html"], []).append(f)
            for html, where in by_html.items():
                pages = sorted({f"{w['url']}@{w['width']}" for w in where})
                lines.append(f"   html: {html}")
                lines.append(f"   target: {where[0]['target']}")
                lines.append(f"   why: {where[0]['summary']}")
                lines.append(f"   on {len(pages)} page state(s): " + ", ".join(pages[:12])
                             + (" …" if len(pages) > 12 else ""))
    if overflow:
        lines.append("")
        lines.append("== pages wider than the screen, by element ==")
        by_sel: dict[tuple, list[dict]] = {}
        for f in overflow:
            # The same element on different pages: its path and the start of its HTML (a table's caption).
            key = (re.sub(r":nth-of-type\(\d+\)", "", f["selector"]), f["html"][:110])
            by_sel.setdefault(key, []).append(f)
        for (sel, _), items in by_sel.items():
            pages = sorted({f"{w['url']}@{w['width']} ({w['scrollWidth']} px)" for w in items})
            lines.append(f"-- {sel}")
            lines.append(f"   html: {items[0]['html'][:200]}")
            for inner in items[0].get("deepest", [])[:3]:
                lines.append(f"   inside: {inner['selector']} (ends at {inner['right']} px): {inner['html'][:160]}")
            lines.append(f"   on {len(pages)} page state(s): " + ", ".join(pages[:12]) + (" …" if len(pages) > 12 else ""))
    if REVIEW:
        lines.append("")
        lines.append("== axe-core could not decide (to look at; not failures) ==")
        review: dict[tuple, set] = {}
        for r in REVIEW:
            review.setdefault((r["rule"], r["html"], r["summary"]), set()).add(f"{r['url']}@{r['width']}")
        for (rule, html, summary), pages in sorted(review.items()):
            lines.append(f"-- {rule}: {html}\n   {summary}\n   on: " + ", ".join(sorted(pages)[:8])
                         + (" …" if len(pages) > 8 else ""))
    if functional:
        lines.append("")
        lines.append("== functional failures ==")
        for f in functional:
            lines.append(f"-- {f['test']}: {f['url']} [{f['state']}]: {f['message']}")
    return "\n".join(lines)


def write_reports() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "findings.json").write_text(json.dumps({"states": STATES, "findings": FINDINGS, "review": REVIEW}, indent=2))
    report = SCREENSHOTS / "report.txt"
    report.write_text(grouped_report(FINDINGS) + "\n\n== every finding ==\n" + format_findings(FINDINGS) + "\n")
    return report


def navigates(driver, action, timeout: float = 30) -> None:
    """Runs `action` (a click, a key press) and waits until the next page has loaded."""
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
    from selenium.common.exceptions import WebDriverException
    old = driver.find_element(By.TAG_NAME, "html")
    action()

    def gone(_driver) -> bool:
        # While the old page is torn down, Chrome may answer "Node with given id does not belong
        # to the document" instead of a stale-element error: either means the page has gone.
        try:
            old.is_enabled()
            return False
        except WebDriverException:
            return True

    WebDriverWait(driver, timeout).until(gone)
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return document.readyState") == "complete")


def click_through(driver, element) -> None:
    """Clicks a link or button that leads to another page, and waits for it."""
    navigates(driver, element.click)

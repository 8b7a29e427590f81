"""A parent with only a keyboard: from the home page through the leave form to its confirmation
with Tab, Space and Enter (and typing into fields), never a click. Sent empty first, the error
summary's link must take focus to the field. Every focus stop must be visible and show focus.
"""

from __future__ import annotations

import datetime

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

import portal
from portal import BASE_URL, path_of, sign_in

MAX_TABS = 80

FOCUSED = """
const el = document.activeElement;
if (!el || el === document.body) return null;
const r = el.getBoundingClientRect();
const s = getComputedStyle(el);
return {tag: el.tagName.toLowerCase(), id: el.id || '', type: el.type || '', name: el.name || '',
        href: el.getAttribute('href') || '', inErrorSummary: !!el.closest('.error-summary'), text: (el.innerText || el.value || '').trim().slice(0, 60),
        visible: r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && r.bottom > -1 && r.right > -1,
        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && s.outlineColor !== 'rgba(0, 0, 0, 0)',
        shadow: s.boxShadow !== 'none', background: s.backgroundColor};
"""


class Keyboard:
    def __init__(self, driver, audit):
        self.d = driver
        self.audit = audit
        self.reported: set[tuple] = set()

    def press(self, *keys) -> None:
        ActionChains(self.d).send_keys(*keys).perform()

    def type(self, text: str) -> None:
        ActionChains(self.d).send_keys(text).perform()

    def focused(self) -> dict | None:
        return self.d.execute_script(FOCUSED)

    def tab_to(self, want, what: str, state: str) -> dict:
        """Presses Tab until `want(focused)` holds; checks each stop on the way is seen with focus."""
        stops = []
        for _ in range(MAX_TABS):
            self.press(Keys.TAB)
            now = self.focused()
            if now is None:
                continue
            stops.append(f"{now['tag']}#{now['id']}[{now['text'][:20]}]")
            key = (path_of(self.d).split("?")[0], now["tag"], now["id"], now["href"], now["text"])
            if key not in self.reported:
                self.reported.add(key)
                if not now["visible"]:
                    self.audit.functional(state, f"Tab stops on an element that cannot be seen: {now}")
                elif not (now["outline"] or now["shadow"]):
                    self.audit.functional(state, f"no focus indicator (outline or box-shadow) on {now}")
            if want(now):
                return now
        raise AssertionError(f"{state}: could not reach {what} with Tab in {MAX_TABS} presses; stops: {stops}")

    def enter(self) -> None:
        portal.navigates(self.d, lambda: self.press(Keys.ENTER))


def is_button(text: str):
    return lambda f: f["tag"] == "button" and text.lower() in f["text"].lower()


def test_keyboard_only_leave_form(driver, audit):
    sign_in(driver, "parent2@example.com")  # two children: the children page starts with none ticked
    kb = Keyboard(driver, audit)
    driver.get(BASE_URL + "/parent")
    audit.check("keyboard: parent home")
    kb.tab_to(lambda f: f["tag"] == "a" and f["href"].endswith("/parent/forms") and "Ask" in f["text"],
              "'Ask the school for something'", "parent home")
    kb.enter()
    kb.tab_to(lambda f: f["href"].endswith("/parent/forms/leave"), "the leave form's link", "forms list")
    kb.enter()

    # Which children: sent empty, then the error summary's link leads to the first box.
    state = "leave/children"
    kb.tab_to(is_button("Continue"), "Continue", state)
    kb.enter()
    if not driver.find_elements("css selector", ".error-summary a"):
        raise AssertionError(f"{state}: no error summary after sending it empty by keyboard")
    audit.check("keyboard: children sent empty")
    link = kb.tab_to(lambda f: f["tag"] == "a" and f["inErrorSummary"], "the error summary's link", state)
    kb.press(Keys.ENTER)
    landed = kb.focused()
    target = link["href"][1:]
    if not landed or landed["id"] != target:
        audit.functional(state, f"Enter on the error summary link '{link['text']}' left focus on {landed}, "
                                f"not on the field #{target}")
        kb.tab_to(lambda f: f["type"] == "checkbox", "the first child's box", state)
    if kb.focused()["type"] == "checkbox":
        kb.press(Keys.SPACE)
    kb.tab_to(is_button("Continue"), "Continue", state)
    kb.enter()

    # What the leave is for: the first option (exceptional circumstances), and the story.
    state = "leave/reason"
    kb.tab_to(lambda f: f["type"] == "radio" and f["name"] == "category", "the first category", state)
    kb.press(Keys.SPACE)
    kb.tab_to(lambda f: f["tag"] == "textarea", "what the leave is for", state)
    kb.type("The funeral of my grandmother in Belfast.")
    kb.tab_to(is_button("Continue"), "Continue", state)
    kb.enter()

    state = "leave/dates"
    first = datetime.date.today() + datetime.timedelta(days=28)
    first += datetime.timedelta(days=(7 - first.weekday()) % 7)
    days = {"start": first, "end": first + datetime.timedelta(days=1), "returnDate": first + datetime.timedelta(days=2)}
    for qid, day in days.items():
        kb.tab_to(lambda f, q=qid: f["id"] == f"{q}-day", f"the day of {qid}", state)
        kb.type(str(day.day))
        kb.tab_to(lambda f, q=qid: f["id"] == f"{q}-month", f"the month of {qid}", state)
        kb.type(str(day.month))
        kb.tab_to(lambda f, q=qid: f["id"] == f"{q}-year", f"the year of {qid}", state)
        kb.type(str(day.year))
        session = {"start": "startSession", "end": "endSession"}.get(qid)
        if session:
            kb.tab_to(lambda f, s=session: f["type"] == "radio" and f["name"] == s, f"{session}", state)
            kb.press(Keys.SPACE)
    kb.tab_to(is_button("Continue"), "Continue", state)
    kb.enter()
    if driver.find_elements("css selector", ".error-summary"):
        audit.check("keyboard: dates refused")
        raise AssertionError(f"{state}: refused: {driver.find_element('css selector', '.error-summary').text}")

    # Evidence is optional: straight on (Enter on the file input would open a file chooser).
    if path_of(driver).split("?")[0].endswith("/evidence"):
        audit.check("keyboard: evidence")
        kb.tab_to(is_button("Continue"), "Continue", "leave/evidence")
        kb.enter()

    state = "leave/check"
    if not path_of(driver).split("?")[0].endswith("/check"):
        raise AssertionError(f"expected 'Check your answers', got {path_of(driver)}")
    audit.check("keyboard: check your answers")
    kb.tab_to(is_button("Send request"), "Send request", state)
    kb.enter()
    audit.check("keyboard: request sent")
    if "/parent/requests/" not in path_of(driver):
        audit.functional("sent", f"after sending by keyboard the parent is on {path_of(driver)}")
    audit.finish()

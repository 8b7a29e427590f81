"""Every parent form of every kind (each file in forms/), as a parent fills it in: each page first
sent empty (the error summary must appear, name each required question the page shows, and link
to its field), then filled in correctly, through "Check your answers" to the confirmation.

The questions come from the form's YAML, so a new form or question is walked too; answers are made
from the question's kind, with the few that need a particular shape given below.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import pytest
import yaml
from selenium.common.exceptions import NoSuchElementException
from selenium.webdriver.common.by import By

import portal
from portal import BASE_URL, path_of, sign_in

FORMS_DIR = portal.REPO_ROOT / "forms"
FORM_IDS = sorted(p.stem for p in FORMS_DIR.glob("*.yaml"))

# Who fills each form in: parents the demo leaves with no request of that kind waiting (parent15's
# lunchtime permission was granted, so they are the one who can stop it).
PARENTS = {
    "leave": "parent4@example.com",       # three children: each gets their own request
    "medical": "parent9@example.com",
    "religious": "parent4@example.com",
    "traveller": "parent9@example.com",
    "performance": "parent3@example.com",
    "lunchtime": "parent1@example.com",
    "lunchtime-stop": "parent15@example.com",
}

# Answers that need a particular shape (by form, then question id). The rest come from the kind.
ANSWERS = {
    "leave": {"category": "exceptional", "purpose": "The funeral of my grandmother in Belfast."},
    "medical": {"time": "10:30am", "purpose": "A hospital check-up."},
    "religious": {"religion": "Hindu", "occasion": "Diwali"},
    "traveller": {"occupational": "yes", "purpose": "Fairground work across the north-west."},
    "performance": {"hasLicence": "yes", "licenceNumber": "CPL-2027-0101", "authority": "Sampleton Council", "namesDates": "yes",
                    "purpose": "Pantomime at the Civic Theatre", "hoursPerWeek": "10", "hoursPerDay": "3",
                    "maxHours": "4"},
    "lunchtime": {"collector": "Grandparent, Lee Fairbrook", "purpose": "Lunch at home with grandparents."},
    "lunchtime-stop": {"reason": "We have moved house."},
}


def first_monday(days_ahead: int = 21) -> datetime.date:
    day = datetime.date.today() + datetime.timedelta(days=days_ahead)
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7)


def load_form(form_id: str) -> dict:
    return yaml.safe_load((FORMS_DIR / f"{form_id}.yaml").read_text())


def evidence_file() -> Path:
    path = Path(tempfile.gettempdir()) / "leave-portal-browser-evidence.pdf"
    if not path.exists():
        body = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
        path.write_bytes(body)
    return path


class FormWalker:
    """Fills in one form, page by page, checking each state."""

    def __init__(self, driver, audit, form_id: str):
        self.d = driver
        self.audit = audit
        self.form_id = form_id
        self.form = load_form(form_id)
        self.answers = ANSWERS.get(form_id, {})
        self.given: dict[str, str] = {}  # question id -> the answer chosen, for showIf
        # Each date question gets the next weekday from a Monday three weeks ahead, in the order the
        # form asks them, so "last day" follows "first day" and "back at school" follows both.
        dates = [q["id"] for p in self.form["pages"] for q in p.get("questions", []) if q["kind"] == "date"]
        base = first_monday()
        self.dates = {qid: base + datetime.timedelta(days=i) for i, qid in enumerate(dates)}

    # -- the form's pages ----------------------------------------------------------------------------
    def page_for(self, page_id: str) -> dict | None:
        return next((p for p in self.form["pages"] if p["id"] == page_id), None)

    def shown(self, item: dict) -> bool:
        rule = item.get("showIf")
        if not rule:
            return True
        wanted = rule["is"] if isinstance(rule["is"], list) else [rule["is"]]
        # YAML reads a bare yes/no as a boolean.
        wanted = [("yes" if w else "no") if isinstance(w, bool) else str(w) for w in wanted]
        return self.given.get(rule["question"]) in wanted

    def current_page_id(self) -> str:
        return path_of(self.d).split("?")[0].rstrip("/").split("/")[-1]

    # -- one page --------------------------------------------------------------------------------------
    def submit(self) -> None:
        buttons = [b for b in self.d.find_elements(By.CSS_SELECTOR, "main form button[type=submit]")
                   if b.is_displayed() and "Continue" in b.text]
        portal.click_through(self.d, buttons[-1] if buttons else self.d.find_element(By.CSS_SELECTOR, "main form button.button"))

    def error_summary(self):
        found = self.d.find_elements(By.CSS_SELECTOR, ".error-summary")
        return found[0] if found else None

    def check_errors(self, page: dict) -> None:
        """The page sent empty: an error summary naming each required question shown, linked to it."""
        state = f"{self.form_id}/{page['id']} sent empty"
        summary = self.error_summary()
        expected = {q["required"] for q in page.get("questions", [])
                    if q.get("required") and not q.get("showIf")}
        if summary is None:
            self.audit.functional(state, f"no error summary after sending the page empty (expected: {sorted(expected)})")
            return
        self.audit.check(state)
        links = summary.find_elements(By.CSS_SELECTOR, "a")
        messages = {a.text.strip() for a in links}
        for missing in sorted(expected - messages):
            self.audit.functional(state, f"error summary does not say '{missing}'")
        for extra in sorted(messages - expected):
            self.audit.functional(state, f"error summary shows an error for a question the parent has not been "
                                         f"asked (or did not expect): '{extra}'")
        for a in links:
            href = a.get_attribute("href") or ""
            anchor = href.split("#", 1)[1] if "#" in href else ""
            info = self.d.execute_script("""
                const el = document.getElementById(arguments[0]);
                if (!el) return null;
                const group = el.closest('.form-group');
                const err = group ? group.querySelector('.error-message') : null;
                const hint = group ? group.querySelector(':scope > .hint, :scope > fieldset > .hint') : null;
                const described = [el.getAttribute('aria-describedby') || '',
                                   (el.closest('fieldset') || {getAttribute: () => ''}).getAttribute('aria-describedby') || '']
                                  .join(' ').split(/\\s+/).filter(Boolean);
                return {tag: el.tagName.toLowerCase(), type: el.type || '', hasGroup: !!group,
                        errorId: err ? err.id : null, errorText: err ? err.textContent.trim() : null,
                        hintId: hint ? hint.id : null, described: described};
            """, anchor)
            what = f"error summary link '{a.text.strip()}' (#{anchor})"
            if info is None:
                self.audit.functional(state, f"{what} points at nothing: no element has id '{anchor}'")
                continue
            if info["tag"] not in ("input", "textarea", "select"):
                self.audit.functional(state, f"{what} points at a <{info['tag']}>, not at the field to correct")
            if not info["errorId"]:
                self.audit.functional(state, f"{what}: no error message beside the field")
                continue
            if a.text.strip() not in (info["errorText"] or ""):
                self.audit.functional(state, f"{what}: the message beside the field says '{info['errorText']}'")
            if info["errorId"] not in info["described"]:
                self.audit.functional(state, f"{what}: the field ({info['tag']} {info['type']}) is not tied to its "
                                             f"error message #{info['errorId']} by aria-describedby "
                                             f"(it has: {' '.join(info['described']) or 'none'})")
            if info["hintId"] and info["hintId"] not in info["described"]:
                self.audit.functional(state, f"{what}: the field ({info['tag']} {info['type']}) is not tied to its "
                                             f"hint #{info['hintId']} by aria-describedby while the error shows")

    def on_page(self, question: dict) -> bool:
        element_id = question["id"] + ("-day" if question["kind"] == "date" else "")
        return bool(self.d.find_elements(By.CSS_SELECTOR, f"main form [id='{element_id}'], main form [name='{question['id']}']"))

    def fill(self, page: dict, only: set[str] | None = None) -> None:
        for question in page.get("questions", []):
            qid, kind = question["id"], question["kind"]
            if not self.shown(question) or (only is not None and qid not in only):
                continue
            if not self.on_page(question):
                # A question shown only for some answers may not be on the page yet.
                if not question.get("showIf"):
                    raise AssertionError(f"{self.form_id}/{page['id']}: question '{qid}' is not on the page")
                continue
            if kind == "date":
                day = self.dates[qid]
                for part, value in (("day", day.day), ("month", day.month), ("year", day.year)):
                    self.type_into(f"{qid}-{part}", str(value))
                self.given[qid] = day.isoformat()
            elif kind in ("children", "choice", "yesno", "session", "checkboxes", "weekdays"):
                inputs = self.d.find_elements(By.CSS_SELECTOR, f"main form input[name='{qid}']")
                if not inputs:
                    raise AssertionError(f"{self.form_id}/{page['id']}: no inputs for question '{qid}'")
                wanted = self.answers.get(qid)
                if wanted is not None:
                    chosen = [i for i in inputs if i.get_attribute("value") == wanted]
                    if not chosen:
                        raise AssertionError(f"{self.form_id}/{page['id']}: no '{wanted}' answer for '{qid}'")
                elif inputs[0].get_attribute("type") == "checkbox":
                    chosen = inputs if kind == "children" else inputs[:2]
                else:
                    chosen = inputs[:1]
                for box in chosen:
                    if not box.is_selected():
                        self.d.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}']").click()
                self.given[qid] = chosen[0].get_attribute("value")
            elif kind == "file":
                self.d.find_element(By.ID, qid).send_keys(str(evidence_file()))
            elif kind == "dates":
                lines = [f"{d.day}/{d.month}/{d.year}" for d in (first_monday(), first_monday() + datetime.timedelta(days=1))]
                self.type_into(qid, self.answers.get(qid, "\n".join(lines)))
            elif kind in ("text", "textarea", "number", "time"):
                default = {"text": "An answer from the browser test",
                           "textarea": "An answer from the browser test, in a sentence.",
                           "number": str(question.get("min", 0) + 1),
                           "time": "2:30pm"}[kind]
                self.type_into(qid, self.answers.get(qid, default))
            else:
                raise AssertionError(f"{self.form_id}/{page['id']}: the suite cannot answer a '{kind}' question ('{qid}')")

    def type_into(self, element_id: str, text: str) -> None:
        element = self.d.find_element(By.ID, element_id)
        element.clear()
        element.send_keys(text)

    # -- the whole form ------------------------------------------------------------------------------
    def walk(self) -> str:
        self.d.get(f"{BASE_URL}/parent/forms/{self.form_id}")
        seen: list[str] = []
        for _ in range(len(self.form["pages"]) + 3):
            page_id = self.current_page_id()
            if page_id == "check":
                break
            page = self.page_for(page_id)
            if page is None:
                raise AssertionError(f"{self.form_id}: landed on {path_of(self.d)}, which is no page of the form")
            if page_id in seen:
                raise AssertionError(f"{self.form_id}: page '{page_id}' came back after it was filled in: "
                                     f"{portal.main_text(self.d)[:400]}")
            seen.append(page_id)
            self.audit.check(f"{self.form_id}/{page_id}")
            # A parent's only child is ticked already (issue 15): that page cannot be sent empty.
            only_child = [q for q in page.get("questions", []) if q["kind"] == "children"
                          and len(self.d.find_elements(By.CSS_SELECTOR, f"main form input[name='{q['id']}']")) == 1]
            if any(q.get("required") for q in page.get("questions", [])) and not only_child:
                self.submit()
                self.check_errors(page)
            self.fill(page)
            before = {q["id"] for q in page.get("questions", []) if self.on_page(q)}
            self.submit()
            summary = self.error_summary()
            if summary is not None and self.current_page_id() == page_id:
                # A question that appears only after an answer (licence dates after "Yes") must not
                # first appear as an error; say so, answer it, and go on.
                appeared = {q["id"] for q in page.get("questions", []) if q.get("showIf") and self.shown(q)
                            and q["id"] not in before and self.on_page(q)}
                if appeared:
                    self.audit.check(f"{self.form_id}/{page_id} answered, conditional question shown as an error")
                    self.audit.functional(f"{self.form_id}/{page_id}",
                                          f"questions {sorted(appeared)} were not shown with the answer that asks for "
                                          f"them, and first appear as an error: {summary.text.replace(chr(10), ' / ')}")
                    self.fill(page, only=appeared)
                    self.submit()
                    summary = self.error_summary()
            if summary is not None:
                self.audit.check(f"{self.form_id}/{page_id} filled in, refused")
                raise AssertionError(f"{self.form_id}/{page_id}: the answers were refused: {summary.text}")
        else:
            raise AssertionError(f"{self.form_id}: never reached 'Check your answers' (at {path_of(self.d)})")
        skipped = [p["id"] for p in self.form["pages"] if p["id"] not in seen and self.shown(p)]
        if skipped:
            self.audit.functional(f"{self.form_id}/check", f"pages never shown: {skipped}")
        self.audit.check(f"{self.form_id}/check your answers")
        buttons = self.d.find_elements(By.CSS_SELECTOR, "main form button[type=submit]")
        if not buttons:
            raise AssertionError(f"{self.form_id}: no button to send the request on {path_of(self.d)}")
        portal.click_through(self.d, buttons[-1])
        if self.error_summary() is not None:
            self.audit.check(f"{self.form_id}/check refused")
            raise AssertionError(f"{self.form_id}: sending was refused: {self.error_summary().text}")
        self.audit.check(f"{self.form_id}/sent")
        return path_of(self.d)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_parent_form(driver, audit, form_id):
    if form_id not in PARENTS:
        pytest.fail(f"forms/{form_id}.yaml is new: say in PARENTS (and ANSWERS if needed) who fills it in")
    sign_in(driver, PARENTS[form_id])
    walker = FormWalker(driver, audit, form_id)
    landed = walker.walk()
    if "/confirmation" not in landed and not landed.startswith("/parent"):
        audit.functional(f"{form_id}/sent", f"after sending, the parent is on {landed}")
    try:
        heading = driver.find_element(By.TAG_NAME, "h1").text
    except NoSuchElementException:
        heading = ""
    if not heading:
        audit.functional(f"{form_id}/sent", "the page after sending has no heading")
    audit.finish()

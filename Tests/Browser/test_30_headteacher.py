"""The headteacher's decision desk: the queue (also filtered), decided requests, a pupil's page,
a request, and one request decided through its confirmation step (sent empty first)."""

from __future__ import annotations

from selenium.webdriver.common.by import By

import portal
from portal import BASE_URL, path_of, sign_in


def test_headteacher_pages(driver, audit):
    sign_in(driver, "head@oakhollow.example")
    for path, state in (("/decisions", "decision queue"), ("/decisions?kind=medical", "queue filtered to medical"),
                        ("/decisions?advice=refuse", "queue filtered by advice"),
                        ("/decisions/decided", "decided requests"), ("/decisions/policies", "the policies")):
        driver.get(BASE_URL + path)
        audit.check(state)
    driver.get(BASE_URL + "/decisions")
    pupils = driver.find_elements(By.CSS_SELECTOR, "main a[href^='/decisions/pupils/']")
    if pupils:
        portal.click_through(driver, pupils[0])
        audit.check("a pupil's page")
    else:
        audit.functional("decision queue", "no link to a pupil's page")
    driver.get(BASE_URL + "/decisions/decided")
    decided = driver.find_elements(By.CSS_SELECTOR, "main table a[href^='/decisions/LP-']")
    if decided:
        portal.click_through(driver, decided[0])
        audit.check("a decided request")
    else:
        audit.functional("decided requests", "no decided request listed")
    audit.finish()


def test_headteacher_decides(driver, audit):
    sign_in(driver, "head@oakhollow.example")
    # A family holiday: refusing it needs no reason to override the policy.
    driver.get(BASE_URL + "/decisions?kind=holiday")
    audit.check("queue filtered to holidays")
    links = driver.find_elements(By.CSS_SELECTOR, "main table a[href^='/decisions/LP-']")
    assert links, "no holiday request waiting in the queue"
    portal.click_through(driver, links[0])
    reference = path_of(driver).split("/")[-1]
    audit.check("request waiting for a decision")

    def continue_button():
        return driver.find_element(By.XPATH, "//main//form[.//input[@name='outcome']]//button[@type='submit']")

    portal.click_through(driver, continue_button())
    if driver.find_elements(By.CSS_SELECTOR, ".error-summary"):
        audit.check("decision sent empty")
        for a in driver.find_elements(By.CSS_SELECTOR, ".error-summary a"):
            anchor = (a.get_attribute("href") or "").split("#")[-1]
            if not driver.find_elements(By.ID, anchor):
                audit.functional("decision sent empty", f"error summary link '{a.text}' points at nothing (#{anchor})")
    else:
        audit.functional("decision sent empty", "no error summary after continuing without a decision")

    driver.find_element(By.CSS_SELECTOR, "label[for='" + driver.find_element(
        By.CSS_SELECTOR, "input[name='outcome'][value='refused']").get_attribute("id") + "']").click()
    reason = driver.find_element(By.ID, "reason")
    reason.clear()
    reason.send_keys("A family holiday is not an exceptional circumstance under the trust's policy.")
    portal.click_through(driver, continue_button())
    assert not driver.find_elements(By.CSS_SELECTOR, ".error-summary"), \
        "the decision was refused: " + driver.find_element(By.CSS_SELECTOR, ".error-summary").text
    audit.check("confirm the decision")
    confirm = driver.find_element(By.CSS_SELECTOR, "main form button[name='confirmed']")
    portal.click_through(driver, confirm)
    audit.check("decision recorded")
    if "Decision recorded" not in portal.main_text(driver):
        audit.functional("decision recorded", f"no 'Decision recorded' banner on {path_of(driver)}")
    driver.get(BASE_URL + "/decisions/" + reference)
    if "Refused" not in portal.main_text(driver):
        audit.functional("decided request", f"{reference} does not show the refusal")
    audit.finish()

"""The family's own pages: the parent's home, a child's page, the list of forms, and request pages
in each state the demo leaves them (waiting, sent back for evidence, decided, withdrawn)."""

from __future__ import annotations

from selenium.webdriver.common.by import By

import portal
from portal import BASE_URL, path_of, sign_in


def open_first(driver, audit, css: str, state: str) -> bool:
    links = driver.find_elements(By.CSS_SELECTOR, css)
    if not links:
        audit.functional(state, f"no link matching {css} on {path_of(driver)}")
        return False
    portal.click_through(driver, links[0])
    audit.check(state)
    return True


def test_parent_pages(driver, audit):
    # parent2 has two children (Bryn and Cai Marrowfield), with requests sent together.
    sign_in(driver, "parent2@example.com")
    driver.get(BASE_URL + "/parent")
    audit.check("parent home, two children")
    open_first(driver, audit, "main a[href^='/parent/children/']", "a child's page")
    open_first(driver, audit, "main a[href^='/parent/requests/LP-']", "a request waiting for a decision")
    driver.get(BASE_URL + "/parent/forms")
    audit.check("what would you like to ask for")
    audit.finish()


def test_parent_request_states(driver, audit):
    # The demo's parents whose requests were sent back for evidence (parent11), granted
    # (parent12), refused (parent13), granted in part (parent14), a lunchtime permission
    # (parent15), withdrawn (parent17) and refused then amended (parent18).
    for email, state in (("parent11@example.com", "sent back for evidence"), ("parent12@example.com", "granted"),
                         ("parent13@example.com", "refused"), ("parent14@example.com", "granted in part"),
                         ("parent15@example.com", "lunchtime permission"), ("parent17@example.com", "withdrawn"),
                         ("parent18@example.com", "refused then amended")):
        sign_in(driver, email)
        driver.get(BASE_URL + "/parent")
        audit.check(f"parent home ({state})")
        open_first(driver, audit, "main a[href^='/parent/requests/LP-']", f"request page: {state}")
    audit.finish()

"""The school office: letters to print, a letter, printed letters, imports and invitations."""

from __future__ import annotations

from selenium.webdriver.common.by import By

import portal
from portal import BASE_URL, sign_in


def test_office_pages(driver, audit):
    sign_in(driver, "office@oakhollow.example")
    driver.get(BASE_URL + "/office/letters")
    audit.check("letters to print")
    letters = driver.find_elements(By.CSS_SELECTOR, "main table a[href^='/office/letters/']")
    letters = [a for a in letters if a.get_attribute("href").rstrip("/").split("/")[-1].isdigit()]
    if letters:
        portal.click_through(driver, letters[0])
        audit.check("a letter")
    else:
        audit.functional("letters to print", "no letter to open (the demo decides several requests)")
    for path, state in (("/office/letters/printed", "printed letters"), ("/office/imports", "imports"),
                        ("/office/invitations", "invitations")):
        driver.get(BASE_URL + path)
        audit.check(state)
    audit.finish()

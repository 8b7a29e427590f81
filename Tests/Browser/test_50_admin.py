"""The administrator's pages: settings, policy, calendar, staff, the audit record."""

from __future__ import annotations

from portal import BASE_URL, sign_in


def test_admin_pages(driver, audit):
    sign_in(driver, "admin@oakhollow.example")
    for path, state in (("/admin", "settings"), ("/admin/policy", "policy settings"), ("/admin/calendar", "calendar"),
                        ("/admin/staff", "staff"), ("/admin/audit", "audit record"),
                        ("/account", "own account")):
        driver.get(BASE_URL + path)
        audit.check(state)
    audit.finish()


def test_signed_out_pages(driver, audit):
    driver.delete_all_cookies()
    for path, state in (("/login", "sign in"), ("/password/forgotten", "forgotten password")):
        driver.get(BASE_URL + path)
        audit.check(state)
    audit.finish()

"""Two `leave-portal serve` processes on one PostgreSQL database behave as one portal (issue 16).

Run by scripts/test-two-servers, which gives the server binary and a PostgreSQL URL for a new,
empty database. Standard library only. Server A starts with --demo; server B starts on the same
database. Then, over real HTTP:

- a parent signs in on A and sends a leave request through the form, page by page;
- the headteacher, signed in on B, finds it in the queue and refuses it; the parent sees the
  decision on A, and the parent's session cookie from A works on B (sessions are in the database);
- the headteacher, signed in on both, decides a second request on A and on B at the same moment:
  exactly one decision is recorded, the other is told it was decided already;
- wrong passwords sent to A and B in turn are counted together: the sixth is held back on either.
"""

from __future__ import annotations

import html
import http.cookiejar
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

BINARY = os.environ["LEAVE_PORTAL_BIN"]
DATABASE = os.environ["TWO_SERVERS_DATABASE"]
ROOT = os.environ.get("LEAVE_PORTAL_ROOT", os.getcwd())
PASSWORD = "demo-password"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's browser: cookies kept, redirects shown rather than followed, CSRF filled in."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def at(self, base: str) -> "Browser":
        """The same cookies, sent to another server (as a load balancer would)."""
        other = Browser(base)
        for cookie in self.jar:
            other.jar.set_cookie(cookie)
        return other

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "lp_csrf"), "")

    def request(self, method: str, path: str, fields: list[tuple[str, str]] | None = None):
        data = None
        if method == "POST":
            fields = list(fields or [])
            if not any(name == "csrfToken" for name, _ in fields):
                fields.append(("csrfToken", self.csrf()))
            data = urllib.parse.urlencode(fields).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        try:
            with self.opener.open(req, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode(errors="replace")

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, fields: list[tuple[str, str]] | None = None):
        return self.request("POST", path, fields)

    def sign_in(self, email: str, password: str = PASSWORD) -> int:
        self.get("/login")
        status, _, _ = self.post("/login", [("email", email), ("password", password)])
        return status


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise AssertionError(what)
    print(f"  ok: {what}")


def start(port: int, work: str, demo: bool) -> subprocess.Popen:
    arguments = [BINARY, "serve", "--database", DATABASE, "--port", str(port), "--host", "127.0.0.1",
                 "--mail", f"directory:{work}/mail-{port}", "--evidence", f"{work}/evidence",
                 "--forms", f"{ROOT}/forms", "--public", f"{ROOT}/public", "--bcrypt-cost", "4"]
    if demo:
        arguments.append("--demo")
    log = open(f"{work}/server-{port}.log", "w")
    process = subprocess.Popen(arguments, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(300):
        if process.poll() is not None:
            raise AssertionError(f"server on {port} stopped: see {work}/server-{port}.log\n" + open(f"{work}/server-{port}.log").read()[-2000:])
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"server on {port} did not answer /health")


def send_leave(parent: Browser, day: tuple[int, int, int], back: tuple[int, int, int]) -> str:
    """The leave form as a parent's browser sends it; gives the new request's reference."""
    base = "/parent/forms/leave"
    status, headers, _ = parent.get(base)
    nonce = re.search(r"start=([\w-]+)", headers.get("Location", "")).group(1)
    _, _, page = parent.get(f"{base}/children?start={nonce}")
    child = re.search(r'name="children"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="children"', page)
    child_id = child.group(1) or child.group(2)
    steps = [
        (f"{base}/children", [("start", nonce), ("children", child_id)]),
        (f"{base}/reason", [("category", "exceptional"), ("purpose", "A family funeral out of the county")]),
        (f"{base}/dates", [("start-day", str(day[0])), ("start-month", str(day[1])), ("start-year", str(day[2])), ("startSession", "AM"),
                           ("end-day", str(day[0])), ("end-month", str(day[1])), ("end-year", str(day[2])), ("endSession", "PM"),
                           ("returnDate-day", str(back[0])), ("returnDate-month", str(back[1])), ("returnDate-year", str(back[2]))]),
        (f"{base}/evidence", []),
    ]
    for path, fields in steps:
        parent.get(path)
        status, _, page = parent.post(path, fields)
        if status != 303:
            problems = re.findall(r'class="error-message"[^>]*>(.*?)</', page, re.S)
            raise AssertionError(f"{path} answered {status}: {[html.unescape(re.sub('<[^>]+>', '', p)).strip() for p in problems]}")
    parent.get(f"{base}/check")
    status, headers, _ = parent.post(f"{base}/submit")
    expect(status == 303, "the form was sent")
    return re.search(r"/parent/requests/([^/]+)/confirmation", headers["Location"]).group(1)


def refuse(head: Browser, reference: str, reason: str):
    return head.post(f"/decisions/{reference}", [("confirmed", "yes"), ("outcome", "refused"), ("reason", reason)])


def main() -> int:
    work = tempfile.mkdtemp(prefix="two-servers-")
    port_a, port_b = 21000 + os.getpid() % 4000, 25000 + os.getpid() % 4000
    servers = []
    try:
        servers.append(start(port_a, work, demo=True))
        servers.append(start(port_b, work, demo=False))
        a, b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
        print(f"two servers on one database: {a} and {b}")

        parent = Browser(a)
        expect(parent.sign_in("parent2@example.com") == 303, "the parent signs in on server A")
        first = send_leave(parent, (19, 1, 2027), (20, 1, 2027))
        second = send_leave(parent, (26, 1, 2027), (27, 1, 2027))

        head_b = Browser(b)
        expect(head_b.sign_in("head@oakhollow.example") == 303, "the headteacher signs in on server B")
        _, _, queue = head_b.get("/decisions")
        expect(first in queue and second in queue, "server B's queue shows both requests sent on server A")
        status, _, _ = refuse(head_b, first, "Not exceptional")
        expect(status == 303, "the headteacher refuses the first on server B")
        _, _, page = parent.get(f"/parent/requests/{first}")
        expect("Refused" in page or "refused" in page, "the parent sees the refusal on server A")
        _, _, page = parent.at(b).get(f"/parent/requests/{first}")
        expect("refused" in page.lower() and "Sign in" not in page, "the parent's session from A is good on B")

        head_a = head_b.at(a)
        results: dict[str, int] = {}

        def decide(name: str, browser: Browser) -> None:
            results[name] = refuse(browser, second, f"Decided on server {name}")[0]

        threads = [threading.Thread(target=decide, args=("A", head_a)), threading.Thread(target=decide, args=("B", head_b))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        expect(sorted(results.values()).count(303) == 1, f"two decisions at once, on A and on B: exactly one recorded ({results})")
        _, _, page = head_b.get(f"/decisions/{second}")
        winner = next(name for name, status in results.items() if status == 303)
        loser = "B" if winner == "A" else "A"
        expect(f"Decided on server {winner}" in page and f"Decided on server {loser}" not in page,
               f"the request shows server {winner}'s decision, and only it")

        guesser_a, guesser_b = Browser(a), Browser(b)
        for attempt in range(5):
            status = (guesser_a if attempt % 2 == 0 else guesser_b).sign_in("office@oakhollow.example", "guess")
            expect(status == 401, f"wrong password {attempt + 1} refused on server {'AB'[attempt % 2]}")
        expect(guesser_b.sign_in("office@oakhollow.example") == 429, "the sixth attempt is held back, though B saw only two")
        print("two servers: all checks passed")
        return 0
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=20)


if __name__ == "__main__":
    sys.exit(main())

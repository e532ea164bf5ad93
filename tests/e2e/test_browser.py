"""The agent's view in a real browser: headless Chromium opens the demo agent console through Scrim.

The console is Scrim's reverse-proxy target like any agent would use it: `/console#token=…` (the
page keeps the token in the `scrim_token` cookie), then the page's own scripts fetch the customer
list through Scrim. What is asserted is the rendered DOM after those scripts ran, not the JSON: as
tier1 the rows carry masks and none of the raw values the CRM holds for those customers appear
anywhere in the page; as fraud the raw values appear. Screenshots of both land in the test's
output directory, and the tier1 one is copied to `var/screenshots/` for the README.

Chromium is Debian's `chromium` package (`.ci/run` installs it); without it these tests fail.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from .conftest import CRM_CUSTOMERS, REPO, Crm, ScrimProcess, token

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_TIMEOUT = 30.0
VIRTUAL_TIME_MS = 8000
PER_PAGE = 25  # the console's page size
README_SCREENSHOT = REPO / "var" / "screenshots" / "console-tier1.png"
HEADLESS_FLAGS = (
    "--headless",
    "--no-sandbox",  # we run as root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    "--window-size=1400,1000",
    f"--virtual-time-budget={VIRTUAL_TIME_MS}",
)


# -- the browser -------------------------------------------------------------------------------------


def chromium() -> Path:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} not found: install Debian's `chromium` package (.ci/run installs it)")
    return CHROMIUM


def run_chromium(workdir: Path, name: str, url: str, *args: str) -> bytes:
    """One headless Chromium run with a fresh profile (no cookies carried between runs); its stdout.

    Chromium runs in a session of its own so that a hung run is ended with all its helpers.
    """
    profile = workdir / f"profile-{name}"
    profile.mkdir()
    command = [str(chromium()), *HEADLESS_FLAGS, f"--user-data-dir={profile}", *args, url]
    stderr_path = workdir / f"{name}.stderr"
    with stderr_path.open("wb") as stderr:
        proc = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr, start_new_session=True
        )
        try:
            stdout, _ = proc.communicate(timeout=CHROMIUM_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            pytest.fail(f"chromium did not finish within {CHROMIUM_TIMEOUT:.0f}s: {command}")
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # helpers left behind by a finished run
    log = stderr_path.read_text(encoding="utf-8", errors="replace")
    assert proc.returncode == 0, (proc.returncode, log[-2000:])
    return stdout


def dump_dom(workdir: Path, name: str, url: str) -> str:
    dom = run_chromium(workdir, f"{name}-dom", url, "--dump-dom").decode("utf-8")
    (workdir / f"{name}.html").write_text(dom, encoding="utf-8")
    return dom


def screenshot(workdir: Path, name: str, url: str) -> Path:
    path = workdir / f"{name}.png"
    run_chromium(workdir, f"{name}-screenshot", url, f"--screenshot={path}")
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000, (path, len(data))
    return path


# -- reading the rendered page -----------------------------------------------------------------------


@dataclass
class Console:
    """What an agent sees: the status line, the token state, and the user table's cells by class."""

    status: str = ""
    status_classes: tuple[str, ...] = ()
    token_state: str = ""
    rows: list[dict[str, str]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # every text node outside <script>/<style>


class _ConsoleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.console = Console()
        self._capture: tuple[str, str] | None = None  # ("status"|"token"|"cell", class)
        self._row: dict[str, str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        classes = attr.get("class", "").split()
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "tr" and "user-row" in classes:
            self._row = {"user_id": attr.get("data-user-id", "")}
            self.console.rows.append(self._row)
        elif tag == "td" and self._row is not None and classes:
            self._capture = ("cell", classes[0])
            self._row[classes[0]] = ""
        elif attr.get("id") == "status":
            self._capture = ("status", "")
            self.console.status_classes = tuple(classes)
        elif attr.get("id") == "token-state":
            self._capture = ("token", "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        elif tag == "tr":
            self._row = None
        if tag in ("td", "p", "span"):
            self._capture = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.console.text.append(data)
        if self._capture is None:
            return
        kind, name = self._capture
        if kind == "cell" and self._row is not None:
            self._row[name] += data
        elif kind == "status":
            self.console.status += data
        elif kind == "token":
            self.console.token_state += data


def parse_console(dom: str) -> Console:
    parser = _ConsoleParser()
    parser.feed(dom)
    parser.close()
    return parser.console


def assert_console_works(console: Console) -> None:
    """The page's scripts ran through Scrim: token taken, customers loaded, no error line."""
    page = " ".join(" ".join(console.text).split())[:500]  # what the agent would read instead
    assert "error" not in console.status_classes, console.status
    assert console.status == f"{CRM_CUSTOMERS} customers", page
    assert console.token_state == "token set", console.token_state
    assert [row["user_id"] for row in console.rows] == [str(i) for i in range(1, PER_PAGE + 1)]


# -- the oracle: raw values read from the CRM directly -------------------------------------------------

HIDDEN_FROM_TIER1 = (
    "name", "email", "phone", "card_number", "ssn", "iban", "date_of_birth", "street_address",
    "passport_number", "btc_wallet", "eth_wallet",
)  # fmt: skip


def _digits(value: object) -> str:
    return re.sub(r"\D", "", str(value))


def raw_leaks(user: dict[str, Any], dom: str) -> list[str]:
    """Raw values of `user` that show anywhere in the page (markup included), as typed or as digits."""
    lowered = dom.lower()
    page_digits = [_digits(run) for run in re.findall(r"\d(?:[ .\-/()]{0,2}\d)*", dom)]
    leaks = []
    for key in HIDDEN_FROM_TIER1:
        value = str(user[key])
        forms = {value, re.sub(r"[\s\-./()]", "", value)}
        if key == "email":
            forms.add(value.rpartition("@")[0])
        leaks += [f"{key}: {form!r}" for form in forms if len(form) >= 4 and form.lower() in lowered]
        digits = _digits(value)
        if len(digits) >= 6 and any(digits in run for run in page_digits):
            leaks.append(f"{key} digits: {digits}")
    return sorted(set(leaks))


def address(user: dict[str, Any]) -> str:
    """The console's address cell for a record it renders as is."""
    city = " ".join(str(p) for p in (user["postal_code"], user["city"]) if p)
    return ", ".join(str(p) for p in (user["street_address"], city, user["country"]) if p)


# -- fixtures -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def raw_page(crm: Crm) -> dict[int, dict[str, Any]]:
    """The console's first page, straight from the CRM."""
    users = crm.get_json(f"/api/v2/users?page=1&per_page={PER_PAGE}")["users"]
    assert len(users) == PER_PAGE
    return {u["id"]: u for u in users}


@pytest.fixture(scope="module")
def browser_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("browser")


def console_url(crm_scrim: ScrimProcess, role: str) -> str:
    return f"http://127.0.0.1:{crm_scrim.port}/console#token={token(role, f'e2e-browser-{role}')}"


# -- tests ----------------------------------------------------------------------------------------------


def test_tier1_console_shows_masks_and_no_raw_values(
    crm_scrim: ScrimProcess, raw_page: dict[int, dict[str, Any]], browser_dir: Path
) -> None:
    chromium()  # a failure, with the reason, when the package is missing
    dom = dump_dom(browser_dir, "tier1", console_url(crm_scrim, "tier1"))
    console = parse_console(dom)
    assert_console_works(console)

    for row in console.rows:
        raw = raw_page[int(row["user_id"])]
        local, _, domain = raw["email"].rpartition("@")
        assert row["name"] == raw["name"].split()[0], row
        assert row["email"] == f"{local[0]}***@{domain}", row
        assert _digits(row["phone"]) == _digits(raw["phone"])[-4:], row
        assert row["phone"].endswith(raw["phone"][-4:]), row
        assert row["card"] == "*" * 12 + raw["card_number"][-4:], row
        assert row["ssn"] == "<US_SSN>", row
        assert row["dob"] == "<DATE_OF_BIRTH>", row
        assert row["balance"] == "<ACCOUNT_BALANCE>", row
        assert raw["street_address"] not in row["address"], row

    leaks = {user_id: raw_leaks(raw, dom) for user_id, raw in raw_page.items()}
    assert {k: v for k, v in leaks.items() if v} == {}

    shot = screenshot(browser_dir, "tier1", console_url(crm_scrim, "tier1"))
    README_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, README_SCREENSHOT)


def test_fraud_console_shows_raw_values(
    crm_scrim: ScrimProcess, raw_page: dict[int, dict[str, Any]], browser_dir: Path
) -> None:
    chromium()  # a failure, with the reason, when the package is missing
    dom = dump_dom(browser_dir, "fraud", console_url(crm_scrim, "fraud"))
    console = parse_console(dom)
    assert_console_works(console)

    for row in console.rows:
        raw = raw_page[int(row["user_id"])]
        assert row["name"] == raw["name"], row
        assert row["email"] == raw["email"], row
        assert row["phone"] == raw["phone"], row
        assert row["card"] == raw["card_number"], row
        assert row["ssn"] == raw["ssn"], row
        assert row["dob"] == raw["date_of_birth"], row
        assert row["address"] == address(raw), row
        assert row["balance"] == f"{raw['balance']:.2f}", row
    # The oracle that finds nothing in tier1's page finds every customer in fraud's.
    assert all(raw_leaks(raw, dom) for raw in raw_page.values())

    screenshot(browser_dir, "fraud", console_url(crm_scrim, "fraud"))

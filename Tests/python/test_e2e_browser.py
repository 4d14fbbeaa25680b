"""End to end in a real browser: headless Chromium driven by Selenium (Debian's chromium and
chromium-driver), against `territorio serve` on the demo database, in the Arabic interface.

A screenshot of every page the test visits is written to the folder named by
`TERRITORIO_E2E_SCREENSHOTS` (default `.build/e2e-screenshots`): look at them."""
import os
import pathlib
import re
import shutil

import pytest

from conftest import ROOT, served, territorio

SHOTS = pathlib.Path(os.environ.get("TERRITORIO_E2E_SCREENSHOTS", ROOT / ".build" / "e2e-screenshots"))


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The demo database served on a free loopback port, with an admin and an operator account."""
    out = tmp_path_factory.mktemp("e2e")
    territorio("demo", "--out", out, "--no-png")
    db = out / "territorio.sqlite"
    passwords = {}
    for name, org, role in [("amina", "CSP", "admin"), ("youssef", "Caritas", "operator")]:
        added = territorio("user", "add", "--db", db, "--org", org, "--role", role, "--name", name)
        passwords[name] = re.search(r"\(shown once, keep it safe\): (\S+)", added.stdout).group(1)
    with served(db) as base:
        yield {"base": base, "db": db, "out": out, "passwords": passwords}


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium with the driver path given explicitly (no Selenium Manager download)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"]:
        assert shutil.which(tool), f"{tool} is missing: run scripts/bootstrap.sh"
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,1000",
                     "--lang=ar"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(2)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    yield driver
    driver.quit()


class Pages:
    """What the test does in the browser, step by step, with a screenshot after each page."""

    def __init__(self, driver, base):
        self.driver, self.base, self.count = driver, base, 0

    def open(self, path):
        self.driver.get(self.base + path)
        return self

    def shot(self, name):
        self.count += 1
        path = SHOTS / f"{self.count:02d}-{name}.png"
        assert self.driver.save_screenshot(str(path)), path
        return path

    def field(self, name):
        from selenium.webdriver.common.by import By
        return self.driver.find_element(By.NAME, name)

    def fill(self, values):
        for name, value in values.items():
            element = self.field(name)
            element.clear()
            element.send_keys(value)

    def submit(self, form_action=None):
        from selenium.webdriver.common.by import By
        forms = self.driver.find_elements(By.CSS_SELECTOR, "main form, form")
        form = next(f for f in forms if form_action is None or form_action in (f.get_attribute("action") or ""))
        form.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]").click()

    def text(self):
        from selenium.webdriver.common.by import By
        return self.driver.find_element(By.TAG_NAME, "body").text

    def html_dir(self):
        from selenium.webdriver.common.by import By
        return self.driver.find_element(By.TAG_NAME, "html").get_attribute("dir")

    def sign_in(self, name, password):
        self.open("/signin?lang=ar")
        assert self.html_dir() == "rtl"
        self.fill({"name": name, "password": password})
        self.shot("signin-ar")
        self.submit("/signin")


@pytest.fixture(scope="module")
def pages(browser, app):
    return Pages(browser, app["base"])


def test_sign_in_in_arabic(pages, app):
    pages.sign_in("youssef", app["passwords"]["youssef"])
    assert pages.driver.current_url.endswith("/services")
    assert pages.html_dir() == "rtl" and "youssef" in pages.text()
    pages.shot("services-ar")


def test_edit_opening_hours_of_an_own_service(pages, app):
    """The operator edits an opening time of one of its organisation's services; the public
    directory shows the new hours."""
    from selenium.webdriver.common.by import By
    pages.open("/services?lang=ar")
    links = [a.get_attribute("href") for a in pages.driver.find_elements(By.CSS_SELECTOR, "a[href$='/edit']")]
    assert links, "the operator sees no service it may edit"
    pages.driver.get(links[0])
    pages.shot("service-edit-ar")
    pages.fill({"opening_hours": "Mo-Fr 08:30-12:30"})
    pages.submit("/services/")
    pages.shot("service-saved-ar")
    assert "/edit" not in pages.driver.current_url, pages.text()
    pages.open("/?lang=ar")
    pages.shot("public-directory-ar")
    assert "08:30" in pages.text()

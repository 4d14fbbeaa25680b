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
        """Submits the first form whose action contains `form_action` and waits for the next page."""
        from selenium.webdriver.common.by import By
        forms = self.driver.find_elements(By.CSS_SELECTOR, "form")
        form = next(f for f in forms if form_action is None or form_action in (f.get_attribute("action") or ""))
        self.click_and_wait(form.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]"))

    def click_and_wait(self, element):
        """Clicks `element` and waits until the browser has left the page."""
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions
        from selenium.webdriver.support.ui import WebDriverWait
        page = self.driver.find_element(By.TAG_NAME, "html")
        element.click()
        WebDriverWait(self.driver, 30).until(expected_conditions.staleness_of(page))

    def enter_and_wait(self, element):
        """Presses Enter in `element` (submitting its form) and waits for the next page."""
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys
        from selenium.webdriver.support import expected_conditions
        from selenium.webdriver.support.ui import WebDriverWait
        page = self.driver.find_element(By.TAG_NAME, "html")
        element.send_keys(Keys.ENTER)
        WebDriverWait(self.driver, 30).until(expected_conditions.staleness_of(page))

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
    pages.click_and_wait(pages.driver.find_element(By.CSS_SELECTOR, "button[value=save]"))
    pages.shot("service-saved-ar")
    assert "/edit" not in pages.driver.current_url, pages.text()
    pages.open("/?lang=ar")
    pages.shot("public-directory-ar")
    assert "08:30" in pages.text()


def test_type_two_paper_questionnaires_in_arabic(pages, app):
    """A pile of paper questionnaires, typed with the keyboard in the Arabic interface: number,
    municipality (type-ahead), needs; Enter gives the next empty form with a confirmation."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    for number, municipality, household in [("AR-001", "Novi Ligure", "3"), ("AR-002", "Gavi", "1")]:
        pages.open("/entry/user?lang=ar")
        assert pages.html_dir() == "rtl"
        assert pages.driver.switch_to.active_element.get_attribute("name") == "questionnaire_id"
        pages.driver.switch_to.active_element.send_keys(number)
        pages.field("municipality").send_keys(municipality)
        pages.driver.find_element(By.CSS_SELECTOR, "input[name=needs][value=food]").click()
        Select(pages.field("urgency")).select_by_value("high")
        pages.field("household_size").send_keys(household)
        pages.shot(f"entry-{number}-ar")
        pages.enter_and_wait(pages.field("household_size"))
        assert number in pages.text(), pages.text()
        assert pages.field("questionnaire_id").get_attribute("value") == ""
        pages.shot(f"entry-{number}-saved-ar")


def kobo_export_with_a_bad_row(folder):
    """Two rows of the sample Kobo export as new submissions (fresh UUIDs), the second with an
    urgency that is not one of the choices."""
    import uuid
    lines = (ROOT / "Surveys" / "samples" / "kobo-user.csv").read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], []
    for i, line in enumerate(lines[1:3]):
        fresh = str(uuid.uuid4())
        old = re.search(r'"uuid:([0-9a-f-]{36})"', line).group(1)
        line = line.replace(old, fresh)
        if i == 1:
            line = re.sub(r'"(low|medium|high)"', '"prestissimo"', line, count=1)
        rows.append(line)
    path = folder / "kobo-new.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_upload_a_kobo_export_and_correct_the_bad_row(pages, app):
    from selenium.webdriver.common.by import By
    export = kobo_export_with_a_bad_row(app["out"])
    pages.open("/upload?lang=ar")
    pages.field("file").send_keys(str(export))
    pages.shot("upload-ar")
    pages.submit("/upload")
    pages.shot("upload-summary-ar")
    assert "prestissimo" in pages.text(), pages.text()
    correct = [a.get_attribute("href") for a in pages.driver.find_elements(By.CSS_SELECTOR, "a[href*='/quarantine/']")]
    assert correct, "the summary links no rejected row to correct"
    pages.driver.get(correct[0])
    bad = pages.driver.find_elements(By.CSS_SELECTOR, "input.bad")
    assert [b.get_attribute("value") for b in bad] == ["prestissimo"], [b.get_attribute("name") for b in bad]
    pages.shot("correct-row-ar")
    bad[0].clear()
    bad[0].send_keys("high")
    pages.submit("/quarantine/")
    pages.shot("corrected-ar")
    assert "/quarantine" in pages.driver.current_url and "404" not in pages.text(), (pages.driver.current_url, pages.text())
    listed = territorio("quarantine", "list", "--db", app["db"], check=False)
    assert "prestissimo" not in listed.stdout + listed.stderr


def figures(pages, category):
    """The map page's figures of `category`: municipality → its row's cells, and the classes
    of the Leaflet shapes drawn."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    pages.open(f"/map?category={category}&lang=ar")
    WebDriverWait(pages.driver, 30).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path")) > 0)
    pages.driver.find_element(By.CSS_SELECTOR, "details.figures summary").click()
    rows = {}
    for row in pages.driver.find_elements(By.CSS_SELECTOR, "details.figures tbody tr"):
        name = row.find_element(By.CSS_SELECTOR, "th").text
        rows[name] = [cell.text for cell in row.find_elements(By.CSS_SELECTOR, "td")]
    shapes = [p.get_attribute("class") for p in pages.driver.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path")]
    return rows, shapes


def test_a_new_service_changes_the_map(pages, app):
    """An admin adds a night shelter in a municipality that has none; the Leaflet map and its
    figures show the new gap level there."""
    from selenium.webdriver.common.by import By
    pages.open("/signin?lang=ar")
    pages.driver.delete_all_cookies()
    pages.sign_in("amina", app["passwords"]["amina"])
    before, shapes_before = figures(pages, "night_shelter")
    pages.shot("map-before-ar")
    assert len(shapes_before) >= 29 and any("gap-" in c for c in shapes_before), shapes_before
    pages.open("/services/new?lang=ar")
    pages.fill({"id": "e2e-dormitorio", "name": "Dormitorio Gavi", "municipality": "Gavi",
                "opening_hours": "Mo-Su 20:00-08:00"})
    pages.driver.find_element(By.CSS_SELECTOR, "input[name=category_night_shelter]").click()
    pages.shot("service-new-ar")
    pages.click_and_wait(pages.driver.find_element(By.CSS_SELECTOR, "button[value=save]"))
    assert "/services" in pages.driver.current_url and "Dormitorio Gavi" in pages.text(), pages.text()
    pages.shot("service-created-ar")
    after, shapes_after = figures(pages, "night_shelter")
    pages.shot("map-after-ar")
    assert before["Gavi"] != after["Gavi"], (before["Gavi"], after["Gavi"])
    assert shapes_before != shapes_after

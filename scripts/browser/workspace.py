"""Drives the mediator's workspace (`parley ui`) in headless Chromium; see scripts/browser-test.sh.

    workspace.py demo|workflow URL SCREENSHOT_DIR

`demo` opens the kept demo's workspace and looks at every page; `workflow` works through the
decision queue of a fresh exchange: decides the doubtful pair, closes the dispute, marks an
item reviewed, confirms both directions, proposes and signs the manifest, and checks that an
open page says when another process stored something new; `phase` picks the first phase of the
terms, looks at who would cross in it and proposes its manifest. Each page is
screenshotted; a refusal shown on a page, a server error or a Content-Security-Policy
violation in the console fails the run. Prints no record contents.
"""

import os
import subprocess
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                     "--disable-gpu", "--no-first-run", "--lang=en"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Run:
    def __init__(self, url, folder):
        self.driver = browser()
        self.base = url.split("/?")[0]
        self.url = url
        self.folder = folder

    def shot(self, name):
        height = self.driver.execute_script("return Math.min(document.body.scrollHeight + 40, 4000)")
        self.driver.set_window_size(1280, max(700, height))
        self.driver.save_screenshot(f"{self.folder}/{name}.png")
        self.driver.set_window_size(1280, 1000)

    def open(self, path):
        self.driver.get(self.base + path)
        self.check_page()

    def check_page(self):
        title = self.driver.title
        if "Parley" not in title and "Manifest" not in title:
            fail(f"unexpected page at {self.driver.current_url}")
        for entry in self.driver.get_log("browser"):
            if "Content Security Policy" in entry["message"] or entry["level"] == "SEVERE":
                fail(f"console: {entry['message'][:200]}")

    def flash(self):
        found = self.driver.find_elements(By.ID, "flash")
        return (found[0].get_attribute("class"), found[0].text) if found else (None, "")

    def expect_done(self, words):
        kind, text = self.flash()
        if kind != "flash done" or words not in text:
            fail(f"expected a message with '{words}', got {kind}: {text[:300]}")

    def press(self, key):
        """Presses a keyboard shortcut that submits a form, and waits for the next page."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.find_element(By.TAG_NAME, "body").send_keys(key)
        WebDriverWait(self.driver, 20).until(replaced(old))
        self.check_page()

    def submit(self, element):
        """Clicks a button that posts a form, and waits for the page it redirects to."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        element.click()
        WebDriverWait(self.driver, 20).until(replaced(old))
        self.check_page()

    def login(self):
        self.driver.get(self.url)
        self.check_page()
        if "/?token=" in self.driver.current_url:
            fail("the token was not exchanged for a session")
        cookies = self.driver.get_cookies()
        session = [c for c in cookies if c["name"] == "parley_session"]
        if not session or not session[0].get("httpOnly") or session[0].get("sameSite") != "Strict":
            fail("no HttpOnly, SameSite=Strict session cookie")


def replaced(old):
    """A wait condition: the page that held `old` has been replaced by the next one.

    While Chromium swaps documents, asking about an element of the old one can fail with
    "Node with given id does not belong to the document" (a plain WebDriverException)
    instead of the stale-element error that `expected_conditions.staleness_of` expects;
    both mean the old page is gone."""
    def gone(_driver):
        try:
            old.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise
    return gone


def fail(message):
    print(f"browser-test: {message}", file=sys.stderr)
    sys.exit(1)


def demo(run):
    run.login()
    run.shot("demo-overview")
    if "3 of 3 signed" not in run.driver.page_source:
        fail("the demo's overview does not show its manifest signed by all three")
    run.open("/queue?show=all")
    run.shot("demo-queue")
    # The demo's exchange is final: the queue and its pairs say so and offer no decision.
    if not run.driver.find_elements(By.ID, "final"):
        fail("the final demo exchange's queue does not say it is final")
    links = run.driver.find_elements(By.CSS_SELECTOR, "tbody a")
    if not links:
        fail("the demo's queue is empty")
    links[0].click()
    run.check_page()
    run.shot("demo-pair")
    if not run.driver.find_elements(By.ID, "final") or run.driver.find_elements(By.CSS_SELECTOR, "form[action='/decide']"):
        fail("a pair of the final demo exchange is offered a decision, or not told why not")
    # What confirming a direction signs, row by row, from the confirm page's link.
    run.open("/confirm")
    run.driver.find_element(By.LINK_TEXT, "every row").click()
    run.check_page()
    if not run.driver.find_elements(By.CSS_SELECTOR, "tbody tr"):
        fail("the rows a confirmation signs are not listed")
    run.shot("demo-rows")
    run.open("/manifest")
    run.shot("demo-manifest")


def live(run):
    """Another process stores an envelope while the queue is open: the page says so, and its link redraws it."""
    run.open("/queue")
    drawn = run.driver.find_element(By.TAG_NAME, "body").get_attribute("data-state")
    subprocess.run(["bash", os.environ["PARLEY_BROWSER_ARRIVE"]], check=True)
    try:
        WebDriverWait(run.driver, 20).until(expected_conditions.presence_of_element_located((By.ID, "live")))
    except Exception:
        fail("the open queue did not say that something new arrived")
    run.shot("queue-live")
    old = run.driver.find_element(By.TAG_NAME, "html")
    run.driver.find_element(By.ID, "reload").click()
    WebDriverWait(run.driver, 20).until(replaced(old))
    run.check_page()
    if run.driver.find_element(By.TAG_NAME, "body").get_attribute("data-state") == drawn:
        fail("the reloaded queue is drawn from the old state")
    if run.driver.find_elements(By.ID, "live"):
        fail("the reloaded queue still says it is out of date")


def workflow(run):
    run.login()
    run.shot("overview")
    run.open("/queue")
    run.shot("queue")
    live(run)

    # The engine's doubtful pair (disputed, both entries, no open dispute yet): same person, by `s`.
    run.open("/queue?kind=disputed&show=all")
    for link in [a.get_attribute("href") for a in run.driver.find_elements(By.CSS_SELECTOR, "tbody a")]:
        run.driver.get(link)
        page = run.driver.page_source
        if 'id="same"' in page and "id=\"close-" not in page:
            break
    else:
        fail("no doubtful pair to decide in the queue")
    run.shot("pair")
    run.press("s")
    run.expect_done("the same person, by your hand")
    run.shot("pair-decided")
    run.press("r")
    run.expect_done("marked reviewed")

    # Side A's dispute: close it on its pair's page.
    run.open("/queue?kind=disputed&show=all")
    for link in [a.get_attribute("href") for a in run.driver.find_elements(By.CSS_SELECTOR, "tbody a")]:
        run.driver.get(link)
        if run.driver.find_elements(By.CSS_SELECTOR, "[id^=close-]"):
            break
    else:
        fail("no open dispute in the queue")
    form = run.driver.find_element(By.CSS_SELECTOR, "form[action='/dispute/close']")
    form.find_element(By.NAME, "resolution").send_keys("identity confirmed on a visit")
    run.shot("dispute")
    run.submit(form.find_element(By.CSS_SELECTOR, "button"))
    run.expect_done("closed")

    run.open("/confirm")
    for direction in ("to-A", "to-B"):
        run.submit(run.driver.find_element(By.ID, f"confirm-{direction}"))
        run.expect_done(f"{direction} confirmed")
    run.shot("confirm")

    run.open("/manifest")
    run.submit(run.driver.find_element(By.ID, "propose"))
    run.expect_done("proposed")
    run.submit(run.driver.find_element(By.ID, "sign"))
    run.expect_done("signed")
    run.shot("manifest")
    run.driver.find_element(By.CSS_SELECTOR, "h3 a").click()
    run.check_page()
    run.shot("manifest-document")
    run.open("/")
    run.shot("overview-after")


def phase(run):
    run.login()
    run.open("/manifest")
    Select(run.driver.find_element(By.NAME, "phase")).select_by_value("first")
    run.submit(run.driver.find_element(By.ID, "show-phase"))
    if "Why in this phase" not in run.driver.page_source:
        fail("the chosen phase does not show who would cross in it")
    run.shot("manifest-phase")
    run.submit(run.driver.find_element(By.ID, "propose-phase"))
    run.expect_done("proposed for phase 1 first")
    run.shot("manifest-phase-proposed")


def sealed(run):
    """After every participant signed the first phase's manifest: of the people the manifest
    page lists as crossing (each a link to its pair), exactly that phase's (one each way) are
    closed, their page offering no decision or dispute and saying why."""
    run.login()
    run.open("/manifest")
    links = [a.get_attribute("href") for a in run.driver.find_elements(By.CSS_SELECTOR, "td a[href^='/pair'], td a[href*='/pair?']")]
    if not links:
        fail("the manifest page links no person to its pair")
    closed = []
    for link in links:
        run.driver.get(link)
        run.check_page()
        if run.driver.find_elements(By.ID, "final"):
            if run.driver.find_elements(By.CSS_SELECTOR, "form[action='/decide'], form[action='/dispute/open']"):
                fail("a person of the sealed phase is still offered a decision or a dispute")
            if not closed:
                run.shot("pair-sealed")
            closed.append(link)
        elif not run.driver.find_elements(By.CSS_SELECTOR, "form[action='/decide']"):
            fail(f"a person of no final manifest is offered no decision: {link}")
    if len(closed) != 2:
        fail(f"expected the two people of the sealed phase closed, found {len(closed)} of {len(links)}")


def main():
    mode, url, folder = sys.argv[1:4]
    run = Run(url, folder)
    try:
        {"demo": demo, "workflow": workflow, "phase": phase, "sealed": sealed}[mode](run)
    finally:
        run.driver.quit()


if __name__ == "__main__":
    main()

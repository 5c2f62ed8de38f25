"""Checks the live dashboard in a real headless Chromium, as a person would see it.

Phase 1: open the page and wait until the headline figures (disbursed, student-times) show what the
test computed from the events it caused. Then it marks the page (a JavaScript variable a reload would
lose), writes <control>/phase1.done and waits for <control>/phase2.json: the figures expected after
the test caused more events. Phase 2: on the same page, without reloading, wait until they show.
A screenshot of the final page goes to --screenshot. Exit 0 on success, 1 with the reason on stderr.

Run by Tests/IntegrationTests/DashboardTests.swift with .local/venv/bin/python.
"""
import argparse
import json
import os
import shutil
import signal
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def yuan(fen):
    """The page's own formatting: ¥ and thousands separators, two decimals, from integer fen."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}¥{whole:,}.{cents:02d}"


def shown(driver):
    disbursed = driver.find_element(By.ID, "disbursed")
    times = driver.find_element(By.ID, "student-times")
    return {
        "fen": disbursed.get_attribute("data-fen"),
        "disbursedText": disbursed.text,
        "studentTimes": times.get_attribute("data-value"),
        "studentTimesText": times.text,
        "listedShare": driver.find_element(By.ID, "listed-coverage").text,
        "listedNote": driver.find_element(By.ID, "listed-coverage-note").text,
    }


def matches(seen, expected):
    headline = (
        seen["fen"] == str(expected["disbursedFen"])
        and seen["disbursedText"] == yuan(expected["disbursedFen"])
        and seen["studentTimes"] == str(expected["studentTimes"])
        and seen["studentTimesText"] == f"{expected['studentTimes']:,}"
    )
    if expected.get("listed") is None:
        return headline
    listed, identified = expected["listed"], expected["listedIdentified"]
    return (
        headline
        and seen["listedShare"] == f"{identified * 100 / listed:.1f}%"
        and seen["listedNote"].startswith(f"{identified:,} of {listed:,} listed students")
    )


def wait_for_figures(driver, expected, timeout, phase):
    deadline = time.monotonic() + timeout
    seen = None
    while time.monotonic() < deadline:
        seen = shown(driver)
        if matches(seen, expected):
            return seen
        time.sleep(0.2)
    raise AssertionError(f"{phase}: the page shows {seen}, expected {expected} ({yuan(expected['disbursedFen'])})")


def wait_for_file(path, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.path.exists(path):
            return path
        time.sleep(0.2)
    raise AssertionError(f"the test did not write {path} within {timeout} s")


def browser(chromium, chromedriver):
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000"):
        options.add_argument(argument)
    # Explicit paths: Selenium must not try to fetch a browser or driver of its own.
    return webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)


def screenshot(driver, path):
    """The whole page, not just the window: headless Chromium caps the window at its screen size."""
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": min(height, 4000), "deviceScaleFactor": 1, "mobile": False})
    driver.save_screenshot(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--expect", required=True, help='JSON: {"disbursedFen": N, "studentTimes": N}')
    parser.add_argument("--control", required=True, help="folder for phase1.done and phase2.json")
    parser.add_argument("--screenshot", required=True)
    parser.add_argument("--timeout", type=float, default=90)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--chromedriver", default=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    arguments = parser.parse_args()
    for tool in (arguments.chromium, arguments.chromedriver):
        if not (os.path.isfile(tool) and os.access(tool, os.X_OK)):
            print(f"{tool} is missing: run scripts/setup.sh (it installs chromium and chromium-driver)", file=sys.stderr)
            return 1

    # The test stops a hung check with SIGTERM: exit through `finally`, so Chromium is closed too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    driver = browser(arguments.chromium, arguments.chromedriver)
    try:
        driver.get(arguments.url)
        first = wait_for_figures(driver, json.loads(arguments.expect), arguments.timeout, "phase 1")
        marker = f"check-{time.time_ns()}"
        driver.execute_script("window.__dashboardCheck = arguments[0];", marker)
        with open(os.path.join(arguments.control, "phase1.done"), "w") as done:
            json.dump(first, done)

        expected = json.load(open(wait_for_file(os.path.join(arguments.control, "phase2.json"), arguments.timeout * 2)))
        second = wait_for_figures(driver, expected, arguments.timeout, "phase 2")
        if driver.execute_script("return window.__dashboardCheck;") != marker:
            raise AssertionError("the page was reloaded: the figures must update live from /events")
        connection = driver.find_element(By.ID, "connection").text
        screenshot(driver, arguments.screenshot)
        print(json.dumps({"phase1": first, "phase2": second, "connection": connection, "screenshot": arguments.screenshot}))
        return 0
    except Exception as error:  # the reason goes to the test's output, with a picture of the page
        print(f"dashboard check failed: {error}", file=sys.stderr)
        try:
            screenshot(driver, arguments.screenshot)
            print(f"screenshot of the page at failure: {arguments.screenshot}", file=sys.stderr)
        except Exception:  # the failure above is what the test reports; the picture is a bonus
            pass
        return 1
    finally:
        driver.quit()


if __name__ == "__main__":
    sys.exit(main())

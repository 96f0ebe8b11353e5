#!/usr/bin/env python3
"""Open the built course site in a real headless browser (Debian's chromium via chromedriver and
Selenium) and check it: every link, image, script and stylesheet of the index page and of each notebook
page resolves over HTTP (no 404), each download is a notebook without outputs, and every image on the
notebook pages rendered (naturalWidth > 0), with at least one chart in all.

The site is served from its folder by a local HTTP server on a free port, as a web server would serve
it. Links to other hosts cannot be checked offline: they are counted and listed, not failed.
Prints PASS/FAIL lines and "site test: P passed, F failed"; exit 0 when none failed, 1 otherwise,
77 when no browser can be started here (the reason is printed).
"""
import argparse
import functools
import http.server
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

LINKS_JS = """
const out = [];
for (const e of document.querySelectorAll('a[href]')) out.push(['a', e.href]);
for (const e of document.querySelectorAll('img[src]')) out.push(['img', e.src]);
for (const e of document.querySelectorAll('script[src]')) out.push(['script', e.src]);
for (const e of document.querySelectorAll('link[href]')) out.push(['link', e.href]);
return out;
"""
IMAGES_JS = """
return Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight, i.src.slice(0, 40)]);
"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    handler = functools.partial(Quiet, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def browser(scratch):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as e:
        return None, f"Selenium is not installed for {sys.executable} ({e}); Debian: apt-get install python3-selenium"
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not binary or not driver:
        return None, "chromium and chromedriver not found; Debian: apt-get install chromium chromium-driver"
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
              "--disable-extensions", "--window-size=1280,1024", f"--user-data-dir={os.path.join(scratch, 'profile')}"):
        opts.add_argument(a)
    try:
        return webdriver.Chrome(service=Service(driver, log_path=os.path.join(scratch, "chromedriver.log")), options=opts), None
    except Exception as e:  # a browser that will not start is a reason to skip, said as such
        return None, f"chromium did not start: {type(e).__name__}: {str(e).strip().splitlines()[0] if str(e).strip() else ''}"


class Results:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, ok, what):
        print(("PASS " if ok else "FAIL ") + what, flush=True)
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        return ok


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=20) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, b""
    except OSError as e:
        return str(e), b""


def load(drv, url, timeout=60):
    drv.get(url)
    end = time.time() + timeout
    while time.time() < end and drv.execute_script("return document.readyState") != "complete":
        time.sleep(0.1)


def check_links(drv, base, page, res, checked, external):
    bad = []
    for kind, url in drv.execute_script(LINKS_JS):
        if url.startswith("data:") or url.startswith("javascript:"):
            continue
        target = urllib.parse.urldefrag(url)[0]
        if not target.startswith(base):
            if target.startswith("file:"):
                bad.append(f"{kind} {url} (a file: URL does not work on a web server)")
            else:
                external.add(target)
            continue
        if target not in checked:
            checked[target] = status_of(target)
        code, body = checked[target]
        if code != 200:
            bad.append(f"{kind} {target[len(base):] or '/'} -> {code}")
        elif target.endswith(".ipynb"):
            try:
                nb = json.loads(body)
                with_outputs = [i for i, c in enumerate(nb["cells"]) if c.get("outputs")]
                if with_outputs:
                    bad.append(f"download {target[len(base):]} has outputs in cells {with_outputs[:5]}")
            except (ValueError, KeyError) as e:
                bad.append(f"download {target[len(base):]} is not a notebook ({e})")
    res.check(not bad, f"{page}: every link, image, script and stylesheet resolves" + ("" if not bad else ":\n  " + "\n  ".join(bad)))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("site", help="the site folder (build/site)")
    ap.add_argument("--require-all", action="store_true",
                    help="fail when a notebook on the index has no executed page")
    ap.add_argument("--scratch", help="folder for the browser profile and logs (default: a temporary one)")
    a = ap.parse_args()
    index = os.path.join(a.site, "index.html")
    if not os.path.isfile(index):
        print(f"FAIL no site at {index} (./scalinglab site builds it)")
        print("site test: 0 passed, 1 failed")
        return 1
    scratch = a.scratch or tempfile.mkdtemp(prefix="site-test-")
    os.makedirs(scratch, exist_ok=True)
    drv, why = browser(scratch)
    if drv is None:
        print(f"SKIP {why}")
        return 77
    server, base = serve(os.path.abspath(a.site))
    res, checked, external = Results(), {}, set()
    t0 = time.time()
    try:
        load(drv, base + "index.html")
        res.check("scalinglab" in drv.title, f"index.html opens in {drv.capabilities.get('browserName')} "
                  f"{drv.capabilities.get('browserVersion')} (title: {drv.title!r})")
        check_links(drv, base, "index.html", res, checked, external)
        pages = sorted({urllib.parse.urldefrag(u)[0] for k, u in drv.execute_script(LINKS_JS)
                        if k == "a" and u.startswith(base + "notebooks/") and u.endswith(".html")})
        res.check(len(pages) > 0, f"index.html links {len(pages)} notebook pages")
        if a.require_all:
            missing = drv.execute_script("return Array.from(document.querySelectorAll('.missing')).map(e => e.closest('tr').innerText.split('\\t')[0])")
            res.check(not missing, "every notebook on the index has its executed page" + ("" if not missing else f"; missing: {missing}"))
        charts = 0
        for url in pages:
            name = url[len(base):]
            load(drv, url)
            end = time.time() + 30
            imgs = drv.execute_script(IMAGES_JS)
            while time.time() < end and not all(i[0] for i in imgs):
                time.sleep(0.2)
                imgs = drv.execute_script(IMAGES_JS)
            broken = [i[3] + "…" for i in imgs if not (i[0] and i[1] > 0 and i[2] > 0)]
            charts += len(imgs) - len(broken)
            res.check(not broken, f"{name}: {len(imgs) - len(broken)} of {len(imgs)} images rendered (naturalWidth > 0)"
                      + ("" if not broken else f"; not rendered: {broken[:3]}"))
            check_links(drv, base, name, res, checked, external)
            if drv.execute_script("return !!document.querySelector('script[src*=\"MathJax\"]')"):
                end = time.time() + 20
                while time.time() < end and not drv.execute_script("return typeof MathJax !== 'undefined'"):
                    time.sleep(0.2)
                res.check(drv.execute_script("return typeof MathJax !== 'undefined'"), f"{name}: MathJax loaded from the site")
        res.check(charts > 0, f"charts rendered on the notebook pages: {charts}")
    finally:
        drv.quit()
        server.shutdown()
    if external:
        print(f"note: {len(external)} links to other hosts not checked (offline): " + ", ".join(sorted(external)[:5])
              + (" …" if len(external) > 5 else ""))
    print(f"site test: {res.passed} passed, {res.failed} failed ({time.time() - t0:.1f} s, {len(checked)} URLs fetched)")
    return 0 if res.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

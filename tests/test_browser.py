"""Every rendered page in a real headless Chromium: offline, error-free, inert.

Each page of the reports (index.html, every reader's report and every teaching
version) is opened twice over: once rendered from the default story and once
from the hostile test story (tests/fixtures/stories/hostile/, whose titles,
outlets, ids, URLs, notes and bodies carry ``<script>``, event handlers and
``javascript:`` URLs). Chromium is driven with Playwright, using the system's
Chromium (Debian's package ``chromium``; Playwright's own browser builds are
never downloaded).

Requests are watched at three levels: every request that is not for a local
file is aborted and recorded (Playwright routing), WebSocket attempts are
recorded, and the browser's network traffic goes through a local recording
proxy that answers every request with 502, to catch anything the routing does
not see. A page fails on any request for something other than a local file,
any console error, any uncaught page error, any dialog (alert, confirm,
prompt), and any image that does not decode. A full-page screenshot of each
page is taken (kept in ``$TEST_ARTIFACTS/screenshots/<story>/`` when that
variable is set, else in pytest's temporary folder) and must be a non-blank PNG.

Without Chromium (or without the playwright package) these tests are skipped
with a message saying so; when the environment variable CI is set they fail
instead. ``CHROMIUM_PATH`` names another Chromium executable.
"""

from __future__ import annotations

import os
import re
import socketserver
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest

from analysis.core import paths
from analysis.present import report
from analysis.io.corpus import load_story
from conftest import find_chromium

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the test extra is not installed
    sync_playwright = None

HOSTILE_STORY = Path(__file__).parent / "fixtures" / "stories" / "hostile"
#: Screenshots go to $TEST_ARTIFACTS/screenshots when that is set (to keep and look at),
#: else under pytest's temporary folder: a test run writes nothing into the checkout.
ARTIFACTS_ENV = "TEST_ARTIFACTS"
NOTEBOOKS = report.default_notebooks(paths.NOTEBOOKS_DIR)
PAGE_NAMES = ["index.html"] + [
    name for nb in NOTEBOOKS for name in (f"{nb.stem}.html", f"{nb.stem}{report.TEACHING_SUFFIX}.html")
]
STORIES = ("default", "hostile")
VIEWPORT = {"width": 1200, "height": 900}

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-pings",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-features=OptimizationHints,Translate,MediaRouter,AutofillServerCommunication,"
    "CertificateTransparencyComponentUpdater,PushMessaging",
]

#: Requests Chromium itself makes whatever the page (component updater, Google account
#: check, network time, push messaging at android.clients.google.com): flags cannot switch
#: them all off in Chromium 15x, and which ones appear depends on timing, so a fixed list of
#: hosts made the test flaky. Every request a *page* makes goes through the context's route
#: first (``visit`` aborts and records anything but a local file), so what reaches the proxy
#: for a Google service host is the browser's own traffic; the proxy does not count it.
#: Everything else it sees (a WebSocket, a host in a report) fails the page.
_GOOGLE_HOST = r"(?:[a-z0-9-]+\.)*(?:google\.com|googleapis\.com|gstatic\.com|gvt1\.com|gvt2\.com)"
BROWSER_OWN_REQUESTS = (
    re.compile(rf"^CONNECT {_GOOGLE_HOST}:443 "),
    re.compile(rf"^(GET|POST|HEAD) http://{_GOOGLE_HOST}(?::80)?/"),
)


#: Markup from the hostile story that must reach the pages, as visible text.
HOSTILE_TEXT = (
    "<script>alert('body')</script>",
    "<img src=x onerror=alert('body')>",
    "</title><script>alert('title')</script><title>",
    "<script>alert('outlet')</script> Gazette",
    "title-close\"><script>alert('id')</script>",
    "<style>body{display:none}</style>",
    "javascript:alert('url')",
)


# ---------------------------------------------------------------------------
# the browser
# ---------------------------------------------------------------------------


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(message: str) -> None:
    """Skip the browser tests, or fail them under CI, where the browser is required."""
    if _in_ci():
        pytest.fail(f"{message} (required because CI is set)", pytrace=False)
    pytest.skip(f"browser tests skipped: {message}")


class RecordingProxy(socketserver.ThreadingTCPServer):
    """HTTP proxy on 127.0.0.1 that records each request line and answers 502."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        self.requests: list[str] = []
        super().__init__(("127.0.0.1", 0), _ProxyHandler)

    def page_requests(self, start: int = 0) -> list[str]:
        """Requests recorded since index ``start``, less the browser's own start-up requests."""
        return [r for r in self.requests[start:] if not any(p.match(r) for p in BROWSER_OWN_REQUESTS)]


class _ProxyHandler(socketserver.StreamRequestHandler):
    timeout = 5

    def handle(self) -> None:
        line = self.rfile.readline(8192).decode("latin-1").strip()
        if line:
            self.server.requests.append(line)
        self.wfile.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


@pytest.fixture(scope="session")
def proxy() -> Iterator[RecordingProxy]:
    server = RecordingProxy()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser(proxy: RecordingProxy):
    """One headless Chromium for the session, its traffic sent through ``proxy``."""
    if sync_playwright is None:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    executable = find_chromium()
    if executable is None:
        _unavailable("Chromium is not installed (Debian: apt-get install chromium)")
    args = CHROMIUM_ARGS + [
        f"--proxy-server=http://127.0.0.1:{proxy.server_address[1]}",
        "--proxy-bypass-list=<-loopback>",  # even localhost goes through the proxy
    ]
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=args, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


# ---------------------------------------------------------------------------
# visiting a page
# ---------------------------------------------------------------------------

#: Run in the page after it loaded: what it contains that could be active, and its images.
PROBE = r"""
async () => {
  const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'action', 'formaction', 'data', 'poster',
                          'background', 'cite', 'ping', 'xlink:href', 'lowsrc', 'srcdoc'];
  const FORBIDDEN = 'iframe, frame, frameset, object, embed, applet, base, form, portal, ' +
                    'meta[http-equiv]:not([http-equiv="Content-Security-Policy" i]), ' +
                    'meta[http-equiv][http-equiv="Content-Security-Policy" i]:not(head > *)';
  const describe = (el) => el.outerHTML.slice(0, 160);
  const all = [...document.querySelectorAll('*')];
  const handlers = [], urls = [];
  for (const el of all) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) handlers.push(`<${el.localName} ${attr.name}="${attr.value.slice(0, 80)}">`);
      if (URL_ATTRIBUTES.includes(attr.name.toLowerCase()))
        urls.push({tag: el.localName, name: attr.name.toLowerCase(), value: attr.value});
    }
  }
  const images = [...document.images];
  const decoded = await Promise.all(images.map((img) => img.decode().then(() => null, (e) => String(e))));
  const broken = images
    .map((img, i) => ({i, img, error: decoded[i]}))
    .filter(({img, error}) => error !== null || img.naturalWidth === 0)
    .map(({i, img, error}) => `image ${i + 1} (alt "${(img.alt || '').slice(0, 60)}"): ` +
                              `naturalWidth ${img.naturalWidth}, decode: ${error || 'ok'}`);
  const shown = (el) => el !== null && getComputedStyle(el).display !== 'none' &&
                        getComputedStyle(el).visibility !== 'hidden';
  const csp = document.querySelector('head > meta[http-equiv="Content-Security-Policy" i]');
  return {
    title: document.title,
    titleElements: document.querySelectorAll('title').length,
    titleInHead: document.querySelector('head > title') !== null,
    headExtras: [...document.head.children].filter((el) => !['meta', 'title', 'style'].includes(el.localName)).map(describe),
    scripts: [...document.querySelectorAll('script')].map(describe),
    handlers,
    urls,
    forbidden: [...document.querySelectorAll(FORBIDDEN)].map(describe),
    images: images.length,
    broken,
    bodyShown: shown(document.body) && (document.querySelector('main') === null || shown(document.querySelector('main'))),
    csp: csp ? csp.content : null,
    text: document.body.innerText,
  };
}
"""


@dataclass
class PageVisit:
    """What happened while a page was open in Chromium, and what it contained."""

    name: str
    screenshot: Path
    blocked: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)
    proxied: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    dom: dict = field(default_factory=dict)

    def network_and_error_problems(self) -> dict[str, list[str]]:
        """Requests for anything but a local file, errors, dialogs and undecodable images."""
        found = {
            "requests not for a local file (aborted)": self.blocked,
            "WebSocket attempts": self.websockets,
            "requests that reached the network proxy": self.proxied,
            "console errors": self.console_errors,
            "page errors": self.page_errors,
            "dialogs": self.dialogs,
            "images that do not decode": self.dom.get("broken", []),
        }
        return {key: value for key, value in found.items() if value}

    def active_content(self) -> dict[str, list[str]]:
        """Script, event handlers, script URLs and embedding elements found in the page."""
        found = {
            "script elements": self.dom["scripts"],
            "event-handler attributes": self.dom["handlers"],
            "URLs that are not a local file, a data: image or an http(s) link": [
                f"<{u['tag']} {u['name']}={u['value'][:80]!r}>" for u in self.dom["urls"] if not _safe_url(u)
            ],
            "embedding or navigation elements": self.dom["forbidden"],
            "unexpected elements in <head>": self.dom["headExtras"],
        }
        return {key: value for key, value in found.items() if value}

    def links(self) -> list[str]:
        return [u["value"] for u in self.dom["urls"] if u["name"] == "href" and u["tag"] in ("a", "area")]


def _scheme(url: str) -> str:
    # browsers ignore leading/trailing whitespace and control characters, and tabs and
    # newlines anywhere, in a URL ("java\tscript:" is javascript:)
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(0x21))))
    return urlsplit(cleaned).scheme.lower() if ":" in cleaned else ""


def _safe_url(attribute: dict) -> bool:
    """True for a link to an http(s) address, a page in the same folder or a fragment,
    and for an image embedded as a data: URI; anything else could run or fetch something."""
    tag, name, value = attribute["tag"], attribute["name"], attribute["value"]
    scheme = _scheme(value)
    if tag in ("a", "area") and name == "href":
        return scheme in ("", "http", "https") and not value.strip().startswith("//")
    if tag == "img" and name == "src":
        return scheme == "data" and value.strip().lower().startswith("data:image/")
    return False


def visit(browser, proxy: RecordingProxy, page_file: Path, screenshot: Path) -> PageVisit:
    """Open ``page_file`` in a fresh browser context, probe it and keep a full-page screenshot."""
    result = PageVisit(page_file.name, screenshot)
    proxy_start = len(proxy.requests)
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=True)
    try:
        def route(handled) -> None:
            url = handled.request.url
            if url.startswith("file:"):
                handled.continue_()
            else:
                result.blocked.append(f"{handled.request.method} {url[:200]}")
                handled.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and result.console_errors.append(m.text[:300]))
        page.on("pageerror", lambda e: result.page_errors.append(str(e)[:300]))
        page.on("websocket", lambda ws: result.websockets.append(ws.url[:200]))

        def dialog(opened) -> None:
            result.dialogs.append(f"{opened.type}: {opened.message[:200]}")
            opened.dismiss()

        page.on("dialog", dialog)
        page.goto(page_file.resolve().as_uri(), wait_until="load")
        result.dom = page.evaluate(PROBE)
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=True)
    finally:
        context.close()
    result.proxied = proxy.page_requests(proxy_start)
    return result


def assert_non_blank_png(path: Path, min_height: int = 1) -> None:
    """The file is a PNG with visible content: contrast and a share of dark pixels."""
    from PIL import Image

    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.height >= min_height, f"{path}: {image.size}"
        grey = image.convert("L")
        low, high = grey.getextrema()
        dark = sum(grey.histogram()[:200])
    assert high - low > 100, f"{path}: screenshot is blank (grey levels {low}-{high})"
    assert dark > 0.01 * grey.width * grey.height, f"{path}: screenshot is (nearly) blank"


# ---------------------------------------------------------------------------
# the pages
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def hostile_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Reports of every notebook rendered against the hostile test story."""
    out_dir = tmp_path_factory.mktemp("hostile-reports")
    report.render_reports(HOSTILE_STORY, out_dir, NOTEBOOKS)
    return out_dir


@pytest.fixture(scope="session")
def visits(browser, proxy: RecordingProxy, request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory):
    """``visits(story, page_name)``: the page's visit, each page opened once per session."""
    done: dict[tuple[str, str], PageVisit] = {}
    folders = {"default": "rendered_reports", "hostile": "hostile_reports"}
    kept = os.environ.get(ARTIFACTS_ENV, "").strip()
    shots = Path(kept).resolve() / "screenshots" if kept else tmp_path_factory.mktemp("screenshots")
    for story in STORIES:
        for stale in (shots / story).glob("*.png"):
            stale.unlink()

    def get(story: str, page_name: str) -> PageVisit:
        if (story, page_name) not in done:
            folder = request.getfixturevalue(folders[story])
            screenshot = shots / story / f"{Path(page_name).stem}.png"
            done[story, page_name] = visit(browser, proxy, folder / page_name, screenshot)
        return done[story, page_name]

    return get


def expected_title(story: str, page_name: str) -> str:
    if page_name == "index.html":
        story_dir = paths.DEFAULT_STORY if story == "default" else HOSTILE_STORY
        return f"Reports: {story_dir.name}"
    stem = page_name.removesuffix(".html").removesuffix(report.TEACHING_SUFFIX)
    source = paths.NOTEBOOKS_DIR / f"{stem}.ipynb"
    return report.notebook_title(nbformat.read(source, as_version=4), fallback=stem)


PAGES = [pytest.param(story, name, id=f"{story}-{name}") for story in STORIES for name in PAGE_NAMES]


@pytest.mark.slow
@pytest.mark.parametrize(("story", "page_name"), PAGES)
def test_page_loads_only_local_files_without_errors_and_its_images_decode(visits, story, page_name):
    page = visits(story, page_name)
    assert page.network_and_error_problems() == {}
    if page_name != "index.html" and not page_name.startswith("00-"):
        assert page.dom["images"] > 0, "a report without its charts"
    assert_non_blank_png(page.screenshot, min_height=VIEWPORT["height"])


@pytest.mark.slow
@pytest.mark.parametrize(("story", "page_name"), PAGES)
def test_page_has_no_active_content_and_keeps_its_title(visits, story, page_name):
    page = visits(story, page_name)
    assert page.active_content() == {}
    assert page.dom["title"] == expected_title(story, page_name)
    assert page.dom["titleElements"] == 1 and page.dom["titleInHead"]
    assert page.dom["bodyShown"], "the page body is hidden"
    assert page.dom["csp"] and "default-src 'none'" in page.dom["csp"]


@pytest.mark.slow
def test_hostile_markup_reaches_the_pages_as_visible_text(visits):
    # without this, a story whose markup never reached a page would pass everything above
    texts = [visits("hostile", name).dom["text"] for name in PAGE_NAMES]
    missing = [snippet for snippet in HOSTILE_TEXT if not any(snippet in text for text in texts)]
    assert missing == []


@pytest.mark.slow
def test_a_front_matter_url_is_a_link_only_if_it_is_http(visits):
    urls = {article.meta.get("url") for article in load_story(HOSTILE_STORY).articles} - {None}
    assert any(_scheme(u) not in ("http", "https") for u in urls)  # the story tries it
    for name in PAGE_NAMES:
        for href in visits("hostile", name).links():
            if href in urls or href.strip() in {u.strip() for u in urls}:
                assert _scheme(href) in ("http", "https"), f"{name}: links {href!r}"


# ---------------------------------------------------------------------------
# controls: the checks above catch what they are meant to catch
# ---------------------------------------------------------------------------

HOSTILE_PAGE = """<!DOCTYPE html>
<html><head><title>control</title><link rel="stylesheet" href="https://cdn.example.invalid/x.css"></head>
<body><main><h1>A page that does everything a report must not</h1>
<img src="https://example.invalid/chart.png" alt="remote">
<img src="missing.png" alt="missing file">
<img src="data:image/png;base64,bm90IGEgcG5n" alt="not a png">
<a href=" JaVa&#9;Script:alert(1)">link</a>
<a href="https://example.org/">fine link</a>
<b onmouseover="alert(2)">hover</b>
<iframe src="about:blank"></iframe>
<script>
  console.error("an error");
  new WebSocket("ws://ws.example.invalid/");
  alert("hello");
  throw new Error("uncaught");
</script>
</main></body></html>
"""


@pytest.mark.slow
def test_controls_a_page_that_fetches_runs_and_breaks_things_fails_every_check(browser, proxy, tmp_path):
    page_file = tmp_path / "control.html"
    page_file.write_text(HOSTILE_PAGE, encoding="utf-8")
    start = len(proxy.requests)
    page = visit(browser, proxy, page_file, tmp_path / "control.png")
    for _ in range(50):  # the proxy may hear of the WebSocket a moment after the page closed
        if any(r.startswith("CONNECT ws.example.invalid:80") for r in proxy.requests):
            break
        time.sleep(0.1)
    page.proxied = proxy.page_requests(start)

    problems = page.network_and_error_problems()
    assert any("example.invalid/chart.png" in r for r in page.blocked)
    assert any("cdn.example.invalid/x.css" in r for r in page.blocked)
    assert page.websockets == ["ws://ws.example.invalid/"]
    assert any(r.startswith("CONNECT ws.example.invalid:80") for r in page.proxied), proxy.requests
    assert "an error" in page.console_errors
    assert any("uncaught" in e for e in page.page_errors)
    assert page.dialogs == ["alert: hello"]
    assert len(page.dom["broken"]) == 3, page.dom["broken"]
    assert set(problems) == {
        "requests not for a local file (aborted)",
        "WebSocket attempts",
        "requests that reached the network proxy",
        "console errors",
        "page errors",
        "dialogs",
        "images that do not decode",
    }

    active = page.active_content()
    assert len(active["script elements"]) == 1
    assert active["event-handler attributes"] == ['<b onmouseover="alert(2)">']
    unsafe = active["URLs that are not a local file, a data: image or an http(s) link"]
    assert len(unsafe) == 5  # the javascript: link, two non-data images, the iframe, the stylesheet
    assert not any("example.org" in u for u in unsafe)
    assert any("JaVa" in u for u in unsafe)
    assert len(active["embedding or navigation elements"]) == 1
    assert len(active["unexpected elements in <head>"]) == 1  # the stylesheet link


@pytest.mark.slow
def test_controls_a_page_with_a_strict_policy_reports_blocked_loads_as_console_errors(browser, proxy, tmp_path):
    # the reports carry a Content-Security-Policy; a remote load it blocks never becomes
    # a request, but Chromium says so on the console, which fails the page
    page_file = tmp_path / "csp.html"
    page_file.write_text(
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; img-src data:\"><title>t</title></head>"
        '<body><img src="https://example.invalid/x.png" alt="x"><script>alert(1)</script></body></html>',
        encoding="utf-8",
    )
    page = visit(browser, proxy, page_file, tmp_path / "csp.png")
    assert page.dialogs == []
    assert any("Content Security Policy" in e and "example.invalid" in e for e in page.console_errors)
    assert any("inline script" in e for e in page.console_errors)
    assert page.dom["csp"] == "default-src 'none'; img-src data:"


@pytest.mark.slow
def test_controls_hidden_body_is_caught(browser, proxy, tmp_path):
    page_file = tmp_path / "hidden.html"
    page_file.write_text("<!DOCTYPE html><html><head><title>t</title></head><body><main>x</main>"
                         "<style>body{display:none}</style></body></html>", encoding="utf-8")
    assert visit(browser, proxy, page_file, tmp_path / "hidden.png").dom["bodyShown"] is False


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("", ""),
        ("https://example.org/a?b=1&c=2", "https"),
        ("HTTP://example.org/", "http"),
        ("  JaVaScRiPt:alert(document.domain)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),
        ("\x01javascript:alert(1)", "javascript"),
        ("data:text/html,<script>alert('url')</script>", "data"),
        ("10-readability.html", ""),
        ("#section", ""),
    ],
)
def test_scheme_sees_what_a_browser_sees(url, scheme):
    assert _scheme(url) == scheme


@pytest.mark.parametrize(
    ("tag", "name", "value", "safe"),
    [
        ("a", "href", "https://example.org/", True),
        ("a", "href", "10-readability.html", True),
        ("a", "href", "#top", True),
        ("a", "href", "", True),
        ("a", "href", "//evil.example/", False),
        ("a", "href", "javascript:alert(1)", False),
        ("a", "href", "data:text/html,x", False),
        ("img", "src", "data:image/png;base64,AAAA", True),
        ("img", "src", "x", False),
        ("img", "src", "https://example.org/x.png", False),
        ("img", "src", "data:text/html,x", False),
        ("iframe", "src", "about:blank", False),
        ("link", "href", "style.css", False),
    ],
)
def test_safe_url(tag, name, value, safe):
    assert _safe_url({"tag": tag, "name": name, "value": value}) is safe


def test_blank_screenshots_are_rejected(tmp_path):
    from PIL import Image, ImageDraw

    white = tmp_path / "white.png"
    Image.new("RGB", (1200, 900), "white").save(white)
    with pytest.raises(AssertionError, match="blank"):
        assert_non_blank_png(white)
    speck = tmp_path / "speck.png"
    image = Image.new("RGB", (1200, 900), "white")
    ImageDraw.Draw(image).rectangle((10, 10, 20, 20), fill="black")
    image.save(speck)
    with pytest.raises(AssertionError, match="nearly"):
        assert_non_blank_png(speck)
    text = tmp_path / "page.png"
    image = Image.new("RGB", (1200, 900), "white")
    for row in range(0, 900, 30):
        ImageDraw.Draw(image).rectangle((40, row, 1100, row + 8), fill="#222")
    image.save(text)
    assert_non_blank_png(text, min_height=900)
    jpeg = tmp_path / "page.jpg.png"
    image.save(jpeg, format="JPEG")
    with pytest.raises(AssertionError, match="not a PNG"):
        assert_non_blank_png(jpeg)


# ---------------------------------------------------------------------------
# layout at a desktop and a phone width, and a second story (issue 18)
# ---------------------------------------------------------------------------

#: A story unlike the starter one: five invented outlets, no common source, no story codebook.
FLOOD_STORY = Path(__file__).parent / "fixtures" / "stories" / "river-flood"
#: Notebooks whose pages are checked for layout on both stories: every story notebook.
LAYOUT_NOTEBOOKS = [nb for nb in NOTEBOOKS if nb.stem[:2] in ("00", "10", "20", "30", "40")]
LAYOUT_PAGES = [f"{nb.stem}.html" for nb in LAYOUT_NOTEBOOKS]
#: A desktop browser and a small phone (CSS pixels).
WIDTHS = (1280, 390)
#: Smallest font size a reader has to read, in CSS pixels.
MIN_FONT_PX = 10
#: Proper nouns and phrases of the starter story (corpus/askmoreofhim) that must not appear in the
#: report of another story.
STARTER_WORDS = ("Hollywood", "Time's Up", "Time’s Up", "AskMoreOfHim", "Schwimmer", "Academy Awards",
                 "the letter", "Dozens of men", "all three articles", "Three short articles", "signatories")

#: Run in a page at a given width: what overflows the page and which visible text is too small.
LAYOUT_PROBE = r"""
(minFont) => {
  const width = document.documentElement.clientWidth;
  const fits = (el) => { const r = el.getBoundingClientRect(); return r.left >= -1 && r.right <= width + 1; };
  const scrollBox = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (['auto', 'scroll'].includes(s.overflowX) && p.scrollWidth > p.clientWidth + 1) return p;
    }
    return null;
  };
  const label = (el) => `${el.localName} "${(el.innerText || el.alt || '').replace(/\s+/g, ' ').slice(0, 60)}"`;
  const overflow = [];
  if (document.documentElement.scrollWidth > width + 1)
    overflow.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px window`);
  for (const el of document.querySelectorAll('table, img')) {
    if (el.getClientRects().length === 0) continue;
    if (scrollBox(el)) overflow.push(`${label(el)} scrolls sideways in its box`);
    else if (!fits(el)) overflow.push(`${label(el)} ends at ${Math.round(el.getBoundingClientRect().right)} px`);
  }
  const small = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < minFont) small.add(`${size} px: ${node.textContent.trim().slice(0, 40)}`);
  }
  // house tables: every cell is shown, and where the header row is hidden (a phone) each cell
  // shows its column's header before its value
  const unlabelled = [];
  let cells = 0;
  for (const table of document.querySelectorAll('table.report-table')) {
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    const headerShown = table.querySelector('thead').getClientRects().length > 0;
    for (const row of table.querySelectorAll('tbody tr')) {
      [...row.cells].forEach((td, i) => {
        cells += 1;
        const before = getComputedStyle(td, '::before').content.replace(/^"|"$/g, '');
        if (td.getClientRects().length === 0) unlabelled.push(`hidden cell under "${headers[i]}"`);
        else if (!headerShown && before !== headers[i]) unlabelled.push(`"${td.textContent.slice(0, 30)}" shows "${before}", not "${headers[i]}"`);
      });
    }
  }
  // charts: the width each is shown at (their text size is computed from the PNG, see chart_text_px)
  const charts = [...document.images].map((img) => ({shown: img.getBoundingClientRect().width,
                                                    alt: (img.alt || '').slice(0, 60)}));
  return {overflow, small: [...small], text: document.body.innerText, cells, unlabelled, charts,
          headerRows: [...document.querySelectorAll('table.report-table thead')].filter((h) => h.getClientRects().length > 0).length};
}
"""


@pytest.fixture(scope="session")
def flood_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Reports of the story notebooks rendered against the river-flood test story."""
    out_dir = tmp_path_factory.mktemp("flood-reports")
    report.render_reports(FLOOD_STORY, out_dir, LAYOUT_NOTEBOOKS)
    return out_dir


def layout_at(browser, page_file: Path, width: int, screenshot: Path) -> dict:
    """Open ``page_file`` at ``width`` CSS px (offline: other requests are aborted), probe its layout."""
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=True)
    try:
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page = context.new_page()
        page.goto(page_file.resolve().as_uri(), wait_until="load")
        found = page.evaluate(LAYOUT_PROBE, MIN_FONT_PX)
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=True)
    finally:
        context.close()
    return found


@pytest.fixture(scope="session")
def layouts(browser, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """``layouts(story, page_name, width)``: the layout probe of a page, each opened once per width."""
    done: dict[tuple[str, str, int], dict] = {}
    folders = {"default": "rendered_reports", "flood": "flood_reports"}
    kept = os.environ.get(ARTIFACTS_ENV, "").strip()
    shots = Path(kept).resolve() / "screenshots" if kept else tmp_path_factory.mktemp("layout-screenshots")

    def get(story: str, page_name: str, width: int) -> dict:
        key = (story, page_name, width)
        if key not in done:
            folder = request.getfixturevalue(folders[story])
            screenshot = shots / f"{story}-{width}px" / f"{Path(page_name).stem}.png"
            done[key] = layout_at(browser, folder / page_name, width, screenshot)
            assert_non_blank_png(screenshot)
        return done[key]

    return get


_DATA_PNG = re.compile(r'<img\b[^>]*?\ssrc="data:image/png;base64,([A-Za-z0-9+/=\s]+)"')


def chart_text_px(page_file: Path, shown_widths: list[float]) -> list[tuple[str, float]]:
    """The smallest text of each chart of a page, in CSS px as shown.

    Each chart's PNG records its smallest text in points and its width in inches
    (analysis.present.plots.to_image); shown ``w`` CSS px wide, a chart ``W`` inches
    wide draws ``pt`` points at ``pt / 72 * w / W`` px.
    """
    import base64

    from analysis.present import plots

    pngs = [base64.b64decode(m.group(1)) for m in _DATA_PNG.finditer(page_file.read_text(encoding="utf-8"))]
    assert len(pngs) == len(shown_widths), f"{page_file.name}: {len(pngs)} PNGs in the file, {len(shown_widths)} shown"
    sizes = []
    for i, (png, shown) in enumerate(zip(pngs, shown_widths)):
        found = plots.png_text(png)
        assert plots.FONT_KEY in found, f"{page_file.name}: chart {i + 1} does not record its text size"
        sizes.append((f"chart {i + 1}", float(found[plots.FONT_KEY]) / 72 * shown / float(found[plots.WIDTH_KEY])))
    return sizes


LAYOUT_CASES = [pytest.param(story, name, width, id=f"{story}-{name}-{width}px")
                for story in ("default", "flood") for name in LAYOUT_PAGES for width in WIDTHS]


@pytest.mark.slow
@pytest.mark.parametrize(("story", "page_name", "width"), LAYOUT_CASES)
def test_no_table_or_chart_is_wider_than_the_page_and_no_text_is_below_10_px(layouts, request, story, page_name, width):
    found = layouts(story, page_name, width)
    assert found["overflow"] == []
    assert found["small"] == []
    folder = {"default": "rendered_reports", "flood": "flood_reports"}[story]
    charts = chart_text_px(request.getfixturevalue(folder) / page_name, [c["shown"] for c in found["charts"]])
    assert [(name, round(px, 1)) for name, px in charts if px < MIN_FONT_PX] == []


@pytest.mark.slow
@pytest.mark.parametrize("page_name", LAYOUT_PAGES)
def test_a_report_of_another_story_names_nothing_of_the_starter_story(layouts, page_name):
    text = layouts("flood", page_name, WIDTHS[0])["text"]
    assert [word for word in STARTER_WORDS if word.lower() in text.lower()] == []
    assert "Carrow" in text or page_name.startswith("10-")  # the page is about the flood story


@pytest.mark.slow
def test_the_starter_words_are_found_in_the_starter_story_report(layouts):
    # the check above can fail: the starter story's own start page shows its title and summary
    text = layouts("default", LAYOUT_PAGES[0], WIDTHS[0])["text"]
    assert "Hollywood" in text and "AskMoreOfHim" in text


@pytest.mark.slow
@pytest.mark.parametrize("story", ["default", "flood"])
def test_on_a_phone_every_cell_of_a_table_is_shown_with_its_column_label(layouts, story):
    for page_name in LAYOUT_PAGES:
        desktop, phone = (layouts(story, page_name, width) for width in WIDTHS)
        assert phone["cells"] == desktop["cells"] > 0, page_name
        assert desktop["unlabelled"] == [] and phone["unlabelled"] == [], page_name
        assert desktop["headerRows"] > 0 and phone["headerRows"] == 0, page_name  # stacked into labelled lines


@pytest.mark.slow
def test_layout_probe_catches_a_wide_table_and_small_text(browser, tmp_path):
    page = tmp_path / "wide.html"
    cells = "".join(f"<td>{'column' * 4}{i}</td>" for i in range(30))
    page.write_text(f"<!DOCTYPE html><html><body><div style='overflow-x:auto'><table><tr>{cells}</tr></table>"
                    "</div><p style='font-size:6px'>tiny words</p></body></html>", encoding="utf-8")
    found = layout_at(browser, page, 390, tmp_path / "wide.png")
    assert any("scrolls sideways" in problem for problem in found["overflow"])
    assert found["small"] == ["6 px: tiny words"]


@pytest.mark.slow
def test_a_story_without_a_codebook_says_so_once_and_shows_no_story_frame_section(layouts):
    page = next(name for name in LAYOUT_PAGES if name.startswith("30-"))
    text = layouts("flood", page, WIDTHS[0])["text"]
    assert text.count("no codebook of its own") == 1
    assert "Story frames" not in text
    starter = layouts("default", page, WIDTHS[0])["text"]
    assert "no codebook of its own" not in starter and "Where the frames of the story codebook" in starter


@pytest.mark.slow
def test_a_story_without_a_common_source_says_so_once_and_shows_no_source_section(layouts):
    page = next(name for name in LAYOUT_PAGES if name.startswith("40-"))
    text = layouts("flood", page, WIDTHS[0])["text"]
    assert text.count("No common source was found") == 1
    for section in ("Selection at a glance", "The source side by side", "The reconstructed source"):
        assert section not in text
    starter = layouts("default", page, WIDTHS[0])["text"]
    assert "No common source was found" not in starter
    assert "Selection at a glance" in starter and "The source side by side" in starter


def test_chart_text_px_reads_the_size_recorded_in_each_png(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.present import plots

    fig, ax = plt.subplots(figsize=(8.0, 2.0))
    ax.set_title("a chart 8 inches wide")
    image = plots.to_image(ax, alt="x", dpi=40)
    import base64

    page = tmp_path / "page.html"
    page.write_text(f'<img src="data:image/png;base64,{base64.b64encode(image.data).decode()}" alt="x">', encoding="utf-8")
    ((_, shown_desktop),) = chart_text_px(page, [800.0])
    ((_, shown_phone),) = chart_text_px(page, [320.0])
    pt = plots.min_font_pt(8.0)
    assert shown_desktop == pytest.approx(pt / 72 * 100)  # shown at its own width: 100 px an inch
    assert shown_phone == pytest.approx(pt / 72 * 40) and shown_phone >= MIN_FONT_PX
    # a chart drawn with 8 pt text and shown that small would fail the check
    assert 8.0 / 72 * 40 < MIN_FONT_PX

"""Tests for analysis.io.fetch: one polite download, against a local server on 127.0.0.1 only."""

from __future__ import annotations

import signal
import socket

import pytest

from analysis import __version__
from analysis.io.fetch import USER_AGENT, fetch_page
from analysis.io.webpage import PageError
from local_web import WEB, no_proxy, web  # noqa: F401 - fixtures


pytestmark = pytest.mark.usefixtures("no_proxy")  # the local server, never a proxy

HANG_SECONDS = 120  # a fetch that has not ended by then would never end: fail instead of hanging


@pytest.fixture(autouse=True)
def _no_hang():
    """Turn a request that never ends into a failure (a guard, not a timing assertion)."""

    def _hung(signum, frame):  # noqa: ANN001
        raise TimeoutError(f"fetch still running after {HANG_SECONDS} s: the deadline did not work")

    previous = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(HANG_SECONDS)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_fetches_a_page_with_an_honest_user_agent(web):
    page = fetch_page(web.url("/news.html"))
    assert page.content == (WEB / "news-page.html").read_bytes()
    assert page.charset == "utf-8"
    assert page.final_url == web.url("/news.html")
    _, headers = [r for r in web.requests if r[0] == "/news.html"][-1]
    assert headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith(f"media-framing-analysis/{__version__} (")


def test_follows_a_redirect_and_reports_where_it_ended(web):
    page = fetch_page(web.url("/moved"))
    assert page.url == web.url("/moved")
    assert page.final_url == web.url("/news.html")


@pytest.mark.parametrize("name", ["gzip", "deflate", "brotli"])
def test_a_compressed_answer_is_decompressed(web, name):
    assert fetch_page(web.url(f"/{name}.html")).content == (WEB / "news-page.html").read_bytes()


def test_brotli_is_asked_for(web):
    fetch_page(web.url("/news.html"))
    _, headers = [r for r in web.requests if r[0] == "/news.html"][-1]
    assert [e.strip() for e in headers["Accept-Encoding"].split(",")] == ["gzip", "deflate", "br"]


@pytest.mark.parametrize("name", ["gzip", "deflate", "brotli"])
@pytest.mark.parametrize("damage", ["cut-short", "cut-then-junk", "then-junk"])
def test_a_damaged_compressed_answer_is_refused(web, name, damage):
    url = web.url(f"/{name}-{damage}.html")
    with pytest.raises(PageError, match=r"the server sent a damaged compressed page \(.+\); nothing was kept") as info:
        fetch_page(url)
    assert info.value.one_line().startswith(url + ": ")


def test_an_unknown_compression_is_refused_by_name(web):
    with pytest.raises(PageError, match=r"compressed as 'zstd', which add cannot read \(it reads br, deflate, gzip"):
        fetch_page(web.url("/zstd.html"))


def test_no_charset_in_header_leaves_it_to_the_page(web):
    page = fetch_page(web.url("/gazette.html"))
    assert page.charset is None
    assert page.content == (WEB / "cp1252-page.html").read_bytes()


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        ("/missing", r"answered 404 Not Found: the page is not there; check the address"),
        ("/forbidden", r"answered 403 Forbidden: the site refuses this download .* save it"),
        ("/unavailable", r"answered 503 Service Unavailable: the site has a problem; try again later"),
        ("/report.pdf", r"is not a web page \(the server says application/pdf\)"),
        ("/data.json", r"is not a web page \(the server says application/json\)"),
        ("/to-ftp", r"redirects to ftp://127\.0\.0\.1/page\.html, which is not a web address"),
    ],
    ids=["404", "403", "503", "pdf", "json", "redirect-to-ftp"],
)
def test_failures_are_one_line_naming_the_address(web, path, pattern):
    with pytest.raises(PageError, match=pattern) as info:
        fetch_page(web.url(path))
    message = info.value.one_line()
    assert message.startswith(web.url(path) + ": ")
    assert "\n" not in str(info.value)


def test_a_failed_request_is_not_retried(web):
    before = web.hits("/unavailable")
    with pytest.raises(PageError):
        fetch_page(web.url("/unavailable"))
    assert web.hits("/unavailable") == before + 1


def test_too_large_by_its_declared_size_is_refused_before_reading(web):
    with pytest.raises(PageError, match=r"the page is 220,026 bytes, over the 100,000-byte limit; nothing was read"):
        fetch_page(web.url("/big.html"), max_bytes=100_000)
    assert len(fetch_page(web.url("/big.html")).content) == 220_026  # under the default limit


def test_too_large_without_a_declared_size_stops_reading(web):
    with pytest.raises(PageError, match=r"over the 100,000-byte limit; nothing was kept"):
        fetch_page(web.url("/big-unsized.html"), max_bytes=100_000)


@pytest.mark.slow  # waits out a real network deadline (seconds): make test runs it, test-fast does not
def test_a_silent_server_times_out(web):
    # the server never answers, so only the client's timeout can end the request
    with pytest.raises(PageError, match=r"no answer within 2 seconds; the site may be down or slow"):
        fetch_page(web.url("/slow"), timeout=2)


@pytest.mark.slow  # waits out a real network deadline (seconds): make test runs it, test-fast does not
def test_a_trickling_server_is_cut_off(web):
    # a byte every 0.1 s, for ever: each read answers well within the 2-second timeout,
    # so only the request's overall deadline can end the download
    with pytest.raises(PageError, match=r"the page did not finish arriving within 2 seconds; nothing was kept"):
        fetch_page(web.url("/trickle.html"), timeout=2)


@pytest.mark.slow  # waits out a real network deadline (seconds): make test runs it, test-fast does not
def test_a_server_that_drips_its_headers_is_cut_off(web):
    # the status line and headers a byte every 0.1 s, never complete: every read answers
    # within the timeout, so only the deadline on the whole request can end it
    with pytest.raises(PageError, match=r"did not finish arriving within 2 seconds; nothing was kept"):
        fetch_page(web.url("/header-drip.html"), timeout=2)


def test_connection_refused():
    with socket.socket() as s:  # a port on 127.0.0.1 that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(PageError, match=r"the host '127\.0\.0\.1' refused the connection"):
        fetch_page(f"http://127.0.0.1:{port}/page.html", timeout=2)


def test_unknown_host_is_named(monkeypatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    with pytest.raises(PageError, match=r"https://news\.invalid/a: cannot find the host 'news\.invalid'"):
        fetch_page("https://news.invalid/a")


@pytest.mark.parametrize("address", ["", "ftp://127.0.0.1/x", "file:///etc/passwd", "http://", "news.example/a"])
def test_only_http_addresses_are_fetched(address):
    with pytest.raises(PageError, match="is not a web address; give one starting with http:// or https://"):
        fetch_page(address)

"""A web server on 127.0.0.1 for the tests of fetching: serves the fixture pages and failure cases.

Only the loopback address is used; every slow answer waits at most a few
seconds and is cut short when the server stops, so no test can hang.
"""

from __future__ import annotations

import gzip
import http.server
import zlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import brotli
import pytest

WEB = Path(__file__).parent / "fixtures" / "web"
HTML_UTF8 = "text/html; charset=utf-8"
SLOW_SECONDS = 5.0  # the longest the server thread is waited for when the fixture stops


@dataclass
class LocalWeb:
    """The running server: its base address and what it was asked."""

    base: str
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


def _compressed(encoding: str, body: bytes) -> dict[str, tuple[int, dict[str, str], bytes]]:
    """Routes serving ``body`` compressed, whole and damaged in the ways a broken server damages it."""
    whole = brotli.compress(body) if encoding == "br" else (
        gzip.compress(body) if encoding == "gzip" else zlib.compress(body))
    name = {"br": "brotli", "gzip": "gzip", "deflate": "deflate"}[encoding]
    headers = {"Content-Type": HTML_UTF8, "Content-Encoding": encoding}
    return {
        f"/{name}.html": (200, headers, whole),
        f"/{name}-cut-short.html": (200, headers, whole[: len(whole) // 2]),
        f"/{name}-cut-then-junk.html": (200, headers, whole[: len(whole) // 2] + b"\x00junk" * 64),
        f"/{name}-then-junk.html": (200, headers, whole + b"junk after the end"),
    }


def _routes() -> dict[str, tuple[int, dict[str, str], bytes]]:
    news = (WEB / "news-page.html").read_bytes()
    return {
        **_compressed("br", news),
        **_compressed("gzip", news),
        **_compressed("deflate", news),
        "/news.html": (200, {"Content-Type": HTML_UTF8}, news),
        "/news-again.html": (200, {"Content-Type": HTML_UTF8}, news),
        "/gazette.html": (200, {"Content-Type": "text/html"}, (WEB / "cp1252-page.html").read_bytes()),
        "/jsonld.html": (200, {"Content-Type": HTML_UTF8}, (WEB / "jsonld-page.html").read_bytes()),
        "/index.html": (200, {"Content-Type": HTML_UTF8}, (WEB / "index-page.html").read_bytes()),
        "/zstd.html": (200, {"Content-Type": HTML_UTF8, "Content-Encoding": "zstd"}, b"\x28\xb5\x2f\xfd"),
        "/moved": (301, {"Location": "/news.html"}, b""),
        "/to-ftp": (302, {"Location": "ftp://127.0.0.1/page.html"}, b""),
        "/missing": (404, {"Content-Type": HTML_UTF8}, b"<html><body><p>Not found</p></body></html>"),
        "/forbidden": (403, {"Content-Type": HTML_UTF8}, b"<html><body><p>No robots</p></body></html>"),
        "/unavailable": (503, {"Content-Type": HTML_UTF8}, b"<html><body><p>Busy</p></body></html>"),
        "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        "/data.json": (200, {"Content-Type": "application/json"}, b'{"title": "not a page"}'),
        "/big.html": (200, {"Content-Type": HTML_UTF8}, b"<html><body>" + b"<p>word</p>" * 20_000 + b"</body></html>"),
    }


@contextmanager
def local_web() -> Iterator[LocalWeb]:
    """Serve the routes on 127.0.0.1 (a free port) in a thread; stop it afterwards."""
    routes = _routes()
    stop = threading.Event()
    state = LocalWeb(base="")

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002, ANN001 - silence the default logging
            pass

        def do_GET(self):  # noqa: N802 - the standard library's name
            state.requests.append((self.path, dict(self.headers.items())))
            try:
                self._answer()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should on a slow or oversized answer

        def _answer(self) -> None:
            if self.path == "/slow":  # never answers: waits until the server stops
                stop.wait()
                return None
            if self.path == "/big-unsized.html":  # no Content-Length: the size shows only while reading
                self.send_response(200)
                self.send_header("Content-Type", HTML_UTF8)
                self.end_headers()
                for _ in range(40):
                    if stop.is_set():
                        return
                    self.wfile.write(b"<p>" + b"x" * 8192 + b"</p>")
                return
            if self.path == "/trickle.html":  # headers at once, then a byte every 0.1 s, never ending
                self.send_response(200)
                self.send_header("Content-Type", HTML_UTF8)
                self.end_headers()
                while not stop.wait(0.1):  # until the client hangs up (BrokenPipeError) or the server stops
                    self.wfile.write(b"x")
                    self.wfile.flush()
                return None
            if self.path == "/header-drip.html":  # the status line and headers a byte every 0.1 s, never ending
                head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"x" * 100_000
                for byte in head:
                    if stop.wait(0.1):
                        return None
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                return None
            status, headers, body = routes.get(self.path, (404, {"Content-Type": HTML_UTF8}, b"<p>no</p>"))
            return self._send(status, headers, body)

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=SLOW_SECONDS)


# ------------------------------------------------------------------ fixtures for the test modules


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The local server is reached directly, whatever proxy the machine sets."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture(scope="module")
def web() -> Iterator[LocalWeb]:
    """The server, running for the whole test module."""
    with local_web() as server:
        yield server

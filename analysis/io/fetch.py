"""Download one web page, politely: the only part of the package that uses the network.

:func:`fetch_page` is called by ``python -m analysis add`` for a SOURCE that
is an ``http://`` or ``https://`` address, and by nothing else. It asks once
(no retries: a failed download is reported, and the person decides whether to
try again), within one overall deadline for the whole request (connection,
headers and body: a server that answers a byte at a time is cut off), with a
size limit and a user agent that names this project, and accepts web pages only
(``text/html`` or ``application/xhtml+xml``), plain or compressed with gzip,
deflate or Brotli.
Every failure is a :class:`~analysis.io.webpage.PageError` (exit status 2 on the
command line) whose one line says what happened and what to do.

The system's proxy settings (``https_proxy``, ``no_proxy``) are honoured, as
in a browser.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from typing import Protocol
from urllib.parse import urlsplit

import brotli

from analysis import __version__
from analysis.io.webpage import PageError, is_url

__all__ = ["HTML_TYPES", "MAX_PAGE_BYTES", "TIMEOUT_SECONDS", "USER_AGENT", "FetchedPage", "fetch_page"]

USER_AGENT: str = (
    f"media-framing-analysis/{__version__} (classroom news-framing analysis; "
    "fetches single articles a person asked for; no crawling)"
)
"""Sent with every request: says which program asks, and why."""

TIMEOUT_SECONDS: float = 30.0
"""Longest time one request may take, from connecting to the last byte of the page."""

MAX_PAGE_BYTES: int = 10 * 1024 * 1024
"""Largest page read (10 MiB, after any decompression); news pages are far smaller."""

MAX_REDIRECTS: int = 5
HTML_TYPES: tuple[str, ...] = ("text/html", "application/xhtml+xml")
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchedPage:
    """A downloaded web page.

    Attributes
    ----------
    url : str
        The address asked for.
    final_url : str
        The address answered from, after redirects.
    content : bytes
        The page (decompressed when the server compressed it).
    charset : str or None
        The charset the server declared, if any.
    """

    url: str
    final_url: str
    content: bytes
    charset: str | None = None


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow at most MAX_REDIRECTS redirects, to http(s) addresses only."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise PageError(req.full_url, f"redirects to {newurl}, which is not a web address; nothing was fetched")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _http_error_message(code: int, reason: str) -> str:
    said = f"the server answered {code} {reason}".rstrip()
    if code == 404 or code == 410:
        return f"{said}: the page is not there; check the address"
    if code in (401, 402, 403, 451):
        return (f"{said}: the site refuses this download (a paywall, a login or a block on programs); "
                "open the page in a browser, save it (File > Save Page As, 'Web Page, HTML only') and add the saved file")
    if code == 429:
        return f"{said}: too many requests; wait a while before trying again (add never retries by itself)"
    if code >= 500:
        return f"{said}: the site has a problem; try again later"
    return said


def _network_error_message(reason: object, host: str, timeout: float) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} seconds; the site may be down or slow (add never retries by itself)"
    if isinstance(reason, socket.gaierror):
        return f"cannot find the host {host!r}: check the address and the internet connection"
    if isinstance(reason, ConnectionRefusedError):
        return f"the host {host!r} refused the connection"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the site's security certificate could not be verified ({reason.verify_message}); nothing was fetched"
    if isinstance(reason, ssl.SSLError):
        return "the secure connection failed; nothing was fetched"
    if isinstance(reason, OSError) and reason.strerror:
        return f"network error: {reason.strerror}"
    return f"network error: {reason}"


def _content_type(headers: Message) -> tuple[str, str | None]:
    return headers.get_content_type().lower(), headers.get_content_charset()


class _Deadline:
    """One wall-clock limit for a whole request: when it passes, the request's sockets are shut down.

    A socket timeout bounds each wait for data, not their sum: a server that sends
    its headers or its body a byte at a time never trips it. This watchdog does.
    Each socket the request opens is registered with :meth:`watch`, which keeps a
    duplicate of it (so it can still be shut down after TLS takes the original
    over); when the time is up, a timer thread shuts every one down, and the read
    that was waiting returns at once. Name resolution is not covered.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.passed = threading.Event()
        self._lock = threading.Lock()
        self._duplicates: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        with self._lock:
            for dup in self._duplicates:
                dup.close()
            self._duplicates.clear()

    def remaining(self) -> float:
        """Seconds left (at least a millisecond, so a socket never blocks without a timeout)."""
        return max(self.ends - time.monotonic(), 0.001)

    def watch(self, sock: socket.socket) -> socket.socket:
        """Register ``sock`` so that it is shut down when the deadline passes; return it."""
        dup = sock.dup()
        with self._lock:
            self._duplicates.append(dup)
            if self.passed.is_set():
                _shutdown(dup)
        return sock

    def _expire(self) -> None:
        with self._lock:
            self.passed.set()
            for dup in self._duplicates:
                _shutdown(dup)


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed by the other end


def _deadline_handlers(deadline: _Deadline) -> list[urllib.request.BaseHandler]:
    """HTTP and HTTPS handlers whose connections register their sockets with ``deadline``."""

    def watched(base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
        class Watched(base):  # type: ignore[misc, valid-type]
            def __init__(self, *args: object, **kwargs: object) -> None:
                super().__init__(*args, **kwargs)  # type: ignore[arg-type]
                create = self._create_connection

                def connect_watched(address, timeout=None, source_address=None):  # noqa: ANN001, ANN202
                    wait = deadline.remaining()
                    if isinstance(timeout, (int, float)):
                        wait = min(timeout, wait)
                    return deadline.watch(create(address, wait, source_address))

                self._create_connection = connect_watched

        return Watched

    http_class, https_class = watched(http.client.HTTPConnection), watched(http.client.HTTPSConnection)

    class HTTP(urllib.request.HTTPHandler):
        def http_open(self, req):  # noqa: ANN001, ANN201
            return self.do_open(http_class, req)

    class HTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req):  # noqa: ANN001, ANN201
            return self.do_open(https_class, req, context=self._context)

    return [HTTP(), HTTPS()]


def fetch_page(
    url: str, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_PAGE_BYTES,
) -> FetchedPage:
    """Download one web page.

    Parameters
    ----------
    url : str
        An ``http://`` or ``https://`` address.
    timeout : float, default TIMEOUT_SECONDS
        Seconds the whole request may take: connecting, the headers and the body
        together (name resolution aside). A server that sends its answer a byte at
        a time is cut off when they are up.
    max_bytes : int, default MAX_PAGE_BYTES
        Larger pages are refused (before reading when the server says its size;
        after decompression otherwise).

    Returns
    -------
    FetchedPage

    Raises
    ------
    PageError
        For an address that is not http(s), an HTTP error status, a network
        error or timeout, a page too large, a compressed page that is damaged or
        cut short, or an answer that is not a web page. One request is made;
        nothing is retried.
    """
    url = url.strip()
    parts = urlsplit(url)
    if not is_url(url) or not parts.hostname:
        raise PageError(url, "is not a web address; give one starting with http:// or https://, or a saved .html file")
    host = parts.hostname
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        "Accept-Encoding": "gzip, deflate, br",
    })
    headers_read = False
    with _Deadline(timeout) as deadline:
        opener = urllib.request.build_opener(_Redirects(), *_deadline_handlers(deadline))
        try:
            with opener.open(request, timeout=timeout) as response:
                headers_read = True
                final_url = response.geturl()
                ctype, charset = _content_type(response.headers)
                if response.headers.get("Content-Type") and ctype not in HTML_TYPES:
                    raise PageError(
                        url, f"is not a web page (the server says {ctype}); add takes web pages only: for a PDF "
                        "or another document, copy the article's text into a .txt file and use new-story",
                    )
                length = response.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > max_bytes:
                    raise PageError(url, f"the page is {int(length):,} bytes, over the {max_bytes:,}-byte limit; nothing was read")
                encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
                content = _read(response, url, max_bytes, encoding, deadline.passed.is_set)
        except PageError:
            raise
        except urllib.error.HTTPError as exc:
            raise PageError(url, _http_error_message(exc.code, exc.reason or "")) from None
        except (OSError, http.client.HTTPException) as exc:
            if deadline.passed.is_set() or isinstance(exc, (TimeoutError, socket.timeout)):
                raise PageError(url, _late_message(headers_read, timeout)) from None
            if isinstance(exc, urllib.error.URLError):
                if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                    raise PageError(url, _late_message(False, timeout)) from None
                raise PageError(url, _network_error_message(exc.reason, host, timeout)) from None
            if isinstance(exc, (http.client.HTTPException, ConnectionError)):
                raise PageError(url, f"the connection broke before the page arrived ({type(exc).__name__}); "
                                "try again later") from None
            raise PageError(url, _network_error_message(exc, host, timeout)) from None
        if deadline.passed.is_set():  # the body ended because the watchdog shut the socket
            raise PageError(url, _late_message(True, timeout))
    return FetchedPage(url=url, final_url=final_url, content=content, charset=charset)


def _late_message(headers_read: bool, timeout: float) -> str:
    if headers_read:
        return f"the page did not finish arriving within {timeout:g} seconds; nothing was kept"
    return f"no answer within {timeout:g} seconds; the site may be down or slow (add never retries by itself)"


class _Decoder(Protocol):
    """Undoes one content encoding, piece by piece, with a bound on the output of each piece."""

    def feed(self, data: bytes, limit: int) -> bytes: ...

    def finish(self) -> bytes: ...


class _Identity:
    def feed(self, data: bytes, limit: int) -> bytes:
        return data

    def finish(self) -> bytes:
        return b""


class _Zlib:
    """gzip (``wbits`` 16 + MAX_WBITS) or deflate: the stream must end, with nothing after it."""

    def __init__(self, wbits: int) -> None:
        self._inflater = zlib.decompressobj(wbits)

    def feed(self, data: bytes, limit: int) -> bytes:
        if self._inflater.eof:
            raise ValueError("data after the end of the compressed stream")
        return self._inflater.decompress(data, limit)

    def finish(self) -> bytes:
        rest = self._inflater.flush()
        if not self._inflater.eof:
            raise ValueError("the compressed stream is cut short")
        if self._inflater.unused_data:
            raise ValueError("data after the end of the compressed stream")
        return rest


class _Brotli:
    """Brotli (RFC 7932), through Google's ``brotli`` package: the stream must end."""

    def __init__(self) -> None:
        self._decompressor = brotli.Decompressor()

    def feed(self, data: bytes, limit: int) -> bytes:
        try:
            return self._decompressor.process(data, output_buffer_limit=limit)
        except brotli.error as exc:
            raise ValueError(str(exc)) from None

    def finish(self) -> bytes:
        if not self._decompressor.is_finished():
            raise ValueError("the compressed stream is cut short")
        return b""


DECODERS: dict[str, Callable[[], _Decoder]] = {
    "identity": _Identity,
    "": _Identity,
    "gzip": lambda: _Zlib(16 + zlib.MAX_WBITS),
    "x-gzip": lambda: _Zlib(16 + zlib.MAX_WBITS),
    "deflate": lambda: _Zlib(zlib.MAX_WBITS),
    "br": _Brotli,
}
"""The content encodings ``add`` reads (RFC 9110, section 8.4.1), by name."""


def _read(response, url: str, max_bytes: int, encoding: str, late: Callable[[], bool]) -> bytes:  # noqa: ANN001
    """Read the body in pieces, within the size limit, decoding as it comes.

    ``late()`` is true once the request's deadline has passed; the watchdog has then
    shut the socket, so the read in progress returns and the loop stops.
    """
    make = DECODERS.get(encoding)
    if make is None:
        raise PageError(url, f"the server sent the page compressed as {encoding!r}, which add cannot read "
                        f"(it reads {', '.join(sorted(k for k in DECODERS if k and k != 'identity'))})")
    decoder = make()
    parts: list[bytes] = []
    size = 0
    try:
        while not late():
            chunk = response.read1(_CHUNK)  # what has arrived: a trickling server is seen piece by piece
            if not chunk:
                break
            chunk = decoder.feed(chunk, max_bytes + 1 - size)
            size += len(chunk)
            if size > max_bytes:
                raise PageError(url, f"the page is over the {max_bytes:,}-byte limit; nothing was kept")
            parts.append(chunk)
        if late():
            return b""
        tail = decoder.finish()
    except PageError:
        raise
    except (ValueError, zlib.error) as exc:
        if late():
            return b""
        raise PageError(url, f"the server sent a damaged compressed page ({exc}); nothing was kept") from None
    if size + len(tail) > max_bytes:
        raise PageError(url, f"the page is over the {max_bytes:,}-byte limit; nothing was kept")
    parts.append(tail)
    return b"".join(parts)

"""Download one web page, politely: the only part of the package that uses the network.

:func:`fetch_page` is called by ``python -m analysis add`` for a SOURCE that
is an ``http://`` or ``https://`` address, and by nothing else. It asks once
(no retries: a failed download is reported, and the person decides whether to
try again), with a timeout, a size limit and a user agent that names this
project, and accepts web pages only (``text/html`` or ``application/xhtml+xml``).
Every failure is a :class:`~analysis.webpage.PageError` (exit status 2 on the
command line) whose one line says what happened and what to do.

The system's proxy settings (``https_proxy``, ``no_proxy``) are honoured, as
in a browser.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from . import __version__
from .webpage import PageError, is_url

__all__ = ["HTML_TYPES", "MAX_PAGE_BYTES", "TIMEOUT_SECONDS", "USER_AGENT", "FetchedPage", "fetch_page"]

USER_AGENT: str = (
    f"media-framing-analysis/{__version__} (classroom news-framing analysis; "
    "fetches single articles a person asked for; no crawling)"
)
"""Sent with every request: says which program asks, and why."""

TIMEOUT_SECONDS: float = 20.0
"""Longest wait for the connection and for each piece of the answer."""

TOTAL_SECONDS_PER_TIMEOUT: float = 3.0
"""The whole download must end within this many timeouts (a server that trickles bytes is cut off)."""

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


def fetch_page(
    url: str, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_PAGE_BYTES,
) -> FetchedPage:
    """Download one web page.

    Parameters
    ----------
    url : str
        An ``http://`` or ``https://`` address.
    timeout : float, default TIMEOUT_SECONDS
        Seconds to wait for the connection and for each piece of the answer;
        the whole download may take at most ``TOTAL_SECONDS_PER_TIMEOUT`` times as long.
    max_bytes : int, default MAX_PAGE_BYTES
        Larger pages are refused (before reading when the server says its size).

    Returns
    -------
    FetchedPage

    Raises
    ------
    PageError
        For an address that is not http(s), an HTTP error status, a network
        error or timeout, a page too large, or an answer that is not a web page.
        One request is made; nothing is retried.
    """
    url = url.strip()
    parts = urlsplit(url)
    if not is_url(url) or not parts.hostname:
        raise PageError(url, "is not a web address; give one starting with http:// or https://, or a saved .html file")
    host = parts.hostname
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    })
    opener = urllib.request.build_opener(_Redirects())
    started = time.monotonic()
    deadline = started + timeout * TOTAL_SECONDS_PER_TIMEOUT
    try:
        with opener.open(request, timeout=timeout) as response:
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
            content = _read(response, url, max_bytes, encoding, deadline, timeout)
    except PageError:
        raise
    except urllib.error.HTTPError as exc:
        raise PageError(url, _http_error_message(exc.code, exc.reason or "")) from None
    except urllib.error.URLError as exc:
        raise PageError(url, _network_error_message(exc.reason, host, timeout)) from None
    except (TimeoutError, socket.timeout) as exc:
        raise PageError(url, _network_error_message(exc, host, timeout)) from None
    except (http.client.HTTPException, ConnectionError) as exc:
        raise PageError(url, f"the connection broke before the page arrived ({type(exc).__name__}); try again later") from None
    except OSError as exc:
        raise PageError(url, _network_error_message(exc, host, timeout)) from None
    return FetchedPage(url=url, final_url=final_url, content=content, charset=charset)


def _read(response, url: str, max_bytes: int, encoding: str, deadline: float, timeout: float) -> bytes:  # noqa: ANN001
    """Read the body in pieces, within the size limit and the deadline, decompressing as it comes."""
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = zlib.decompressobj()
    elif encoding in ("identity", ""):
        inflater = None
    else:
        raise PageError(url, f"the server sent the page compressed as {encoding!r}, which add cannot read")
    parts: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise PageError(url, f"the page did not finish arriving within {timeout * TOTAL_SECONDS_PER_TIMEOUT:g} seconds; nothing was kept")
        chunk = response.read1(_CHUNK)  # what has arrived, so the deadline is checked as bytes trickle in
        if not chunk:
            break
        if inflater is not None:
            try:
                chunk = inflater.decompress(chunk, max_bytes + 1 - size)
            except zlib.error:
                raise PageError(url, "the server sent a damaged compressed page") from None
        size += len(chunk)
        if size > max_bytes:
            raise PageError(url, f"the page is over the {max_bytes:,}-byte limit; nothing was kept")
        parts.append(chunk)
    if inflater is not None:
        parts.append(inflater.flush())
        if sum(map(len, parts)) > max_bytes:
            raise PageError(url, f"the page is over the {max_bytes:,}-byte limit; nothing was kept")
    return b"".join(parts)

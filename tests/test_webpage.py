"""Tests for analysis.io.webpage: the article and its metadata out of a web page.

Expected texts and metadata were written by hand from the fixture pages in
tests/fixtures/web/ (each page's HTML says what the article is and what is
page furniture), not copied from the extractor's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from analysis.io.webpage import (
    PageError,
    body_paragraphs,
    compose_body,
    decode_html,
    extract_article,
    extraction_doubts,
    index_signals,
    is_url,
)

WEB = Path(__file__).parent / "fixtures" / "web"

# The news page's article, paragraph by paragraph, as the HTML has it; the two
# paragraphs of the <blockquote> get the multi-paragraph quotation marks.
NEWS_BODY = "\n\n".join([
    "Riverside’s city council voted 5–2 on Wednesday night to close the Eastside branch library at the end "
    "of June, ending more than sixty years of service in the neighbourhood.",
    "“We have no choice,” said Mayor Tom Reyes, who cast the deciding vote. “The building needs repairs we "
    "cannot pay for.”",
    "Residents who packed the council chamber disagreed. Ana Whitfield, who has taken her children to the "
    "branch every Saturday for a decade, told the council the decision would hurt families without cars.",
    "“The bus to the central library takes forty minutes each way,” she said. “For a lot of people here, "
    "this branch is the only library they can reach.",
    "“You are asking children to give up the one quiet place they have after school.”",
    "In a letter read aloud before the vote, the library’s board of trustees asked the council to delay its "
    "decision. The letter reads:",
    "“The Eastside branch lent more than 40,000 books last year and hosted 300 events for children and "
    "older residents.",
    "“We ask the council to wait until the state grant programme announces its awards in September before "
    "closing a building that the neighbourhood depends on.”",
    "Councillor Priya Desai, one of the two members who voted against the closure, called the timing "
    "“reckless” and said she would ask the council to reconsider in April.",
    "The council’s budget documents put the cost of repairing the branch’s roof and heating system at $1.2 "
    "million, money the city says it does not have after two years of falling property tax receipts.",
    "The city plans to run a mobile library van on Eastside two days a week from July. Books on loan from "
    "the branch can be returned at any other city library without late fees until the end of August.",
]) + "\n"

# Page furniture on each fixture page: none of it may reach the text.
FURNITURE = {
    "news-page.html": [
        "cookies", "Home", "Sport", "Weather", "Breaking", "Road closures", "Advertisement", "Harbor Furniture",
        "Lakeside Credit Union", "Sunny Dental", "Share on", "Email this story", "opened in 1962", "Photo:",
        "Courier staff", "morning briefing", "Sign up", "Related stories", "Library budget faces",
        "Most read", "otters", "Comments", "riverfan88", "Terrible decision", "fiscal sense",
        "All rights reserved", "Privacy policy", "Terms of use", "Local", "By Maria Lopez", "March 14, 2024",
    ],
    "jsonld-page.html": ["Politics", "Subscribe", "Posted in", "Tagged", "Harbor Media Group", "powered"],
    "meta-only-page.html": ["Front page", "What's on", "Classifieds", "Log in", "12 Mill Lane", "Letters to"],
    "cp1252-page.html": ["About the Gazette", "By Zo", "Published 16 March", "Gazette ©"],
}


def _page(name: str):
    return extract_article((WEB / name).read_bytes(), WEB / name)


# ----------------------------------------------------------------------------
# whole pages


def test_news_page_gives_the_article_paragraph_by_paragraph():
    article = _page("news-page.html")
    assert article.text == NEWS_BODY
    assert article.quoted_block_paragraphs == 2
    assert article.doubts == ()


@pytest.mark.parametrize("name", sorted(FURNITURE))
def test_no_page_furniture_in_the_text(name):
    text = _page(name).text
    for piece in FURNITURE[name]:
        assert piece not in text, piece


@pytest.mark.parametrize(
    ("name", "pull_quote"),
    [("news-page.html", "We have no choice"), ("jsonld-page.html", "Nobody on this council wanted to close a library")],
)
def test_pull_quote_is_not_repeated(name, pull_quote):
    assert _page(name).text.count(pull_quote) == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("news-page.html", {
            "title": "Council votes to close Eastside library", "author": "Maria Lopez",
            "published": "2024-03-14", "site_name": "The Riverside Courier", "language": "en",
            "url": "https://riverside-courier.example/news/2024/03/14/eastside-library-closure",
        }),
        # JSON-LD only: the headline differs from <title>, the address is in "url"/"mainEntityOfPage"
        ("jsonld-page.html", {
            "title": "Eastside library to shut in June after council vote", "author": "Sam Okafor",
            "published": "2024-03-15", "site_name": "Harbor Times", "language": "en-GB",
            "url": "https://harbor-times.example/local/eastside-library-to-shut",
        }),
        # meta tags only: <title> is the site name; the byline is not in the text
        ("meta-only-page.html", {
            "title": "Parents plan read-in to save Eastside library", "author": "Jordan Lee",
            "published": "2024-03-18", "site_name": "Valley Weekly", "language": "en",
            "url": "https://valley-weekly.example/2024/03/18/read-in",
        }),
        # windows-1252 bytes, a visible byline and date, no address anywhere
        ("cp1252-page.html", {
            "title": "Café owners fear for Eastside after library vote", "author": "Zoë Brontë",
            "published": "2024-03-16", "site_name": "Eastside Gazette", "language": "en", "url": None,
        }),
    ],
    ids=["news", "json-ld", "meta-only", "windows-1252"],
)
def test_metadata(name, expected):
    article = _page(name)
    assert {key: getattr(article, key) for key in expected} == expected


def test_windows_1252_page_is_decoded_by_its_meta_charset():
    article = _page("cp1252-page.html")
    assert article.encoding == "cp1252"
    assert "\ufffd" not in article.text
    assert "“On Saturday mornings half my tables are library families,” said José Peña" in article.text
    assert "€1.1 million — about $1.2 million —" in article.text
    assert "It’s the opposite." in article.text


def test_index_page_is_doubtful_for_three_reasons():
    article = _page("index-page.html")
    assert article.published is None  # no date is guessed from the links' addresses
    assert len(article.doubts) == 3
    short, no_date, index = article.doubts
    assert short.startswith("very short text (")
    assert no_date == "no publication date found on the page"
    assert index.startswith("looks like an index of articles, not one article (it holds 5 separate <article> blocks")


def test_saved_from_comment_gives_the_address():
    page = (
        b"<!DOCTYPE html>\n<!-- saved from url=(0035)https://paper.example/2024/a-story -->\n<html><head>"
        b"<title>A story</title></head><body><article><p>" + b"Words in a sentence that goes on. " * 10
        + b"</p></article></body></html>"
    )
    assert extract_article(page, "saved.html").url == "https://paper.example/2024/a-story"


def test_fetch_address_is_the_fallback_url():
    page = b"<html><body><article><p>" + b"A plain sentence of the article. " * 20 + b"</p></article></body></html>"
    assert extract_article(page, "x", url="https://paper.example/x").url == "https://paper.example/x"
    assert extract_article(page, "x").url is None


@pytest.mark.parametrize(
    ("data", "pattern"),
    [
        (b"", "does not look like a web page"),
        (b"Just a line of plain text, no markup.", "does not look like a web page"),
        (b"<html><head><title>App</title></head><body><script>render();</script></body></html>",
         "no article text found on this page .* use new-story"),
    ],
    ids=["empty", "plain-text", "no-text"],
)
def test_pages_without_an_article_are_refused(data, pattern):
    with pytest.raises(PageError, match=pattern):
        extract_article(data, "page.html")


def test_page_error_keeps_the_address_as_typed():
    err = PageError("https://paper.example/a?b=1", "gone")
    assert str(err) == err.one_line() == "https://paper.example/a?b=1: gone"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", False), ("https://a.example/x", True), ("HTTP://A.EXAMPLE", True), ("ftp://a.example", False),
     ("page.html", False), ("www.a.example/x", False)],
)
def test_is_url(text, expected):
    assert is_url(text) is expected


# ----------------------------------------------------------------------------
# decoding


@pytest.mark.parametrize(
    ("data", "declared", "text", "codec"),
    [
        (b"", None, "", "utf-8"),
        (b"<p>caf\xc3\xa9</p>", None, "<p>café</p>", "utf-8"),
        (b"<meta charset='windows-1252'><p>caf\xe9</p>", None, "<meta charset='windows-1252'><p>café</p>", "cp1252"),
        # iso-8859-1 and us-ascii labels mean windows-1252 on the web: 0x93/0x94 are curly quotes
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">\x93x\x94', None,
         '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">“x”', "cp1252"),
        # the server's charset comes before the page's meta tag
        (b"<meta charset=windows-1252><p>caf\xc3\xa9", "utf-8", "<meta charset=windows-1252><p>café", "utf-8"),
        (b"\xef\xbb\xbf<p>x</p>", "windows-1252", "<p>x</p>", "utf-8"),
        (b"\xff\xfe<\x00p\x00>\x00\xe9\x00", None, "<p>é", "utf-16-le"),
        (b"<p>caf\xe9</p>", None, "<p>café</p>", "cp1252"),  # not UTF-8, nothing declared
        (b"<meta charset=x-nonsense><p>caf\xe9", None, "<meta charset=x-nonsense><p>café", "cp1252"),
    ],
    ids=["empty", "utf-8", "meta", "latin-1-label", "header-first", "bom", "utf-16-bom", "sniffed", "unknown-label"],
)
def test_decode_html(data, declared, text, codec):
    assert decode_html(data, declared) == (text, codec, None)


def test_decode_html_replaces_bytes_that_break_the_declared_charset():
    text, codec, doubt = decode_html(b"<meta charset=utf-8><p>caf\xe9 \xe9</p>")
    assert (text, codec) == ("<meta charset=utf-8><p>caf\ufffd \ufffd</p>", "utf-8")
    assert doubt == "some bytes are not valid utf-8 and were replaced by \ufffd (2 characters)"


# ----------------------------------------------------------------------------
# the body


def _body(xml: str):
    return etree.fromstring(xml)


def test_body_paragraphs_from_the_extractor_tree():
    body = _body(
        "<body><p>One <hi rend='#b'>two</hi>\n   three</p>"
        "<quote><p>Q1</p><p>Q2 <ref target='x'>link</ref></p></quote>"
        "<list><item>a</item><item>b</item></list>"
        "<p>line<lb/>  break</p><p>no\u00a0break space</p><p>   </p><p>old <lb/> \n <lb/><lb/>style<lb/></p>"
        "<table><row><cell>x</cell><cell>y</cell></row><row><cell>1</cell><cell>2</cell></row></table>"
        "<quote>Bare quote text</quote></body>"
    )
    assert body_paragraphs(body) == [
        ("One two three", None),
        ("Q1", 1),
        ("Q2 link", 1),
        ("a", None),
        ("b", None),
        ("line\nbreak", None),
        ("no\u00a0break space", None),
        ("old", None),
        ("style", None),
        ("x\ty\n1\t2", None),
        ("Bare quote text", 2),
    ]


def test_body_paragraphs_of_nothing():
    assert body_paragraphs(None) == []
    assert body_paragraphs(_body("<body/>")) == []


@pytest.mark.parametrize(
    ("paragraphs", "title", "expected", "marked"),
    [
        ([], None, "", 0),
        ([("Headline", None), ("Text.", None)], "Headline", "Text.\n", 0),
        ([("headline ", None), ("Text.", None)], "Headline", "Text.\n", 0),
        ([("Headline", None), ("Text.", None)], None, "Headline\n\nText.\n", 0),
        # a block quotation without marks: opening mark on each paragraph, closing mark on the last
        ([("It reads:", None), ("One.", 1), ("Two.", 1), ("After.", None)], None,
         "It reads:\n\n“One.\n\n“Two.”\n\nAfter.\n", 2),
        # two block quotations are two quotes
        ([("A:", None), ("One.", 1), ("B:", None), ("Two.", 2)], None, "A:\n\n“One.”\n\nB:\n\n“Two.”\n", 2),
        # an article quoting with single marks gets single marks
        ([("'Yes,' she said.", None), ("Block.", 1)], None, "'Yes,' she said.\n\n‘Block.’\n", 1),
        ([("\"Yes,\" she said; it's late.", None), ("Block.", 1)], None,
         "\"Yes,\" she said; it's late.\n\n“Block.”\n", 1),
        # a block quotation that already has its marks is left alone
        ([("x", None), ("“Q,” she said.", 1)], None, "x\n\n“Q,” she said.\n", 0),
        ([("x", None), ("‘Q’", 1)], None, "x\n\n‘Q’\n", 0),
    ],
    ids=["empty", "title-dropped", "title-spacing", "no-title", "multi-paragraph", "two-quotes", "single-style",
         "straight-double", "already-quoted", "already-single"],
)
def test_compose_body(paragraphs, title, expected, marked):
    assert compose_body(paragraphs, title) == (expected, marked)


# ----------------------------------------------------------------------------
# doubts


@pytest.mark.parametrize(
    ("page_type", "n_articles", "paragraph_words", "n_words", "expected"),
    [
        (None, 0, [], 0, []),
        ("article", 1, [30, 40, 25, 35], 500, []),
        ("NewsArticle", 2, [8, 30, 40, 25], 400, []),
        ("CollectionPage", 0, [30, 30], 400, ["the page calls itself a 'CollectionPage', not an article"]),
        (None, 3, [30, 30], 400, ["it holds 3 separate <article> blocks"]),
        (None, 0, [5, 6, 7, 30], 400, ["3 of its 4 paragraphs are headline-length"]),
        (None, 0, [5, 6, 30], 400, []),  # too few paragraphs to judge
        ("website", 0, [30, 40, 50, 60], 400, []),  # article pages use 'website' too: not alone
        ("website", 0, [30, 40], 100, ["the page calls itself a 'website', as home and section pages do"]),
    ],
    ids=["empty", "article", "one-short", "listing-type", "articles", "headlines", "few", "website-long",
         "website-short"],
)
def test_index_signals(page_type, n_articles, paragraph_words, n_words, expected):
    assert index_signals(page_type, n_articles, paragraph_words, n_words) == expected


@pytest.mark.parametrize(
    ("n_words", "published", "reasons", "expected_starts"),
    [
        (0, None, (), ["very short text (0 words;", "no publication date"]),
        (149, "2024-01-01", (), ["very short text (149 words;"]),
        (150, "2024-01-01", (), []),
        (900, None, (), ["no publication date"]),
        (900, "2024-01-01", ("it holds 4 separate <article> blocks",),
         ["looks like an index of articles, not one article (it holds 4 separate <article> blocks)"]),
    ],
)
def test_extraction_doubts(n_words, published, reasons, expected_starts):
    doubts = extraction_doubts(n_words, published, reasons)
    assert len(doubts) == len(expected_starts)
    for doubt, start in zip(doubts, expected_starts):
        assert doubt.startswith(start)


def test_markup_that_starts_with_a_comment_is_still_read():
    page = b"<!-- exported by a reader app -->\n<body><p>" + b"One more sentence of the story. " * 12 + b"</p></body>"
    article = extract_article(page, "export.html")
    assert article.text == ("One more sentence of the story. " * 12).strip() + "\n"

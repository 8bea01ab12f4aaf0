"""Tests for analysis.io.ingest (``python -m analysis add``) and the writer it shares with new-story.

Web addresses are served by a local server on 127.0.0.1 (tests/local_web.py);
no other host is ever contacted.
"""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.io.corpus import load_story
from analysis.core.errors import InputError
from analysis.io.ingest import add_articles, normalise_url, text_key
from analysis.io.new_story import create_story, free_article_id, front_matter, plan_article, slugify, write_articles
from analysis.speech.quotes import extract_quotes
from analysis.text.document import make_document
from local_web import WEB, no_proxy, web  # noqa: F401 - fixtures

NOW = dt.datetime(2024, 3, 20, 9, 30, 5, tzinfo=dt.timezone.utc)
PAGES = ["news-page.html", "jsonld-page.html", "meta-only-page.html", "cp1252-page.html", "index-page.html"]
ROOT = Path(__file__).resolve().parent.parent


pytestmark = pytest.mark.usefixtures("no_proxy")  # the local server, never a proxy


@pytest.fixture(scope="module")
def added_story(tmp_path_factory) -> Path:
    """A story made with `add` from every fixture page."""
    story = tmp_path_factory.mktemp("added") / "story"
    add_articles(story, [str(WEB / p) for p in PAGES], now=NOW)
    return story


def _by_id(story: Path):
    return {a.article_id: a for a in load_story(story).articles}


# ----------------------------------------------------------------------------
# the files written


def test_one_loadable_file_per_page(added_story):
    articles = _by_id(added_story)
    assert sorted(articles) == sorted(Path(p).stem for p in PAGES)


def test_front_matter_of_the_news_page(added_story):
    text = (added_story / "news-page.md").read_text(encoding="utf-8")
    assert text.startswith(
        "---\n"
        "outlet: The Riverside Courier\n"
        "title: Council votes to close Eastside library\n"
        "author: Maria Lopez\n"
        "published: '2024-03-14'\n"
        "url: https://riverside-courier.example/news/2024/03/14/eastside-library-closure\n"
        "language: en\n"
        "source_file: news-page.html\n"
        "retrieved: '2024-03-20T09:30:05Z'\n"
        "notes: 'Added with `add` from the saved page news-page.html; the text and metadata were extracted "
        "automatically: compare them with the page. Outlet from the site name the page gives. 2 paragraphs "
        "of block quotation put in quotation marks (the page set them off as a quotation).'\n"
        "---\n"
        "Riverside’s city council voted 5–2 on Wednesday night"
    )


@pytest.mark.parametrize(
    ("article_id", "outlet", "title", "author", "published"),
    [
        ("news-page", "The Riverside Courier", "Council votes to close Eastside library", "Maria Lopez", "2024-03-14"),
        ("jsonld-page", "Harbor Times", "Eastside library to shut in June after council vote", "Sam Okafor",
         "2024-03-15"),
        ("meta-only-page", "Valley Weekly", "Parents plan read-in to save Eastside library", "Jordan Lee",
         "2024-03-18"),
        ("cp1252-page", "Eastside Gazette", "Café owners fear for Eastside after library vote", "Zoë Brontë",
         "2024-03-16"),
        ("index-page", "The Riverside Courier", "Local news", None, None),
    ],
)
def test_metadata_as_loaded(added_story, article_id, outlet, title, author, published):
    article = _by_id(added_story)[article_id]
    assert article.outlet == outlet
    assert (article.meta["title"], article.meta["author"], article.meta["published"]) == (title, author, published)
    assert article.meta["retrieved"] == "2024-03-20T09:30:05Z"
    assert article.meta["source_file"] == f"{article_id}.html"


def test_body_is_the_article_without_furniture(added_story):
    body = _by_id(added_story)["news-page"].body
    assert body.startswith("Riverside’s city council voted 5–2")
    assert body.endswith("without late fees until the end of August.\n")
    for furniture in ("Advertisement", "Harbor Furniture", "Photo:", "Sign up", "Related stories", "riverfan88",
                      "All rights reserved", "Share on", "cookies"):
        assert furniture not in body
    assert body.count("We have no choice") == 1  # the pull quote is not a second quote


def test_quotes_are_found_in_the_added_article(added_story):
    article = _by_id(added_story)["news-page"]
    quotes = extract_quotes(make_document(article.body, article.article_id))
    by_text = {article.body[q.start:q.end]: q for q in quotes}
    reyes = by_text["We have no choice,"]
    assert (reyes.speaker, reyes.verb, reyes.kind) == ("Tom Reyes", "said", "full")
    # Ana Whitfield's quote runs over two paragraphs: one quote_id, opened again in the second
    first = by_text["For a lot of people here, this branch is the only library they can reach."]
    second = by_text["You are asking children to give up the one quiet place they have after school."]
    assert first.quote_id == second.quote_id and first.speaker == second.speaker == "Ana Whitfield"
    assert second.paragraph == first.paragraph + 1
    # the <blockquote>: two paragraphs of one quotation, found as one multi-paragraph quote
    letter_1 = by_text["The Eastside branch lent more than 40,000 books last year and hosted 300 events for "
                       "children and older residents."]
    letter_2 = by_text["We ask the council to wait until the state grant programme announces its awards in "
                       "September before closing a building that the neighbourhood depends on."]
    assert letter_1.quote_id == letter_2.quote_id != first.quote_id
    assert by_text["reckless"].kind == "partial"
    assert len(quotes) == 8


def test_quotes_in_a_single_quote_article(added_story):
    article = _by_id(added_story)["meta-only-page"]
    quotes = extract_quotes(make_document(article.body, article.article_id))
    speakers = [(q.speaker, article.body[q.start:q.end][:20]) for q in quotes if q.kind == "full"]
    assert speakers == [
        ("Grace Moreno", "We want the council "),
        ("Grace Moreno", "It is not empty room"),
        ("Ahmed Karimi", "You cannot do homewo"),
    ]


def test_doubtful_page_is_written_with_its_doubts_in_notes(added_story):
    notes = _by_id(added_story)["index-page"].meta["notes"]
    assert "Doubtful extraction: very short text (" in notes
    assert "no publication date found on the page" in notes
    assert "looks like an index of articles, not one article" in notes
    assert "Doubtful" not in _by_id(added_story)["news-page"].meta["notes"]


def test_metrics_and_quotes_commands_run_on_the_added_story(added_story, capsys):
    assert main(["metrics", str(added_story)]) == 0
    rows = capsys.readouterr().out.strip().splitlines()
    assert len(rows) == 1 + len(PAGES)
    assert main(["quotes", str(added_story), "--format", "json"]) == 0
    assert '"speaker": "Tom Reyes"' in capsys.readouterr().out


@pytest.mark.slow
def test_report_renders_on_the_added_story(added_story, tmp_path, capsys):
    assert main(["report", str(added_story), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "index.html").is_file()


# ----------------------------------------------------------------------------
# duplicates and overwriting


def test_re_adding_is_skipped_as_a_duplicate(added_story, tmp_path):
    story = tmp_path / "s"
    shutil.copytree(added_story, story)
    before = {p.name: p.read_bytes() for p in story.iterdir()}
    renamed = tmp_path / "gazette copy.html"  # no address on this page: only the text can match
    shutil.copy(WEB / "cp1252-page.html", renamed)
    result = add_articles(story, [str(WEB / "news-page.html"), str(renamed)], now=NOW)
    assert result.added == ()
    assert [(s.source, s.reason) for s in result.skipped] == [
        (str(WEB / "news-page.html"), "duplicate of news-page.md (the same address)"),
        (str(renamed), "duplicate of cp1252-page.md (the same text)"),
    ]
    assert {p.name: p.read_bytes() for p in story.iterdir()} == before


def test_same_text_pasted_with_new_story_is_a_duplicate(tmp_path):
    pasted = tmp_path / "gazette.txt"
    article = add_articles(tmp_path / "probe", [str(WEB / "cp1252-page.html")], now=NOW)
    body = load_story(tmp_path / "probe").articles[0].body
    assert article.added
    pasted.write_text(body.replace("\n\n", "\n \n"), encoding="utf-8")  # other spacing, same words
    create_story(tmp_path / "s", [pasted], ["Eastside Gazette"])
    result = add_articles(tmp_path / "s", [str(WEB / "cp1252-page.html")], now=NOW)
    assert [s.reason for s in result.skipped] == ["duplicate of gazette.md (the same text)"]


def test_a_source_given_twice_is_added_once(tmp_path):
    page = str(WEB / "jsonld-page.html")
    result = add_articles(tmp_path / "s", [page, page], now=NOW)
    assert [a.path.name for a in result.added] == ["jsonld-page.md"]
    assert [s.reason for s in result.skipped] == ["duplicate of jsonld-page.md (the same address)"]


def test_an_existing_file_is_never_overwritten(tmp_path):
    story = tmp_path / "s"
    story.mkdir()
    mine = story / "news-page.md"
    mine.write_bytes(b"---\noutlet: Hand made\n---\nA different article about something else.\n")
    result = add_articles(story, [str(WEB / "news-page.html")], now=NOW)
    assert [a.path.name for a in result.added] == ["news-page-2.md"]
    assert mine.read_bytes() == b"---\noutlet: Hand made\n---\nA different article about something else.\n"


def test_nothing_is_written_when_one_source_fails(tmp_path):
    with pytest.raises(InputError, match=r"missing\.html: no such file"):
        add_articles(tmp_path / "s", [str(WEB / "news-page.html"), str(tmp_path / "missing.html")], now=NOW)
    assert not (tmp_path / "s").exists()


# ----------------------------------------------------------------------------
# outlets, ids, sources


def test_outlet_names_given_one_per_source(tmp_path):
    add_articles(tmp_path / "s", [str(WEB / "news-page.html"), str(WEB / "jsonld-page.html")],
                 ["Outlet 1", "Outlet 2"], now=NOW)
    articles = _by_id(tmp_path / "s")
    assert (articles["news-page"].outlet, articles["jsonld-page"].outlet) == ("Outlet 1", "Outlet 2")
    assert "Outlet given with --outlet." in articles["news-page"].meta["notes"]


def test_outlet_count_must_match(tmp_path):
    with pytest.raises(InputError, match="2 --outlet names for 1 sources; give one per source, in order"):
        add_articles(tmp_path / "s", [str(WEB / "news-page.html")], ["A", "B"])


@pytest.mark.parametrize(
    ("page", "outlet", "note"),
    [
        (b'<html><head><link rel="canonical" href="https://www.paper.example/a"></head><body><article><p>'
         + b"A sentence of the story. " * 8 + b"</p></article></body></html>",
         "paper.example", "Outlet from the web address (the page names no site): check it."),
        (b"<html><head><title>x</title></head><body><article><p>" + b"A sentence of the story. " * 8
         + b"</p></article></body></html>", "Local Paper", "Outlet from the file name (the page names no site): check it."),
    ],
    ids=["address", "file-name"],
)
def test_outlet_fallbacks_are_said_in_notes(tmp_path, page, outlet, note):
    source = tmp_path / "Local Paper.html"
    source.write_bytes(page)
    add_articles(tmp_path / "s", [str(source)], now=NOW)
    (article,) = load_story(tmp_path / "s").articles
    assert article.outlet == outlet
    assert note in article.meta["notes"]
    assert article.article_id == "local-paper"


@pytest.mark.parametrize(
    ("data", "pattern"),
    [
        (b"%PDF-1.7\n...", "is a PDF document, not a web page"),
        (b"\x00\x01\x02 binary", "looks like a binary file, not a web page"),
        (b"Plain text of an article, no markup at all.", "does not look like a web page .* use new-story"),
        (b"", "does not look like a web page"),
    ],
    ids=["pdf", "binary", "plain-text", "empty"],
)
def test_files_that_are_not_web_pages(tmp_path, data, pattern):
    source = tmp_path / "page.html"
    source.write_bytes(data)
    with pytest.raises(InputError, match=pattern):
        add_articles(tmp_path / "s", [str(source)])


@pytest.mark.parametrize("source", ["file:///etc/passwd", "ftp://127.0.0.1/page.html", "mailto:desk@paper.example"])
def test_an_address_add_cannot_fetch_is_named_exactly(tmp_path, capsys, source):
    assert main(["add", str(tmp_path / "s"), source]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"error: {source}: is not an address add can fetch (only http:// and https://); "
                   "for a page saved on this computer, give its path\n")
    assert not (tmp_path / "s").exists()


def test_address_without_scheme_gets_a_hint(tmp_path):
    with pytest.raises(InputError, match="no such file; for a web address, start it with https://"):
        add_articles(tmp_path / "s", ["www.paper.example/news/story"])


def test_saved_file_over_the_size_limit(tmp_path):
    with pytest.raises(InputError, match=r"news-page\.html: file is [\d,]+ bytes, over the 1,000-byte limit"):
        add_articles(tmp_path / "s", [str(WEB / "news-page.html")], max_bytes=1_000)


# ----------------------------------------------------------------------------
# web addresses (local server)


def test_add_from_a_web_address(web, tmp_path):
    result = add_articles(tmp_path / "s", [web.url("/news.html"), web.url("/jsonld.html")], now=NOW)
    names = [a.path.name for a in result.added]
    assert names == ["council-votes-to-close-eastside-library.md", "eastside-library-to-shut-in-june-after-council-vote.md"]
    articles = _by_id(tmp_path / "s")
    news = articles["council-votes-to-close-eastside-library"]
    assert news.meta["url"] == "https://riverside-courier.example/news/2024/03/14/eastside-library-closure"
    assert "source_file" not in news.meta
    assert f"Fetched from {web.url('/news.html')}." in news.meta["notes"]
    assert news.body == load_story_body(WEB / "news-page.html", tmp_path)


def load_story_body(page: Path, tmp_path: Path) -> str:
    add_articles(tmp_path / "from-file", [str(page)], now=NOW)
    return load_story(tmp_path / "from-file").articles[0].body


def test_the_same_article_at_another_address_is_a_duplicate(web, tmp_path):
    add_articles(tmp_path / "s", [web.url("/news.html")], now=NOW)
    result = add_articles(tmp_path / "s", [web.url("/news-again.html"), str(WEB / "news-page.html")], now=NOW)
    assert result.added == ()
    assert [s.reason for s in result.skipped] == ["duplicate of council-votes-to-close-eastside-library.md "
                                                  "(the same address)"] * 2


def test_windows_1252_page_over_http(web, tmp_path):
    add_articles(tmp_path / "s", [web.url("/gazette.html")], now=NOW)
    (article,) = load_story(tmp_path / "s").articles
    assert "José Peña" in article.body and "€1.1 million" in article.body
    # the page names no address of its own: the one it was fetched from is the article's address
    assert article.meta["url"] == web.url("/gazette.html")
    assert "Fetched from" not in article.meta["notes"]


def test_add_command_prints_files_and_warnings(web, tmp_path, capsys):
    story = tmp_path / "s"
    assert main(["add", str(story), web.url("/news.html"), web.url("/index.html")]) == 0
    out, err = capsys.readouterr()
    assert [Path(line).name for line in out.splitlines()] == ["council-votes-to-close-eastside-library.md",
                                                               "local-news.md"]
    assert err.splitlines()[0] == f"warning: {web.url('/index.html')}: very short text (50 words; news articles " \
                                  "usually run to several hundred): check that the whole article was extracted"
    assert len(err.splitlines()) == 3
    assert main(["add", str(story), web.url("/news.html")]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"skipped {web.url('/news.html')}: duplicate of council-votes-to-close-eastside-library.md " \
                  "(the same address)\n"


def test_add_reads_a_brotli_page_as_the_same_article(web, tmp_path, capsys):
    assert main(["add", str(tmp_path / "plain"), web.url("/news.html")]) == 0
    assert main(["add", str(tmp_path / "br"), web.url("/brotli.html")]) == 0
    plain, br = (next((tmp_path / d).glob("*.md")).read_text(encoding="utf-8") for d in ("plain", "br"))
    body = plain.split("\n---\n", 1)[1]
    assert body.strip() and br.split("\n---\n", 1)[1] == body


@pytest.mark.parametrize(
    ("path", "pattern"),
    [("/missing", "answered 404 Not Found"), ("/report.pdf", "is not a web page"),
     # these two wait out the 3-second deadline: make test runs them, make test-fast does not
     pytest.param("/slow", "no answer within 3 seconds", marks=pytest.mark.slow),
     pytest.param("/header-drip.html", "did not finish arriving within 3 seconds", marks=pytest.mark.slow),
     ("/gzip-cut-then-junk.html", "the server sent a damaged compressed page")],
)
def test_add_command_network_errors_exit_2_with_one_line(web, tmp_path, capsys, path, pattern):
    argv = ["add", str(tmp_path / "s"), web.url("/news.html"), web.url(path), "--timeout", "3"]
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"error: {web.url(path)}: ") and pattern in err
    assert err.count("\n") == 1
    assert not (tmp_path / "s").exists()  # the page that worked is not written either


# ----------------------------------------------------------------------------
# offline: only `add` with an address touches the network


@pytest.fixture
def no_sockets(monkeypatch):
    attempts: list[str] = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args))
        raise OSError("network blocked by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def test_other_commands_work_with_sockets_blocked(no_sockets, added_story, tmp_path, capsys):
    text = tmp_path / "pasted.txt"
    text.write_text("A pasted article. “Quoted,” she said.\n", encoding="utf-8")
    assert main(["add", str(tmp_path / "s"), str(WEB / "news-page.html"), str(WEB / "meta-only-page.html")]) == 0
    assert main(["new-story", str(tmp_path / "s"), str(text), "--outlet", "Paste"]) == 0
    for command in ("metrics", "quotes", "speakers", "frames"):
        assert main([command, str(tmp_path / "s")]) == 0, command
    assert main(["metrics", str(added_story), "--by", "outlet"]) == 0
    assert no_sockets == []
    capsys.readouterr()
    assert main(["add", str(tmp_path / "s"), "http://127.0.0.1:9/page.html"]) == 2
    assert "network error: network blocked by the test" in capsys.readouterr().err
    assert len(no_sockets) == 1  # one attempt, no retry


@pytest.mark.slow
def test_importing_the_package_does_not_load_trafilatura():
    code = (
        "import sys\n"
        "import analysis, analysis.cli, analysis.io.ingest, analysis.io.webpage, analysis.io.fetch, analysis.io.new_story\n"
        "from analysis.cli import main\n"
        "assert main(['metrics', 'corpus/askmoreofhim', '--out', '-']) == 0\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('trafilatura', 'htmldate', 'justext', 'courlan'))\n"
        "print(loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


# ----------------------------------------------------------------------------
# helpers: addresses, fingerprints, the shared writer


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("", None),
        (None, None),
        ("https://www.Paper.example/news/a/?utm_source=x&id=3#comments", "paper.example/news/a?id=3"),
        ("http://paper.example:80/news/a", "paper.example/news/a"),
        ("https://paper.example:8443/a", "paper.example:8443/a"),
        ("https://paper.example", "paper.example/"),
        ("https://paper.example/a?b=2&a=1&fbclid=zz", "paper.example/a?a=1&b=2"),
    ],
)
def test_normalise_url(url, expected):
    assert normalise_url(url) == expected


def test_text_key_ignores_spacing_and_case():
    assert text_key("One  two\n\nThree") == text_key("one two three\n")
    assert text_key("One two") != text_key("One two three")
    assert text_key("") == text_key("  \n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", ""), ("Council votes: to close!", "council-votes-to-close"), ("  --  ", ""),
     ("a" * 70, "a" * 60), ("word " * 20, "word-word-word-word-word-word-word-word-word-word-word-word")],
)
def test_slugify(text, expected):
    assert slugify(text) == expected


def test_free_article_id(tmp_path):
    (tmp_path / "story.md").write_text("x", encoding="utf-8")
    assert free_article_id("other", tmp_path) == "other"
    assert free_article_id("story", tmp_path) == "story-2"
    assert free_article_id("Story", tmp_path, ["story-2"]) == "Story-3"
    assert free_article_id("x", tmp_path / "missing") == "x"


def test_front_matter_keeps_each_value_on_one_line():
    text = front_matter({"outlet": "A: B", "title": "Two\nlines\n---\nnot a fence", "author": None})
    assert text == "---\noutlet: 'A: B'\ntitle: Two lines --- not a fence\nauthor:\n---\n"


def test_writer_refuses_a_file_that_appears_after_planning(tmp_path):
    planned = [plan_article(tmp_path, "a", {"outlet": "X"}, "Text A.\n"),
               plan_article(tmp_path, "b", {"outlet": "X"}, "Text B.\n")]
    (tmp_path / "b.md").write_bytes(b"someone else's file")
    with pytest.raises(InputError, match=r"b\.md: already exists; nothing was overwritten"):
        write_articles(tmp_path, planned)
    assert (tmp_path / "b.md").read_bytes() == b"someone else's file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]  # no temporary file left behind


def test_plan_article_checks_with_the_loader(tmp_path):
    with pytest.raises(InputError, match="no 'outlet' field"):
        plan_article(tmp_path, "a", {"outlet": None}, "Text.\n")
    with pytest.raises(InputError, match="the article body is empty"):
        plan_article(tmp_path, "a", {"outlet": "X"}, "")


@pytest.mark.parametrize("value", ["0", "-1", "soon", "inf", "nan"])
def test_add_timeout_must_be_positive_seconds(tmp_path, capsys, value):
    assert main(["add", str(tmp_path / "s"), str(WEB / "news-page.html"), "--timeout", value]) == 2
    assert "expected a number of seconds above 0" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()

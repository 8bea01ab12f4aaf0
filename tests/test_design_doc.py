"""docs/design.md is the reference the code cites, and the documents name modules that exist.

Code, tests and documents cite the design document by a heading or a bold term of it, as in
``(docs/design.md, "voice")`` or ``docs/design.md ("Quotes", "Shared definitions")``. Every such
citation must name a heading (``## Quotes``) or a bold term (``**voice**``) that the document
has, word for word, so that a reader who follows it finds the definition. Every ``analysis/...``
path and every dotted ``analysis.x.y`` name in README.md and docs/*.md must exist in the package,
and every ``(#anchor)`` link of the README must lead to one of its headings.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "analysis"
DESIGN = ROOT / "docs" / "design.md"
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

SCANNED_FOLDERS = ("analysis", "benchmarks", "corpus", "docs", "gold", "notebooks", "tests")
SCANNED_FILES = ("README.md", "Makefile", "pyproject.toml")
TEXT_SUFFIXES = {".py", ".md", ".yml", ".yaml", ".txt", ".toml", ".cfg", ".j2", ".ipynb"}

_QUOTED = r"(?:\"[^\"\n]+\"|“[^”\n]+”|'[^'\n]+')"
_GAP = r"[\s#]*"  # spaces, line breaks and the '#' of a comment continued on the next line
CITATION = re.compile(
    r"docs/design\.md(?:" + _GAP + r"[,(]" + _GAP + r"|[\s#]+)"
    r"(" + _QUOTED + r"(?:" + _GAP + r"(?:,\s*and|,|and)" + _GAP + _QUOTED + r")*)"
)
"""``docs/design.md`` followed (after a comma, an opening bracket or a space) by quoted names
joined by commas or "and"."""
NAME = re.compile(_QUOTED)
HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
BOLD = re.compile(r"\*\*([^*\n]+?)\*\*")


def anchors(markdown: str) -> set[str]:
    """Every heading text and every bold term of a Markdown document, as written."""
    body = re.sub(r"^```.*?^```", "", markdown, flags=re.M | re.S)  # no headings inside code blocks
    return {h.strip() for h in HEADING.findall(body)} | {b.strip() for b in BOLD.findall(body)}


def citations(text: str) -> list[tuple[int, str]]:
    """(line, name) of every name cited from docs/design.md in ``text``."""
    out = []
    for m in CITATION.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        out += [(line, name[1:-1].strip()) for name in NAME.findall(m.group(1))]
    return out


def file_text(path: Path) -> str:
    """A file's text; a notebook's cells joined (its JSON escapes the quotation marks)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".ipynb":
        cells = json.loads(text).get("cells", [])
        text = "\n".join("".join(c.get("source", [])) for c in cells)
    return text


def scanned_files() -> list[Path]:
    """The project's own text files that may cite the design document."""
    files = [ROOT / name for name in SCANNED_FILES if (ROOT / name).is_file()]
    for folder in SCANNED_FOLDERS:
        files += [
            p for p in sorted((ROOT / folder).rglob("*"))
            if p.is_file() and p.suffix in TEXT_SUFFIXES and ".ipynb_checkpoints" not in p.parts
            and "__pycache__" not in p.parts
        ]
    return files


def all_citations() -> list[tuple[str, int, str]]:
    """(file relative to the project, line, name) of every citation in the project."""
    return [
        (path.relative_to(ROOT).as_posix(), line, name)
        for path in scanned_files()
        for line, name in citations(file_text(path))
    ]


CITATIONS = all_citations()
DESIGN_ANCHORS = anchors(DESIGN.read_text(encoding="utf-8"))


def test_citations_are_found_in_code_tests_and_documents():
    """The scan is not empty: the package and the tests both cite the design document."""
    folders = {path.split("/", 1)[0] for path, _, _ in CITATIONS}
    assert {"analysis", "tests"} <= folders, folders
    assert len(CITATIONS) >= 10


@pytest.mark.parametrize(("path", "line", "name"), CITATIONS, ids=[f"{p}:{n}:{name}" for p, n, name in CITATIONS])
def test_every_citation_names_a_heading_or_bold_term_of_the_design_document(path, line, name):
    assert name in DESIGN_ANCHORS, f"{path}:{line} cites {name!r} of the design document, which has no such heading or bold term"


def test_a_made_up_citation_is_caught(tmp_path):
    """The check above can fail: a citation of a name the document does not have."""
    doc = "docs/design" + ".md"  # written in two parts so that this file cites nothing made up
    fake = tmp_path / "module.py"
    fake.write_text(
        f'"""Pooled as defined in {doc}, "Outlet averages" and {doc},\n"voice".\n\n'
        f'Rules ({doc} ("Quotes", "Shared definitions")).\n"""\n'
        f"# one more ({doc},\n# 'CLI')\n"
        f'Names ({doc}, "voice" and "outlet figures").\n',
        encoding="utf-8",
    )
    found = citations(file_text(fake))
    assert found == [
        (1, "Outlet averages"), (1, "voice"), (4, "Quotes"), (4, "Shared definitions"), (6, "CLI"),
        (8, "voice"), (8, "outlet figures"),
    ]
    unresolved = [name for _, name in found if name not in DESIGN_ANCHORS]
    assert unresolved == ["Outlet averages"]


def test_anchors_are_headings_and_bold_terms_not_code_or_plain_words():
    text = "# Title\n\n## Shared definitions\n\n- **voice**: words\n\n```\n## not a heading\n```\nplain voice\n"
    assert anchors(text) == {"Title", "Shared definitions", "voice"}


@pytest.mark.parametrize(
    "term",
    [
        "Shared definitions", "body", "offsets", "paragraph", "sentence", "word", "voice",
        "outlet figures", "Quotes", "kinds", "speakers", "cues", "CLI", "exit codes", "provenance",
        "strict by default", "--skip-invalid", "Architecture",
    ],
)
def test_the_design_document_defines_the_shared_terms(term):
    assert term in DESIGN_ANCHORS


def test_the_design_document_defines_every_voice_and_quote_kind():
    text = DESIGN.read_text(encoding="utf-8")
    voice = text.split("- **voice**:", 1)[1].split("\n- **", 1)[0]
    for label in ("`own`", "`quoted`", "`reported`"):
        assert label in voice
    kinds = text.split("- **kinds**:", 1)[1].split("\n- **", 1)[0]
    for kind in ("`full`", "`partial`", "`name`", "`indirect`", "`mixed`"):
        assert kind in kinds
    exits = text.split("**exit codes**", 1)[1].split("\n\n**", 1)[0]
    assert [row.split("|")[1].strip() for row in exits.splitlines() if re.match(r"\| \d \|", row)] == ["0", "1", "2"]
    for column in ("package_version", "corpus_sha256"):
        assert column in text.split("**provenance**", 1)[1]


# ---------------------------------------------------------------------------
# module paths named in README.md and docs/*.md

PATH = re.compile(r"(?<![\w./-])analysis/[\w./-]*\w\.\w+|(?<![\w./-])analysis/[\w/-]+/(?![\w])")
DOTTED = re.compile(r"(?<![\w./-])analysis(?:\.\w+)+")


def _real_module(parts: list[str]) -> bool:
    """True when ``parts`` name a module file or a package folder of the project."""
    base = ROOT.joinpath(*parts)
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def dotted_problem(dotted: str) -> str | None:
    """Why ``analysis.x.y`` names nothing in the package (None when it names a module or its attribute).

    The longest prefix that is a module file is imported and the rest read as its attributes;
    an attribute that is itself a module is a short name of the public facade
    (``analysis.corpus``), not where the module lives, and is refused.
    """
    parts = dotted.split(".")
    k = max(i for i in range(1, len(parts) + 1) if _real_module(parts[:i]))
    obj = importlib.import_module(".".join(parts[:k]))
    for i, attr in enumerate(parts[k:], start=k):
        if not hasattr(obj, attr):
            return f"{'.'.join(parts[:i])} has no {attr!r}"
        obj = getattr(obj, attr)
        if inspect.ismodule(obj):
            return f"{'.'.join(parts[: i + 1])} is not a module path (the module is {obj.__name__})"
    return None


def path_problems(text: str) -> list[str]:
    """Every ``analysis/...`` path and dotted ``analysis.x.y`` name in ``text`` that does not exist."""
    problems = [f"{p}: no such file or folder" for p in sorted(set(PATH.findall(text))) if not (ROOT / p).exists()]
    for dotted in sorted(set(DOTTED.findall(text))):
        why = dotted_problem(dotted)
        if why:
            problems.append(f"{dotted}: {why}")
    return problems


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d.relative_to(ROOT).as_posix() for d in DOCUMENTS])
def test_every_module_path_a_document_names_exists(document):
    text = document.read_text(encoding="utf-8")
    if document.name == "README.md":
        assert PATH.search(text) and DOTTED.search(text), "the README names modules and data files"
    assert path_problems(text) == []


def test_the_path_check_catches_what_does_not_exist():
    text = (
        "See `analysis/speech/quotes.py`, `analysis/nowhere.py`, `analysis/data/codebooks/`, "
        "`analysis.speech.quotes.extract_quotes`, `analysis.speech.nowhere`, `analysis.corpus` and "
        "`analysis.text.document.no_such_name`."
    )
    assert path_problems(text) == [
        "analysis/nowhere.py: no such file or folder",
        "analysis.corpus: analysis.corpus is not a module path (the module is analysis.io.corpus)",
        "analysis.speech.nowhere: analysis.speech has no 'nowhere'",
        "analysis.text.document.no_such_name: analysis.text.document has no 'no_such_name'",
    ]


# ---------------------------------------------------------------------------
# README links to its own sections


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation but ``-`` and ``_`` dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_every_readme_link_to_a_section_leads_to_a_heading():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    body = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    targets = {slug(h) for h in HEADING.findall(body)}
    links = set(re.findall(r"\]\(#([^)\s]+)\)", text))
    assert links, "the README links to its own sections"
    assert sorted(links - targets) == []


def test_slugs_follow_githubs_rule():
    assert slug("Comparing outlets (`analysis.compare.passages`, `analysis.compare.kwic`)") == (
        "comparing-outlets-analysiscomparepassages-analysiscomparekwic"
    )
    assert slug("Nothing is lost") == "nothing-is-lost"
    assert slug("`batch`: `errors` (and `errors.csv`)") == "batch-errors-and-errorscsv"
    assert slug("Speakers (`quote_tables`)") == "speakers-quote_tables"

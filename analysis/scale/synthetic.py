"""Generated news articles for scale tests, benchmarks and the corpus-scale notebook.

A small grammar written for this project produces regional news stories (a
bridge, a hospital, school budgets, a wind farm) from five made-up outlets over
two years. Every article is generated from its own random stream, seeded with
``(seed, index)``, so article ``i`` is the same whether 500 or a million are
generated, in one process or many, and no article depends on another.

The outlets differ on purpose, so that a chart of the batch output has
something to find: each outlet has its own share of quoted sentences, of
hedged and boosted sentences, of negative wording and of economic and conflict
vocabulary, and two outlets drift over time (one grows more negative, one
quotes more). :data:`OUTLET_STYLES` holds these planted values; a researcher
can check that the metrics recover them.

This is not a model of real news. Sentences are short templates; articles
have 250-900 words (mean near 550). The text uses curly quotation marks,
titles with points ("Dr.", "Sen."), initialisms ("U.S."), numbers, money and
percentages, so the segmenter, the quote extractor and the readability
counts all have work to do.

Records have the fields ``article_id``, ``outlet``, ``published`` (ISO date),
``title`` and ``text``: the columns :mod:`analysis.scale.batch` reads.
"""

from __future__ import annotations

import datetime as _dt
import json
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = [
    "OUTLET_STYLES",
    "SEED",
    "OutletStyle",
    "generate_article",
    "generate_articles",
    "generate_wire_article",
    "generate_wire_story",
    "write_jsonl",
    "write_story",
    "write_wire_story",
]

SEED: int = 20240801
"""Default seed: the same seed always gives the same articles."""

FIRST_DAY = _dt.date(2023, 1, 1)
N_DAYS = 731  # 2023-01-01 .. 2024-12-31
MIN_WORDS, MAX_WORDS = 250, 900


@dataclass(frozen=True)
class OutletStyle:
    """Planted habits of one generated outlet (probabilities per sentence).

    Attributes
    ----------
    name : str
    weight : float
        Relative number of articles.
    quote : float
        Share of sentences that quote someone, at the start of the period.
    quote_drift : float
        Added to ``quote`` by the end of the period (linearly in time).
    hedge, boost : float
        Share of sentences carrying a hedge ("may", "reportedly") or a booster ("clearly").
    negative : float
        Probability that a sentence with a tone slot takes a negative word, at the start.
    negative_drift : float
        Added to ``negative`` by the end of the period.
    economic, conflict : float
        Weight of sentences about money and about disputes.
    """

    name: str
    weight: float
    quote: float
    quote_drift: float
    hedge: float
    boost: float
    negative: float
    negative_drift: float
    economic: float
    conflict: float


OUTLET_STYLES: tuple[OutletStyle, ...] = (
    OutletStyle("Northgate Courier", 1.0, 0.30, 0.00, 0.10, 0.04, 0.35, 0.00, 1.0, 1.0),
    OutletStyle("Valley Tribune", 0.8, 0.20, 0.15, 0.06, 0.10, 0.40, 0.00, 2.5, 0.6),
    OutletStyle("Metro Wire", 1.2, 0.40, 0.00, 0.04, 0.03, 0.30, 0.30, 0.6, 2.0),
    OutletStyle("Coastal Post", 0.6, 0.25, 0.00, 0.16, 0.02, 0.50, 0.00, 1.0, 1.0),
    OutletStyle("Riverside Daily", 0.9, 0.15, 0.00, 0.08, 0.12, 0.25, 0.00, 1.5, 1.5),
)
"""The generated outlets and their planted habits."""

# ------------------------------------------------------------------ word bank (written for this module)

GIVEN = [
    "Aisha", "Bruno", "Carmen", "Dev", "Elena", "Farid", "Greta", "Hugo", "Imani", "Jakob",
    "Keiko", "Luis", "Maren", "Nikhil", "Olga", "Pavel", "Quinn", "Rosa", "Samir", "Tamsin",
    "Uma", "Viktor", "Wen", "Yara", "Zoltan",
]
FAMILY = [
    "Adeyemi", "Bergstrom", "Castellano", "Dubois", "Eriksen", "Ferreira", "Gallagher",
    "Hoffmann", "Ishikawa", "Jablonski", "Kariuki", "Lacroix", "Moreau", "Novak", "Okonkwo",
    "Petrov", "Quintero", "Rasmussen", "Sorensen", "Tanaka", "Underwood", "Varga", "Whitlock",
]
HONORIFICS = ["Mayor", "Dr.", "Sen.", "Councillor", "Commissioner", "Rep.", "Professor"]
POSTS = [
    "the county's chief engineer", "a spokesperson for the port authority",
    "the chair of the finance committee", "a nurse who has worked at the hospital for a decade",
    "the head of the tenants' association", "an economist at the regional university",
    "the president of the chamber of commerce", "a teacher at Eastfield Middle School",
    "the union's regional organiser", "a bus driver who lives near the river",
]
BODIES = [
    "the county board", "the port authority", "the U.S. Department of Transportation",
    "the hospital trust", "the school district", "the regional water agency",
    "the state auditor", "the planning commission", "Greenline Energy", "the city council",
]
SUBJECTS = [
    "the Harbor Street bridge", "the new maternity ward", "the school funding formula",
    "the offshore wind farm", "the bus rapid transit line", "the flood barrier",
    "the library renovation", "the downtown rezoning", "the water treatment plant",
    "the youth employment scheme",
]
PEOPLE_GROUPS = [
    "residents", "commuters", "parents", "nurses", "shop owners", "students", "farmers",
    "pensioners", "families", "drivers", "tenants", "fishermen",
]
PLACES = ["Eastfield", "Millbrook", "Port Alder", "Southmoor", "Kestrel Bay", "Old Quay"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
POSITIVE = ["welcome", "encouraging", "a success", "a relief", "promising", "a good result"]
NEGATIVE = ["a disaster", "alarming", "a failure", "deeply worrying", "a mess", "a crisis"]
SAY_NEUTRAL = ["said", "said", "said", "told reporters", "added", "wrote in an email"]
SAY_LOADED = ["claimed", "insisted", "admitted", "conceded"]
HEDGES = ["may", "might", "could", "reportedly will", "appears to"]
BOOSTERS = ["clearly", "certainly", "undoubtedly", "obviously"]
QUOTES_POS = [
    "This is {tone} for {group} across {place}",
    "We listened to {group}, and the plan shows it",
    "Honestly, I think {subject} will be {tone}",
]
QUOTES_NEG = [
    "Frankly, {subject} has been {tone} for {group}",
    "Nobody asked {group} what they needed, and now we are paying for it",
    "I have never seen {group} this angry about {subject}",
]
QUOTES_FLAT = [
    "We expect the first phase to finish by {month}",
    "The figures will be published in full next {weekday}",
    "Our job is to get {subject} right, not to get it done fast",
]
MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]

# ------------------------------------------------------------------ sentences


class _Writer:
    """Draws sentences for one article in one outlet's style at one point in time."""

    def __init__(self, rng: random.Random, style: OutletStyle, progress: float) -> None:
        self.rng = rng
        self.style = style
        self.quote = style.quote + style.quote_drift * progress
        self.negative = min(0.95, style.negative + style.negative_drift * progress)
        self.subject = rng.choice(SUBJECTS)
        self.place = rng.choice(PLACES)
        self.people = [self._person() for _ in range(3)]

    def _person(self) -> tuple[str, str]:
        given, family = self.rng.choice(GIVEN), self.rng.choice(FAMILY)
        full = f"{self.rng.choice(HONORIFICS)} {given} {family}" if self.rng.random() < 0.3 else f"{given} {family}"
        return full, family

    def _tone(self) -> str:
        return self.rng.choice(NEGATIVE if self.rng.random() < self.negative else POSITIVE)

    def _money(self) -> str:
        if self.rng.random() < 0.5:
            return f"${self.rng.randint(2, 480)}.{self.rng.randint(1, 9)} million"
        return f"${self.rng.randint(10, 999)},{self.rng.randint(0, 999):03d}"

    def _fill(self, template: str) -> str:
        rng = self.rng
        return template.format(
            tone=self._tone(), group=rng.choice(PEOPLE_GROUPS), place=self.place, subject=self.subject,
            month=rng.choice(MONTH_NAMES), weekday=rng.choice(WEEKDAYS),
        )

    def quote_sentence(self) -> str:
        rng = self.rng
        full, family = rng.choice(self.people)
        r = rng.random()
        pool = QUOTES_NEG if r < self.negative * 0.6 else QUOTES_POS if r < 0.6 else QUOTES_FLAT
        words = self._fill(rng.choice(pool))
        verb = rng.choice(SAY_LOADED) if rng.random() < 0.15 else rng.choice(SAY_NEUTRAL)
        form = rng.random()
        if form < 0.45:
            return f"“{words},” {family} {verb}."
        if form < 0.75:
            return f"“{words},” {verb} {full}, {rng.choice(POSTS)}."
        if form < 0.9:
            return f"{full} {verb} the decision was “{words[0].lower() + words[1:]}.”"
        more = self._fill(rng.choice([q for q in QUOTES_FLAT if not words.startswith(q[:12])]))
        return f"“{words}. {more},” {family} {verb}."

    def plain_sentence(self) -> str:
        rng, subject = self.rng, self.subject
        full, family = rng.choice(self.people)
        kind = rng.choices(
            ["report", "economic", "conflict", "numbers", "human", "responsibility", "background"],
            weights=[3, self.style.economic * 2, self.style.conflict * 2, 1.5, 1, 1, 2],
        )[0]
        if kind == "report":
            body = rng.choice(BODIES)
            s = (f"{body[0].upper() + body[1:]} approved changes to {subject} "
                 f"on {rng.choice(WEEKDAYS)} after a {rng.randint(2, 6)}-hour meeting in {self.place}.")
        elif kind == "economic":
            s = (f"The work on {subject} will cost {self._money()}, and the budget for next year "
                 f"sets aside {rng.randint(3, 40)} percent of the spending for repairs.")
        elif kind == "conflict":
            s = (f"Critics of {subject} clashed with supporters at a public hearing, and "
                 f"{rng.randint(20, 400)} {rng.choice(PEOPLE_GROUPS)} signed a petition opposing it.")
        elif kind == "numbers":
            s = (f"About {rng.randint(1, 95)},{rng.randint(0, 999):03d} {rng.choice(PEOPLE_GROUPS)} use "
                 f"{subject} each week, according to {rng.choice(BODIES)}.")
        elif kind == "human":
            s = (f"For {full}, a parent of {rng.randint(2, 4)} children in {self.place}, the change "
                 f"is personal: the family moved here in {rng.randint(1985, 2020)}.")
        elif kind == "responsibility":
            s = (f"{family} said {rng.choice(BODIES)} was responsible for the delays and called on "
                 f"officials to take action before {rng.choice(MONTH_NAMES)}.")
        else:
            s = (f"The project in {self.place} began in {rng.randint(2015, 2022)} and was described "
                 f"as {self._tone()} by the local paper at the time.")
        if rng.random() < self.style.hedge:
            s = s.rstrip(".") + f", and the plan {rng.choice(HEDGES)} change again."
        if rng.random() < self.style.boost:
            s = s.rstrip(".") + f"; {family} {rng.choice(BOOSTERS)} wants answers."
        return s


def _published(rng: random.Random) -> tuple[_dt.date, float]:
    day = rng.randrange(N_DAYS)
    return FIRST_DAY + _dt.timedelta(days=day), day / (N_DAYS - 1)


def generate_article(index: int, seed: int = SEED) -> dict[str, str]:
    """Generate article number ``index`` (0-based) of the corpus with ``seed``.

    Parameters
    ----------
    index : int
    seed : int, default :data:`SEED`

    Returns
    -------
    dict
        ``article_id`` (``gen-0000042``), ``outlet``, ``published`` (ISO date),
        ``title`` and ``text`` (paragraphs separated by a blank line, final newline).
    """
    rng = random.Random(f"{seed}:{index}")
    style = rng.choices(OUTLET_STYLES, weights=[s.weight for s in OUTLET_STYLES])[0]
    published, progress = _published(rng)
    writer = _Writer(rng, style, progress)
    target = rng.randint(MIN_WORDS, MAX_WORDS)
    paragraphs: list[str] = []
    n_words = 0
    while n_words < target:
        sentences = []
        for _ in range(rng.randint(1, 3)):
            s = writer.quote_sentence() if rng.random() < writer.quote else writer.plain_sentence()
            sentences.append(s)
            n_words += len(s.split())
        paragraphs.append(" ".join(sentences))
    title = f"{writer.subject[0].upper() + writer.subject[1:]}: {writer.place} {rng.choice(['weighs', 'debates', 'backs', 'questions'])} the plan"
    return {
        "article_id": f"gen-{index:07d}",
        "outlet": style.name,
        "published": published.isoformat(),
        "title": title,
        "text": "\n\n".join(paragraphs) + "\n",
    }


def generate_articles(n: int, seed: int = SEED, start: int = 0) -> Iterator[dict[str, str]]:
    """Yield articles ``start`` .. ``start + n - 1`` (see :func:`generate_article`)."""
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    for i in range(start, start + n):
        yield generate_article(i, seed)


def write_jsonl(path: str | Path, n: int, seed: int = SEED) -> Path:
    """Write ``n`` generated articles to a JSON Lines file, one object per line.

    Returns
    -------
    Path
        ``path``.
    """
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for record in generate_articles(n, seed):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def write_story(folder: str | Path, n: int, seed: int = SEED, indices: Iterable[int] | None = None) -> Path:
    """Write ``n`` generated articles as a story folder (one ``<article_id>.md`` each).

    The front matter holds ``outlet``, ``published`` and ``title``; the body is
    the article's ``text`` byte for byte, so a story folder and a JSON Lines
    file of the same articles give the same metrics.

    Parameters
    ----------
    folder : str or Path
    n : int
        Articles 0 to n - 1 (ignored when ``indices`` is given).
    seed : int
    indices : iterable of int, optional
        Write these articles instead, e.g. a sample of a large generated corpus.

    Returns
    -------
    Path
        ``folder`` (created if missing).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    records = generate_articles(n, seed) if indices is None else (generate_article(i, seed) for i in indices)
    for record in records:
        meta = {"outlet": record["outlet"], "published": record["published"], "title": record["title"]}
        header = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        (folder / f"{record['article_id']}.md").write_bytes(
            f"---\n{header}---\n{record['text']}".encode("utf-8")
        )
    return folder


# ------------------------------------------------------------------ one big story of reused wire copy

WIRE_OUTLETS: int = 50
"""Outlets of a generated wire story (``Outlet 01`` .. ``Outlet 50``)."""

WIRE_KEEP_PARAGRAPH: float = 0.7
"""Probability that a copy keeps each paragraph of the article it copies."""

WIRE_CHANGE_WORD: float = 0.02
"""Probability that a copy changes a kept word (one word for another, as a subeditor would)."""

_WORD_RE = re.compile(r"[A-Za-z]+")


def generate_wire_article(
    index: int, sources: list[str], seed: int = SEED, n_outlets: int = WIRE_OUTLETS,
) -> dict[str, str]:
    """One article of a generated story: a perturbed copy of a source text plus filler.

    Many outlets covering one event reuse the same wire or press-release copy;
    this is that situation, made from real texts (``sources``, e.g. the bodies
    of the starter story). Article ``index`` copies source ``index % len(sources)``:
    it keeps each paragraph with probability :data:`WIRE_KEEP_PARAGRAPH` (the
    first always), changes each kept word with probability
    :data:`WIRE_CHANGE_WORD` to a word of the generated filler, and puts one to
    three paragraphs of the generated local-news filler
    (:func:`generate_article`) in between. Quotation marks stay as they were,
    so quoted text stays quoted.

    Parameters
    ----------
    index : int
    sources : list of str
        The texts copied (one paragraph a line; blank lines are ignored).
    seed : int, default :data:`SEED`
    n_outlets : int, default :data:`WIRE_OUTLETS`

    Returns
    -------
    dict
        ``article_id`` (``wire-0000042``), ``outlet`` (``Outlet 07``), ``published``,
        ``title`` and ``text``, as :func:`generate_article` gives.
    """
    if not sources:
        raise ValueError("sources must hold at least one text to copy")
    if n_outlets < 1:
        raise ValueError(f"n_outlets must be 1 or more, not {n_outlets}")
    rng = random.Random(f"{seed}:wire:{index}")
    filler = generate_article(index, seed)
    filler_paragraphs = filler["text"].split("\n\n")
    filler_words = _WORD_RE.findall(filler["text"]) or ["said"]
    paragraphs = [p for p in sources[index % len(sources)].splitlines() if p.strip()]
    kept = [p for n, p in enumerate(paragraphs) if n == 0 or rng.random() < WIRE_KEEP_PARAGRAPH]

    def change(match: re.Match[str]) -> str:
        return rng.choice(filler_words) if rng.random() < WIRE_CHANGE_WORD else match.group(0)

    out = [_WORD_RE.sub(change, p.strip()) for p in kept]
    for _ in range(rng.randint(1, 3)):
        out.insert(rng.randint(1, len(out)), rng.choice(filler_paragraphs).strip())
    return {
        "article_id": f"wire-{index:07d}",
        "outlet": f"Outlet {index % n_outlets + 1:02d}",
        "published": filler["published"],
        "title": filler["title"],
        "text": "\n\n".join(out) + "\n",
    }


def generate_wire_story(
    n: int, sources: list[str], seed: int = SEED, n_outlets: int = WIRE_OUTLETS,
) -> Iterator[dict[str, str]]:
    """Yield articles 0 .. n - 1 of a generated wire story (see :func:`generate_wire_article`)."""
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    for i in range(n):
        yield generate_wire_article(i, sources, seed, n_outlets)


def write_wire_story(
    folder: str | Path, n: int, sources: list[str], seed: int = SEED, n_outlets: int = WIRE_OUTLETS,
) -> Path:
    """Write ``n`` articles of a generated wire story as a story folder (see :func:`write_story`).

    Returns
    -------
    Path
        ``folder`` (created if missing).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for record in generate_wire_story(n, sources, seed, n_outlets):
        meta = {"outlet": record["outlet"], "published": record["published"], "title": record["title"]}
        header = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        (folder / f"{record['article_id']}.md").write_bytes(
            f"---\n{header}---\n{record['text']}".encode("utf-8")
        )
    return folder

"""The person a pronoun refers to: gender agreement, then salience.

"He said" after "De La Fuente entered the race, angered by Donald Trump." is
De La Fuente: both men were named, and the one who is the subject of his
clause is the more salient antecedent, as in Lappin and Leass's salience
weights (a subject outweighs an object of the same sentence; a nearer sentence
outweighs a farther one). :func:`salient_person` keeps only the two factors
that a name list and the text's punctuation can tell without a parser:

recency
    A person named earlier in the pronoun's own sentence weighs
    :data:`RECENCY` [0], one in the sentence before [1]; people named further
    back are not candidates here (the caller falls back to the last person
    who agrees).
subject
    :data:`SUBJECT_WEIGHT` more when the name opens its clause: nothing but
    capitalised words (titles, a place, "the") stands between it and the
    sentence start or the last comma, semicolon, colon, "that", "and" or
    "but" before it ("South Swindon MP Robert Buckland", "..., President
    Juncker repeated", "report that Begum regrets").

A person whose first name the packaged list gives the other gender is never a
candidate; a person whose first name it gives the pronoun's gender beats any
whose gender it does not know ("Councillor Dev Patel met Mayor Ana Ruiz ...
she said" is Ana Ruiz); unknown names are candidates only when no known one
agrees. On a tie, the person named last wins. Nobody named after the pronoun
is a candidate.

References
----------
Lappin, S. and Leass, H. J. (1994). An algorithm for pronominal anaphora
resolution. *Computational Linguistics* 20(4): 535-561.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from analysis.speech.people import NameMention, name_gender

__all__ = ["RECENCY", "SUBJECT_WEIGHT", "last_subject", "opens_clause", "salient_person"]

RECENCY: tuple[int, int] = (100, 50)
"""Weight of a person named in the pronoun's sentence, and in the sentence before it."""
SUBJECT_WEIGHT = 80
"""Extra weight of a person whose name opens its clause (a subject)."""

_BOUNDARY_RE = re.compile(r"[,;:\u2014\u2013(]\s*|\b(?:that|and|but|while|whereas)\s+")
_LEAD_RE = re.compile(r"(?:(?:[A-Z][\w.'\u2019&-]*|the|of|for)[ \t\u00a0]+)*")


def opens_clause(body: str, pos: int, sentence_start: int) -> bool:
    """True when the name at ``pos`` opens its clause (see the module docstring).

    Parameters
    ----------
    body : str
        The article's text.
    pos : int
        Where the name starts.
    sentence_start : int
        Where its sentence starts.

    Returns
    -------
    bool

    Examples
    --------
    >>> body = "Later, Home Secretary Sajid Javid met Jane Roe."
    >>> opens_clause(body, body.index("Sajid"), 0), opens_clause(body, body.index("Jane"), 0)
    (True, False)
    """
    text = body[sentence_start:pos]
    last = None
    for last in _BOUNDARY_RE.finditer(text):
        pass
    lead = text[last.end():] if last else text
    return _LEAD_RE.fullmatch(lead) is not None


def salient_person(
    gender: str,
    at: int,
    persons: Sequence[NameMention],
    body: str,
    sentence_starts: Sequence[int],
    first_names: dict[str, str],
) -> str:
    """The most salient person before ``at`` who agrees with a pronoun's gender, or "".

    Parameters
    ----------
    gender : str
        ``male`` for "he", ``female`` for "she".
    at : int
        Where the pronoun stands; only people named before it are candidates.
    persons : sequence of NameMention
        The article's people in reading order.
    body : str
        The article's text.
    sentence_starts : sequence of int
        Start offsets of the sentences, ascending.
    first_names : dict
        First name -> gender (:func:`analysis.speech.people.load_first_names`).

    Returns
    -------
    str
        The person's canonical name; "" when nobody in the pronoun's sentence or
        the one before agrees (the caller decides what to do then).

    Examples
    --------
    >>> from analysis.speech.people import NameMention as M
    >>> body = "Rocky De La Fuente entered the race against Donald Trump. He argues the point."
    >>> people = [M(0, 18, "Rocky De La Fuente", "person", "Rocky De La Fuente"),
    ...           M(44, 56, "Donald Trump", "person", "Donald Trump")]
    >>> salient_person("male", body.index("He "), people, body, [0, 58], {"Rocky": "male", "Donald": "male"})
    'Rocky De La Fuente'
    """
    k = bisect_right(sentence_starts, at) - 1
    if k < 0:
        return ""
    floor = sentence_starts[max(0, k - 1)]
    best = ""
    best_score = -1
    i = bisect_left([p.start for p in persons], floor)
    window = [p for p in persons[i:] if p.start < at]
    known = [p for p in window if name_gender(p.canonical, first_names) == gender]
    for p in known or [p for p in window if name_gender(p.canonical, first_names) == ""]:
        s = bisect_right(sentence_starts, p.start) - 1
        score = RECENCY[0] if s >= k else RECENCY[1]
        if opens_clause(body, p.start, sentence_starts[s] if s >= 0 else 0):
            score += SUBJECT_WEIGHT
        if score >= best_score:
            best, best_score = p.canonical, score
    return best


def last_subject(at: int, persons: Sequence[NameMention], body: str, sentence_starts: Sequence[int]) -> str:
    """The last person named as a clause's subject in the sentence before ``at`` or earlier in its own.

    A definite role noun that the text never wrote next to a name ("Shadow Home
    Secretary Yvette Cooper criticised the plan. The Labour frontbencher told the
    BBC ...") refers, like a pronoun, to the salient person just named; only a
    subject counts, so that someone named in passing ("critics such as Jane Roe")
    is not taken.

    Parameters
    ----------
    at : int
        Where the role noun stands.
    persons : sequence of NameMention
        The article's people in reading order.
    body : str
        The article's text.
    sentence_starts : sequence of int
        Start offsets of the sentences, ascending.

    Returns
    -------
    str
        The person's canonical name, or "".

    Examples
    --------
    >>> from analysis.speech.people import NameMention as M
    >>> body = "Shadow Home Secretary Yvette Cooper spoke. The Labour frontbencher said so."
    >>> last_subject(body.index("The"), [M(22, 35, "Yvette Cooper", "person", "Yvette Cooper")], body, [0, 43])
    'Yvette Cooper'
    """
    k = bisect_right(sentence_starts, at) - 1
    if k < 0:
        return ""
    floor = sentence_starts[max(0, k - 1)]
    i = bisect_left([p.start for p in persons], at) - 1
    while i >= 0 and persons[i].start >= floor:
        p = persons[i]
        s = bisect_right(sentence_starts, p.start) - 1
        if opens_clause(body, p.start, sentence_starts[s] if s >= 0 else 0):
            return p.canonical
        i -= 1
    return ""

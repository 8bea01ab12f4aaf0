"""Codebooks and lexicons as data; word keys; the literal cue matcher."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.core import paths
from analysis.framing.codebook import (
    Codebook,
    codebook_paths_for_story,
    find_cues,
    generic_codebook,
    load_codebook,
    load_codebooks,
    load_lexicon,
    packaged_lexicon,
    stem_word,
)
from analysis.io.corpus import load_story
from analysis.core.errors import InputError
from analysis.speech.quotes import extract_quotes
from analysis.text.document import make_document
from analysis.speech.voice import voice_layout

LIBRARY = paths.PROJECT_ROOT / "tests" / "fixtures" / "stories" / "library-closure"

GOOD_FRAME = """
  - id: cost
    label: Cost
    definition: Money is mentioned.
    cues: [cost, "false economy"]
    example: "Costs rose."
"""


def _write(tmp_path: Path, text: str, name: str = "book.yml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p




# ----------------------------------------------------------------------------
# the packaged and story codebooks


def test_generic_codebook_has_semetko_valkenburg_frames_with_every_field():
    book = generic_codebook()
    assert book.name == "generic"
    assert [f.id for f in book.frames] == ["responsibility", "human_interest", "conflict", "morality", "economic"]
    assert "Semetko" in book.source
    for frame in book.frames:
        assert frame.label and frame.definition and frame.example and frame.cues
        assert frame.patterns, frame.id


def test_story_codebook_comes_from_story_yml_then_codebook_yml(tmp_path):
    story = load_story(paths.DEFAULT_STORY)
    assert codebook_paths_for_story(story.root, story.meta) == [(paths.DEFAULT_STORY / "codebook.yml").resolve()]
    lib = load_story(LIBRARY)
    assert codebook_paths_for_story(lib.root, lib.meta) == [(LIBRARY / "frames" / "library.yml").resolve()]
    # no story.yml: codebook.yml in the folder; neither: none
    assert codebook_paths_for_story(tmp_path, {}) == []
    _write(tmp_path, "frames:\n" + GOOD_FRAME, "codebook.yml")
    assert codebook_paths_for_story(tmp_path, {}) == [tmp_path / "codebook.yml"]


def test_story_yml_naming_a_missing_codebook_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="story.yml.*'nope.yml' not found"):
        codebook_paths_for_story(tmp_path, {"codebook": "nope.yml"})


def test_load_codebooks_orders_generic_story_then_extra(tmp_path):
    extra = _write(tmp_path, "codebook: mine\nframes:\n" + GOOD_FRAME)
    story = load_story(paths.DEFAULT_STORY)
    books = load_codebooks(story.root, story.meta, [extra])
    assert [b.name for b in books] == ["generic", "askmoreofhim", "mine"]
    # a story codebook without a 'codebook:' id takes the story folder's name
    _write(tmp_path, "frames:\n" + GOOD_FRAME, "codebook.yml")
    (tmp_path / "a.md").write_text("---\noutlet: X\n---\nText.\n", encoding="utf-8")
    assert [b.name for b in load_codebooks(tmp_path)] == ["generic", tmp_path.resolve().name]


def test_two_codebooks_with_one_id_are_rejected(tmp_path):
    a = _write(tmp_path, "codebook: same\nframes:\n" + GOOD_FRAME, "a.yml")
    b = _write(tmp_path, "codebook: same\nframes:\n" + GOOD_FRAME, "b.yml")
    with pytest.raises(InputError, match="b.yml: codebook id 'same' is already used"):
        load_codebooks(extra=[a, b])
    # the same file twice is not a conflict
    assert [x.name for x in load_codebooks(extra=[a, a])] == ["generic", "same"]


def test_every_seed_frame_example_is_in_the_seed_articles():
    story = load_story(paths.DEFAULT_STORY)
    bodies = " ".join(" ".join(a.body.split()) for a in story.articles)
    book = load_codebook(paths.DEFAULT_STORY / "codebook.yml")
    for frame in book.frames:
        example = frame.example.rsplit(" (", 1)[0]
        for part in example.split(" ... "):
            part = part.rstrip(".")
            assert part in bodies, (frame.id, part)


# ----------------------------------------------------------------------------
# broken codebooks: the message names the file, the frame and the problem


BROKEN = [
    ("not-a-mapping", "- a\n- b\n", None, "must be a YAML mapping"),
    ("empty-file", "", None, "must be a YAML mapping"),
    ("no-frames", "codebook: x\n", None, "non-empty 'frames' list"),
    ("frames-not-list", "frames: {a: 1}\n", None, "non-empty 'frames' list"),
    ("frame-not-mapping", "frames:\n  - just a string\n", "frame 1", "must be a mapping"),
    ("missing-cues", "frames:\n  - {id: a, label: A, definition: D., example: E.}\n", "frame 'a'", "missing field 'cues'"),
    ("missing-id", "frames:\n  - {label: A, definition: D., cues: [x], example: E.}\n", "frame 1", "missing field 'id'"),
    ("missing-example", "frames:\n  - {id: a, label: A, definition: D., cues: [x]}\n", "frame 'a'", "missing field 'example'"),
    ("empty-label", "frames:\n  - {id: a, label: '  ', definition: D., cues: [x], example: E.}\n", "frame 'a'", "'label' is empty"),
    ("empty-cue", "frames:\n  - {id: a, label: A, definition: D., cues: [x, ''], example: E.}\n", "frame 'a'", "cue 2 is empty"),
    ("null-cue", "frames:\n  - {id: a, label: A, definition: D., cues: [~], example: E.}\n", "frame 'a'", "cue 1 is empty"),
    ("cue-without-word", "frames:\n  - {id: a, label: A, definition: D., cues: ['!!'], example: E.}\n", "frame 'a'", "has no word"),
    ("cues-not-list", "frames:\n  - {id: a, label: A, definition: D., cues: cost, example: E.}\n", "frame 'a'", "non-empty list"),
    ("empty-cues", "frames:\n  - {id: a, label: A, definition: D., cues: [], example: E.}\n", "frame 'a'", "non-empty list"),
    ("bad-id", "frames:\n  - {id: Big Frame, label: A, definition: D., cues: [x], example: E.}\n", "frame 'Big Frame'", "id must be"),
    ("duplicate-id", "frames:\n" + GOOD_FRAME + GOOD_FRAME, "frame 'cost'", "duplicate frame id"),
    ("bad-match", "match: regex\nframes:\n" + GOOD_FRAME, None, "unknown match mode 'regex'; valid: stem, exact"),
    ("bad-yaml", "frames: [\n", None, "malformed YAML"),
]


@pytest.mark.parametrize("case, text, frame, problem", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_codebook_error_names_file_frame_and_problem(tmp_path, case, text, frame, problem):
    path = _write(tmp_path, text, f"{case}.yml")
    with pytest.raises(InputError) as info:
        load_codebook(path)
    message = str(info.value)
    assert f"{case}.yml" in message
    assert problem in message
    if frame:
        assert frame in message
    assert "\n" not in info.value.one_line()


def test_broken_codebook_error_gives_the_frame_line(tmp_path):
    path = _write(tmp_path, "frames:\n" + GOOD_FRAME + GOOD_FRAME)
    with pytest.raises(InputError) as info:
        load_codebook(path)
    # line 1 "frames:", 2 blank, 3-7 the first frame, 8 blank, 9 "  - id: cost" again
    assert info.value.line == 9


def test_missing_codebook_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="nope.yml: cannot read"):
        load_codebook(tmp_path / "nope.yml")


def test_cues_with_the_same_stem_are_merged_under_the_first_spelling(tmp_path):
    path = _write(tmp_path, "frames:\n  - {id: a, label: A, definition: D., cues: [kid, kids, Kid], example: E.}\n")
    frame = load_codebook(path).frames[0]
    assert frame.cues == ("kid", "kids", "Kid")
    assert frame.patterns == (("kid", ("kid",)),)


# ----------------------------------------------------------------------------
# matching


def _cues(text: str, cues: list[str], mode: str = "stem", tmp_path: Path | None = None) -> list[tuple[str, str]]:
    from analysis.framing.keys import phrase_keys

    doc = make_document(text)
    phrases = [(c, phrase_keys(c, mode)) for c in cues]
    return [(m.cue, m.text) for m in find_cues(doc, phrases, mode=mode)]


MATCHES = [
    ("empty text", "", ["abuse"], "stem", []),
    ("inflection", "Abuses were reported; he was abused.", ["abuse"], "stem", [("abuse", "Abuses"), ("abuse", "abused")]),
    ("curly possessive", "the men’s motives", ["motive", "men"], "stem", [("men", "men’s"), ("motive", "motives")]),
    ("whole words only", "A predatory man.", ["predator"], "stem", []),
    ("phrase", "They must also do their part.", ["do their part"], "stem", [("do their part", "do their part")]),
    ("phrase inflected", "He did their parts.", ["do their part"], "stem", []),  # "did" is not stemmed to "do"
    ("no match across sentences", "It was vast. Majority rules.", ["vast majority"], "stem", []),
    ("longest cue wins", "the vast majority of cases", ["majority", "vast majority"], "stem", [("vast majority", "vast majority")]),
    ("no double count", "majority majority", ["majority"], "stem", [("majority", "majority"), ("majority", "majority")]),
    ("number placeholder", "It lends about 40,000 books.", ["about <number>"], "exact", [("about <number>", "about 40,000")]),
    ("number placeholder needs a number", "They talked about it.", ["about <number>"], "exact", []),
    ("number first", "In 2019 percent rose.", ["<number> percent"], "stem", [("<number> percent", "2019 percent")]),
    ("exact mode keeps forms apart", "Make it clear, clearly.", ["clearly"], "exact", [("clearly", "clearly")]),
    ("stem mode joins forms", "Make it clear, clearly.", ["clearly"], "stem", [("clearly", "clear"), ("clearly", "clearly")]),
    ("case-insensitive", "OSCARS night at the Oscars", ["Oscars"], "stem", [("Oscars", "OSCARS"), ("Oscars", "Oscars")]),
    ("hashtag", "Join #AskMoreOfHim today.", ["#AskMoreOfHim"], "exact", [("#AskMoreOfHim", "#AskMoreOfHim")]),
    ("hyphenated word", "the decision-making power", ["decision-making power"], "stem", [("decision-making power", "decision-making power")]),
]


@pytest.mark.parametrize("case, text, cues, mode, expected", MATCHES, ids=[m[0] for m in MATCHES])
def test_find_cues(case, text, cues, mode, expected):
    assert _cues(text, cues, mode) == expected


def test_find_cues_rejects_unknown_mode():
    with pytest.raises(ValueError, match="valid modes: stem, exact"):
        find_cues(make_document("x"), [], mode="regex")


def test_stem_word_reads_curly_apostrophes_and_case():
    assert stem_word("Men’s") == stem_word("men's") == "men"
    assert stem_word("Responsibilities") == stem_word("responsible")


def test_matches_carry_the_voice_of_their_first_word():
    from analysis.framing.keys import phrase_keys

    doc = make_document('Costs rose. "Costs will fall," she said of the costs.')
    layout = voice_layout(doc, extract_quotes(doc))
    found = find_cues(doc, [("cost", phrase_keys("cost", "stem"))], layout)
    assert [(m.text, m.voice, m.sentence) for m in found] == [
        ("Costs", "own", 0), ("Costs", "quoted", 1), ("costs", "own", 1),
    ]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_any_text_gives_valid_non_overlapping_matches(text):
    from analysis.framing.keys import phrase_keys

    doc = make_document(text)
    cues = ["a", "the", "a b", "<number>", "x <number>", "vast majority"]
    found = find_cues(doc, [(c, phrase_keys(c, "stem")) for c in cues if phrase_keys(c, "stem")])
    last_end = -1
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert m.text == text[m.start : m.end]
        assert m.start >= last_end
        last_end = m.end


def _reference_cues(doc, phrases, mode):
    """The matcher's rule written plainly: every word of every sentence, longest cue first."""
    from analysis.framing.keys import NUMBER_PLACEHOLDER, NUMBER_RE, document_keys

    keys = document_keys(doc, mode)
    out = []
    for a, b in doc.sentence_words:
        i = a
        while i < b:
            hit = None
            for cue, ks in sorted(phrases, key=lambda p: -len(p[1])):
                if i + len(ks) <= b and all(
                    NUMBER_RE.match(doc.word_texts[i + j]) if k == NUMBER_PLACEHOLDER else keys[i + j] == k
                    for j, k in enumerate(ks)
                ):
                    hit = (cue, len(ks))
                    break
            if hit is None:
                i += 1
                continue
            out.append((hit[0], doc.word_bounds[i][0], doc.word_bounds[i + hit[1] - 1][1]))
            i += hit[1]
    return out


_WORDS = st.sampled_from(["a", "the", "b", "vast", "majority", "Majorities", "40", "2,019", "x", ".", "!", "\n\n", '"'])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=60), st.sampled_from(["stem", "exact"]), st.booleans())
def test_find_cues_equals_a_plain_word_by_word_scan(parts, mode, numbers):
    # the matcher visits only words that can start a cue; the result must be the plain scan's
    from analysis.framing.keys import phrase_keys

    doc = make_document(" ".join(parts))
    cues = ["a", "the", "a b", "x <number>", "vast majority", "majority", "Majorities the"]
    if numbers:
        cues += ["<number>", "<number> the b"]
    phrases = [(c, phrase_keys(c, mode)) for c in cues]
    found = [(m.cue, m.start, m.end) for m in find_cues(doc, phrases, mode=mode)]
    assert found == _reference_cues(doc, phrases, mode)


@settings(max_examples=100, deadline=None)
@given(st.lists(_WORDS, max_size=60), st.sampled_from(["stem", "exact"]))
def test_several_cue_lists_at_once_equal_one_call_per_list(parts, mode):
    from analysis.framing.keys import phrase_keys
    from analysis.framing.matcher import find_cue_lists

    doc = make_document(" ".join(parts))
    lists = [["a", "a b"], ["vast majority", "<number>"], ["majority", "the"], [], ["x <number>", "b"]]
    phrase_lists = [[(c, phrase_keys(c, mode)) for c in cues] for cues in lists]
    assert find_cue_lists(doc, phrase_lists, mode=mode) == [find_cues(doc, p, mode=mode) for p in phrase_lists]
    assert [_reference_cues(doc, p, mode) for p in phrase_lists] == [
        [(m.cue, m.start, m.end) for m in found] for found in find_cue_lists(doc, phrase_lists, mode=mode)
    ]


# ----------------------------------------------------------------------------
# lexicons


@pytest.mark.parametrize("name, groups", [
    ("hedges", ["hedges"]), ("boosters", ["boosters"]), ("evaluative", ["positive", "negative"]),
    ("gender", ["men", "women"]), ("tone_neutral", ["tone_neutral"]),
])
def test_packaged_lexicons_load_with_provenance(name, groups):
    lex = packaged_lexicon(name)
    assert list(lex.terms) == groups
    assert "Compiled by hand for this project" in lex.source
    text = Path(lex.path).read_text(encoding="utf-8")
    assert text.startswith("#") and "License" in text


def test_unknown_packaged_lexicon_lists_the_valid_ones():
    with pytest.raises(ValueError, match="packaged lexicons: boosters, evaluative, gender, hedges, tone_neutral"):
        packaged_lexicon("nope")


@pytest.mark.parametrize("text, problem", [
    ("[a, b]\n", "must be a YAML mapping"),
    ("terms: 3\n", "'terms' must be a list"),
    ("terms: []\n", "non-empty list"),
    ("terms: [ok, '']\n", "term 2 is empty"),
    ("terms: {men: [he], women: []}\n", "group 'women'"),
    ("match: fuzzy\nterms: [a]\n", "unknown match mode 'fuzzy'"),
])
def test_broken_lexicon_is_an_input_error(tmp_path, text, problem):
    path = _write(tmp_path, text, "lex.yml")
    with pytest.raises(InputError, match="lex.yml") as info:
        load_lexicon(path)
    assert problem in str(info.value)


def test_codebook_frame_lookup_lists_valid_frames():
    book: Codebook = generic_codebook()
    assert book.frame("conflict").label == "Conflict"
    with pytest.raises(ValueError, match="valid frames: responsibility, human_interest"):
        book.frame("nope")


# ----------------------------------------------------------------------------
# context rules (issue 20): the generic codebook on sentences it was not written from

# Sentences like those a reader found wrongly coded on other stories (false cues), each
# with the cue that must not fire; written for this test, not taken from an article.
FALSE_CUES = [
    ("The tanker spilled 2 million gallons of crude.", "economic", "million"),
    ("The probe has travelled 4 billion miles since launch.", "economic", "billion"),
    ("About 3 million people watched the launch.", "economic", "million"),
    ("Bad weather prevented the launch on Tuesday.", "responsibility", "prevented"),
    ("The mission suffered delays after a valve fault was found.", "human_interest", "suffered"),
    ("To be honest, the countdown went smoothly.", "morality", "honest"),
    ("Engineers carried out a critical self-reflection after the scrub.", "conflict", "critical"),
    ("The next launch opportunity isn't until Friday.", "economic", "opportunity"),
    ("A failed attempt to refuel the rocket ended the day.", "responsibility", "failed"),
    ("Hundreds of thousands of children will get free meals.", "human_interest", "children"),
    ("He died of a heart attack in 2001.", "conflict", "attack"),
    ("She spent years battling cancer.", "conflict", "battling"),
    ("The robber took the money from the teller.", "economic", "money"),
    ("In the end the committee accepted the findings.", "morality", "accepted"),
    ("The Department of Justice filed the complaint.", "morality", "Justice"),
    ("Wales became the world's first Fair Trade Nation.", "morality", "Fair"),
    ("A healthy person would feel no effect.", "human_interest", "person"),
    ("\"I don't blame them for being angry,\" he said.", "responsibility", "blame"),
    ("The union did not dispute the figures.", "conflict", "dispute"),
    ("Crowds gathered to pay tribute to the crew.", "economic", "pay"),
    ("It was a promising first test.", "morality", "promising"),
]

# The same cues where they do signal the frame: they must still fire.
TRUE_CUES = [
    ("The council faces a deficit of $4 million next year.", "economic", "million"),
    ("The project will cost 2 billion dollars.", "economic", "billion"),
    ("Officials said 40 million pounds of the budget was lost.", "economic", "million"),
    ("The government failed to prevent the collapse.", "responsibility", "prevent"),
    ("The government failed to prevent the collapse.", "responsibility", "failed"),
    ("She suffered for years after the accident.", "human_interest", "suffered"),
    ("Their children were at the launch site.", "human_interest", "children"),
    ("His daughter wept at the news.", "human_interest", "daughter"),
    ("The minister was not honest with voters.", "morality", "honest"),
    ("Critics accused the agency of hiding the fault.", "conflict", "accused"),
    ("\"I blame the board for this,\" she said.", "responsibility", "blame"),
    ("The cuts are unfair and unacceptable.", "morality", "unfair"),
    ("The cuts are unfair and unacceptable.", "morality", "unacceptable"),
    ("Rebels attacked the convoy.", "conflict", "attacked"),
    ("It is a matter of justice for the victims.", "morality", "justice"),
]


# Version 3 rules: cue senses that are not the frame in news in general (written for this
# test; the rules were chosen by the cue's meaning, then checked on the dev half only).
FALSE_CUES_V3 = [
    ("They came to spend Valentine's Day with the residents.", "economic", "spend"),
    ("Officers who died in the line of duty were remembered.", "responsibility", "duty"),
    ("I am grateful for the job they do.", "economic", "job"),
    ("He was treated for heart failure.", "responsibility", "failure"),
    ("If convicted, he faces life in prison.", "responsibility", "convicted"),
    ("The minister spoke of the government's commitment to science.", "responsibility", "commitment to"),
    ("The adviser declared a conflict of interest.", "conflict", "conflict"),
    ("She highlighted the logistical challenges of recruiting so many officers.", "conflict", "challenges"),
    ("Brexit no doubt brings uncertainty.", "conflict", "doubt"),
    ("The form has 40 questions.", "conflict", "questions"),
    ("The two firms hope to strike a deal.", "conflict", "strike"),
    ("The pupils were divided into three groups.", "conflict", "divided"),
    ("Something went wrong with the engine.", "morality", "wrong"),
    ("They came to pay respect to the veterans.", "morality", "respect"),
    ("He turned his back on crime for good.", "morality", "for good"),
    ("By virtue of her age she was exempt.", "morality", "virtue"),
    ("The county fair opens on Friday.", "morality", "fair"),
    ("Knife crime has a devastating impact on communities.", "human_interest", "devastating"),
    ("The plan was dropped amid fears of a backlash.", "human_interest", "fears"),
    ("The firm lost the personal data of its customers.", "human_interest", "personal"),
    ("The accused was remanded in custody.", "conflict", "accused"),
    ("The woman was hurt in a knife attack.", "conflict", "attack"),
    ("The pandemic attacked their health and their savings.", "conflict", "attacked"),
    ("Wreaths were laid at the war memorial.", "conflict", "war"),
    ("Engineers checked the structural integrity of the bridge.", "morality", "integrity"),
    ("The leaders praised their economic partnership.", "economic", "economic"),
    ("The crew saved lives at sea.", "economic", "saved"),
    ("The storm cost lives.", "economic", "cost"),
    ("Her asylum application was rejected.", "conflict", "rejected"),
    ("Demand for housing is rising.", "responsibility", "Demand"),
    ("He was sent to urgent care.", "responsibility", "urgent"),
    ("The charity tackles the fight against poverty.", "conflict", "fight"),
    ("The minister responsible for transport opened the road.", "responsibility", "responsible"),
    ("She promised to visit the school.", "morality", "promised"),
]

TRUE_CUES_V3 = [
    ("The council will save $1.2 million a year.", "economic", "save"),
    ("Critics questioned the decision.", "conflict", "questioned"),
    ("Some may question their motives.", "conflict", "question"),
    ("The closure will cause economic damage.", "economic", "economic"),
    ("The minister broke his promise to voters.", "morality", "promise"),
    ("Voters were angry at the broken promises.", "morality", "promises"),
    ("The union challenged the ruling in court.", "conflict", "challenged"),
    ("Prosecutors accused him of fraud.", "conflict", "accused"),
    ("The plant will create 200 jobs.", "economic", "jobs"),
    ("She was sentenced to six years.", "responsibility", "sentenced"),
    ("Rebels accused the army of war crimes.", "conflict", "war"),
    ("She feared for her life.", "human_interest", "feared"),
    ("Their mother was devastated by the news.", "human_interest", "devastated"),
]


# Version 4 rules: more senses that are not the frame in news in general (a duty, a game, a
# natural event, idioms, institutions), written for this test by the cue's meaning.
FALSE_CUES_V4 = [
    ("NASA's launch team is responsible for managing the countdown.", "responsibility", "responsible"),
    ("The agency charged with protecting the coast opened an office.", "responsibility", "charged with"),
    ("A late tackle earned the player a yellow card.", "responsibility", "tackle"),
    ("The team hopes to score more goals than its opponent.", "conflict", "opponent"),
    ("The two clubs will battle for the cup on Saturday.", "conflict", "battle"),
    ("The earthquake strikes at dawn, officials said.", "conflict", "strikes"),
    ("The launch date remains in doubt.", "conflict", "doubt"),
    ("Police stepped up the war on drugs.", "conflict", "war"),
    ("A man was hurt in an attack on a woman in the park.", "conflict", "attack"),
    ("We have to do it at the right time, not the wrong time.", "morality", "wrong"),
    ("The scientist is widely respected.", "morality", "respected"),
    ("The mission respects the treaty.", "morality", "respects"),
    ("Radiation stayed within acceptable levels.", "morality", "acceptable"),
    ("The study was given ethical approval.", "morality", "ethical"),
    ("The ethics committee met on Monday.", "morality", "ethics"),
    ("The volunteers gave moral support.", "morality", "moral"),
    ("It's a shame the weather did not hold.", "morality", "shame"),
    ("Fears grew that the dam would give way.", "human_interest", "Fears"),
    ("The course aims at personal growth.", "human_interest", "personal"),
    ("Measures of poverty differ between countries.", "responsibility", "Measures"),
    ("Traffickers worked for profit.", "economic", "profit"),
    ("The minister came to pay a visit to the station.", "economic", "pay"),
    ("The minister vowed to fight illegal working.", "conflict", "fight"),
    ("The battle against trafficking goes on.", "conflict", "battle"),
    ("The war on terror began in 2001.", "conflict", "war"),
]

TRUE_CUES_V4 = [
    ("The company was held responsible for the spill.", "responsibility", "responsible"),
    ("He was charged with murder.", "responsibility", "charged with"),
    ("The plan will tackle knife crime.", "responsibility", "tackle"),
    ("His opponent in the election attacked his record.", "conflict", "opponent"),
    ("Troops came under attack near the border.", "conflict", "attack"),
    ("Rebels fight government troops in the north.", "conflict", "fight"),
    ("Workers will strike next week over pay.", "conflict", "strike"),
    ("It was wrong to mislead the public.", "morality", "wrong"),
    ("The report showed no respect for the families.", "morality", "respect"),
    ("The scandal brought shame on the party.", "morality", "shame"),
    ("We aim to counteract their skepticism by being painfully honest.", "morality", "honest"),
    ("The teller, fearful of bodily harm, handed over the cash.", "human_interest", "fearful"),
    ("She feared for her life.", "human_interest", "feared"),
    ("The charity made a profit of $2 million.", "economic", "profit"),
    ("The government announced new measures to cut crime.", "responsibility", "measures"),
]


def _generic_hits(sentence: str) -> set[tuple[str, str]]:
    from analysis.framing.frames import frame_cues

    doc = make_document(sentence)
    return {(c.frame, c.match.text) for c in frame_cues(doc, generic_codebook())}


@pytest.mark.parametrize("sentence, frame, word", FALSE_CUES, ids=[f[2] + "-" + f[1] for f in FALSE_CUES])
def test_false_cues_of_the_issue_do_not_fire(sentence, frame, word):
    assert (frame, word) not in _generic_hits(sentence)


@pytest.mark.parametrize("sentence, frame, word", TRUE_CUES, ids=[f[2] + "-" + f[1] for f in TRUE_CUES])
def test_true_uses_of_ruled_cues_still_fire(sentence, frame, word):
    assert (frame, word) in _generic_hits(sentence)


@pytest.mark.parametrize("sentence, frame, word", FALSE_CUES_V3, ids=[f[2] + "-" + f[1] for f in FALSE_CUES_V3])
def test_version_3_rules_drop_other_senses(sentence, frame, word):
    assert (frame, word) not in _generic_hits(sentence)


@pytest.mark.parametrize("sentence, frame, word", TRUE_CUES_V3, ids=[f[2] + "-" + f[1] for f in TRUE_CUES_V3])
def test_version_3_rules_keep_the_frame_sense(sentence, frame, word):
    assert (frame, word) in _generic_hits(sentence)


@pytest.mark.parametrize("sentence, frame, word", FALSE_CUES_V4, ids=[f[2] + "-" + f[1] for f in FALSE_CUES_V4])
def test_version_4_rules_drop_other_senses(sentence, frame, word):
    assert (frame, word) not in _generic_hits(sentence)


@pytest.mark.parametrize("sentence, frame, word", TRUE_CUES_V4, ids=[f[2] + "-" + f[1] for f in TRUE_CUES_V4])
def test_version_4_rules_keep_the_frame_sense(sentence, frame, word):
    assert (frame, word) in _generic_hits(sentence)


def test_a_story_of_the_issues_false_cues_has_no_frame_cue_of_theirs():
    """The sentences the issue lists, as one space-launch story: none of those cues fires."""
    from analysis.framing.frames import frame_cues

    story = ("The tanker at the pad holds 2 million gallons of fuel, and the probe has flown 4 million miles. "
             "Bad weather prevented the launch on Tuesday. The mission suffered delays after a valve fault. "
             "\"To be honest, we were lucky,\" the flight director said. Engineers began a critical "
             "self-reflection after the scrub. The next launch opportunity isn't until Friday.")
    doc = make_document(story)
    found = {(c.frame, c.match.text.lower()) for c in frame_cues(doc, generic_codebook())}
    for frame, word in [("economic", "million"), ("responsibility", "prevented"), ("human_interest", "suffered"),
                        ("morality", "honest"), ("conflict", "critical")]:
        assert (frame, word) not in found
    assert found == set()  # the story reports no problem, no person affected, no sides, no judgement, no money


def test_critical_is_not_a_conflict_cue():
    assert "critical" not in generic_codebook().frame("conflict").cues


def _ruled(tmp_path: Path, cue_yaml: str, extra: str = "") -> Codebook:
    return load_codebook(_write(tmp_path, f"""
{extra}
frames:
  - id: f
    label: F
    definition: D.
    cues: [{cue_yaml}]
    example: "E."
"""))


RULES = [
    # (case, cue entry, extra top-level yaml, text, matched words)
    ("require either side", "{cue: million, require: [pounds], within: 2}", "",
     "It cost a million pounds. A million gallons.", ["million"]),
    ("require before only", "{cue: suffer, require: [she], side: before}", "",
     "She suffered. Suffered she did.", ["suffered"]),
    ("require after only", "{cue: pay, require: [rise], side: after, within: 1}", "",
     "A pay rise. Rise in pay.", ["pay"]),
    ("forbid within", "{cue: blame, forbid: [negation], side: before, within: 2}", "",
     "They don't blame us. They blame us. Never blame.", ["blame"]),
    ("window stops at the sentence", "{cue: million, require: [pounds], within: 3}", "",
     "Pounds. A million.", []),
    ("word class", "{cue: million, require: [money]}", "word_classes: {money: [dollar, budget]}",
     "A million dollars. A million miles. The budget of a million.", ["million", "million"]),
    ("currency sign", "{cue: million, require: [currency_sign], within: 1}", "",
     "It cost $4 million. It ran 4 million miles. It cost £3 million.", ["million", "million"]),
    ("hedge class", "{cue: cause, forbid: [hedge], side: before, within: 2}", "",
     "It may cause harm. It will cause harm.", ["cause"]),
    ("forms limit a stemmed cue", "{cue: acceptable, forms: [acceptable]}", "",
     "It is acceptable. It was accepted.", ["acceptable"]),
    ("proper names skipped", "fair", "skip_proper_names: true",
     "Fair pay is fair. The Fair Trade town. \"Fair,\" she said.", ["Fair", "fair", "Fair"]),
    ("a failed longer cue leaves the shorter one", "{cue: vast majority, require: [voters], within: 2}, majority", "",
     "The vast majority of members.", ["majority"]),
]


@pytest.mark.parametrize("case, cue, extra, text, expected", RULES, ids=[r[0] for r in RULES])
def test_context_rules(tmp_path, case, cue, extra, text, expected):
    from analysis.framing.frames import frame_cues

    book = _ruled(tmp_path, cue, extra)
    assert [c.match.text for c in frame_cues(make_document(text), book)] == expected


BROKEN_RULES = [
    ("unknown key", "{cue: x, requires: [y]}", "", "unknown key 'requires'"),
    ("bad side", "{cue: x, require: [y], side: around}", "", "unknown side 'around'"),
    ("bad within", "{cue: x, require: [y], within: 0}", "", "'within' must be a whole number"),
    ("empty require", "{cue: x, require: []}", "", "must be a word, a class name"),
    ("phrase as context word", "{cue: x, require: [two words]}", "", "must be one word"),
    ("class shadowing a built-in", "x", "word_classes: {negation: [no]}", "is built in"),
    ("class not a list", "x", "word_classes: {money: dollar}", "non-empty list of words"),
    ("skip flag not a bool", "x", "skip_proper_names: maybe", "must be true or false"),
]


@pytest.mark.parametrize("case, cue, extra, problem", BROKEN_RULES, ids=[r[0] for r in BROKEN_RULES])
def test_broken_context_rule_is_an_input_error(tmp_path, case, cue, extra, problem):
    with pytest.raises(InputError, match=problem):
        _ruled(tmp_path, cue, extra)


def test_patterns_with_a_rule_differ_from_plain_pairs():
    from analysis.framing.codebook import CuePattern, CueRule

    plain = CuePattern("kid", ("kid",))
    ruled = CuePattern("kid", ("kid",), CueRule(require=("her",), require_keys=frozenset({"her"})))
    assert plain == ("kid", ("kid",)) and hash(plain) == hash(CuePattern("kid", ("kid",)))
    assert ruled != plain and ruled != ("kid", ("kid",))
    cue, keys = ruled
    assert (cue, keys) == ("kid", ("kid",))


def _reference_ruled(doc, phrases, mode):
    """The rule written plainly: a plain scan where a cue whose window lacks 'b' does not match."""
    from analysis.framing.keys import NUMBER_PLACEHOLDER, NUMBER_RE, document_keys

    keys = document_keys(doc, mode)
    out = []
    for a, b in doc.sentence_words:
        i = a
        while i < b:
            hit = None
            for cue, ks in sorted(phrases, key=lambda p: -len(p[1])):
                n = len(ks)
                if i + n <= b and all(
                    NUMBER_RE.match(doc.word_texts[i + j]) if k == NUMBER_PLACEHOLDER else keys[i + j] == k
                    for j, k in enumerate(ks)
                ):
                    if cue == "vast majority":  # its rule: 'b' within 2 words after
                        window = [keys[j] for j in range(i + n, min(b, i + n + 2))]
                        if "b" not in window:
                            continue
                    hit = (cue, n)
                    break
            if hit is None:
                i += 1
                continue
            out.append((hit[0], doc.word_bounds[i][0], doc.word_bounds[i + hit[1] - 1][1]))
            i += hit[1]
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, max_size=60), st.sampled_from(["stem", "exact"]))
def test_a_ruled_cue_equals_a_plain_scan_with_the_rule(parts, mode):
    from analysis.framing.keys import phrase_keys
    from analysis.framing.rules import CuePattern, CueRule

    doc = make_document(" ".join(parts))
    rule = CueRule(require=("b",), within=2, side="after", require_keys=frozenset({phrase_keys("b", mode)[0]}))
    phrases = [CuePattern("vast majority", phrase_keys("vast majority", mode), rule),
               CuePattern("majority", phrase_keys("majority", mode)), CuePattern("a", phrase_keys("a", mode))]
    found = [(m.cue, m.start, m.end) for m in find_cues(doc, phrases, mode=mode)]
    assert found == _reference_ruled(doc, phrases, mode)


def test_a_codebook_with_context_rules_survives_pickling():
    # batch workers in other processes (local pool, Dask) receive the codebooks pickled
    import pickle

    from analysis.framing.codebook import generic_codebook

    book = generic_codebook()
    rules = [p.rule for frame in book.frames for p in frame.patterns]
    assert any(rule is not None for rule in rules), "the generic codebook has context rules"
    again = pickle.loads(pickle.dumps(book))
    assert again == book
    assert [p.rule for frame in again.frames for p in frame.patterns] == rules


def test_a_packaged_lexicon_with_context_rules_survives_pickling():
    import pickle

    from analysis.framing.lexicons import packaged_lexicon as from_lexicons

    lexicon = from_lexicons("gender")
    again = pickle.loads(pickle.dumps(lexicon))
    assert again == lexicon
    assert again.phrases() == lexicon.phrases()
    assert [p.rule for p in again.phrases()] == [p.rule for p in lexicon.phrases()]


# ----------------------------------------------------------------------------
# the codebook module as a facade, and word keys kept by a holder


OLD_NAMES = [
    "MATCH_MODES", "NUMBER_PLACEHOLDER", "BUILTIN_CLASSES", "Codebook", "CueMatch", "CuePattern", "CueRule",
    "Frame", "Lexicon", "codebook_paths_for_story", "document_keys", "find_cue_lists", "find_cues",
    "generic_codebook", "load_codebook", "load_codebooks", "load_lexicon", "packaged_lexicon",
    "capitalised_inside", "rule_allows", "stem_word",
]


def test_codebook_keeps_the_public_names_of_the_module_it_was():
    import analysis
    from analysis import codebook
    from analysis.framing import keys, lexicons, matcher, rules

    # the old names, plus the packaged codebooks by name (added with the policy codebook)
    assert sorted(codebook.__all__) == sorted(OLD_NAMES + ["PACKAGED_CODEBOOKS", "packaged_codebook"])
    assert analysis.codebook is codebook
    for name in OLD_NAMES:
        assert getattr(codebook, name) is not None, name
    # the same objects as in the modules that hold them, not copies
    assert codebook.find_cues is matcher.find_cues
    assert codebook.CuePattern is rules.CuePattern
    assert codebook.packaged_lexicon is lexicons.packaged_lexicon
    assert codebook.stem_word is keys.stem_word


def test_word_keys_are_computed_once_per_mode_and_kept_by_the_holder():
    from analysis.framing.keys import WordKeys, document_keys

    doc = make_document("The men’s costs rose. Savings were saved.")
    holder = WordKeys(doc)
    stemmed = holder("stem")
    assert stemmed is holder("stem")  # kept, not computed again
    assert stemmed == document_keys(doc, "stem")
    # by hand: stems lower-cased with ’ read as '; exact keys only lower-cased
    assert stemmed[:4] == ("the", "men", "cost", "rose")
    assert holder("exact")[:4] == ("the", "men's", "costs", "rose")
    assert "_word_keys" not in doc.__dict__  # nothing is written into the frozen document
    with pytest.raises(ValueError, match="valid modes: stem, exact"):
        holder("fuzzy")


def test_frame_cues_reuse_the_keys_they_are_given():
    from analysis.framing.frames import frame_cues
    from analysis.framing.keys import WordKeys

    doc = make_document("The costs rose. Spending was cut and the budget was tight.")
    book = generic_codebook()
    holder = WordKeys(doc)
    assert frame_cues(doc, book, word_keys=holder) == frame_cues(doc, book)
    assert holder._by_mode.keys() == {book.match}
    # keys that are not the document's are used as given: a proof that nothing recomputes them
    blank = ("",) * doc.n_words
    assert frame_cues(doc, book, keys=blank) == []

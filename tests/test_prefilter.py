"""The Hyperscan prefilter only ever rules out patterns that cannot match."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex
from presidio_analyzer import PatternRecognizer

from proxy import prefilter
from proxy.detect import _registry
from proxy.prefilter import Prefilter, Unrelaxable, WordSets, is_plain, relax
from tests.bench.upstream import SIZES, _Pools, build_bodies
from tests.eval.corpus import generate
from tests.test_patterns import TEXTS

RECOGNIZERS = Path(__file__).resolve().parent.parent / "rules" / "recognizers.yaml"

RELAXED = [
    # assertions go: lookarounds, anchors, word boundaries
    (r"(?<![\w-])\d{4}(?!\d)", (r"\d{4}",)),
    (r"^\bab\B$", ("ab",)),
    (r"\Aab\Z", ("ab",)),
    # a quantifier on a dropped assertion goes with it
    (r"(?<!x)?ab", ("ab",)),
    # a top-level positive lookaround must hold too: its body is a conjunct
    (r"(?=(?:[a-z]{0,3}[0-9]){3})[a-z0-9]{6}", ("[a-z0-9]{6}", "(?:[a-z]{0,3}[0-9]){3}")),
    (r"(?i)(?<=passport )[a-z0-9]{6}", ("(?i)[a-z0-9]{6}", "(?i)passport ")),
    # ... but not when it may be skipped, sits inside a group, or a top-level | offers a way round
    (r"(?=x)?ab", ("ab",)),
    (r"(?:(?=x)a)b", ("(?:a)b",)),
    (r"(?<=x)a|b", ("a|b",)),
    # backreferences become what they refer to; numbering follows the opening parentheses
    (r"(\d)([-/])\d\2", (r"(?:\d)(?:[-/])\d(?:[-/])",)),
    (r"((a)b)\2\1", ("(?:(?:a)b)(?:a)(?:(?:a)b)",)),
    # possessive, lazy and atomic become plain (Hyperscan reports every match anyway)
    (r"a++(?>bc)d*?", ("a+(?:bc)d*",)),
    # named groups lose their names; scoped flags stay
    (r"(?P<n>a)(?-i:B)", ("(?:a)(?-i:B)",)),
    # Unicode properties as the ASCII they can match in plain text; other non-ASCII never matches
    (r"\p{Lu}[\p{Ll}'’-]{1,3}", (r"[A-Z][a-z'\x80-]{1,3}",)),
    (r"stra(?:ß|ss)e", (r"stra(?:[\x80]|ss)e",)),
    # ... except where it folds to ASCII without case: "\u017f" (long s) matches "s" under (?i)
    ("(?i)\u017fo", (r"(?i)[Ss\x80]o",)),
    # long bounded repeats are loosened (cheaper to compile, match more)
    (r"[a-z]{2,40}x{3,5}", ("[a-z]{2,}x{3,5}",)),
]


@pytest.mark.parametrize(("pattern", "expected"), RELAXED)
def test_relax(pattern: str, expected: tuple[str, ...]) -> None:
    assert relax(pattern).expressions == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?<n>a)\k<n>",
        r"\P{L}",
        r"[\p{Greek}]",
        r"a(?i)b",
        r"(ab",
        r"ab)",
        "[ab",
        r"\1(a)",
        r"(a)\10",  # group 10, or group 1 and a 0: not guessed
        "[à-ſ]",  # a range with a non-ASCII end may hold letters that fold to ASCII
        r"(?x)a b",  # flags Hyperscan reads otherwise
        r"(?V1)a",
        r"(?:jane){e<=1}",  # fuzzy matching: a brace that is not a quantifier
    ],
)
def test_what_it_cannot_relax_is_refused(pattern: str) -> None:
    with pytest.raises(Unrelaxable):
        relax(pattern)


def test_a_pattern_with_flags_it_does_not_share_always_runs() -> None:
    prefilter = Prefilter([("a b", regex.VERBOSE), ("a b", 0)])
    assert prefilter.possible("ab") == frozenset({0})


def test_a_pattern_it_cannot_relax_always_runs() -> None:
    prefilter = Prefilter([(r"(?<n>a)\k<n>", 0), (r"\d{4}", 0)])
    assert prefilter.possible("no digits") == frozenset({0})
    assert prefilter.possible("1234") == frozenset({0, 1})


@pytest.mark.parametrize(
    ("text", "plain"),
    [("Call me on 555-0100\tnow\r\n", True), ("Müller", False), ("a\u200bb", False), ("a\x1cb", False)],
)
def test_only_plain_text_is_prefiltered(text: str, plain: bool) -> None:
    assert is_plain(text) is plain
    assert (Prefilter([(r"\d{4}", 0)]).possible(text) is None) is not plain


def test_every_relaxed_expression_must_be_found() -> None:
    prefilter = Prefilter([(r"(?<=passport )[a-z0-9]{6}", regex.IGNORECASE)])
    assert prefilter.possible("PASSPORT x12345") == frozenset({0})
    assert prefilter.possible("passport") == frozenset()  # the cue without a value
    assert prefilter.possible("abc123 and no cue") == frozenset()  # a value without the cue


WORD_SETS = [["passport", "pass no"], ["müller"], ["dob", "born"], []]


@pytest.mark.parametrize(
    "text",
    [
        "my passport please",
        "herr müller",
        "Müller",  # case-sensitive, as the callers lower-case both sides
        "reborn",  # substrings count, as with `word in text`
        "pass no. 5",
        "nothing",
        "",
        "ümlaut müll",
    ],
)
def test_word_sets_are_python_substring_search(text: str) -> None:
    expected = {i for i, words in enumerate(WORD_SETS) if any(w in text for w in words)}
    assert WordSets(WORD_SETS).present(text) == expected


def test_without_hyperscan_every_pattern_runs_and_words_are_still_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Its wheels are x86-64 only: on other platforms it is not installed.
    monkeypatch.setattr(prefilter, "hyperscan", None)
    assert Prefilter([(r"\d{4}", 0)]).possible("no digits") is None
    for text in ("my passport please", "herr müller", "nothing"):
        expected = {i for i, words in enumerate(WORD_SETS) if any(w in text for w in words)}
        assert WordSets(WORD_SETS).present(text) == expected


def test_an_empty_word_is_everywhere() -> None:
    assert WordSets([["x"], [""]]).present("abc") == {1}


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [str(k), *_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)]


def _corpus() -> list[str]:
    texts = set(TEXTS)
    bodies = [sample.body for sample in generate(seed=11, responses=120)]
    bodies += [b for size in SIZES[:2] for b in build_bodies(size, 3, 5, _Pools(5))]
    for body in bodies:
        text = body.decode("utf-8", "replace")
        texts.add(text)
        texts.update(text.split("\n"))
        try:
            texts.update(_strings(json.loads(text)))
        except ValueError:
            texts.update(text.split('"'))
    return sorted(t for t in texts if t)


def test_every_shipped_pattern_can_be_ruled_out() -> None:
    # A pattern Hyperscan cannot take runs on every string of its entity: the spelled-out e-mail
    # patterns, with a non-ASCII apostrophe in a class, cost 8% of a 20 KB response that way.
    patterns = [
        (p.regex, int(r.global_regex_flags), f"{r.name}/{p.name}")
        for r in _registry(RECOGNIZERS).recognizers
        if isinstance(r, PatternRecognizer)
        for p in r.patterns
    ]
    prefilter = Prefilter([(source, flags) for source, flags, _ in patterns])
    assert [patterns[i][2] for i in sorted(prefilter.always_run)] == []


def test_no_shipped_pattern_that_matches_is_ruled_out() -> None:
    # Soundness over every text of the recognizer tables and of a generated evaluation corpus:
    # wherever the `regex` module finds a match, the prefilter let that pattern run.
    patterns = [
        (p.regex, int(r.global_regex_flags))
        for r in _registry(RECOGNIZERS).recognizers
        if isinstance(r, PatternRecognizer)
        for p in r.patterns
    ]
    compiled = [regex.compile(source, flags=flags) for source, flags in patterns]
    prefilter = Prefilter(patterns)
    missed = []
    pairs = ruled_out = 0
    for text in _corpus():
        possible = prefilter.possible(text)
        if possible is None:
            continue
        for index, pattern in enumerate(compiled):
            pairs += 1
            if index in possible:
                continue
            ruled_out += 1
            if any(m.end() > m.start() for m in pattern.finditer(text)):
                missed.append((index, patterns[index][0][:60], text[:80]))
    assert missed == []
    assert pairs > 50_000
    assert ruled_out > pairs * 0.7  # and it is worth having

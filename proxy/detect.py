"""Detection: presidio-analyzer (patterns, checksums, context words, spaCy NER) over field strings.

The only module that imports presidio or spaCy. It is built for being called on many short strings:
- a cheap prefilter drops strings that cannot hold any entity we know (no digit, no '@', no capital);
- spaCy runs NER-only, and only on strings with a capitalised word; others are just tokenized;
- field names are passed as presidio context, so `date_of_birth: 1985-03-14` is a birth date;
- look-alike and zero-width characters are normalised before matching, spans mapped back;
- results are cached per (string, context), because CRM responses repeat themselves.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from presidio_analyzer import AnalyzerEngine, PatternRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.recognizer_registry import RecognizerRegistryProvider

from proxy.errors import RulesError, StartupError
from proxy.model import Span
from proxy.recognizers import custom_recognizers

log = logging.getLogger(__name__)

# Anything with a digit, an '@' or a capital, and any free text (several words: names are written
# in lower case too, "regards, melissa wright").
_WORTH_SCANNING = re.compile(r"[0-9@A-Z]|[\uff10-\uff19\uff21-\uff3a\uff20]|\w\W+\w+\W+\w")
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]")
_NER_EXCLUDE = ["tagger", "parser", "lemmatizer", "attribute_ruler", "senter"]
_CACHE_SIZE = 50_000
_LONG_TOKEN = re.compile(r"[A-Za-z0-9]{25,}")
# Whole strings that are machine values, never personal data: ISO-8601 timestamps and UUIDs (the
# most common strings in CRM JSON). Matched in full, so a value with anything around it is scanned.
_MACHINE_VALUE = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?"
    r"|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
_NER_ENTITIES = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "NRP"})

# Necessary conditions for an entity to be present, from the shapes our recognizers accept. A string
# is analysed only for the entities whose condition holds; entities not listed here (a site's own
# recognizers) are always analysed. Conservative on purpose: a gate may let noise through to presidio,
# never keep a real value from it.
_DIGIT_GATES = {
    "PHONE_NUMBER": 7,
    "CREDIT_CARD": 12,
    "US_SSN": 9,
    "IBAN_CODE": 8,
    "US_BANK_NUMBER": 8,
    "US_PASSPORT": 1,
    "PASSPORT": 1,
    "NATIONAL_ID": 1,
    "DATE_OF_BIRTH": 4,
    "STREET_ADDRESS": 1,
}

type Item = tuple[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class DetectorConfig:
    """What a detector needs; plain data so worker processes can rebuild it."""

    recognizers_path: Path
    model_name: str | None  # None: no NER (unit tests, or sites that rely on patterns only)
    entities: frozenset[str]
    score_threshold: float = 0.5


class _LeanSpacyEngine(SpacyNlpEngine):
    """presidio's spaCy engine, NER-only, skipping the model for strings with no capitalised word.

    Without the lemmatizer, presidio's context enhancer compares lower-cased tokens instead of
    lemmas, which is what field-name context words need anyway.
    """

    def __init__(self, model_name: str | None) -> None:
        super().__init__(models=[{"lang_code": "en", "model_name": model_name or "blank"}])
        self._model_name = model_name

    def load(self) -> None:
        if self._model_name is None:
            pipeline = spacy.blank("en")
        else:
            try:
                pipeline = spacy.load(self._model_name, exclude=_NER_EXCLUDE)
            except OSError as err:
                raise StartupError(f"spaCy model {self._model_name!r} is not installed ({err})") from err
        # presidio declares `nlp` as None until loaded; its own helpers read it by language.
        self.nlp = {"en": pipeline}  # type: ignore[assignment]
        self._pipeline = pipeline

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        return self.artifacts_batch([text], [self.wants_ner(text)])[0]

    def wants_ner(self, text: str) -> bool:
        return self._model_name is not None and _CAPITALISED_WORD.search(text) is not None

    def artifacts_batch(self, texts: Sequence[str], ner: Sequence[bool]) -> list[NlpArtifacts]:
        """NER-only spaCy over the texts that need it, batched; a tokenizer pass for the rest."""
        nlp = self._pipeline
        docs = {i: doc for i, doc in zip(
            [i for i, want in enumerate(ner) if want],
            nlp.pipe([t for t, want in zip(texts, ner, strict=True) if want], batch_size=64),
            strict=True,
        )}  # fmt: skip
        return [self._doc_to_nlp_artifact(docs.get(i) or nlp.make_doc(t), "en") for i, t in enumerate(texts)]

    def _doc_to_nlp_artifact(self, doc: Any, language: str) -> NlpArtifacts:
        entities, scores = self._get_updated_entities(
            list(doc.ents), [self.ner_model_configuration.default_score or 0.85] * len(doc.ents)
        )
        return NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=[t.idx for t in doc],
            lemmas=[t.lower_ for t in doc],
            nlp_engine=self,
            language=language,
            scores=scores,
        )


def _registry(path: Path) -> Any:
    try:
        registry = RecognizerRegistryProvider(conf_file=str(path)).create_recognizer_registry()
    except Exception as err:  # presidio raises ValueError, KeyError, TypeError, yaml errors…
        detail = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise RulesError([f"{path}: recognizers: {detail[:300]}"]) from err
    for recognizer in custom_recognizers():
        registry.add_recognizer(recognizer)
    return registry


def recognizer_entities(path: Path) -> frozenset[str]:
    """Entities the recognizers in `path` can produce (validates the file; raises RulesError)."""
    if not path.exists():
        raise RulesError([f"{path}: cannot read (file not found)"])
    registry = _registry(path)
    entities: set[str] = set()
    for recognizer in registry.recognizers:
        entities.update(recognizer.supported_entities)
    return frozenset(entities)


_NOT_IN_NAMES = re.compile(r"[0-9@_/]")


def _implausible_ner(text: str, result: RecognizerResult) -> bool:
    """spaCy's small model tags order numbers, versions and URL pieces as PERSON or LOCATION."""
    return (
        result.entity_type in _NER_ENTITIES
        and _NOT_IN_NAMES.search(text[result.start : result.end]) is not None
    )


def _context_words(context: tuple[str, ...]) -> list[str]:
    # The joined form too, so a label "ID number" or a key "idNumber" meets a context word "idnumber".
    words = list(context)
    if 1 < len(words) <= 4:
        words.append("".join(words))
    return words


def _is_machine_value(text: str) -> bool:
    # Midnight timestamps are how many systems store a date of birth: those are still scanned.
    return _MACHINE_VALUE.fullmatch(text) is not None and "00:00:00" not in text[10:19]


def _candidate_entities(text: str, entities: Sequence[str]) -> list[str]:
    digits = sum(ch.isdigit() for ch in text)
    out = []
    for entity in entities:
        if entity in _DIGIT_GATES:
            ok = digits >= _DIGIT_GATES[entity]
        elif entity == "EMAIL_ADDRESS":
            ok = "@" in text
        elif entity == "IP_ADDRESS":
            ok = (digits >= 4 and "." in text) or text.count(":") >= 2
        elif entity == "CRYPTO":
            ok = _LONG_TOKEN.search(text) is not None
        elif entity in _NER_ENTITIES:
            # Names have pattern recognizers too (after "my name is", in name fields): always ask;
            # whether spaCy itself runs is decided separately (wants_ner).
            ok = True
        else:
            ok = True
        if ok:
            out.append(entity)
    return out


_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")


def _normalise(text: str) -> tuple[str, list[tuple[int, int]] | None]:
    """What a reader would see: NFKC, invisible format characters dropped, printable ASCII
    percent-escapes decoded (`jane%40example.com`). Returns the text and, when it differs, the
    original [start, end) of every normalised character so spans can be mapped back."""
    if text.isascii() and "%" not in text:
        return text, None
    out: list[str] = []
    origin: list[tuple[int, int]] = []
    index = 0
    while index < len(text):
        ch = text[index]
        escape = _PERCENT.match(text, index) if ch == "%" else None
        if escape is not None and 0x20 <= int(escape.group(1), 16) < 0x7F:
            out.append(chr(int(escape.group(1), 16)))
            origin.append((index, index + 3))
            index += 3
            continue
        index += 1
        if unicodedata.category(ch) == "Cf":  # zero-width joiners, bidi marks, soft hyphen…
            continue
        piece = unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch
        out.extend(piece)
        origin.extend([(index - 1, index)] * len(piece))
    normalised = "".join(out)
    return normalised, (origin if normalised != text else None)


def _context_only_entities(recognizers: Iterable[Any], threshold: float) -> dict[str, tuple[str, ...]]:
    """Entities whose every recognizer is a pattern recognizer scoring below the threshold: they can
    only be found next to a context word, so a string (and field name) without one is not asked."""
    by_entity: dict[str, list[Any]] = {}
    for recognizer in recognizers:
        for entity in recognizer.supported_entities:
            by_entity.setdefault(entity, []).append(recognizer)
    out: dict[str, tuple[str, ...]] = {}
    for entity, group in by_entity.items():
        if all(_context_only(r, threshold) for r in group):
            out[entity] = tuple(sorted({w.lower() for r in group for w in (r.context or [])}))
    return out


def _context_only(recognizer: Any, threshold: float) -> bool:
    if not isinstance(recognizer, PatternRecognizer):
        return False  # NER and code recognizers decide for themselves
    if type(recognizer).validate_result is not PatternRecognizer.validate_result:
        return False  # a validator (Luhn, checksums) can raise the score on its own
    patterns: list[Any] = list(getattr(recognizer, "patterns", []))
    return bool(patterns) and max(p.score for p in patterns) < threshold


class _DecisiveContextEnhancer(LemmaContextAwareEnhancer):
    """presidio's context enhancer, asked only about results context could still change.

    A result already at the threshold stays; one so low that even the full context boost cannot
    lift it is dropped anyway; and without any of its recognizer's context words in the text or the
    field name, nothing can be found. Only the rest go through presidio's (costly) token search.
    """

    def __init__(self, threshold: float) -> None:
        super().__init__()
        self._threshold = threshold

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[Any],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        by_id = {r.id: r for r in recognizers}
        haystack = (text + " " + " ".join(context or ())).lower()
        settled: list[RecognizerResult] = []
        open_: list[RecognizerResult] = []
        for result in raw_results:
            recognizer = by_id.get(
                (result.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY)
            )
            words = getattr(recognizer, "context", None) or []
            boosted = max(
                result.score + self.context_similarity_factor, self.min_score_with_context_similarity
            )
            could_flip = result.score < self._threshold <= boosted
            if could_flip and any(w.lower() in haystack for w in words):
                open_.append(result)
            else:
                settled.append(result)
        if not open_:
            return settled
        enhanced: list[RecognizerResult] = super().enhance_using_context(
            text, open_, nlp_artifacts, recognizers, context
        )
        return settled + enhanced


class Detector:
    """Finds entity spans in strings. Not thread-safe (its cache); one per worker process."""

    def __init__(self, config: DetectorConfig) -> None:
        self.config = config
        self._engine = _LeanSpacyEngine(config.model_name)
        self._engine.load()
        self._analyzer = AnalyzerEngine(
            registry=_registry(config.recognizers_path),
            nlp_engine=self._engine,
            supported_languages=["en"],
            default_score_threshold=config.score_threshold,
            context_aware_enhancer=_DecisiveContextEnhancer(config.score_threshold),
        )
        # Field-only entities (declared in the policy, produced by no recognizer) are not asked for:
        # presidio would log a warning on every call.
        supported = set(self._analyzer.get_supported_entities(language="en"))
        self._entities = sorted(config.entities & supported)
        self._needs_context = _context_only_entities(
            self._analyzer.registry.recognizers, config.score_threshold
        )
        self._cache: OrderedDict[Item, tuple[Span, ...]] = OrderedDict()

    def detect(self, items: Sequence[Item]) -> list[tuple[Span, ...]]:
        """Spans per item, in item order. Raises whatever presidio raises (callers fail closed)."""
        out: list[tuple[Span, ...] | None] = [None] * len(items)
        pending: list[tuple[int, str, list[tuple[int, int]] | None, list[str]]] = []
        for index, (text, context) in enumerate(items):
            if len(text) < 2 or not _WORTH_SCANNING.search(text) or _is_machine_value(text):
                out[index] = ()
                continue
            cached = self._cache.get((text, context))
            if cached is not None:
                self._cache.move_to_end((text, context))
                out[index] = cached
                continue
            normalised, origin = _normalise(text)
            candidates = _candidate_entities(normalised, self._entities)
            if candidates and self._needs_context:
                haystack = (normalised + " " + " ".join(_context_words(context))).lower()
                candidates = [
                    e
                    for e in candidates
                    if e not in self._needs_context or any(w in haystack for w in self._needs_context[e])
                ]
            if not candidates:
                out[index] = ()
                continue
            pending.append((index, normalised, origin, candidates))
        if pending:
            wants = [
                bool(_NER_ENTITIES.intersection(c)) and self._engine.wants_ner(t) for _, t, _, c in pending
            ]
            artifacts = self._engine.artifacts_batch([t for _, t, _, _ in pending], wants)
            for (index, normalised, origin, candidates), nlp in zip(pending, artifacts, strict=True):
                text, context = items[index]
                spans = self._analyze(normalised, origin, candidates, context, nlp)
                out[index] = spans
                self._remember((text, context), spans)
        return [spans or () for spans in out]

    def _analyze(
        self,
        text: str,
        origin: list[tuple[int, int]] | None,
        entities: list[str],
        context: tuple[str, ...],
        nlp_artifacts: NlpArtifacts,
    ) -> tuple[Span, ...]:
        results: list[RecognizerResult] = self._analyzer.analyze(
            text=text,
            language="en",
            entities=entities,
            context=_context_words(context) or None,
            score_threshold=self.config.score_threshold,
            nlp_artifacts=nlp_artifacts,
        )
        results = [r for r in results if not _implausible_ner(text, r)]
        return tuple(
            Span(
                origin[r.start][0] if origin else r.start,
                origin[r.end - 1][1] if origin else r.end,
                r.entity_type,
                float(r.score),
            )
            for r in results
        )

    def _remember(self, key: Item, spans: tuple[Span, ...]) -> None:
        self._cache[key] = spans
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)

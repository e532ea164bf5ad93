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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.recognizer_registry import RecognizerRegistryProvider

from proxy.errors import RulesError, StartupError
from proxy.model import Span

log = logging.getLogger(__name__)

_WORTH_SCANNING = re.compile(r"[0-9@A-Z]|[\uff10-\uff19\uff21-\uff3a\uff20]")
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]")
_NER_EXCLUDE = ["tagger", "parser", "lemmatizer", "attribute_ruler", "senter"]
_CACHE_SIZE = 50_000

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
        nlp = self._pipeline
        if self._model_name is not None and _CAPITALISED_WORD.search(text):
            doc = nlp(text)
        else:
            doc = nlp.make_doc(text)
        return self._doc_to_nlp_artifact(doc, language)

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
        return RecognizerRegistryProvider(conf_file=str(path)).create_recognizer_registry()
    except Exception as err:  # presidio raises ValueError, KeyError, TypeError, yaml errors…
        detail = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise RulesError([f"{path}: recognizers: {detail[:300]}"]) from err


def recognizer_entities(path: Path) -> frozenset[str]:
    """Entities the recognizers in `path` can produce (validates the file; raises RulesError)."""
    if not path.exists():
        raise RulesError([f"{path}: cannot read (file not found)"])
    registry = _registry(path)
    entities: set[str] = set()
    for recognizer in registry.recognizers:
        entities.update(recognizer.supported_entities)
    return frozenset(entities)


def _normalise(text: str) -> tuple[str, list[int] | None]:
    """NFKC + drop invisible format characters; returns (text, map normalised index → original)."""
    if text.isascii():
        return text, None
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        if unicodedata.category(ch) == "Cf":  # zero-width joiners, bidi marks, soft hyphen…
            continue
        piece = unicodedata.normalize("NFKC", ch)
        out.append(piece)
        origin.extend([index] * len(piece))
    origin.append(len(text))
    return "".join(out), origin


class Detector:
    """Finds entity spans in strings. Not thread-safe (its cache); one per worker process."""

    def __init__(self, config: DetectorConfig) -> None:
        self.config = config
        engine = _LeanSpacyEngine(config.model_name)
        engine.load()
        self._analyzer = AnalyzerEngine(
            registry=_registry(config.recognizers_path),
            nlp_engine=engine,
            supported_languages=["en"],
            default_score_threshold=config.score_threshold,
        )
        self._entities = sorted(config.entities)
        self._cache: OrderedDict[Item, tuple[Span, ...]] = OrderedDict()

    def detect(self, items: Sequence[Item]) -> list[tuple[Span, ...]]:
        """Spans per item, in item order. Raises whatever presidio raises (callers fail closed)."""
        return [self._detect_one(text, context) for text, context in items]

    def _detect_one(self, text: str, context: tuple[str, ...]) -> tuple[Span, ...]:
        if len(text) < 2 or not _WORTH_SCANNING.search(text):
            return ()
        key = (text, context)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        normalised, origin = _normalise(text)
        results: list[RecognizerResult] = self._analyzer.analyze(
            text=normalised,
            language="en",
            entities=self._entities,
            context=list(context) or None,
            score_threshold=self.config.score_threshold,
        )
        spans = tuple(
            Span(
                origin[r.start] if origin else r.start,
                origin[r.end - 1] + 1 if origin else r.end,
                r.entity_type,
                float(r.score),
            )
            for r in results
        )
        self._cache[key] = spans
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return spans

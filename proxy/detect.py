"""Detection: presidio-analyzer (patterns, checksums, context words, spaCy NER) over field strings.

With proxy.patterns, the only module that imports presidio or spaCy. Built for many short strings:
- a cheap prefilter drops strings that cannot hold any entity we know (no digit, no '@', no capital);
- presidio's pattern recognizers run in one compiled pass, validators only on matches;
- field names are passed as presidio context, so `date_of_birth: 1985-03-14` is a birth date;
- spaCy runs NER-only, batched, and only on text that still holds a capitalised word once the
  patterns' matches and the response's declared values are taken out;
- look-alike and zero-width characters are normalised, and base64 runs decoded, before matching
  (proxy.textviews), spans mapped back;
- results are cached per string, NER results per residual text: CRM responses repeat themselves.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections import OrderedDict
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import spacy
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import SpacyRecognizer
from presidio_analyzer.recognizer_registry import RecognizerRegistryProvider

from proxy import emails, seeds
from proxy.errors import RulesError, StartupError
from proxy.model import Span
from proxy.patterns import PatternPass
from proxy.recognizers import custom_recognizers
from proxy.textviews import STRETCH_BREAK, base64_runs, normalise, residual, to_original, without_edge_blanks

log = logging.getLogger(__name__)

# Anything with a digit, an '@' or a capital, and any free text (several words: names are written
# in lower case too, "regards, melissa wright"); also a spelled-out e-mail (`jane_at_gmail_dot_com`).
_WORTH_SCANNING = re.compile(r"[0-9@A-Z]|[\uff10-\uff19\uff21-\uff3a\uff20]|\w\W+\w+\W+\w")
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]")
# Keys of a person's name: `surname`, `Nachname`; `first_name`, `displayName`; `requester.name`.
_NAME_WORDS = frozenset(
    ("surname", "nachname", "vorname", "familienname", "nombre", "apellido", "apellidos", "cognome", "prenom")
)
_WHOSE_NAME = frozenset(
    (
        *("first", "last", "full", "display", "given", "family", "middle", "legal", "maiden"),
        *("complet", "completo", "vollstaendiger", "vollständiger", "volledige", "pelny", "pełne"),
        # whose: `cardHolderName`, `beneficiary_name`
        *("holder", "cardholder", "beneficiary", "payee", "customer", "client", "applicant", "originator"),
    )
)
# "name" in the languages CRMs are set up in: `naam`, `nom complet`, `nombre completo`.
_NAME = frozenset(("name", "naam", "nom", "nome", "nombre", "navn", "namn", "nimi", "imie"))
# Keys whose value, when it is words only and more than one, is a person's name (`"sender": "Aoi
# Suzuki"`, a CSV's `Customer` column): the people a support desk hears from or pays.
_PERSON_VALUE_KEYS = frozenset(
    (
        *("customer", "client", "sender", "recipient", "requester", "holder", "cardholder", "caller"),
        *("beneficiary", "payee", "applicant", "submitter", "kunde", "cliente", "klant", "destinataire"),
        # a payment's parties in the languages exports come in: Absender, titular, bénéficiaire
        *("absender", "auftraggeber", "empfänger", "empfaenger", "titular", "remitente", "ordenante"),
        *("destinatario", "expéditeur", "bénéficiaire", "beneficiario", "begunstigde", "odbiorca"),
    )
)
_PERSON_OBJECTS = frozenset(
    (
        *("user", "users", "requester", "customer", "customers", "client", "sender", "author", "contact"),
        *("contacts", "submitter", "reporter", "visitor", "holder", "person", "member", "recipient"),
        *("from", "to", "cc", "kunde", "cliente", "owner", "lead", "profile", "account"),
        *("beneficiary", "payee", "originator", "applicant", "cardholder", "debtor", "creditor"),
    )
)
_PERSON_NAME_KEYS = ("firstname", "lastname", "fullname", "givenname", "familyname", "surname", "middlename")
_WORDS_ONLY = re.compile(r"[^\W\d_]+(?:,? [^\W\d_]+|['\u2019-][^\W\d_]+)*\r?\n?")  # a text's line, too
_NER_EXCLUDE = ["tagger", "parser", "lemmatizer", "attribute_ruler", "senter"]
_CACHE_SIZE = 50_000
_WORD = re.compile(r"[^\W\d_]{2}")  # two letters: the least a name or a place is made of
# What an address or a key needs at the least: a long token (base64url too: TON addresses hold `-`
# and `_`), or an `0x` number written in groups (an Ethereum address spaced in fours).
_LONG_TOKEN = re.compile(r"[A-Za-z0-9_-]{25,}|0[xX] ?[0-9a-fA-F]{4}[ .-]")
# Whole strings that are machine values, never personal data: ISO-8601 timestamps and UUIDs (the
# most common strings in CRM JSON). Matched in full, so a value with anything around it is scanned.
_MACHINE_VALUE = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?"
    r"|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
_LOCAL_MIDNIGHT = re.compile(r":(?:00|30|45):00")  # a timestamp's minutes and seconds
_NER_ENTITIES = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "NRP"})
_NAME_ENTITIES = _NER_ENTITIES | {"LAST_NAME"}  # need a word in the text (surnames by pattern too)
_ENCODED = "scrim_base64"  # result metadata: found inside a base64 run

# Necessary conditions for an entity to be present, from the shapes our recognizers accept. A string
# is analysed only for the entities whose condition holds; entities not listed here (a site's own
# recognizers) are always analysed. Conservative on purpose: a gate may let noise through to presidio,
# never keep a real value from it. Passports, national ids and streets have no gate: they can be all
# letters ("Reisepass KFZVFVTNM", "rue de Pierre"), and most of their patterns need a context word,
# which the pattern pass checks first.
_DIGIT_GATES = {
    "PHONE_NUMBER": 7,
    "CREDIT_CARD": 12,
    "US_SSN": 9,
    "IBAN_CODE": 4,  # check digits and a few: Latvian and Maltese accounts can be mostly letters
    "US_BANK_NUMBER": 6,  # a UK sort code
    "US_PASSPORT": 1,
    "DATE_OF_BIRTH": 4,
}

type _NerHit = tuple[int, int, str, float]  # start, end, presidio entity, score
# Spans of one string as plain tuples: start, end, entity, score, found inside a base64 run.
type Found = tuple[tuple[int, int, str, float, bool], ...]


def as_spans(found: Found) -> tuple[Span, ...]:
    """Plain span tuples (cache entries, what crosses the worker pipe) as the pipeline's Spans."""
    return tuple(Span(*span) for span in found)


class Item(NamedTuple):
    """One string to scan: its text, its field-name context words, and the spans of it already
    explained by declared values recurring in it (masked anyway; NER need not look at them)."""

    text: str
    context: tuple[str, ...] = ()
    known: tuple[tuple[int, int], ...] = ()

    @property
    def key(self) -> ItemKey:
        """The item as a plain tuple, for caches (the collector untracks those, not named tuples)."""
        return (self.text, self.context, self.known)


type ItemKey = tuple[str, tuple[str, ...], tuple[tuple[int, int], ...]]


@dataclass(frozen=True, slots=True)
class DetectorConfig:
    """What a detector needs; plain data so worker processes can rebuild it."""

    recognizers_path: Path
    model_name: str | None  # None: no NER (unit tests, or sites that rely on patterns only)
    entities: frozenset[str]
    score_threshold: float = 0.5


class _LeanSpacyEngine(SpacyNlpEngine):
    """presidio's spaCy engine, NER-only and batched.

    Without the lemmatizer, presidio's context enhancer compares lower-cased tokens instead of
    lemmas, which is what field-name context words need anyway.
    """

    def __init__(self, model_name: str | None) -> None:
        super().__init__(models=[{"lang_code": "en", "model_name": model_name or "blank"}])
        self.has_ner = model_name is not None
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

    def memory_zone(self) -> AbstractContextManager[object]:
        """A block after which spaCy frees the strings and lexemes first seen in it."""
        return self._pipeline.memory_zone()

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        """Tokens only (for the context enhancer): entities come from `entities_batch`."""
        doc = self._pipeline.make_doc(text)
        return NlpArtifacts(
            entities=[],
            tokens=doc,
            tokens_indices=[t.idx for t in doc],
            lemmas=[t.lower_ for t in doc],
            nlp_engine=self,
            language=language,
            scores=[],
        )

    def entities_batch(self, texts: Sequence[str]) -> list[tuple[_NerHit, ...]]:
        """presidio-mapped NER entities per text, from one batched spaCy pass."""
        out = []
        default = self.ner_model_configuration.default_score or 0.85
        for text, doc in zip(texts, self._pipeline.pipe(texts, batch_size=64), strict=True):
            entities, scores = self._get_updated_entities(list(doc.ents), [default] * len(doc.ents))
            out.append(
                tuple(
                    (*_value_only(text, e.start_char, e.end_char), str(e.label_), float(s))
                    for e, s in zip(entities, scores, strict=True)
                )
            )
        return out


_ASSIGNED = re.compile(r"[^\s=]*=[\"']?")


def _value_only(text: str, start: int, end: int) -> tuple[int, int]:
    """An entity span without blanks at its edges and without a key it took in (`name='Sanjay
    Sharma`, from a log's key=value pairs: masked as a name, the key hid it from the first-name
    view and the name pattern's own span, inside it, was dropped)."""
    key = _ASSIGNED.match(text, start, end)
    if key is not None and key.end() < end:
        start = key.end()
    return without_edge_blanks(text, start, end)


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


# Digits, handles, paths, and a one-letter alias before a dot (`c.Name`, a query's column; not
# initials, "J.R.", nor "St.Petersburg").
_NOT_IN_NAMES = re.compile(r"[0-9@_/]|\b[a-z]\.[A-Za-z]")
# A field that names a version (`appVersion`, `firmware`): a dotted quad that is all its value is
# a build number (`9.12.4.79`); `release.ip` is still an address.
_VERSION_WORDS = frozenset(("version", "ver", "build", "firmware", "release"))
# What a version key names the version of (`appVersion`, `sdk_version`): the key's first word.
_VERSIONED = frozenset(("app", "client", "sdk", "os", "software", "browser", "api", "product", "agent"))


def _names_a_version(context: Sequence[str]) -> bool:
    """Whether the value's own key names a version: `version`, `build`, `appVersion`; not a key
    under a version object (`version_info.peer` is an address)."""
    if not context:
        return False
    first = context[0]
    return first in _VERSION_WORDS or (
        first in _VERSIONED and len(context) > 1 and context[1] in _VERSION_WORDS
    )


def _whole_ip(result: RecognizerResult, text: str) -> bool:
    return result.entity_type == "IP_ADDRESS" and result.start == 0 and result.end == len(text.rstrip())


_CODE = re.compile(r"[A-Z]{1,3}")


def _context_words(context: tuple[str, ...]) -> list[str]:
    # Joined forms too, so a label "ID number" or a key "idNumber" meets a context word "idnumber":
    # the innermost name's words come first, whatever encloses them (`custom_fields`, `changes`).
    words = list(context)
    words.extend("".join(context[:n]) for n in range(2, min(len(context), 4) + 1))
    return words


def is_machine_value(text: str) -> bool:
    """A whole ISO-8601 timestamp or UUID: never personal data, unless a timestamp that may be a
    date's midnight somewhere."""
    # Midnight is how many systems store a date of birth, written in UTC a whole or half hour with
    # no seconds ("1985-03-14T05:00:00.000Z" in New York): those are still scanned.
    return _MACHINE_VALUE.fullmatch(text) is not None and _LOCAL_MIDNIGHT.fullmatch(text[13:19]) is None


def _is_name_field(text: str, context: tuple[str, ...]) -> bool:
    """Words (letters, apostrophes, hyphens, a comma after the first) under a key that names a
    person's name: `last_name`, `idFirstName`, `IDLASTNAME`, `Nachname`, `nom_complet` (one word or
    more), or two words or more under `name` in a person's object (`requester.name`, not
    `product.name`), under a person's key (`sender`), or written family name first after a comma
    under a bare name key ("SANTOS, Gustavo")."""
    if not context or not _WORDS_ONLY.fullmatch(text):
        return False
    first = context[0]
    if first in _NAME_WORDS or first.endswith(_PERSON_NAME_KEYS):
        return True
    if "name" in context[1:3] and context[context.index("name", 1) - 1] in _WHOSE_NAME:
        return True
    if first in _NAME and len(context) > 1 and context[1] in _WHOSE_NAME:
        return True  # the Romance order: nom complet, nombre completo
    if " " not in text:
        return False
    if first in _NAME and "," in text:
        return True  # the family name first, as registers write it: "SANTOS, Gustavo"
    return first in _PERSON_VALUE_KEYS or (first in _NAME and not _PERSON_OBJECTS.isdisjoint(context[1:3]))


def _as_a_name_is_written(text: str, context: tuple[str, ...]) -> str:
    """A name field's value in one case ("anneliese strauß", "CONCEIÇÃO DA SILVA", as typed or as
    a system stores it), or with its family name in capitals ("WEISSKOPF Annegret", as banks and
    passports write it), with its words capitalised, for the name patterns and NER, which read
    capitals; the same length, so spans stay where they were."""
    if not text.istitle() and _is_name_field(text, context):
        written = text.title()
        if len(written) == len(text):
            return written
    return text


def worth_scanning(text: str, context: tuple[str, ...] = ()) -> bool:
    """False for a string no recognizer can find anything in (the caller may skip it unsent)."""
    return (
        len(text) >= 2
        and (
            _WORTH_SCANNING.search(text) is not None
            or emails.may_hold_address(text)
            or _is_name_field(text, context)  # two words in lower case: "anneliese strauß"
        )
        and not is_machine_value(text)
    )


def _candidate_entities(text: str, entities: tuple[str, ...]) -> list[str]:
    """The entities whose necessary condition `text` meets (the gates above)."""
    digits = sum(map(str.isdigit, text))
    return list(
        _gated(
            entities,
            min(digits, _MOST_DIGITS_GATED),
            emails.may_hold_address(text),
            (digits >= 4 and "." in text) or text.count(":") >= 2,
            _LONG_TOKEN.search(text) is not None,
            _WORD.search(text) is not None,
            seeds.may_hold_phrase(text),
        )
    )


_MOST_DIGITS_GATED = max(_DIGIT_GATES.values())


@functools.lru_cache(maxsize=1024)  # a few hundred combinations at most, per set of entities
def _gated(
    entities: tuple[str, ...],
    digits: int,
    at: bool,
    ip_like: bool,
    long_token: bool,
    word: bool,
    many_words: bool,
) -> tuple[str, ...]:
    out = []
    for entity in entities:
        if entity in _DIGIT_GATES:
            ok = digits >= _DIGIT_GATES[entity]
        elif entity == "EMAIL_ADDRESS":
            ok = at
        elif entity == "IP_ADDRESS":
            ok = ip_like
        elif entity == "CRYPTO":
            ok = long_token
        elif entity == "CRYPTO_SECRET":  # a private key is one long token, a seed phrase many words
            ok = long_token or many_words
        elif entity in _NAME_ENTITIES:
            # Names have pattern recognizers too (after "my name is", in name fields): asked for
            # any text with a word in it; whether spaCy runs is decided on the residual text.
            ok = word
        else:
            ok = True
        if ok:
            out.append(entity)
    return tuple(out)


# A URL's query key right before a value (`?phone=4155551234`, `&dob=1985-03-14`): the key names
# it as a field name does, though presidio's token search, on a URL as one token, never sees it.
_QUERY_KEY = re.compile(r"[?&;]([a-z][\w.-]{0,30})=$")


def _named_by_query_key(text_lower: str, start: int, words: Sequence[str]) -> bool:
    key = _QUERY_KEY.search(text_lower, max(0, start - 34), start)
    return key is not None and _supported(words, _TOKEN_BREAK.split(key.group(1)))


# presidio counts a context word found inside a word (`telefon` in "Mobiltelefon"); one of four
# letters or fewer only at a word's start: inside, `tel` is in "Bestellnummer" and "hotel", `tax`
# in "syntax", `cell` in "cancellation", `call` in "recall", `ring` in "during", `us` in nearly
# every text.
_LONGEST_PREFIX_ONLY = 4
_TOKEN_BREAK = re.compile(r"[\W_]+")


def _supported(words: Sequence[str], tokens: Sequence[str]) -> bool:
    """Whether one of a recognizer's context words supports a result next to `tokens` (lower case)."""
    return any(
        (token.startswith(word) and not token.startswith(_FALSE_FRIENDS.get(word, ())))
        if len(word) <= _LONGEST_PREFIX_ONLY
        else word in token
        for word in map(str.strip, words)  # "cc ": a word of its own
        for token in tokens
    )


# Words a short context word starts yet says nothing of: `telemetry` is no telephone. (A
# `callback` is left a call: `callback_number` is a phone, though a `callbackDate` is not.)
_FALSE_FRIENDS = {"tel": ("telemetry",)}


def _is_context_break(token: str) -> bool:
    """A blank line: what comes before it names nothing after it. (Not a semicolon: "SSN;
    536221234" is a label and its value.)"""
    return token.count("\n") >= 2


class _PrefixAwareEnhancer(LemmaContextAwareEnhancer):
    """presidio's context enhancer, with short context words read only at a word's start, and
    only in the same paragraph: "data di nascita: 23/02/2005" had made the tracking number in the
    next paragraph a date of birth."""

    _WINDOW = 40  # tokens looked back for the prefix's context words (presidio walks to the start)

    def __init__(self) -> None:
        super().__init__()
        self._breaks: tuple[NlpArtifacts | None, list[int]] = (None, [])

    def _extract_surrounding_words(self, nlp_artifacts: NlpArtifacts, word: str, start: int) -> list[str]:
        tokens = nlp_artifacts.tokens
        if not tokens:
            return [""]
        if self._breaks[0] is not nlp_artifacts:  # the same text's results come one after another
            self._breaks = (nlp_artifacts, [i for i, t in enumerate(tokens) if _is_context_break(t.text)])
        breaks = self._breaks[1]
        index = self._find_index_of_match_token(word, start, tokens, nlp_artifacts.tokens_indices)
        before = bisect.bisect_left(breaks, index)
        first = max(breaks[before - 1] + 1 if before else 0, index - self._WINDOW)
        end = index + self.context_suffix_count + 1
        lemmas, keywords = nlp_artifacts.lemmas[first:end], nlp_artifacts.keywords
        context = self._add_n_words_backward(index - first, self.context_prefix_count, lemmas, keywords)
        context += self._add_n_words_forward(index - first, self.context_suffix_count, lemmas, keywords)
        return list(set(context))

    @staticmethod
    def _find_supportive_word_in_context(
        context_list: list[str], recognizer_context_list: list[str], matching_mode: str = "substring"
    ) -> str:
        tokens = [token.lower() for token in context_list or []]
        for word in recognizer_context_list or []:
            if _supported([word.lower()], tokens):
                return word
        return ""


def _inside(result: RecognizerResult, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= result.start and result.end <= end for start, end in spans)


class _DecisiveContext:
    """presidio's context enhancer, asked only about results context could still change.

    A result already at the threshold stays; one so low that even the full context boost cannot
    lift it is dropped anyway; and without any of its recognizer's context words in the text or the
    field name, nothing can be found. Nor can context change anything inside a declared value
    recurring in the text: that span is masked as the declared entity, the way the role sees that
    value's own field. Only the rest go through presidio's (costly) token search.
    """

    def __init__(self, recognizers: Sequence[EntityRecognizer], threshold: float) -> None:
        self._enhancer = _PrefixAwareEnhancer()
        self._recognizers = list(recognizers)
        self._words = {r.id: [w.lower() for w in (getattr(r, "context", None) or [])] for r in recognizers}
        self._threshold = threshold

    def apply(
        self,
        text: str,
        results: list[RecognizerResult],
        context: list[str],
        lowered: tuple[str, str],
        artifacts: Callable[[], NlpArtifacts],
        known: Sequence[tuple[int, int]] = (),
    ) -> list[RecognizerResult]:
        """`lowered`: the text and the field-name context words, lower-cased (the caller has them);
        `known`: spans of declared values recurring in the text (masked anyway, as declared)."""
        text_lower, field = lowered
        settled: list[RecognizerResult] = []
        open_: list[RecognizerResult] = []
        for result in results:
            words = self._words.get(
                (result.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY), []
            )
            if not result.score < self._threshold <= self.boosted(result.score):
                settled.append(result)
            elif _supported(words, field.split()):
                # presidio counts the caller's context words like surrounding ones: no tokens needed.
                result.score = self.boosted(result.score)
                settled.append(result)
            elif any(w in text_lower for w in words) and not _inside(result, known):
                if _named_by_query_key(text_lower, result.start, words):
                    result.score = self.boosted(result.score)
                    settled.append(result)
                    continue
                result.analysis_explanation = AnalysisExplanation("", result.score)
                open_.append(result)
            else:
                settled.append(result)
        # One that a settled result of its kind contains, at a score its boost cannot pass, would
        # be dropped as a duplicate whatever its context: not worth presidio's token search.
        open_ = [
            r
            for r in open_
            if not any(
                s.entity_type == r.entity_type and r.contained_in(s) and s.score >= self.boosted(r.score)
                for s in settled
            )
        ]
        if not open_:
            return settled
        enhanced: list[RecognizerResult] = self._enhancer.enhance_using_context(
            text, open_, artifacts(), self._recognizers, context or None
        )
        return settled + enhanced

    def boosted(self, score: float) -> float:
        """presidio's score once a context word supports a result."""
        boosted = max(
            score + self._enhancer.context_similarity_factor, self._enhancer.min_score_with_context_similarity
        )
        return min(boosted, EntityRecognizer.MAX_SCORE)


class Detector:
    """Finds entity spans in strings. Not thread-safe (its caches); one per worker process.

    Per string: the pattern pass (proxy.patterns) and presidio's code recognizers, then context
    for results it can still flip, then NER — only on what the patterns and the declared values
    left unexplained, batched over the strings of a call and cached by that residual text, since
    free text minus its identifiers is often a macro the CRM sends again and again.
    """

    def __init__(self, config: DetectorConfig) -> None:
        self.config = config
        self._engine = _LeanSpacyEngine(config.model_name)
        self._engine.load()
        recognizers: list[EntityRecognizer] = list(_registry(config.recognizers_path).recognizers)
        ner = [r for r in recognizers if isinstance(r, SpacyRecognizer)]
        self._ner_entities = (
            frozenset(e for r in ner for e in r.supported_entities) if self._engine.has_ner else frozenset()
        )
        self._ner_id = ner[0].id if ner else ""
        self._context = _DecisiveContext(recognizers, config.score_threshold)
        self._patterns = PatternPass(
            (r for r in recognizers if not isinstance(r, SpacyRecognizer)),
            config.score_threshold,
            self._context.boosted,
        )
        supported = {e for r in recognizers for e in r.supported_entities}
        # Field-only entities (declared in the policy, produced by no recognizer) are not asked for.
        self._entities = tuple(sorted(config.entities & supported))
        # Plain tuples of plain values, keys and entries alike: the collector untracks them, so
        # a full cache does not make every garbage collection walk it (~100 ms pauses otherwise).
        self._cache: OrderedDict[ItemKey, Found] = OrderedDict()
        self._ner_cache: OrderedDict[str, tuple[_NerHit, ...]] = OrderedDict()

    def detect(self, items: Sequence[Item]) -> list[tuple[Span, ...]]:
        """Spans per item, in item order. Raises whatever presidio raises (callers fail closed)."""
        return [as_spans(found) for found in self.detect_plain(items)]

    def detect_plain(self, items: Sequence[Item]) -> list[Found]:
        """`detect` as (start, end, entity, score) tuples: what crosses the worker pipe."""
        # Every word spaCy meets (a card's digit group, a customer's name) would otherwise stay in
        # its vocabulary for the life of the worker: memory that only grows, holding customer data.
        # Nothing spaCy makes in the zone outlives the call: results are plain tuples.
        with self._engine.memory_zone():
            return self._detect_plain(items)

    def _detect_plain(self, items: Sequence[Item]) -> list[Found]:
        out: list[Found | None] = [None] * len(items)
        pending: list[_Pending] = []
        for index, item in enumerate(items):
            if not worth_scanning(item.text, item.context):
                out[index] = ()
                continue
            key = item.key
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                out[index] = cached
                continue
            found = self._patterns_and_context(item)
            if found is None:
                out[index] = ()
            else:
                pending.append(found._replace(position=index))
        self._run_ner(pending)
        for p in pending:
            spans = self._finish(p)
            out[p.position] = spans
            item = items[p.position]
            remember(self._cache, item.key, spans)
        return [spans or () for spans in out]

    def _patterns_and_context(self, item: Item) -> _Pending | None:
        normalised, origin = normalise(item.text)
        normalised = _as_a_name_is_written(normalised, item.context)
        candidates = _candidate_entities(normalised, self._entities)
        context = _context_words(item.context)
        results, encoded_text = self._encoded(normalised, context)
        if not candidates and not results and not encoded_text:
            return None
        # Known spans are in the original's coordinates: usable only if normalising changed nothing.
        known = () if origin else item.known
        results.extend(self._scan(normalised, candidates, context, known))
        for_ner = None
        if self._ner_entities.intersection(candidates):
            explained = [(r.start, r.end) for r in results] + list(known)
            explained += [(start, end) for start, end, _ in encoded_text]  # NER reads them decoded
            text, segments = residual(normalised, explained)
            if _CAPITALISED_WORD.search(text):
                for_ner = (text, segments)
        return _Pending(0, normalised, origin, candidates, results, for_ner, encoded_text)

    def _scan(
        self, text: str, candidates: list[str], context: list[str], known: Sequence[tuple[int, int]] = ()
    ) -> list[RecognizerResult]:
        """Pattern results at or above the threshold, context applied."""
        if not candidates:
            return []
        lowered = (text.lower(), " ".join(context).lower())
        tokens = lambda: self._engine.process_text(text, "en")  # noqa: E731 - only if asked
        results = self._patterns.run(text, candidates, " ".join(lowered), tokens)
        if results:
            results = self._context.apply(text, results, context, lowered, tokens, known)
        versioned = _names_a_version(context)
        return [
            r
            for r in results
            if r.score >= self.config.score_threshold and not (versioned and _whole_ip(r, text))
        ]

    def _encoded(
        self, text: str, context: list[str]
    ) -> tuple[list[RecognizerResult], tuple[tuple[int, int, str], ...]]:
        """Runs of base64 whose decoded text holds an entity: the whole run, flagged as encoded
        (an e-mail in a pagination cursor or a token payload is still the customer's e-mail).
        Also the runs patterns found nothing in but NER should read: (start, end, residual)."""
        found = []
        for_ner = []
        for start, end, decoded in base64_runs(text):
            inner = self._scan(decoded, _candidate_entities(decoded, self._entities), context)
            if inner:
                best = max(inner, key=lambda r: r.score)
                found.append(_encoded_result(best.entity_type, start, end, best.score))
            elif self._ner_entities and STRETCH_BREAK not in decoded and _CAPITALISED_WORD.search(decoded):
                for_ner.append((start, end, residual(decoded, [])[0]))
        return found, tuple(for_ner)

    def _run_ner(self, pending: Sequence[_Pending]) -> None:
        texts = [p.residual[0] for p in pending if p.residual] + [
            t for p in pending for _, _, t in p.encoded_text
        ]
        todo = [t for t in dict.fromkeys(texts) if t not in self._ner_cache]
        for text, hits in zip(todo, self._engine.entities_batch(todo) if todo else [], strict=True):
            remember(self._ner_cache, text, hits)

    def _names(self, text: str, wanted: Sequence[str]) -> list[_NerHit]:
        """NER hits in a text sent through `_run_ner`, of the wanted entities, plausible as names."""
        hits = self._ner_cache.get(text)
        if hits is None:  # evicted by a batch larger than the cache: ask again
            hits = self._engine.entities_batch([text])[0]
        return [
            hit
            for hit in hits
            if hit[2] in wanted
            and hit[3] >= self.config.score_threshold
            # spaCy's small model tags order numbers and URL pieces as names
            and not _NOT_IN_NAMES.search(text[hit[0] : hit[1]])
            # and codes as places: "12 GB", "Windows NT", "flight LH 205" (a country's code alone
            # says nothing of where a customer lives)
            and not (hit[2] == "LOCATION" and _CODE.fullmatch(text[hit[0] : hit[1]]))
        ]

    def _finish(self, p: _Pending) -> Found:
        results = p.results
        for run_start, run_end, text in p.encoded_text:
            for _, _, entity, score in self._names(text, self._entities)[:1]:
                results.append(_encoded_result(entity, run_start, run_end, score))
        if p.residual is not None:
            text, segments = p.residual
            for hit_start, hit_end, entity, score in self._names(text, p.candidates):
                start, end = to_original(segments, hit_start, hit_end)
                results.append(
                    RecognizerResult(
                        entity,
                        start,
                        end,
                        score,
                        recognition_metadata={RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self._ner_id},
                    )
                )
        if len(results) > 1:  # presidio's pass costs microseconds even for nothing to compare
            results = EntityRecognizer.remove_duplicates(results)
        origin = p.origin
        spans = (
            (
                origin[r.start][0] if origin else r.start,
                origin[r.end - 1][1] if origin else r.end,
                str(r.entity_type),
                float(r.score),
                bool((r.recognition_metadata or {}).get(_ENCODED)),
            )
            for r in results
        )
        # Empty: a span of what normalising made up (an XML element's name read as its label).
        return tuple(span for span in spans if span[1] > span[0])


class _Pending(NamedTuple):
    position: int  # in the call's items
    normalised: str
    origin: list[tuple[int, int]] | None
    candidates: list[str]
    results: list[RecognizerResult]
    residual: tuple[str, list[tuple[int, int, int]]] | None
    encoded_text: tuple[tuple[int, int, str], ...]  # base64 runs for NER: start, end, decoded residual


def _encoded_result(entity: str, start: int, end: int, score: float) -> RecognizerResult:
    """A whole base64 run, flagged so the masker never shows part of it."""
    metadata = {RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: _ENCODED, _ENCODED: True}
    return RecognizerResult(entity, start, end, score, recognition_metadata=metadata)


def remember[K, V](cache: OrderedDict[K, V], key: K, value: V, size: int = _CACHE_SIZE) -> None:
    """Put `value` in a least-recently-used `cache` of at most `size` entries."""
    cache[key] = value
    if len(cache) > size:
        cache.popitem(last=False)

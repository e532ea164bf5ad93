"""proxy/codecs/html_doc.py: every run of text a browser shows or a script reads is a field."""

from __future__ import annotations

import pytest

from proxy.codecs import Limits
from proxy.codecs.html_doc import HtmlDocument, parse
from proxy.errors import BodyTooLarge
from proxy.model import DROPPED, Replacement

LIMITS = Limits()


def _values(text: str) -> list[str]:
    return [str(f.value) for f in parse(text, LIMITS).fields]


def _slot(doc: HtmlDocument, value: str) -> int:
    [slot] = [f.slot for f in doc.fields if f.value == value]
    return slot


# --------------------------------------------------------------------------------------------
# Text nodes
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # plain text between tags; whitespace-only runs are skipped
        ("<p>Jane Doe</p>", ["Jane Doe"]),
        ("<ul>\n  <li>a@b.co</li>\n  <li>c@d.co</li>\n</ul>", ["a@b.co", "c@d.co"]),
        ("no tags at all", ["no tags at all"]),
        ("<br><hr/>", []),
        # entities are unescaped in the field value
        ("<p>Jane &amp; John</p>", ["Jane & John"]),
        ("<p>jane&#64;example.com</p>", ["jane@example.com"]),
        ("<p>jane&#x40;example&period;com</p>", ["jane@example.com"]),
        ("<p>&lt;script&gt;</p>", ["<script>"]),
        ("<p>555&nbsp;0100</p>", ["555\xa00100"]),
        # a lone '<' is text, not a tag
        ("<p>a < b</p>", ["a ", "< b"]),  # a lone "<" starts no tag: it stays in the text run
    ],
)
def test_text_nodes(text: str, values: list[str]) -> None:
    assert _values(text) == values


# --------------------------------------------------------------------------------------------
# Attributes
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # double, single and unquoted values
        ('<a title="Jane Doe">x</a>', ["Jane Doe", "x"]),
        ("<a title='Jane Doe'>x</a>", ["Jane Doe", "x"]),
        ("<a title=Jane>x</a>", ["Jane", "x"]),
        ('<img alt=Jane src="x.png"/>', ["Jane", "x.png"]),
        # spacing around '=' and upper-case names
        ('<a TITLE = "Jane">x</a>', ["Jane", "x"]),
        # entities unescaped in attribute values too
        ('<a href="mailto:jane&#64;example.com">m</a>', ["mailto:jane@example.com", "m"]),
        ('<a href="/u?e=a&amp;b">m</a>', ["/u?e=a&b", "m"]),
        # quotes of the other kind inside a value
        ("<a title='say \"hi\"'>x</a>", ['say "hi"', "x"]),
        # empty values and bare attributes give no field
        ('<input value="" disabled>', []),
        # closing tags and doctype carry nothing
        ("<!DOCTYPE html></p>", []),
    ],
)
def test_attribute_values(text: str, values: list[str]) -> None:
    assert _values(text) == values


def test_attribute_context_is_the_attribute_name() -> None:
    doc = parse('<input data-customer-email="a@b.co" value="x">', LIMITS)
    assert [(f.value, f.context) for f in doc.fields] == [
        ("a@b.co", ("data", "customer", "email")),
        ("x", ("value",)),
    ]


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # '>' is legal inside a quoted attribute value: browsers keep reading to the closing quote
        ('<div title="jane@example.com > x">hi</div>', "jane@example.com > x"),
        ("<div title='123-45-6789 >'>hi</div>", "123-45-6789 >"),
        ('<input value="a>b jane&#64;example.com">', "a>b jane@example.com"),
    ],
)
def test_quoted_attribute_value_containing_gt(text: str, secret: str) -> None:
    assert secret in _values(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a quote opens a value only after '=': elsewhere it is part of a name, and '>' ends the tag
        ('<b x"><p>card 4539 1488 0343 6467</p>">', "card 4539 1488 0343 6467"),
        ("<b x'y><p>jane&#64;example.com</p>'>", "jane@example.com"),
        ('<b x = "a>b"><p>jane&#64;example.com</p>', "jane@example.com"),
    ],
)
def test_a_quote_not_after_equals_does_not_hide_the_text_after_the_tag(text: str, value: str) -> None:
    assert value in [f.value for f in parse(text, LIMITS).fields if not f.context]


# --------------------------------------------------------------------------------------------
# Raw text: script, style; comments
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # script and style contents are raw fields (no entity decoding)
        ('<script>var e = "jane@example.com";</script>', ['var e = "jane@example.com";']),
        ("<script>var e = 'a&amp;b';</script>", ["var e = 'a&amp;b';"]),
        ("<style>.x::after{content:'555'}</style>", [".x::after{content:'555'}"]),
        ('<SCRIPT type="x">a</SCRIPT><p>b</p>', ["x", "a", "b"]),
        # comments are fields, without their markers
        ("<!-- jane@example.com --><p>x</p>", [" jane@example.com ", "x"]),
        ("<!--a<b>c-->", ["a<b>c"]),
        # CDATA, bogus comments, processing instructions, doctypes: their inside as written
        (
            "<svg><![CDATA[jane.doe@example.com 4539148803436467]]></svg>",
            ["jane.doe@example.com 4539148803436467"],  # CDATA: text in SVG
        ),
        (
            "<!jane.doe@example.com><?x jane.doe@example.com?>",
            ["jane.doe@example.com", "x jane.doe@example.com?"],
        ),
        ('<!DOCTYPE html "jane.doe@example.com">', ['DOCTYPE html "jane.doe@example.com"']),
        ("<!DOCTYPE html><p>x</p>", ["x"]),
    ],
)
def test_raw_text_and_comments(text: str, values: list[str]) -> None:
    assert _values(text) == values


@pytest.mark.parametrize(
    ("text", "after"),
    [
        # a '<' followed by a letter inside a script must not swallow the closing </script>
        ("<script>if (a<b) {}</script><p>jane&#64;example.com</p>", "jane@example.com"),
        ('<script>for (i=0;i<n;i++){}</script><a href="mailto:jane&#64;x.co">m</a>', "mailto:jane@x.co"),
    ],
)
def test_markup_after_a_script_with_less_than_is_parsed_as_html(text: str, after: str) -> None:
    assert after in _values(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # textarea and title are RCDATA: browsers decode character references in them
        ("<textarea>jane&#64;example.com</textarea>", "jane@example.com"),
        ("<title>Jane &amp; John&#x40;example.com</title>", "Jane & John@example.com"),
    ],
)
def test_rcdata_elements_decode_entities(text: str, value: str) -> None:
    assert _values(text) == [value]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a comment ends where a browser ends it: `<!-->` and `<!--->` at once, or at `--!>`; what follows
        # is text the page shows, with its references decoded
        ("<p><!-->jane.doe&#64;example.com<!-- --></p>", ["jane.doe@example.com", " "]),
        ("<p><!--->jane.doe&#64;example.com<!-- --></p>", ["jane.doe@example.com", " "]),
        (
            "<!-- x --!>card 4539&#32;1488&#32;0343&#32;6467<!-- -->",
            [" x ", "card 4539 1488 0343 6467", " "],
        ),
        ("<!----!>jane.doe&#64;example.com", ["jane.doe@example.com"]),
        ("<!-- a ---!>jane.doe&#64;example.com", [" a -", "jane.doe@example.com"]),
        # the earliest end wins, whichever kind it is
        ("<!-- a --> b --!> c", [" a ", " b --!> c"]),
        ("<!-- a --!> b --> c", [" a ", " b --> c"]),
        # near misses stay inside the comment
        ("<!--!>jane&#64;x.co-->", ["!>jane&#64;x.co"]),
        ("<!-- a -- b --!-> c -> d -->", [" a -- b --!-> c -> d "]),
        # bogus comments, doctypes, processing instructions and `</` without a name end at the first '>',
        # quotes or not: what follows is text
        ('<!x "a>jane.doe&#64;example.com">', ['x "a', 'jane.doe@example.com">']),
        ('<?x "a>jane.doe&#64;example.com"?>', ['x "a', 'jane.doe@example.com"?>']),
        ('<!DOCTYPE html "a>jane.doe&#64;example.com">', ['DOCTYPE html "a', 'jane.doe@example.com">']),
        ("</ 'a>jane.doe&#64;example.com'>", [" 'a", "jane.doe@example.com'>"]),
        ("<p>a</>b</p>", ["a", "b"]),
    ],
)
def test_comments_end_where_browsers_end_them(text: str, values: list[str]) -> None:
    assert _values(text) == values


def test_text_after_an_abrupt_comment_end_is_masked_as_text() -> None:
    doc = parse("<p><!-->jane.doe&#64;example.com<!-- --></p>", LIMITS)
    rendered = doc.render({_slot(doc, "jane.doe@example.com"): "<EMAIL_ADDRESS>"})
    assert rendered == "<p><!-->&lt;EMAIL_ADDRESS&gt;<!-- --></p>"


def test_unterminated_comment_exposes_all_of_its_text() -> None:
    # An unterminated comment runs to the end of the document; all of it reaches the client.
    doc = parse("<p>x</p><!-- jane@example.com", LIMITS)
    assert [f.value for f in doc.fields] == ["x", " jane@example.com"]
    assert doc.render({1: "<EMAIL_ADDRESS>"}) == "<p>x</p><!--<EMAIL_ADDRESS>"


# --------------------------------------------------------------------------------------------
# Context
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "context"),
    [
        ('<span class="customer-phone">555 0100</span>', "555 0100", ("customer", "phone")),
        ('<td id="dateOfBirth">1990-01-01</td>', "1990-01-01", ("date", "of", "birth")),
        ('<p class="c-name" id="cust">Jane</p>', "Jane", ("c", "name", "cust")),
        ('<label for="email">E-mail</label>', "E-mail", ("email",)),
        ('<dd itemprop="telephone">555</dd>', "555", ("telephone",)),
        ('<span aria-label="Card number">4111</span>', "4111", ("card", "number")),
        # attributes not in the list give no context
        ('<span title="x" style="y">Jane</span>', "Jane", ()),
        # context persists to the following text until another tag names one
        ('<div class="ssn"><b>123-45-6789</b></div>', "123-45-6789", ("ssn",)),
    ],
)
def test_context_from_class_and_id(text: str, value: str, context: tuple[str, ...]) -> None:
    [field] = [f for f in parse(text, LIMITS).fields if f.value == value]
    assert field.context == context


def test_a_tables_header_cells_name_its_columns() -> None:
    # A report's table: each cell is named by its column's header first, then by the label before
    # it as any text is (the previous cell: in "Document | Number" rows, "Passport" names the number).
    page = (
        "<table><tr><th>Nom</th><th>E-mail</th><th>Date de naissance</th></tr>"
        "<tr><td>FONTAINE, Jean-Baptiste</td><td>jb@me.com</td><td>20/09/1952</td></tr>"
        "<tr><td>Ana</td><td><input value='x@y.com'></td></tr></table><p>After</p>"
    )
    fields = {f.value: f.context for f in parse(page, LIMITS).fields}
    assert fields["FONTAINE, Jean-Baptiste"][:1] == ("nom",)
    assert fields["jb@me.com"] == ("e", "mail", "fontaine", "jean", "baptiste")
    assert fields["20/09/1952"][:3] == ("date", "de", "naissance")
    assert fields["x@y.com"] == ("e", "mail", "ana", "value")
    assert fields["After"] == ()  # the table is closed
    page = (
        "<table><tr><th>Document</th><th>Number</th></tr><tr><td>Passport</td><td>K1234567</td></tr></table>"
    )
    assert {f.value: f.context for f in parse(page, LIMITS).fields}["K1234567"] == ("number", "passport")
    # a key-value table's header says nothing of each value: the key before it does
    page = "<table><tr><th>Field</th><th>Value</th></tr><tr><td>customer</td><td>wyatt pemberton</td></tr></table>"
    assert {f.value: f.context for f in parse(page, LIMITS).fields}["wyatt pemberton"] == ("customer",)


def test_header_cells_down_the_side_name_no_column() -> None:
    # Only the first row of header cells names columns: a header cell per row (labels down the
    # side) had grown every column's name, and the cost, with every row.
    page = "<table>" + "<tr><th>ab</th></tr><tr><td>x</td></tr>" * 1000 + "</table>"
    contexts = [f.context for f in parse(page, LIMITS).fields if f.value == "x"]
    assert set(contexts) == {("ab", "ab")}


def test_a_hidden_input_leaves_the_label_to_the_text_after_it() -> None:
    page = '<dl><dt>SSN</dt><dd><input type="hidden" name="rid" value="5">536221234</dd></dl>'
    assert {f.value: f.context for f in parse(page, LIMITS).fields}["536221234"][:1] == ("ssn",)


def test_an_inputs_value_is_named_by_the_label_before_it_and_only_it() -> None:
    # A KYC review form: each value is a read-only input in the cell after its label. The label
    # had named nothing (the passport number passed), and had named the next row's label instead
    # ("Date of birth" was read as the legal name).
    page = (
        '<table><tr><td>Passport</td><td><input readonly name="f1" value="290998172"></td></tr>'
        "<tr><td>Date of birth</td><td>24-Mar-1943</td></tr></table>"
    )
    fields = {f.value: f.context for f in parse(page, LIMITS).fields}
    assert fields["290998172"] == ("passport", "value", "f1")
    assert fields["Date of birth"] == ()
    assert fields["24-Mar-1943"] == ("date", "of", "birth")


# --------------------------------------------------------------------------------------------
# Render
# --------------------------------------------------------------------------------------------

PAGE = (
    "<!DOCTYPE html>\n<html><head><title>Ticket</title>"
    '<script>var customer = {"email": "jane@example.com"};</script></head>\n'
    '<body><div class="customer" id="c-1" data-x=\'1\'>'
    '<h1 title="Jane Doe">Jane &amp; John Doe</h1>\n'
    "<p>Phone:&nbsp;<b>+1 555 0100</b></p><!-- internal: jane@example.com -->"
    "<a href=mailto:jane@example.com>mail</a></div></body></html>\n"
)


def test_render_without_replacements_is_byte_identical() -> None:
    assert parse(PAGE, LIMITS).render({}) == PAGE


@pytest.mark.parametrize(
    ("value", "new", "expected_piece", "original_piece"),
    [
        # text node: masked value re-escaped
        ("Jane & John Doe", "<PERSON> & <PERSON>", "&lt;PERSON&gt; &amp; &lt;PERSON&gt;", "Jane &amp; John Doe"),
        ("+1 555 0100", "+* *** **00", "<b>+* *** **00</b>", "<b>+1 555 0100</b>"),
        # double-quoted attribute: quotes escaped so the value cannot break out
        ("Jane Doe", 'J" onclick="x', 'title="J&quot; onclick=&quot;x"', 'title="Jane Doe"'),
        # unquoted attribute
        ("mailto:jane@example.com", "<EMAIL_ADDRESS>", "href=&lt;EMAIL_ADDRESS&gt;>", "href=mailto:jane@example.com>"),
        # script: raw, not escaped
        ('var customer = {"email": "jane@example.com"};', 'var customer = {"email": "<EMAIL_ADDRESS>"};',
         '{"email": "<EMAIL_ADDRESS>"}', '{"email": "jane@example.com"}'),
        # comment: raw, markers kept
        (" internal: jane@example.com ", " internal: <EMAIL_ADDRESS> ", "<!-- internal: <EMAIL_ADDRESS> -->",
         "<!-- internal: jane@example.com -->"),
    ],
)  # fmt: skip
def test_render_replaces_only_the_target(
    value: str, new: str, expected_piece: str, original_piece: str
) -> None:
    doc = parse(PAGE, LIMITS)
    rendered = doc.render({_slot(doc, value): new})
    assert expected_piece in rendered
    assert original_piece not in rendered
    # everything else byte-identical: the page is the same with the piece put back
    assert rendered.replace(expected_piece, original_piece, 1) == PAGE


@pytest.mark.parametrize("new", [DROPPED, None, ""])
def test_render_dropped_or_empty_removes_the_text(new: Replacement) -> None:
    doc = parse('<p class="x">Jane</p><p>keep</p>', LIMITS)
    assert doc.render({_slot(doc, "Jane"): new}) == '<p class="x"></p><p>keep</p>'


def test_render_many_in_any_order() -> None:
    text = '<ul><li title="a@b.co">a@b.co</li><li>c@d.co</li><li>keep</li></ul>'
    doc = parse(text, LIMITS)
    slots = [f.slot for f in doc.fields if f.value != "keep"]
    rendered = doc.render({slot: "<E>" for slot in reversed(slots)})
    assert rendered == '<ul><li title="&lt;E&gt;">&lt;E&gt;</li><li>&lt;E&gt;</li><li>keep</li></ul>'


# --------------------------------------------------------------------------------------------
# Limits
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limits", "reason"),
    [
        ("<p>a</p>" * 11, Limits(max_fields=10), "too_many_fields"),
        ('<a title="1" href="2" id="3">', Limits(max_fields=2), "too_many_fields"),
        ("<p>" + "x" * 11 + "</p>", Limits(max_string_chars=10), "string_too_long"),
        ('<a title="' + "x" * 11 + '">', Limits(max_string_chars=10), "string_too_long"),
        ("<script>" + "x" * 11 + "</script>", Limits(max_string_chars=10), "string_too_long"),
    ],
)
def test_too_large(text: str, limits: Limits, reason: str) -> None:
    with pytest.raises(BodyTooLarge) as info:
        parse(text, limits)
    assert info.value.reason == reason


def test_records_root_is_none() -> None:
    assert parse("<p>x</p>", LIMITS).records_root is None


def test_everything_after_plaintext_is_one_text_field_tags_included() -> None:
    # Browsers show the rest of the page as text: a "tag" there is text a person reads.
    doc = parse("<p>Hi</p><plaintext><x jane.doe@example.com 4539-1488-0343-6467></plaintext>", Limits())
    assert [f.value for f in doc.fields] == ["Hi", "<x jane.doe@example.com 4539-1488-0343-6467></plaintext>"]
    masked = doc.render({1: "<x ***@example.com ****-****-****-6467></plaintext>"})
    assert masked == "<p>Hi</p><plaintext><x ***@example.com ****-****-****-6467></plaintext>"


def test_text_split_by_inline_tags_or_comments_is_also_read_joined() -> None:
    doc = parse(
        "<p>Mail jane.doe<b></b>@example<!-- x -->.com <i>now</i></p><p>next</p><p>a<br>b</p>", Limits()
    )
    texts = [f.value for f in doc.fields]
    assert texts == ["Mail jane.doe", "@example", " x ", ".com ", "now", "next", "a", "b"]
    assert [(j.text, [(texts[s], j.text[a:b]) for s, a, b in j.pieces]) for j in doc.joined(())] == [
        (
            "Mail jane.doe@example.com now",
            [
                ("Mail jane.doe", "Mail jane.doe"),
                ("@example", "@example"),
                (".com ", ".com "),
                ("now", "now"),
            ],
        )
    ]  # a block boundary (</p>, <br>) ends a line; a single node is not joined with anything


def _joined(text: str) -> list[str]:
    return [j.text for j in parse(text, LIMITS).joined(())]


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        # any tag a browser lays out in the line joins: unknown and custom elements, form controls,
        # images, old presentational tags, SVG
        ("<p>Write to jane.doe<foo></foo>@example.com</p>", ["Write to jane.doe@example.com"]),
        ("<p>jane.doe<label>@example.com</label></p>", ["jane.doe@example.com"]),
        ("<p>jane.doe<tt>@example</tt>.com</p>", ["jane.doe@example.com"]),
        ("<p>jane.doe<img src=x>@example.com</p>", ["jane.doe@example.com"]),
        ("<p>jane.doe<x-a>@example</x-a>.com</p>", ["jane.doe@example.com"]),
        ("<p>card 4539 1488<nobr> 0343</nobr> 6467</p>", ["card 4539 1488 0343 6467"]),
        ("<p>card 4539<big> 1488</big> 0343 6467</p>", ["card 4539 1488 0343 6467"]),
        ("<p>jane.doe<button></button>@example.com</p>", ["jane.doe@example.com"]),
        ("<p>jane.doe<svg><g></g></svg>@example.com</p>", ["jane.doe@example.com"]),
        ("<p>jane.doe<input value=x>@example.com</p>", ["jane.doe@example.com"]),
        # a name runs to whitespace, '/' or '>': `<p.x>` is an unknown element, not a paragraph
        ("<p>jane.doe<p.x>@example.com</p>", ["jane.doe@example.com"]),
        # script and style text is not shown: the text on both sides reads as one
        ("<p>jane.doe<script>var a;</script>@example.com</p>", ["jane.doe@example.com"]),
        ("<p>jane.doe<style>b{}</style>@example.com</p>", ["jane.doe@example.com"]),
        # neither are comments of any kind
        ("<p>jane.doe<!x>@example.com</p>", ["jane.doe@example.com"]),
        ("<p>jane.doe<?x?>@example.com</p>", ["jane.doe@example.com"]),
        ("<p>jane.doe</ x>@example</>.com</p>", ["jane.doe@example.com"]),
        ("<p>jane.doe<!-->@example<!---->.com</p>", ["jane.doe@example.com"]),
        # blocks, table cells, list items, options and line breaks still end the line
        ("<div>jane.doe<p>@example.com</p></div>", []),
        ("jane.doe<br>@example.com", []),
        ("jane.doe<hr>@example.com", []),
        ("<table><tr><td>jane.doe</td><td>@example.com</td></tr></table>", []),
        ("<ul><li>jane.doe<li>@example.com</ul>", []),
        ("<select><option>jane.doe<option>@example.com</select>", []),
        ("jane.doe<h2>@example.com</h2>", []),
        ("jane.doe<section>@example.com</section>", []),
        ("jane.doe<pre>@example.com</pre>", []),
        ("<P>jane.doe</P>@example.com", []),
        # tags browsers ignore where they are misplaced end no line: an end tag of nothing open,
        # table parts outside a table, a second html/body/head, a form inside a form
        ("<p><span>jane.doe</div>@example.com</span></p>", ["jane.doe@example.com"]),
        ("<p>jane.doe<td>@example.com</p>", ["jane.doe@example.com"]),
        ("<p>card 4539 1488<tr> 0343 6467</p>", ["card 4539 1488 0343 6467"]),
        ("<p>536-22<html>-1234</p>", ["536-22-1234"]),
        ("<p>jane.doe</li>@example</table>.com</p>", ["jane.doe@example.com"]),
        ("<form><p>jane.doe<form>@example.com</p></form>", ["jane.doe@example.com"]),
        ("<p>jane.doe</body>@example.com</p>", ["jane.doe@example.com"]),
        # CDATA is text in SVG, read with the text around it
        ("<svg><text>jane.doe<![CDATA[@example]]>.com</text></svg>", ["jane.doe@example.com"]),
        # but an end tag of what is open does end it, with what it closes
        ("<div><span>jane.doe</div>@example.com", []),
        # and `</p>` alone makes a paragraph
        ("jane.doe</p>@example.com", []),
    ],
)
def test_every_tag_but_a_line_break_joins_text(text: str, joined: list[str]) -> None:
    assert _joined(text) == joined


def test_other_documents_join_nothing() -> None:
    assert parse("<p>one node</p>", Limits()).joined(()) == []


def test_attribute_names_that_could_hold_data_are_fields() -> None:
    # A page's source and its scripts show attribute names: `<div jane@example.com>` too.
    text = '<!DOCTYPE html><div class="row" jane.doe@example.com data-x1="5" hidden>x</div>'
    doc = parse(text, Limits())
    slots = {f.value: f.slot for f in doc.fields}
    assert sorted(slots) == sorted(["row", "jane.doe@example.com", "data-x1", "5", "x"])
    assert doc.render({slots["jane.doe@example.com"]: "<EMAIL_ADDRESS>"}) == text.replace(
        "jane.doe@example.com", "&lt;EMAIL_ADDRESS&gt;"
    )  # escaped: a masked name never breaks the tag


def test_srcdoc_is_read_as_the_document_it_is() -> None:
    # The attribute's value is HTML whose own references a browser decodes again.
    text = '<iframe srcdoc="&lt;p&gt;card 4539&amp;nbsp;1488 mail jane.doe&amp;#64;example.com&lt;/p&gt;"></iframe>'
    assert _values(text) == ["<p>card 4539\xa01488 mail jane.doe@example.com</p>"]
    doc = parse(text, Limits())
    assert doc.render({}) == text  # nothing masked: byte-identical

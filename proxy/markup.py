"""How browsers lay out HTML elements, for everything that reads HTML as a reader sees it: the
HTML codec (which text nodes read as one line) and detection's views of HTML inside strings."""

from __future__ import annotations

# Elements a browser starts a new line, block or cell at. Every other element, including unknown
# and custom ones (`<x-a>`), SVG and form controls, runs on with the text around it: a value split
# by one of those reads as one value.
LINE_BREAKING = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "col", "colgroup",
        "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html",
        "legend", "li", "listing", "main", "menu", "nav", "ol", "optgroup", "option", "p", "plaintext",
        "pre", "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title",
        "tr", "ul", "xmp",
    }
)  # fmt: skip

# Elements HTML lays out inline: with LINE_BREAKING, the names that say a string is HTML.
INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i",
        "img", "input", "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "span",
        "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "button", "select",
        "textarea", "svg",
    }
)  # fmt: skip

"""HTML: text nodes, attribute values, script and style contents, comments — all exposed as fields.

A small linear tokenizer rather than a DOM: we only need to find every run of text a browser could
show or a script could read, and put masked text back at the same place, escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from proxy.codecs import Limits, words
from proxy.errors import BodyTooLarge
from proxy.model import DROPPED, Replacement, TextField

_TOKEN = re.compile(r"<!--.*?(?:-->|\Z)|<[A-Za-z/!?][^>]*>?|[^<]+|<", re.DOTALL)
_ATTR = re.compile(r"""([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_TAG_NAME = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)")
_RAW_TEXT = ("script", "style", "textarea", "title", "xmp")
_CONTEXT_ATTRS = ("class", "id", "name", "data-field", "itemprop", "aria-label", "for")


class HtmlDocument:
    """A tokenized HTML body. Slots point at character ranges of the original text."""

    def __init__(self, text: str, limits: Limits) -> None:
        self._text = text
        self._fields: list[TextField] = []
        self._ranges: list[tuple[int, int, bool]] = []  # (start, end, raw: no entity escaping)
        context: tuple[str, ...] = ()
        raw_until: str | None = None
        for match in _TOKEN.finditer(text):
            token = match.group()
            start = match.start()
            if raw_until is not None:
                if token.lower().startswith(f"</{raw_until}"):
                    raw_until = None
                else:
                    self._add(start, match.end(), token, context, raw=True, limits=limits)
                continue
            if token.startswith("<!--"):
                self._add(start + 4, match.end() - 3, token[4:-3], (), raw=True, limits=limits)
            elif token.startswith("<") and len(token) > 1:
                context = self._tag(token, start, limits) or context
                name = _TAG_NAME.match(token)
                if name and not token.startswith("</") and name.group(1).lower() in _RAW_TEXT:
                    raw_until = name.group(1).lower()
            elif token.strip():
                self._add(start, match.end(), html.unescape(token), context, raw=False, limits=limits)

    def _tag(self, token: str, offset: int, limits: Limits) -> tuple[str, ...]:
        context: list[str] = []
        for attr in _ATTR.finditer(token):
            name = attr.group(1).lower()
            group = next(g for g in (2, 3, 4) if attr.group(g) is not None)
            value = attr.group(group)
            if name in _CONTEXT_ATTRS:
                context.extend(words(value))
            if value:
                start = offset + attr.start(group)
                self._add(
                    start, start + len(value), html.unescape(value), words(name), raw=False, limits=limits
                )
        return tuple(context[:8])

    def _add(
        self, start: int, end: int, value: str, context: tuple[str, ...], *, raw: bool, limits: Limits
    ) -> None:
        if len(self._fields) >= limits.max_fields:
            raise BodyTooLarge("too_many_fields")
        if len(value) > limits.max_string_chars:
            raise BodyTooLarge("string_too_long")
        self._fields.append(TextField(len(self._fields), (len(self._fields),), value, context))
        self._ranges.append((start, end, raw))

    @property
    def fields(self) -> list[TextField]:
        return self._fields

    @property
    def records_root(self) -> object:
        return None

    def render(self, replacements: Mapping[int, Replacement]) -> str:
        out: list[str] = []
        cursor = 0
        for slot in sorted(replacements, key=lambda s: self._ranges[s][0]):
            start, end, raw = self._ranges[slot]
            new = replacements[slot]
            text = "" if new is DROPPED or new is None else str(new)
            out.append(self._text[cursor:start])
            out.append(text if raw else html.escape(text, quote=True))
            cursor = end
        out.append(self._text[cursor:])
        return "".join(out)


def parse(text: str, limits: Limits) -> HtmlDocument:
    return HtmlDocument(text, limits)

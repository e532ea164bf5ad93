"""Plain text: each line is a field, so one huge body never becomes one unbounded analyzer call."""

from __future__ import annotations

import re
from collections.abc import Container, Mapping

from proxy.codecs import JoinedText, Limits, words
from proxy.errors import BodyTooLarge
from proxy.model import DROPPED, Replacement, TextField

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


class TextDocument:
    """A text body split into lines (line endings kept)."""

    def __init__(self, text: str, limits: Limits) -> None:
        # Only the line breaks every viewer shows: str.splitlines also breaks at form feeds, file
        # separators (\x1c-\x1e), NEL and U+2028, which a browser shows as nothing or a space, so
        # "jane.doe\x1e@example.com" would be scanned as two harmless pieces.
        self._lines = _LINE.findall(text)
        self._fields: list[TextField] = []
        if len(self._lines) > limits.max_fields:
            raise BodyTooLarge("too_many_fields")
        for i, line in enumerate(self._lines):
            if len(line) > limits.max_string_chars:
                raise BodyTooLarge("string_too_long")
            label, sep, _ = line.partition(":")
            context = words(label) if sep and len(label) < 40 else ()
            self._fields.append(TextField(i, (i,), line, context))

    @property
    def fields(self) -> list[TextField]:
        return self._fields

    @property
    def records_root(self) -> object:
        return None

    def joined(self, declared: Container[int]) -> list[JoinedText]:
        return []

    def render(self, replacements: Mapping[int, Replacement]) -> str:
        lines = list(self._lines)
        for slot, new in replacements.items():
            lines[slot] = "" if new is DROPPED or new is None else str(new)
        return "".join(lines)


def parse(text: str, limits: Limits) -> TextDocument:
    return TextDocument(text, limits)

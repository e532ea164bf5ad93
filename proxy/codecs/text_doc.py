"""Plain text: each line is a field, so one huge body never becomes one unbounded analyzer call.

A line that is only a label (`SSN:`) or ends in a question (`your date of birth?`) names the next
line's value, and a number wrapped onto the next line (`card 4539 1488` / `0343 6467`) is also read
joined across the break."""

from __future__ import annotations

import re
from collections.abc import Container, Mapping

from proxy.codecs import JoinedText, Limits, words
from proxy.errors import BodyTooLarge
from proxy.model import DROPPED, Replacement, TextField

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_LABEL_ONLY = re.compile(r"\s*([^:\r\n]{1,40}):\s*")
_WRAPS = re.compile(r"[0-9A-Za-z][ \t]*[\r\n]+")  # a line ending in a character of a number…
_WRAPPED = re.compile(r"[0-9]")  # …and the next one starting with a digit
_QUESTION_TAIL = 40  # characters of a question that name its answer


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
        named_by: tuple[str, ...] = ()  # the label of a line that held only a label, or a question
        asked = False  # named_by is a question's: it names the answer even after a speaker's label
        for i, line in enumerate(self._lines):
            if len(line) > limits.max_string_chars:
                raise BodyTooLarge("string_too_long")
            label, sep, _ = line.partition(":")
            own = words(label) if sep and len(label) < 40 else ()
            context = own + named_by if own and asked else own or named_by
            self._fields.append(TextField(i, (i,), line, context))
            label_only = _LABEL_ONLY.fullmatch(line)
            asked = False
            if label_only:
                named_by = words(label_only.group(1))
            elif line.rstrip().endswith("?"):
                asked = True
                # A question names the answer on the next line, as a label does (a call or chat
                # transcript: "your date of birth?" / "6/5/1989"): its last words, nearest the mark.
                question = line.rstrip()
                tail = question[-_QUESTION_TAIL:]
                named_by = words(tail if len(question) <= _QUESTION_TAIL else tail.partition(" ")[2])
            else:
                named_by = ()

    @property
    def fields(self) -> list[TextField]:
        return self._fields

    @property
    def records_root(self) -> object:
        return None

    def joined(self, declared: Container[int]) -> list[JoinedText]:
        out = []
        for i in range(len(self._lines) - 1):
            line, following = self._lines[i], self._lines[i + 1]
            if _WRAPS.search(line) and _WRAPPED.match(following) and i not in declared:
                first = line.rstrip("\r\n")
                second = following.rstrip("\r\n")
                text = f"{first} {second}"
                pieces = ((i, 0, len(first)), (i + 1, len(first) + 1, len(text)))
                out.append(JoinedText(text, pieces))
        return out

    def render(self, replacements: Mapping[int, Replacement]) -> str:
        lines = list(self._lines)
        for slot, new in replacements.items():
            lines[slot] = "" if new is DROPPED or new is None else str(new)
        return "".join(lines)


def parse(text: str, limits: Limits) -> TextDocument:
    return TextDocument(text, limits)

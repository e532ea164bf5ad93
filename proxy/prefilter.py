"""A Hyperscan prefilter: one native pass over a string says which patterns cannot match it.

The `regex` module runs one pattern at a time and tries each at every position: ~40 ns per
character per pattern, so sixty patterns over a response's free text cost more than the rest of the
pipeline together. Hyperscan runs all of them in one pass, but it has no lookarounds, backreferences
or possessive quantifiers, and its character classes differ from `regex`'s outside ASCII.

So Hyperscan never decides what is found. Each pattern is *relaxed* into expressions that match
everywhere it could match (assertions dropped, backreferences replaced by what they refer to, and
each top-level positive lookaround's body as a conjunct that must also be found); a pattern whose
relaxed expressions are not all found in a string cannot match that string, and is not run on it.
Whatever Hyperscan cannot compile is left out, which only lets more through. Strings with anything
but printable ASCII, tab and newlines skip the prefilter: there the two engines' classes may differ.
Without Hyperscan installed (its wheels are x86-64 only) nothing is ruled out.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import regex


def _load_hyperscan() -> Any:
    try:
        return importlib.import_module("hyperscan")
    except ImportError:  # its wheels are x86-64 only: elsewhere every pattern runs, as before
        return None


hyperscan = _load_hyperscan()

_QUANTIFIER = regex.compile(r"[*+?]|\{[0-9]*(?:,[0-9]*)?\}")
_ALLOWS_ZERO = regex.compile(r"[*?]|\{0*(?:,[0-9]*)?\}|\{,[0-9]*\}")
# Only plain (ASCII) text is scanned, so a non-ASCII character of a pattern can match only the
# ASCII letters it folds to without case (the long s to s, the Kelvin sign to k), or else what
# the byte 0x80 does: nowhere. Compiling bytes keeps the automata small (Unicode classes do not).
_NON_ASCII = regex.compile(r"[^\x00-\x7f]")
_NON_ASCII_RANGE = regex.compile(r"[^\x00-\x7f]-[^\]]|[^\[\\]-[^\x00-\x7f]")
# Words any text may hold: an expression found in them rules out next to nothing.
_PROSE = "the customer wrote about an order and asked for help with it"
# The `regex` flags whose meaning Hyperscan shares; a pattern with any other (verbose, ASCII,
# locale, full case folding, version 1) always runs.
_KNOWN_FLAGS = regex.IGNORECASE | regex.DOTALL | regex.MULTILINE | regex.UNICODE | regex.VERSION0


def _ascii_folds(char: str) -> str:
    folds = {f for f in (char.lower(), char.upper(), char.casefold()) if len(f) == 1 and f.isascii()}
    return "".join(sorted(folds)) + r"\x80"


def _in_plain(match: regex.Match[str]) -> str:
    """A non-ASCII character outside a class, as what it can match in plain text."""
    return "[" + _ascii_folds(match.group()) + "]"


def _in_plain_class(match: regex.Match[str]) -> str:
    return _ascii_folds(match.group())


_PROPERTY = regex.compile(r"\\p\{[A-Za-z_]+\}")
_ASCII_PROPERTIES = {
    **{"L": "A-Za-z", "Lu": "A-Z", "Ll": "a-z", "N": "0-9", "Nd": "0-9"},
    # scripts without a letter in ASCII: in plain text, what the byte 0x80 matches (nothing)
    **dict.fromkeys(("Han", "Hiragana", "Katakana", "Hangul"), r"\x80"),
}
# A long bounded repeat multiplies Hyperscan's compile time; unbounded matches more, which is safe.
_LOOSEN_ABOVE = 8
_BOUNDED = regex.compile(r"\{([0-9]*),([0-9]+)\}")
_PLAIN = regex.compile(r"[^\t\n\r\x20-\x7e]")
_FLAG_LETTERS = regex.compile(r"\(\?([ims]*)(?:-([ims]*))?([:)])")  # others: Unrelaxable
_DROPPED_ESCAPES = frozenset("AZzGbB")  # anchors and word boundaries: assertions, dropped


class Unrelaxable(ValueError):
    """A pattern construct the relaxer does not know; the pattern then always runs."""


@dataclass
class _Group:
    kind: str  # "capture", "plain", "flags", "look+", "look-"
    opener: str  # what to write before the body ("(?:", "(?i:")
    number: int = 0  # a capture's group number
    parts: list[str] = field(default_factory=list)
    top_alternation: bool = False


@dataclass(frozen=True)
class Relaxed:
    """A pattern's relaxed form: every expression must be found wherever the pattern matches."""

    expressions: tuple[str, ...]


def relax(pattern: str) -> Relaxed:
    """Expressions (Hyperscan syntax) that each match wherever `pattern` does; raises Unrelaxable."""
    return _Relaxer(pattern).run()


class _Relaxer:
    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.index = 0
        self.stack: list[_Group] = [_Group("plain", "")]
        self.captures: dict[int, str] = {}  # closed capture groups by number, relaxed
        self.opened_captures = 0
        self.leading_flags = ""
        self.conjuncts: list[str] = []
        self.dropped_last = False  # the last atom was an assertion: a quantifier on it goes too

    def run(self) -> Relaxed:
        flags = _FLAG_LETTERS.match(self.pattern)
        if flags and flags.group(3) == ")":
            self.leading_flags = flags.group()
            self.index = flags.end()
        while self.index < len(self.pattern):
            self._step()
        if len(self.stack) != 1:
            raise Unrelaxable("unbalanced group")
        top = self.stack[0]
        whole = self.leading_flags + "".join(top.parts)
        conjuncts = [] if top.top_alternation else self.conjuncts
        return Relaxed((whole, *conjuncts))

    def _emit(self, text: str) -> None:
        self.stack[-1].parts.append(text)
        self.dropped_last = False

    def _step(self) -> None:
        pattern, i = self.pattern, self.index
        ch = pattern[i]
        if ch == "\\":
            self._escape()
        elif ch == "[":
            self._class()
        elif ch == "(":
            self._open()
        elif ch == ")":
            self._close()
        elif ch == "|":
            if len(self.stack) == 1:
                self.stack[0].top_alternation = True
            self._emit("|")
            self.index += 1
        elif ch in "^$":
            self.dropped_last = True
            self.index += 1
        elif (quantifier := _QUANTIFIER.match(pattern, i)) is not None:
            end = quantifier.end()
            if end < len(pattern) and pattern[end] in "?+":
                end += 1  # lazy: the same matches; possessive: fewer, so plain is a superset
            if not self.dropped_last:
                self.stack[-1].parts.append(_loosen(quantifier.group()))
            self.index = end
        elif ch == "{":
            # Not a quantifier: the `regex` module's fuzzy matching ("{e<=1}"), which Hyperscan
            # would read as literal text to be found.
            raise Unrelaxable(f"brace at {i}")
        else:
            self._emit(_NON_ASCII.sub(_in_plain, ch))
            self.index += 1

    def _escape(self) -> None:
        pattern, i = self.pattern, self.index
        if i + 1 >= len(pattern):
            raise Unrelaxable("trailing backslash")
        ch = pattern[i + 1]
        self.index = i + 2
        if ch in _DROPPED_ESCAPES:
            self.dropped_last = True
        elif ch.isdigit() and ch != "0":
            number = int(ch)
            if number not in self.captures or pattern[i + 2 : i + 3].isdigit():
                raise Unrelaxable("backreference to an open, unknown or two-digit group")
            self._emit("(?:" + self.captures[number] + ")")
        elif ch == "p":
            close = pattern.find("}", i)
            self._emit("[" + _ascii_property(pattern[i : close + 1]) + "]")
            self.index = close + 1
        elif ch in "gkNQEPux":
            # backreferences by name, quoting, negated properties, code points: not in our patterns
            raise Unrelaxable(f"\\{ch}")
        else:
            self._emit(pattern[i : i + 2])

    def _class(self) -> None:
        pattern, i = self.pattern, self.index
        j = i + 1
        if j < len(pattern) and pattern[j] == "^":
            j += 1
        if j < len(pattern) and pattern[j] == "]":
            j += 1
        while j < len(pattern) and pattern[j] != "]":
            if pattern[j] == "\\":
                j += 1
            elif pattern.startswith("[:", j):
                j = pattern.index(":]", j) + 1
            elif pattern[j] == "[":
                raise Unrelaxable("nested set")
            j += 1
        if j >= len(pattern):
            raise Unrelaxable("unterminated class")
        body = pattern[i : j + 1]
        if "\\u" in body or "\\x" in body or "\\P" in body:
            raise Unrelaxable("code point or negated property in a class")
        body = _PROPERTY.sub(lambda m: _ascii_property(m.group()), body)
        if _NON_ASCII_RANGE.search(body):
            raise Unrelaxable("a range with a non-ASCII end")  # it may span letters folding to ASCII
        self._emit(_NON_ASCII.sub(_in_plain_class, body))
        self.index = j + 1

    def _open(self) -> None:
        pattern, i = self.pattern, self.index
        if not pattern.startswith("(?", i):
            self._push(_Group("capture", "(?:"), i + 1)
            return
        for prefix, kind in (("(?<=", "look+"), ("(?=", "look+"), ("(?<!", "look-"), ("(?!", "look-")):
            if pattern.startswith(prefix, i):
                self._push(_Group(kind, ""), i + len(prefix))
                return
        if pattern.startswith("(?:", i) or pattern.startswith("(?>", i):
            self._push(_Group("plain", "(?:"), i + 3)
            return
        if pattern.startswith("(?P<", i) or pattern.startswith("(?<", i):
            close = pattern.index(">", i)
            self._push(_Group("capture", "(?:"), close + 1)
            return
        if pattern.startswith("(?#", i):
            self.index = pattern.index(")", i) + 1
            return
        flags = _FLAG_LETTERS.match(pattern, i)
        if flags is None:
            raise Unrelaxable(f"group syntax at {i}")
        if flags.group(3) == ")":
            raise Unrelaxable("inline flags after the start")
        self._push(_Group("flags", flags.group()), flags.end())

    def _push(self, group: _Group, index: int) -> None:
        if group.kind == "capture":
            self.opened_captures += 1
            group.number = self.opened_captures
        self.stack.append(group)
        self.index = index

    def _close(self) -> None:
        self.index += 1
        if len(self.stack) == 1:
            raise Unrelaxable("unbalanced )")
        group = self.stack.pop()
        body = "".join(group.parts)
        if group.kind.startswith("look"):
            if group.kind == "look+" and len(self.stack) == 1 and not self._optional_next():
                self.conjuncts.append(self.leading_flags + body)
            self.dropped_last = True
            return
        if group.kind == "capture":
            self.captures[group.number] = body
        self._emit(group.opener + body + ")")

    def _optional_next(self) -> bool:
        """Whether a quantifier allowing zero follows (then the lookaround is not necessary)."""
        quantifier = _QUANTIFIER.match(self.pattern, self.index)
        return quantifier is not None and _ALLOWS_ZERO.fullmatch(quantifier.group()) is not None


def _ascii_property(escape: str) -> str:
    """`\\p{Lu}` as the members of an ASCII class (`A-Z`): what it matches in plain text."""
    name = escape[3:-1]
    if name not in _ASCII_PROPERTIES:
        raise Unrelaxable(f"property {escape}")
    return _ASCII_PROPERTIES[name]


def _loosen(quantifier: str) -> str:
    bounded = _BOUNDED.fullmatch(quantifier)
    if bounded is None or int(bounded.group(2)) <= _LOOSEN_ABOVE:
        return quantifier
    return "{" + (bounded.group(1) or "0") + ",}"


def is_plain(text: str) -> bool:
    """Whether both engines read `text` alike: printable ASCII, tabs and newlines only."""
    return _PLAIN.search(text) is None


class Prefilter:
    """Which of `patterns` (regex source, flags of the `regex` module) can match a given string."""

    def __init__(self, patterns: Sequence[tuple[str, int]]) -> None:
        expressions: list[tuple[int, bytes, int]] = []  # (pattern index, expression, flags)
        for index, (source, pattern_flags) in enumerate(patterns):
            if hyperscan is None or pattern_flags & ~_KNOWN_FLAGS:
                continue  # no expressions: the pattern always runs
            try:
                relaxed = relax(source)
            except Unrelaxable:
                continue  # no expressions: the pattern always runs
            expressions += [
                (index, e.encode(), _hs_flags(pattern_flags))
                for e in relaxed.expressions
                if not _found_in_any_prose(e, pattern_flags)
            ]
        if _compile(_numbered(expressions, len(patterns))[0]) is None:
            # Something Hyperscan lacks: leave out the expressions it cannot compile alone.
            expressions = [e for e in expressions if _compile(((0, e[1], e[2]),)) is not None]
        numbered, self._conjunctions = _numbered(expressions, len(patterns))
        self._parts = frozenset(i for _, ids in self._conjunctions for i in ids)
        self._database = _compile(numbered)
        filtered = {index for index, _, _ in expressions}
        self._unfiltered = frozenset(range(len(patterns))) - filtered

    @property
    def always_run(self) -> frozenset[int]:
        """Indexes of the patterns it cannot rule out anywhere (Hyperscan lacks what they use)."""
        return self._unfiltered

    def possible(self, text: str) -> frozenset[int] | None:
        """Indexes of the patterns that may match `text`; None: any may (not plain text)."""
        if self._database is None or not is_plain(text):
            return None
        found: list[int] = []
        add = found.append
        self._database.scan(text.encode("ascii"), match_event_handler=lambda i, f, t, fl, c: add(i))
        hits = frozenset(found)
        possible = self._unfiltered | (hits - self._parts)
        if self._conjunctions:
            possible |= {index for index, ids in self._conjunctions if ids <= hits}
        return possible


def _numbered(
    expressions: Sequence[tuple[int, bytes, int]], count: int
) -> tuple[tuple[tuple[int, bytes, int], ...], tuple[tuple[int, frozenset[int]], ...]]:
    """Hyperscan ids for the expressions: a pattern's own index when it is its only expression
    (found means possible), else fresh ids past `count`, with (pattern index, ids all of which
    must be found). (Hyperscan's logical combinations would do this natively, but the binding
    drops or aborts some of their reports.)"""
    per_pattern: dict[int, list[tuple[bytes, int]]] = {}
    for index, expression, flags in expressions:
        per_pattern.setdefault(index, []).append((expression, flags))
    numbered: list[tuple[int, bytes, int]] = []
    conjunctions: list[tuple[int, frozenset[int]]] = []
    next_id = count
    for index, parts in per_pattern.items():
        if len(parts) == 1:
            numbered.append((index, *parts[0]))
            continue
        ids = range(next_id, next_id + len(parts))
        numbered += [(i, expression, flags) for i, (expression, flags) in zip(ids, parts, strict=True)]
        conjunctions.append((index, frozenset(ids)))
        next_id += len(parts)
    return tuple(numbered), tuple(conjunctions)


class WordSets:
    """Which of several sets of words occur in a text, as substrings: one pass for all sets.

    Exactly Python's `word in text` for each word (case-sensitive): words and text are compared as
    UTF-8 bytes, in which one string occurs in another exactly when it does as characters."""

    def __init__(self, sets: Sequence[Sequence[str]]) -> None:
        self._sets = [list(words) for words in sets]
        expressions = []
        always = set()
        for index, words in enumerate(sets):
            if any(not word for word in words):
                always.add(index)  # the empty word occurs everywhere
            elif words and hyperscan is not None:
                alternation = b"|".join(_literal(word) for word in words)
                expressions.append((index, alternation, int(hyperscan.HS_FLAG_SINGLEMATCH)))
        self._always = frozenset(always)
        self._database = _compile(tuple(expressions))

    def present(self, text: str) -> frozenset[int]:
        """Indexes of the sets with a word in `text`."""
        if hyperscan is None:
            return frozenset(i for i, words in enumerate(self._sets) if any(w in text for w in words))
        if self._database is None:
            return self._always
        found: list[int] = []
        add = found.append
        self._database.scan(text.encode(), match_event_handler=lambda i, f, t, fl, c: add(i))
        return self._always.union(found)


def _literal(word: str) -> bytes:
    return b"".join(b"\\x%02x" % byte for byte in word.encode())


def _found_in_any_prose(expression: str, flags: int) -> bool:
    """Whether a relaxed expression is found in plain lower-case words, or in nothing at all (it
    was all assertions). Such an expression rules out next to nothing, yet every string it is found
    in costs a callback from Hyperscan (the callbacks are most of the scan's cost): left out, which
    only lets more through. Hyperscan refuses the empty ones anyway."""
    try:
        return regex.search(expression, _PROSE, flags=flags) is not None
    except regex.error:
        return False  # Hyperscan has the last word


def _hs_flags(pattern_flags: int) -> int:
    # Bytes, not UTF-8: on plain text ASCII classes are `regex`'s classes, and Unicode ones make
    # the automata too large to build (`\\d` in the card pattern alone).
    flags: int = hyperscan.HS_FLAG_SINGLEMATCH  # one report is all a prefilter needs
    if pattern_flags & regex.IGNORECASE:
        flags |= hyperscan.HS_FLAG_CASELESS
    if pattern_flags & regex.DOTALL:
        flags |= hyperscan.HS_FLAG_DOTALL
    return flags


@functools.lru_cache(maxsize=4)
def _compile(expressions: tuple[tuple[int, bytes, int], ...]) -> Any:
    """A Hyperscan block-mode database of (id, expression, flags), or None if it cannot compile.

    Compiling the shipped patterns takes about a second; a detector rebuilt with the same
    recognizers (a reload that changed only the policy) reuses the database."""
    if not expressions:
        return None
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    try:
        database.compile(
            expressions=[e for _, e, _ in expressions],
            ids=[i for i, _, _ in expressions],
            flags=[f for _, _, f in expressions],
        )
    except hyperscan.error:
        return None
    return database

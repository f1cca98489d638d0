"""Kanal's own bound on YAML nesting, checked on the text before any YAML parser runs.

libyaml's scanner reads every opening bracket ahead of the parser's first event, so a file of
100,000 ``[`` used to crash the interpreter (older PyYAML) or now stops at the scanner's own
limit of 1,000 with a misleading "invalid syntax" message (PyYAML 6.0.4). Neither is Kanal's
rule, and neither says what is wrong. This scan is independent of the parser: it finds the
first collection nested deeper than the limit and where it starts, in the same terms as the
event check in ``yamlio`` (the root collection is level 1).

Cost: a bound from two ``str.count`` calls and one regular expression decides almost every
file at once (an agency file is a few levels deep); only a file whose bound exceeds the limit
is scanned line by line.
"""

from __future__ import annotations

import re

# Leading spaces and sequence dashes of each line: the columns block collections can start at.
_INDENT = re.compile(r"^[ \-]*", re.M)
# A block mapping key at the start of the content: plain or quoted, then ':' and a space or end.
_KEY = re.compile(
    r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\-?:,\[\]{}][^#]*?|-[^\s#]*?)\s*:(?=\s|$)"""
)
_BLOCK_SCALAR = re.compile(r"[|>][0-9+\-]*\s*(?:#.*)?$")


def too_deep(text: str, limit: int) -> tuple[int, int] | None:
    """Line and column (1-based) of the first collection deeper than ``limit``, or None."""
    if text.count("[") + text.count("{") + 2 * (_max_indent(text) + 1) <= limit:
        return None  # each column holds at most a mapping and a sequence; brackets one each
    return _Scan(limit).run(text)


def _max_indent(text: str) -> int:
    return max((len(m) for m in _INDENT.findall(text)), default=0)


class _Scan:
    """Block collections from indentation, flow collections from brackets outside quotes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.block: list[tuple[int, bool]] = []  # (indent, is_sequence)
        self.flow = 0
        self.quote = ""  # an open quoted scalar spanning lines: '"' or "'"
        self.scalar_indent = -1  # inside a block scalar (| or >) whose parent sits here

    def run(self, text: str) -> tuple[int, int] | None:
        for number, line in enumerate(text.split("\n"), 1):
            found = self._line(line, number)
            if found:
                return found
        return None

    def _line(self, line: str, number: int) -> tuple[int, int] | None:
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if self.scalar_indent >= 0:
            if not stripped.strip() or indent > self.scalar_indent:
                return None  # block scalar text: nothing in it is structure
            self.scalar_indent = -1
        if self.quote or self.flow:
            return self._flow(line, 0, number, indent)
        if not stripped or stripped.startswith("#"):
            return None
        if stripped.startswith(("---", "...")) and stripped[3:4] in ("", " "):
            self.block.clear()
            return None
        col = indent
        parent = indent  # where a block scalar's parent stands
        while True:
            rest = line[col:]
            indicator = (
                rest[:1] if rest[:2] in ("- ", "? ", ": ") or rest in ("-", "?", ":") else ""
            )
            key = None if indicator else _KEY.match(rest)
            if not indicator and not key:
                break
            # "- " opens a sequence, "? " and "key:" a mapping; an explicit ": " continues one
            if indicator != ":":
                found = self._open_block(col, indicator == "-", number)
                if found:
                    return found
            parent = col
            col += key.end() if key else 1
            while col < len(line) and line[col] == " ":
                col += 1
            if key and (line[col : col + 2] == "- " or line[col:] == "-"):
                return None  # "key: - x" is not YAML; the parser says so
        rest = line[col:]
        if _BLOCK_SCALAR.match(rest):
            self.scalar_indent = parent
            return None
        if rest[:1] in ("[", "{", '"', "'"):
            return self._flow(line, col, number, indent)
        return None

    def _open_block(self, indent: int, sequence: bool, number: int) -> tuple[int, int] | None:
        block = self.block
        while block and (block[-1][0] > indent or (not sequence and block[-1] == (indent, True))):
            block.pop()
        if block and block[-1] == (indent, sequence):
            return None  # another entry of the same collection
        block.append((indent, sequence))
        if len(block) > self.limit:
            return number, indent + 1
        return None

    def _flow(self, line: str, col: int, number: int, indent: int) -> tuple[int, int] | None:
        """Brackets from ``col`` on, skipping quoted text and comments; quotes may span lines."""
        i, n = col, len(line)
        while i < n:
            ch = line[i]
            if self.quote == '"':
                if ch == "\\":
                    i += 2
                    continue
                if ch == '"':
                    self.quote = ""
            elif self.quote == "'":
                if ch == "'":
                    if i + 1 < n and line[i + 1] == "'":
                        i += 2
                        continue
                    self.quote = ""
            elif ch in "\"'" and (i == col or line[i - 1] in " \t[{,:"):
                self.quote = ch  # a quote opens a scalar only where a scalar can begin
            elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
                break
            elif ch in "[{":
                self.flow += 1
                if len(self.block) + self.flow > self.limit:
                    return number, i + 1
            elif ch in "]}":
                self.flow = max(0, self.flow - 1)
            elif not self.flow and i > col:
                break  # a quoted scalar in block context ended; the rest is not structure
            i += 1
        return None

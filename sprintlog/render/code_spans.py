"""Where code and link destinations sit in a learner's Markdown, found in linear time.

The engines' escapes (engines.py) must leave code alone, and the whole post's pass must
also leave link destinations alone. Code is a fenced block (closed by a line holding
the same fence, or running to the end) or an inline code span (a run of backticks
closed by the next run of exactly as many, before a blank line ends the paragraph).

These were single regular expressions, whose inline-code branch retried every run of
backticks against the rest of the paragraph from every position: a line of 100,000
backticks took hours. Here each run is looked up in an index of the runs by length, so
a note of any shape is read in time proportional to its length (times a logarithm).
The spans found are exactly those the expressions found.
"""

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator

# A fence opens at a line start, indented by at most three spaces, on a line that ends.
_FENCE_OPENER = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n", re.MULTILINE)
_TICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n(?=[ \t]*+\n)")  # where a blank line starts
_PLAIN_DESTINATION = re.compile(r"[^\s()<>]*+")

Span = tuple[int, int]


def code(markdown: str) -> Iterator[Span]:
    """(start, end) of each fenced block and inline code span, in order."""
    return _spans(markdown, links=False)


def protected(markdown: str) -> Iterator[Span]:
    """The code spans and, between them, each link destination (after ``](``)."""
    return _spans(markdown, links=True)


def _spans(markdown: str, *, links: bool) -> Iterator[Span]:
    fences = _Fences(markdown)
    inline = _InlineCode(markdown)
    destinations = _Destinations(markdown) if links else None
    done = 0
    while True:
        # At one position a fence is tried first, then inline code, then a destination.
        code = _first(fences.next_from(done), inline.next_from(done))
        limit = code[0] if code is not None else len(markdown) + 1
        # The destinations before the next code, in one tight loop (a page of links).
        while destinations is not None and done <= limit:
            link = destinations.next_from(done)
            if link is None or link[0] >= limit:
                break
            yield link
            done = link[1]
        if code is None:
            return
        if done <= code[0]:
            yield code
            done = code[1]


def _first(fence: Span | None, code: Span | None) -> Span | None:
    if fence is None or (code is not None and code[0] < fence[0]):
        return code
    return fence


class _Fences:
    def __init__(self, markdown: str) -> None:
        self.markdown = markdown
        self.openers = [(m.start(), m.end(), m[1]) for m in _FENCE_OPENER.finditer(markdown)]
        self.index = 0
        self.found: tuple[int, Span] | None = None  # (opener index, its span)

    def next_from(self, done: int) -> Span | None:
        while self.index < len(self.openers) and self.openers[self.index][0] < done:
            self.index += 1
        if self.index == len(self.openers):
            return None
        if self.found is None or self.found[0] != self.index:  # once per fence: no rescans
            self.found = (self.index, self._span(*self.openers[self.index]))
        return self.found[1]

    def _span(self, start: int, body: int, fence: str) -> Span:
        closer = re.compile(rf"^ {{0,3}}{re.escape(fence)}[ \t]*+$", re.MULTILINE)
        closed = closer.search(self.markdown, body)
        return start, closed.end() if closed else len(self.markdown)


class _InlineCode:
    def __init__(self, markdown: str) -> None:
        self.runs = [(m.start(), m.end()) for m in _TICKS.finditer(markdown)]
        self.blank_lines = [m.start() for m in _BLANK_LINE.finditer(markdown)]
        self.spans = self._spans_of_runs()
        self.index = 0

    def next_from(self, done: int) -> Span | None:
        while self.index < len(self.runs):
            start, end = self.runs[self.index]
            if end > done:
                span = self.spans[self.index] if start >= done else self._opened_in(done, end)
                if span is not None:
                    return span
            self.index += 1
        return None

    def _paragraph(self, end: int) -> int:
        """Which paragraph a run ending at ``end`` is in (the blank line after it)."""
        return bisect_left(self.blank_lines, end)

    def _spans_of_runs(self) -> list[Span | None]:
        """The span each whole run opens, read from the last run back to the first.

        A run's longest tail that some later run of its paragraph matches in length opens
        the span (the tails are tried longest first), closed by the nearest such run.
        """
        spans: list[Span | None] = [None] * len(self.runs)
        paragraph = -1
        lengths: list[int] = []  # the lengths of the runs after this one, sorted
        nearest: dict[int, int] = {}  # length -> start of the nearest run of it
        for index in range(len(self.runs) - 1, -1, -1):
            start, end = self.runs[index]
            if self._paragraph(end) != paragraph:
                paragraph, lengths, nearest = self._paragraph(end), [], {}
            longest = bisect_right(lengths, end - start) - 1
            if longest >= 0:
                length = lengths[longest]
                spans[index] = (end - length, nearest[length] + length)
            if end - start not in nearest:
                insort(lengths, end - start)
            nearest[end - start] = start
        return spans

    def _opened_in(self, first: int, end: int) -> Span | None:
        """The span opened by a tail of a run from ``first`` on (a run cut by ``done``)."""
        paragraph = self._paragraph(end)
        for opener in range(first, end):
            for start, stop in self.runs[self.index + 1 :]:
                if self._paragraph(stop) != paragraph:
                    break
                if stop - start == end - opener:
                    return opener, stop
        return None


class _Destinations:
    """``](`` and the destination after it: ``<...>`` on one line, or a plain address."""

    def __init__(self, markdown: str) -> None:
        self.markdown = markdown
        self.next_opening = -2
        self.next_newline = -1
        self.next_bracket = -1

    def next_from(self, done: int) -> Span | None:
        if self.next_opening < done:
            self.next_opening = self.markdown.find("](", done)
        if self.next_opening == -1:
            return None
        start = self.next_opening
        after = start + 2
        if self.markdown.startswith("<", after):
            closing = self._angle_bracket_closed(after + 1)
            return start, closing + 1 if closing is not None else after
        plain = _PLAIN_DESTINATION.match(self.markdown, after)
        return start, plain.end() if plain else after

    def _angle_bracket_closed(self, at: int) -> int | None:
        """The ``>`` closing a ``<`` before ``at`` on the same line, if any.

        Both look-ups only move forwards, so many ``](<`` on one long line cost one pass.
        """
        if self.next_newline < at:
            found = self.markdown.find("\n", at)
            self.next_newline = found if found != -1 else len(self.markdown)
        if self.next_bracket < at:
            found = self.markdown.find(">", at)
            self.next_bracket = found if found != -1 else len(self.markdown)
        return self.next_bracket if self.next_bracket < self.next_newline else None

"""Telling history from current claims in prose: past releases, version constraints, history sections."""

from __future__ import annotations

import re

from releasekit.references.scanners.primitives import lazy_pattern

# A heading whose section is a history (a release timeline, a support history) inside ordinary docs.
_HISTORY_TITLE = lazy_pattern(
    r"(?:^|\s)(?:timeline|history|changelog|change\s+log|release\s+notes|what'?s\s+new)[ \t:]*$", re.IGNORECASE
)
_HEADING = lazy_pattern(
    r"^(?:#{1,6}[ \t]+(?P<md>[^\n]+)|(?P<rst>[^\s][^\n]*)\n(?P<rule>[=\-~^\"'`#*+_:.])(?P=rule){2,}[ \t]*$)"
)
_DOC_SUFFIXES = (".rst", ".md", ".txt", ".markdown")
_SENTENCE_STOPS = (". ", ".\n", "! ", "? ", "\n\n")
# "the last mypkg release that supports Python 2.6 is mypkg 5.9.0": a past release, whatever its number.
_LAST_SUPPORTING = lazy_pattern(
    r"\b(?:last|latest|final)\s+(?:[\w.-]+\s+)?(?:release|version)s?\s+(?:(?:that|which)\s+)?"
    r"(?:\w*port\w*|for\s+(?:c?python|py|pypy))\b",
    re.IGNORECASE,
)
_HISTORY_BEFORE = lazy_pattern(
    r"(?:\b(?:since|in|from|until|till|before|after|as of|prior to|introduced|added|deprecated|removed|"
    r"changed|fixed|between|than|older|earlier|newer|later|pre|upgrad\w*|migrat\w*|downgrad\w*|"
    r"vs|versus|unlike|compared|replaced|supporting)\b|\bnew in|\bstarting (?:with|from)|"
    r"\bgenerated\s+(?:by|with|using)|\bcreated\s+using|"
    r"\bupgrad\w*\W+to)\W*(?:the\W+)?$",
    re.IGNORECASE,
)
_CONSTRAINT_AFTER = lazy_pattern(
    r"^(?:\+|\.x|\s*(?:or|and)\s+(?:later|newer|above|higher|greater|up|earlier|older|below|lower|before)"
    r"|\s*onwards?|\s*[-\u2013\u2014(]*\s*\(?\d{4}-\d\d(?:-\d\d)?\b|\s*\(?released|\s*(?:->|\u2192|to)\s*v?\d"
    r"|\s+(?:introduced|added|dropped|removed|deprecated|changed|fixed|started|now\s+requires|"
    r"made|broke|shipped|had|was|were|did|caused|required|switched|moved|stopped|began|"
    r"is\s+the\s+(?:latest|last)|was\s+the\s+last)\b)",
    re.IGNORECASE,
)


# A dated record: "updated as of July 2026 using ... mypkg 3.4.8", "benchmarked on 2026-07-01 with mypkg 1.2".
_DATED_RECORD = lazy_pattern(
    r"\b(?:as\s+of|updated|measured|benchmarked|recorded|tested|generated|run)\b[^\n]{0,40}?"
    r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?\d{4}|\d{4}-\d\d(?:-\d\d)?)\b",
    re.IGNORECASE,
)


def is_history_prose(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 48) : start]
    line_end = text.find("\n", end)
    after = text[end : line_end if line_end != -1 else len(text)][:40]
    if _HISTORY_BEFORE.search(before) or _CONSTRAINT_AFTER.match(after):
        return True
    return _DATED_RECORD.search(text, line_start, line_end if line_end != -1 else len(text)) is not None


def in_last_supporting_sentence(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``start:end`` names the last release that supported something."""
    window_start, window_end = max(0, start - 160), min(len(text), end + 160)
    stops = [found + 2 for stop in _SENTENCE_STOPS if (found := text.rfind(stop, window_start, start)) != -1]
    ends = [found for stop in _SENTENCE_STOPS if (found := text.find(stop, end, window_end)) != -1]
    return _LAST_SUPPORTING.search(text, max(stops, default=window_start), min(ends, default=window_end)) is not None


# A Sphinx version directive and its indented body: ".. versionchanged:: 2.0.10 ... for mypkg 2.0.9 ...".
_DIRECTIVE = lazy_pattern(
    r"^(?P<indent>[ \t]*)\.\.[ \t]+(?:versionadded|versionchanged|versionremoved|deprecated)::[^\n]*"
    r"(?:\n(?:(?P=indent)[ \t]+[^\n]*|[ \t]*(?=\n)))*"
)


def directive_spans(text: str) -> list[tuple[int, int]]:
    """Spans of version directives with their bodies: what a release changed is history."""
    if ".. " not in text:
        return []
    return [(match.start(), match.end()) for match in _DIRECTIVE.finditer(text)]


def history_sections(path: str, text: str) -> list[tuple[int, int]]:
    """Spans of a document's sections whose heading names a history (a timeline, a support history)."""
    if not path.lower().endswith(_DOC_SUFFIXES):
        return []
    headings = []
    for match in _HEADING.finditer(text):
        title = match["md"] if match["md"] is not None else match["rst"]
        if match["md"] is None and len(match[0].partition("\n")[2].strip()) < len(title.strip()):
            continue  # an rst underline is at least as long as its title
        headings.append((match.start(), _HISTORY_TITLE.search(title.strip()) is not None))
    spans = []
    for index, (start, is_history) in enumerate(headings):
        if is_history:
            spans.append((start, headings[index + 1][0] if index + 1 < len(headings) else len(text)))
    return spans

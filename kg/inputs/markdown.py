"""Markdown to the text a reader sees: markup, link targets, images, code and raw HTML dropped.

markdown-it-py parses (CommonMark with tables and strikethrough); this module only walks its
tokens. Every block (heading, paragraph, list item, table row) becomes a paragraph of its own,
separated by a blank line, so a heading never runs into the sentence after it. A YAML front
matter block gives the title and date (top-level ``key: value`` lines) and is not text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# "---" on the first line, "key: value" lines, "---" or "..." on a line of its own.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FRONT_MATTER_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")

_SPACES = re.compile(r"[ \t]+")

# Inline tokens whose text is not prose: an image's alt text, raw HTML.
_DROPPED_INLINE = frozenset({"image", "html_inline"})


@dataclass(frozen=True)
class MarkdownText:
    text: str
    front_matter: dict[str, str]


def markdown_text(source: str) -> MarkdownText:
    """The prose of a Markdown document, and its front matter's scalar fields."""
    front_matter: dict[str, str] = {}
    match = _FRONT_MATTER.match(source)
    if match:
        front_matter = _front_matter_fields(match.group(1))
        source = source[match.end() :]
    blocks: list[str] = []
    row: list[str] | None = None
    for token in _parser().parse(source):
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            cells = [cell for cell in row if cell]
            if cells:
                blocks.append("; ".join(cells))
            row = None
        elif token.type == "inline":
            text = _SPACES.sub(" ", _inline_text(token.children or [])).strip()
            if row is not None:
                row.append(text)
            elif text:
                blocks.append(text)
        # fence, code_block and html_block carry no prose and are left out.
    return MarkdownText("\n\n".join(blocks), front_matter)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported when a Markdown file is read, not before

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _inline_text(children: list[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type in _DROPPED_INLINE:
            continue
        # link_open/close, em, strong, s: markup around text that is kept; the target is dropped.
    return "".join(parts)


def _front_matter_fields(block: str) -> dict[str, str]:
    """Top-level ``key: value`` scalars of a YAML front matter block (quotes removed); lists,
    nested maps and multi-line values are not read."""
    fields: dict[str, str] = {}
    for line in block.splitlines():
        match = _FRONT_MATTER_LINE.match(line)
        if match and match.group(2) and match.group(2)[0] not in "|>[{":
            value = match.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            fields[match.group(1).lower()] = value
    return fields

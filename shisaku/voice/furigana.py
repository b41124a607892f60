"""Readings (ふりがな) for Japanese text, from the morphological analyser MeCab (``fugashi``) with
the UniDic dictionary that installs from the package index (``unidic-lite``).

:func:`readings` splits a text into pieces, each with the hiragana reading of its kanji or
None; okurigana and other kana stay outside the reading (子育て → 子育 with こそだ, then て),
so the pages can put each reading in ``<rt>`` over its kanji only. A word the dictionary does
not know keeps no reading rather than a guessed one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import fugashi

KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]")
KATAKANA = re.compile(r"[\u30a1-\u30f6]")


@dataclass(frozen=True)
class Piece:
    """A run of text and the reading of its kanji (None: no reading to show)."""

    text: str
    reading: str | None = None


@cache
def _tagger() -> Any:
    """Return the analyser (loaded once per process: loading the dictionary takes a moment)."""
    return fugashi.Tagger()


def hiragana(text: str) -> str:
    """Return katakana turned into hiragana (other characters unchanged)."""
    return KATAKANA.sub(lambda m: chr(ord(m.group()) - 0x60), text)


def _reading(word: Any) -> str | None:
    """Return a word's reading in hiragana, or None when the dictionary has none."""
    kana = getattr(word.feature, "kana", None)
    return hiragana(kana) if kana and kana != "*" else None


def _split(surface: str, reading: str) -> list[Piece]:
    """Return a word as kana before, kanji with its reading, kana after (okurigana outside)."""
    head = 0
    while head < len(surface) - 1 and surface[head] == reading[head : head + 1]:
        head += 1
    tail = 0
    while (
        tail < len(surface) - head - 1
        and len(reading) - tail > head
        and hiragana(surface[-1 - tail]) == reading[-1 - tail]
    ):
        tail += 1
    core = surface[head : len(surface) - tail]
    pieces = [Piece(surface[:head]), Piece(core, reading[head : len(reading) - tail])]
    return [p for p in [*pieces, Piece(surface[len(surface) - tail :])] if p.text]


def word_pieces(surface: str, reading: str | None) -> list[Piece]:
    """Return one analysed word as pieces: with a reading only when it has kanji and one."""
    if reading is None or not KANJI.search(surface):
        return [Piece(surface)]
    return _split(surface, reading)


def words(text: str) -> list[tuple[str, str | None]]:
    """Return the text's words with their readings (hiragana), as the analyser finds them."""
    found: list[tuple[str, str | None]] = []
    position = 0
    for word in _tagger()(text):
        start = text.index(word.surface, position)
        if start > position:  # white space the analyser passes over
            found.append((text[position:start], None))
        found.append((word.surface, _reading(word)))
        position = start + len(word.surface)
    if position < len(text):
        found.append((text[position:], None))
    return found


def readings(text: str) -> list[Piece]:
    """Return the text as pieces, each kanji run with its reading."""
    return [piece for surface, reading in words(text) for piece in word_pieces(surface, reading)]

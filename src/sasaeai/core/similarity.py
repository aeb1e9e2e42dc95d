"""How much two texts share: bags of character pairs, weighted by how rare each pair is.

Japanese has no spaces between words, so pairs of characters inside words
stand in for words (no tokenizer needed).  Used to tell which project a result
describes (:mod:`sasaeai.core.realign`, :mod:`sasaeai.core.consistency`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence

_WORD_CHARS_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fffA-Za-z]+")
_STOP_BIGRAMS = {"する", "した", "して", "ます", "こと", "ため", "など", "れる", "ている", "いる", "実施"}


def bigrams(text: str) -> set[str]:
    """Character pairs inside Japanese or Latin words: a tokenizer-free bag of words."""
    pairs: set[str] = set()
    for word in _WORD_CHARS_RE.findall(unicodedata.normalize("NFKC", text)):
        pairs.update(word[i : i + 2] for i in range(len(word) - 1))
    return pairs - _STOP_BIGRAMS


def word_overlap(result: str, activities: str, weights: Mapping[str, float] | None = None) -> float:
    """Weighted share of the result's bigrams that the activities use (0–1).

    ``weights`` (bigram -> weight) lets words that every project uses, such
    as ボランティア in a volunteer centre's report, count for little.
    """
    words = bigrams(result)
    if not words:
        return 0.0
    weights = weights or {}
    unseen = weights.get("", 1.0)  # a word no project's activities use
    total = sum(weights.get(w, unseen) for w in words)
    shared = sum(weights.get(w, unseen) for w in words & bigrams(activities))
    return shared / total if total else 0.0


def rarity_weights(texts: Sequence[str]) -> dict[str, float]:
    """Inverse document frequency of each bigram over ``texts``: rare words weigh more."""
    return rarity_weights_of([bigrams(text) for text in texts])


def rarity_weights_of(bags: Sequence[set[str]]) -> dict[str, float]:
    """:func:`rarity_weights` of texts already cut into bigrams."""
    counts: dict[str, int] = {}
    for bag in bags:
        for word in bag:
            counts[word] = counts.get(word, 0) + 1
    total = len(bags)
    return {word: math.log((total + 1) / (count + 1)) for word, count in counts.items()} | {
        "": math.log(total + 1)
    }

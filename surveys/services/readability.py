"""A reading-age estimate for builders: Flesch–Kincaid grade level plus five (UK reading
age is roughly US grade + 5). A guide to plain language, not a verdict."""

import re

WORD = re.compile(r"[A-Za-z']+")
SENTENCE_END = re.compile(r"[.!?]+")
VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    word = word.lower().strip("'")
    if len(word) <= 3:
        return 1
    if word.endswith("es") or (word.endswith("ed") and not word.endswith(("ted", "ded"))):
        word = word[:-2]
    elif word.endswith("e") and not word.endswith(("le", "ee")):
        word = word[:-1]
    return max(1, len(VOWEL_GROUPS.findall(word)))


def reading_age(text: str) -> int | None:
    words = WORD.findall(text or "")
    if not words:
        return None
    sentences = max(1, len([s for s in SENTENCE_END.split(text) if WORD.search(s)]))
    total_syllables = sum(syllables(w) for w in words)
    grade = 0.39 * len(words) / sentences + 11.8 * total_syllables / len(words) - 15.59
    return max(5, round(grade + 5))

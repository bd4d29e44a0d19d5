"""What users type, drawn from the loaded data: company prefixes and names with typos,
keywords, phrases and exclusions, dates and periods, release titles."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from bot.store import Store

_WORD = re.compile(r"[A-Za-z]{4,}")
_STOPWORDS = frozenset(
    {
        "that",
        "this",
        "with",
        "from",
        "will",
        "have",
        "said",
        "their",
        "which",
        "been",
        "were",
        "also",
        "into",
        "about",
        "more",
        "than",
        "such",
        "other",
        "these",
        "those",
        "after",
        "over",
        "under",
        "while",
        "where",
        "when",
        "what",
        "your",
        "they",
        "them",
        "there",
        "would",
        "could",
        "should",
        "being",
        "most",
        "each",
        "only",
        "some",
        "very",
        "both",
        "through",
    }
)


def typo(text: str, rng: random.Random) -> str:
    """One slip of the keyboard: a letter dropped, doubled, swapped or replaced."""
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    if kind == 2:
        return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]
    return text[:i] + rng.choice("aeiourstln") + text[i + 1 :]


@dataclass(frozen=True, slots=True)
class Inputs:
    """What users type, drawn from the loaded data so that most queries find something."""

    company_prefixes: list[str]
    company_names: list[str]
    keywords: list[str]
    dates: list[str]
    titles: list[str]
    company_keywords: list[tuple[str, str]]  # (words, company as picked from autocomplete)
    dated_keywords: list[str]  # words and a period in one query
    names: list[str]  # every canonical company name, for the bare fuzzy baseline
    company_ids: dict[str, int]
    title_texts: list[str]


def draw_inputs(store: Store, count: int, seed: int) -> Inputs:
    rng = random.Random(seed)
    companies = store.company_rows()
    names = [c.name for c in companies]
    aliases = [alias for c in companies for alias in c.aliases] or names
    tickers = [c.ticker for c in companies if c.ticker] or names
    titles = store.release_titles()
    bodies = [
        r.body for r in store.releases(rng.sample([t[0] for t in titles], min(200, len(titles))))
    ]
    sentences = [s.split() for body in bodies for s in body.split(". ") if len(s.split()) > 3]
    vocabulary = sorted({w.casefold() for body in bodies for w in _WORD.findall(body)} - _STOPWORDS)
    years = sorted({t[3][:4] for t in titles if t[3]}) or ["2021"]

    def words_of(sentence: list[str]) -> list[str]:
        found = [w.casefold() for w in _WORD.findall(" ".join(sentence))]
        return [w for w in found if w not in _STOPWORDS] or vocabulary[:2]

    def prefix() -> str:
        roll = rng.random()
        name = rng.choice(names)
        if roll < 0.05:
            return ""
        if roll < 0.35:
            return name[: rng.randint(1, 8)].casefold()
        if roll < 0.6:
            return typo(name, rng)
        if roll < 0.7:
            return rng.choice(aliases)
        if roll < 0.8:
            return rng.choice(tickers)
        if roll < 0.9:
            return name.split()[-1][:6]
        return name

    def company() -> str:
        roll = rng.random()
        name = rng.choice(names)
        if roll < 0.3:
            return name
        if roll < 0.45:
            return rng.choice(aliases)
        if roll < 0.55:
            return rng.choice(tickers)
        if roll < 0.85:
            return typo(name.casefold(), rng)
        return name[: rng.randint(4, max(4, len(name) - 1))]

    def keyword() -> str:
        roll = rng.random()
        words = words_of(rng.choice(sentences))
        if roll < 0.35:
            return rng.choice(vocabulary)
        if roll < 0.7:
            return " ".join(rng.sample(words, min(2, len(words))))
        if roll < 0.85:
            sentence = rng.choice(sentences)
            start = rng.randrange(len(sentence) - 1)
            # Quote marks inside the words would end the phrase early.
            return '"' + " ".join(w.strip('"“”') for w in sentence[start : start + 2]) + '"'
        return f"{rng.choice(words)} -{rng.choice(vocabulary)}"

    def period() -> str:
        roll = rng.random()
        year = rng.choice(years)
        if roll < 0.4:
            return year
        if roll < 0.8:
            return f"{year}-{rng.randint(1, 12):02d}"
        first = rng.randint(1, 10)
        return f"{year}-{first:02d}..{year}-{first + 2:02d}"

    def title() -> str:
        roll = rng.random()
        words = rng.choice(titles)[1].split()
        if roll < 0.4:
            head = " ".join(words[: rng.randint(1, 3)])
            return head[: rng.randint(max(1, len(head) - 3), len(head))]
        if roll < 0.6:
            return rng.choice(words)
        if roll < 0.8:
            return " ".join(rng.sample(words, min(2, len(words))))
        return typo(max(words, key=len), rng)

    return Inputs(
        company_prefixes=[prefix() for _ in range(count)],
        company_names=[company() for _ in range(count)],
        keywords=["oncology trial"] + [keyword() for _ in range(count - 1)],
        dates=[period() for _ in range(count)],
        titles=[title() for _ in range(count)],
        company_keywords=[(keyword(), rng.choice(names)) for _ in range(count)],
        dated_keywords=[f"{keyword()} {period()}" for _ in range(count)],
        names=names,
        company_ids={c.name: c.id for c in companies},
        title_texts=[t[1] for t in titles],
    )

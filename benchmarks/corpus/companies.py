"""Fake listed biotechs: names, aliases, tickers and websites, unique across a roster."""

from __future__ import annotations

import random
from dataclasses import dataclass

from benchmarks.corpus.names import (
    CJK_STEMS,
    CJK_TAILS,
    CODAS,
    MIDDLES,
    ONSETS,
    SHORT_TAILS,
    SUFFIXES,
)
from benchmarks.corpus.places import EXCHANGES_LONG


@dataclass(frozen=True)
class SyntheticCompany:
    """A fake listed biotech; ``site_style`` picks which newsroom template its site uses."""

    name: str
    aliases: tuple[str, ...]
    ticker: str
    exchange: str
    website: str
    site_style: int


SITE_STYLES = 5


def _ticker(rng: random.Random, stem: str, exchange: str) -> str:
    """A code in the exchange's own shape, so pages can print it the way real headers do."""
    if exchange == "HKEX":
        return f"{rng.randint(1000, 9999)}.HK"
    if exchange == "SSE":
        return f"{rng.choice(('600', '601', '603', '688'))}{rng.randint(0, 999):03d}.SS"
    if exchange == "SZSE":
        return f"{rng.choice(('000', '002', '300', '301'))}{rng.randint(0, 999):03d}.SZ"
    letters = "".join(ch for ch in stem.upper() if ch.isalpha())
    size = 4 if exchange == "NASDAQ" else 3
    return (letters[0] + "".join(rng.sample(letters[1:] + "XYZQ", size - 1)))[:size]


def make_companies(count: int, *, seed: int = 7) -> list[SyntheticCompany]:
    """Unique, plausible biotech names with aliases, tickers and websites.

    Every spelling (name, alias, ticker, site host) is unique across the list so the
    benchmarks never measure an attribution ambiguity they did not ask for.
    """
    rng = random.Random(seed)
    taken: set[str] = set()
    result: list[SyntheticCompany] = []
    attempts = 0
    while len(result) < count:
        attempts += 1
        if attempts > 50 * count + 1000:
            raise ValueError(f"cannot invent {count} distinct company names")
        middle = rng.choice(MIDDLES)
        if rng.random() < 0.25:
            middle += rng.choice(MIDDLES)
        name = (rng.choice(ONSETS) + middle + rng.choice(CODAS)).capitalize()
        aliases = [f"{name} {rng.choice(SUFFIXES)}", f"{name} Inc"]
        if rng.random() < 0.5:
            aliases.append(f"{name}, Inc.")
        short = name + rng.choice(SHORT_TAILS)
        aliases.append(short)
        if rng.random() < 0.4:
            aliases.append("".join(rng.sample(CJK_STEMS, 2)) + rng.choice(CJK_TAILS))
        exchange = rng.choices(tuple(EXCHANGES_LONG), weights=(40, 12, 8, 30, 10))[0]
        ticker = _ticker(rng, name, exchange)
        host = f"www.{short.lower()}{rng.choice(('.com', '.com', '.cn', '.com.cn', '.net'))}"
        spellings = [s.casefold() for s in (name, *aliases, ticker, host)]
        if len(set(spellings)) < len(spellings) or any(s in taken for s in spellings):
            continue
        taken.update(spellings)
        result.append(
            SyntheticCompany(
                name=name,
                aliases=tuple(aliases),
                ticker=ticker,
                exchange=exchange,
                website=f"https://{host}",
                site_style=rng.randrange(SITE_STYLES),
            )
        )
    return result

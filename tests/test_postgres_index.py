"""PostgreSQL's word index: the cheaper splitting indexes exactly the words ``translate`` did.

Revision 0010 swapped the index's ``translate`` for one ``replace`` per character to make
loads cheaper; any difference in the words would change answers, so it is checked on
awkward text and on every stored release and quote of a load.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.config import Settings
from bot.store import Store
from bot.store.postgres_index import vector_sql
from tests.conftest import fresh_postgres_store, load

pytestmark = pytest.mark.postgres

AWKWARD = [
    "OBX-7 at 3.5 mg, www.orbis-tx.example, press@orbis-tx.example, a_b+c/d:e",
    "“Quoted” — em-dash, café, naïve… ++--..//@@::__",
    "新药获批上市 mRNA疫苗-2 株式会社テスト 한국어.txt",
    "",
    "-./@:_+",
]


@pytest.fixture
def pg() -> Iterator[Store]:
    store = fresh_postgres_store()
    yield store
    store.close()


def _same_words(column: str, weight: str | None = None) -> str:
    replaced = vector_sql(column, weight)
    translated = vector_sql(column, weight, translated=True)
    return f"({replaced}) IS NOT DISTINCT FROM ({translated})"


@pytest.mark.parametrize("sample", AWKWARD)
def test_replace_splits_words_as_translate_did(pg: Store, sample: str) -> None:
    with pg.engine.connect() as conn:
        # Run as written: ``':_'`` in the translate form would read as a bound name.
        same = conn.exec_driver_sql(
            f"SELECT {_same_words('t.v', 'B')} FROM (SELECT CAST(%(v)s AS text) AS v) AS t",
            {"v": sample},
        ).scalar_one()
    assert same


def test_loaded_releases_and_quotes_hold_the_words_translate_gave(
    pg: Store, settings: Settings
) -> None:
    load(pg, settings)
    translated_search = " || ".join(
        vector_sql(column, weight, translated=True)
        for column, weight in (
            ("title", "A"),
            ("summary", "B"),
            ("quotes_text", "C"),
            ("body", "D"),
        )
    )
    with pg.engine.connect() as conn:
        releases, differing = conn.exec_driver_sql(
            "SELECT count(*), count(*) FILTER "
            f"(WHERE search IS DISTINCT FROM ({translated_search})) FROM releases"
        ).one()
        quotes, differing_quotes = conn.exec_driver_sql(
            "SELECT count(*), count(*) FILTER (WHERE search IS DISTINCT FROM "
            f"({vector_sql('text', translated=True)})) FROM quotes"
        ).one()
    assert releases and quotes
    assert differing == 0 and differing_quotes == 0

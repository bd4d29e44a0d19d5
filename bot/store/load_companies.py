"""The companies side of a load: the registry's companies, and those pages name on their own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update

from bot.records import ReleaseRecord
from bot.registry import Registry
from bot.store.models import Company, CompanyAlias, Release


class CompanyWriter:
    """Company ids by name for one load's transaction, made on first sight."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self._ids: dict[str, int] = {}
        self._aliases: dict[int, set[str]] = {}

    def sync_registry(self, registry: Registry) -> None:
        """Make the companies table match the registry (names, aliases, tickers).

        Only differences are written, and new companies and aliases in one statement
        each: with thousands of companies, a row or a round trip per company would make
        a first load, or a reload that changes nothing, cost seconds."""
        existing = {
            name: (cid, (ticker, exchange, website, inferred))
            for cid, name, ticker, exchange, website, inferred in self.conn.execute(
                select(
                    Company.id,
                    Company.name,
                    Company.ticker,
                    Company.exchange,
                    Company.website,
                    Company.inferred,
                )
            )
        }
        new_companies: list[dict[str, Any]] = []
        for entry in registry.companies:
            values = {
                "ticker": entry.ticker,
                "exchange": entry.exchange,
                "website": entry.website,
                "inferred": False,
            }
            company_id, stored = existing.get(entry.name, (None, None))
            if company_id is None:
                new_companies.append({"name": entry.name, **values})
                continue
            if stored != tuple(values.values()):
                self.conn.execute(update(Company).where(Company.id == company_id).values(**values))
            self._ids[entry.name] = company_id
        if new_companies:
            self.conn.execute(insert(Company), new_companies)
            # Read back by a scan, not ``IN``: no bound-parameter limit however many there are.
            self._ids.update(
                (name, cid) for cid, name in self.conn.execute(select(Company.id, Company.name))
            )
        self._sync_aliases(registry, fresh={row["name"] for row in new_companies})

    def _sync_aliases(self, registry: Registry, fresh: set[str]) -> None:
        stored: dict[int, list[str]] = {}
        for cid, alias in self.conn.execute(
            select(CompanyAlias.company_id, CompanyAlias.alias).order_by(CompanyAlias.id)
        ):
            stored.setdefault(cid, []).append(alias)
        new_aliases: list[dict[str, Any]] = []
        for entry in registry.companies:
            company_id = self._ids[entry.name]
            if entry.name not in fresh and stored.get(company_id, []) == list(entry.aliases):
                continue
            if company_id in stored:
                self.conn.execute(delete(CompanyAlias).where(CompanyAlias.company_id == company_id))
            new_aliases += ({"company_id": company_id, "alias": a} for a in entry.aliases)
        if new_aliases:
            self.conn.execute(insert(CompanyAlias), new_aliases)

    def company_id(self, record: ReleaseRecord) -> int:
        """The record's company, made on first sight. An inferred company is also found by
        any alias its page states (another page may have named it by ticker or legal
        name), and its new aliases are kept so that lookups find it by them."""
        name = record.company
        company_id = self._ids.get(name)
        if company_id is None:
            company_id = self.conn.execute(select(Company.id).where(Company.name == name)).scalar()
        if company_id is None and record.company_inferred:
            company_id = self._by_alias([name, *record.company_aliases])
        if company_id is None:
            company_id = self.conn.execute(
                insert(Company)
                .values(name=name, inferred=record.company_inferred)
                .returning(Company.id)
            ).scalar_one()
        self._ids[name] = company_id
        if record.company_inferred and record.company_aliases:
            self._add_aliases(company_id, record.company_aliases)
        return company_id

    def company_name(self, record: ReleaseRecord) -> str:
        """The stored name of the record's company (an inferred one may be filed under
        another spelling its pages gave)."""
        company_id = self.company_id(record)
        name: str = self.conn.execute(
            select(Company.name).where(Company.id == company_id)
        ).scalar_one()
        return name

    def remove_orphans(self, registry: Registry) -> None:
        """Inferred companies nobody writes about any more disappear with their last release."""
        registered = {entry.name for entry in registry.companies}
        in_use = select(Release.company_id).distinct()
        self.conn.execute(
            delete(Company).where(
                Company.id.not_in(in_use),
                or_(Company.inferred.is_(True), Company.name.not_in(registered)),
            )
        )

    def _by_alias(self, spellings: Sequence[str]) -> int | None:
        folded = [s.casefold() for s in spellings]
        by_name = select(Company.id).where(func.lower(Company.name).in_(folded))
        by_alias = select(CompanyAlias.company_id).where(func.lower(CompanyAlias.alias).in_(folded))
        found: int | None = self.conn.execute(by_name.union(by_alias).limit(1)).scalar()
        return found

    def _add_aliases(self, company_id: int, aliases: Sequence[str]) -> None:
        known = self._aliases.get(company_id)
        if known is None:
            known = self._aliases[company_id] = {
                alias.casefold()
                for alias in self.conn.execute(
                    select(CompanyAlias.alias).where(CompanyAlias.company_id == company_id)
                ).scalars()
            }
        new = list(dict.fromkeys(a for a in aliases if a.casefold() not in known))
        known.update(a.casefold() for a in new)
        if new:
            self.conn.execute(
                insert(CompanyAlias), [{"company_id": company_id, "alias": a} for a in new]
            )

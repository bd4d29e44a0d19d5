"""Seeded synthetic press-release corpus for the loader and query benchmarks.

The three real pages in ``data/releases`` are too few to time anything, and scraping
100,000 real ones is neither possible nor reproducible. This module fabricates pages
with the same kinds of noise (navigation lines, stock hotlines, sign-up forms, glued
spam title suffixes, several date styles, non-breaking spaces, curly and straight
quotes, per-site footers) so the benchmarks exercise the real cleaning paths.

Every choice flows from one seed, so two runs with the same arguments write
byte-identical corpora and benchmark numbers stay comparable between commits.

Usage: ``python -m benchmarks.corpus OUT_DIR --releases N --companies M --seed S``

The word tables (``names``, ``science``, ``places``, ``dates``, ``templates``) feed
``companies`` and their ``sites``; ``releases`` draws what a release says, ``pages`` lays
it out as its site would, ``writer`` puts a corpus on disk.
"""

from benchmarks.corpus.command import main
from benchmarks.corpus.companies import SITE_STYLES, SyntheticCompany, make_companies
from benchmarks.corpus.pages import make_page
from benchmarks.corpus.writer import write_corpus

__all__ = ["SITE_STYLES", "SyntheticCompany", "main", "make_companies", "make_page", "write_corpus"]

"""The query benchmark's parts: what users type (``inputs``), how calls are timed
(``timing``), the bare sqlite3 + rapidfuzz baselines (``bare``), start-up in a fresh
process (``startup``), the loaded databases it answers from (``databases``) and how its
figures are judged and printed (``report``). ``benchmarks.bench_query`` runs them."""

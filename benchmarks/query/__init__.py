"""The query benchmark's parts: what users type (``inputs``), how calls are timed
(``timing``), the bare sqlite3 + rapidfuzz baselines (``bare``) and start-up in a fresh
process (``startup``). ``benchmarks.bench_query`` runs them."""

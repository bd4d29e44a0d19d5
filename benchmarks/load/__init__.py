"""The load benchmark's parts: the loads it measures, each in its own process (``measure``),
and how their figures are judged and printed (``report``). ``benchmarks.bench_load`` runs them."""

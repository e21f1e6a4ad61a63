"""Kept's benchmarks: a synthetic company database and a runner that sets each Kept figure
beside a plain-SQL baseline measured in the same run.

- :mod:`bench.synth` generates the database (``python -m bench.synth``);
- :mod:`bench.runner` registers, runs and reports benchmarks (``python -m bench``);
- :mod:`bench.measure` times calls and measures peak memory;
- :mod:`bench.dbs` creates and drops throwaway databases;
- ``bench/bench_*.py`` are the benchmarks. See ``docs/benchmarks.md``.
"""

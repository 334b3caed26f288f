#!/usr/bin/env python3
"""Compares the query latency of two byline-search binaries on one index, measured in
the same run so that both see the same load.

  one-shot  each query of the query file runs as a fresh process (as a user runs it),
            baseline and candidate alternating query by query (the first of the pair
            changing every query), over PASSES passes; p50 and p95 wall time per binary
            and the ratio candidate / baseline;
  batch     with --batch-rounds R, also `--queries FILE` at `--jobs 1` (one process,
            one query at a time) and on every CPU, the two alternating, R rounds;
            median wall time and CPU time (user + system) per query.
Every run's exit status is checked: 0 and 1 (nothing matched) are fine, anything else
ends the comparison, so a crashing binary is never timed as a fast one. The report also
counts the queries whose output differs between the two (expected to be 0 when the
change should not alter results).

Usage: bench/query/compare_builds.py --db DIR --baseline BINARY --candidate BINARY
       [--queries FILE] [--passes N] [--batch-rounds R] [--search-args "ARGS"]
Default query file: bench/query/queries.txt (the one bench/shards/run.py uses); default
search arguments: "-n 10 --format ids" (as bench/shards/run.py).
"""
import argparse
import os
import resource
import shlex
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def cpu_seconds_of_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command):
    """Runs `command`; returns its wall seconds, its output and its CPU seconds."""
    cpu = cpu_seconds_of_children()
    started = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - started
    if result.returncode not in (0, 1):
        sys.exit(f"compare_builds: {shlex.join(command)} exited {result.returncode}:\n"
                 f"{result.stderr.decode('utf-8', 'replace')}")
    return seconds, result.stdout, cpu_seconds_of_children() - cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--baseline", required=True)
    parser.add_argument("--candidate", required=True)
    parser.add_argument("--queries", default=os.path.join(HERE, "queries.txt"))
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--batch-rounds", type=int, default=0)
    parser.add_argument("--search-args", default="-n 10 --format ids")
    args = parser.parse_args()
    with open(args.queries, encoding="utf-8") as f:
        queries = [line.rstrip("\n").split("\t", 1)[-1] for line in f if line.strip()]
    extra = shlex.split(args.search_args)
    binaries = {"baseline": args.baseline, "candidate": args.candidate}
    for binary in binaries.values():  # warm the page cache and the loader
        for _ in range(3):
            timed([binary, "--db", args.db, *extra, queries[0]])

    times = {name: [] for name in binaries}
    differ = set()
    pairs = 0
    for _ in range(args.passes):
        for query in queries:
            order = ["baseline", "candidate"] if pairs % 2 == 0 else ["candidate", "baseline"]
            pairs += 1
            outputs = {}
            for name in order:
                seconds, outputs[name], _ = timed([binaries[name], "--db", args.db, *extra,
                                                   query])
                times[name].append(seconds)
            if outputs["baseline"] != outputs["candidate"]:
                differ.add(query)

    # Per binary and thread setting: (wall, CPU) seconds per query of each round.
    batch_jobs = {"--jobs 1": ["--jobs", "1"], "every CPU": []}
    batch = {(name, jobs): [] for name in binaries for jobs in batch_jobs}
    for round_number in range(args.batch_rounds):
        for name in list(binaries)[::1 if round_number % 2 == 0 else -1]:
            for jobs, jobs_args in batch_jobs.items():
                seconds, _, cpu = timed([binaries[name], "--db", args.db, *extra, *jobs_args,
                                         "--queries", args.queries])
                batch[(name, jobs)].append((seconds / len(queries), cpu / len(queries)))

    runs = len(queries) * args.passes
    print(f"One-shot: {len(queries)} queries × {args.passes} passes = {runs} runs per "
          f"binary, alternating; `byline-search --db {args.db} {shlex.join(extra)} QUERY`.\n")
    header = "| binary | one-shot p50 ms | one-shot p95 ms |"
    rule = "| --- | ---: | ---: |"
    if args.batch_rounds:
        for jobs in batch_jobs:
            header += f" batch ({jobs}) ms per query | batch ({jobs}) CPU ms per query |"
            rule += " ---: | ---: |"
    print(header + "\n" + rule)
    stats = {}
    for name, binary in binaries.items():
        stats[name] = [1000 * percentile(times[name], 0.5), 1000 * percentile(times[name], 0.95)]
        for jobs in batch_jobs if args.batch_rounds else []:
            stats[name] += [1000 * statistics.median(wall for wall, _ in batch[(name, jobs)]),
                            1000 * statistics.median(cpu for _, cpu in batch[(name, jobs)])]
        print(f"| {name} `{binary}` | " + " | ".join(f"{v:.2f}" for v in stats[name]) + " |")
    ratios = [c / b for b, c in zip(stats["baseline"], stats["candidate"])]
    print("| candidate / baseline | " + " | ".join(f"{r:.3f}" for r in ratios) + " |")
    print(f"\nQueries whose output differs between the two: {len(differ)} of {len(queries)}.")
    if args.batch_rounds:
        print(f"Batch: median of {args.batch_rounds} rounds, alternating.")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Compares two builds of byline-search on one index: first whether they answer the
queries alike (batch mode's JSON, -n 10), then batch mode's queries per second and CPU
time per query (on one thread and on every CPU) in --rounds rounds, and the wall time of
one process per query (each query once per build); the order of the two alternates
round by round and query by query. Prints each round and the medians, with the ratio
candidate / baseline.

Usage: bench/compare_search_builds.py --baseline BINARY --candidate BINARY --db INDEX
       [--queries FILE] [--rounds N]
The queries default to bench/query/queries.txt (ID<TAB>QUERY lines). For a speed
comparison on a shared machine: both run under the same load, so compare the ratio,
not the seconds.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(binary, args, stdin=None):
    """Runs `binary`; returns its output, wall seconds and CPU seconds."""
    started = time.monotonic()
    process = subprocess.Popen([binary, *args], stdin=stdin, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"compare_search_builds: {binary} {' '.join(args)} failed "
                 f"(wait status {status})")
    return output, wall, usage.ru_utime + usage.ru_stime


def batch(binary, db, queries_file, count, jobs):
    args = ["--db", db, "--queries", queries_file, "--format", "json", "-n", "10"]
    if jobs:
        args += ["--jobs", str(jobs)]
    output, wall, cpu = run(binary, args)
    return output, {"q/s": count / wall, "cpu ms/query": cpu * 1000 / count}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True)
    parser.add_argument("--candidate", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--queries", default=os.path.join(HERE, "query", "queries.txt"))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    binaries = {"baseline": args.baseline, "candidate": args.candidate}
    with open(args.queries, encoding="utf-8") as lines:
        queries = [line.rstrip("\n").split("\t", 1)[-1] for line in lines if line.strip()]

    answers = {name: batch(binary, args.db, args.queries, len(queries), 1)[0].splitlines()
               for name, binary in binaries.items()}
    differing = sum(a != b for a, b in zip(answers["baseline"], answers["candidate"]))
    print(f"answers: {len(queries)} queries, {differing} answered differently"
          + ("" if len(answers["baseline"]) == len(answers["candidate"])
             else " (and a different number of answers)"))

    runs = {(name, jobs): [] for name in binaries for jobs in (1, 0)}
    for round_number in range(args.rounds):
        order = list(binaries)[::1 if round_number % 2 == 0 else -1]
        for name in order:
            for jobs in (1, 0):
                _, result = batch(binaries[name], args.db, args.queries, len(queries), jobs)
                runs[(name, jobs)].append(result)
                threads = "one thread" if jobs else "every CPU"
                print(f"round {round_number + 1} {name}, {threads}: " +
                      ", ".join(f"{key} {value:.3f}" for key, value in result.items()),
                      flush=True)

    one_shot = {name: [] for name in binaries}
    for number, query in enumerate(queries):
        for name in list(binaries)[::1 if number % 2 == 0 else -1]:
            _, wall, _ = run(binaries[name], ["--db", args.db, "-n", "10", "--color", "never",
                                              query])
            one_shot[name].append(wall * 1000)

    print("\nmedians (candidate / baseline):")
    for jobs in (1, 0):
        threads = "one thread" if jobs else "every CPU"
        for key in ("q/s", "cpu ms/query"):
            base = statistics.median(r[key] for r in runs[("baseline", jobs)])
            cand = statistics.median(r[key] for r in runs[("candidate", jobs)])
            print(f"  batch mode, {threads}, {key}: {base:.3f} -> {cand:.3f} "
                  f"({cand / base:.3f}x)")
    for label, fraction in (("p50", 0.5), ("p95", 0.95)):
        base = percentile(one_shot["baseline"], fraction)
        cand = percentile(one_shot["candidate"], fraction)
        print(f"  one process per query, {label} ms: {base:.2f} -> {cand:.2f} "
              f"({cand / base:.3f}x)")


if __name__ == "__main__":
    main()

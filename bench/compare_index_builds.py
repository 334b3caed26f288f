#!/usr/bin/env python3
"""Compares two builds of byline-index on one corpus: each round indexes the corpus into
a fresh folder with the baseline and with the candidate, the order alternating round by
round; prints each run and the medians of wall time, CPU time (user + system), peak RSS
and the published generation's size, with the ratio candidate / baseline.

Usage: bench/compare_index_builds.py --baseline BINARY --candidate BINARY
       --corpus DIR [--work DIR] [--rounds N]
For a speed comparison on a shared machine: both run under the same load, so compare
the ratio, not the seconds.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time


def disk_mib(folder):
    return sum(os.path.getsize(os.path.join(parent, name))
               for parent, _, names in os.walk(folder) for name in names) / 2**20


def index_once(binary, corpus, db):
    shutil.rmtree(db, ignore_errors=True)
    started = time.monotonic()
    process = subprocess.Popen([binary, "--quiet", "--db", db, corpus],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    if status != 0:
        sys.exit(f"compare_index_builds: {binary} failed (wait status {status})")
    with open(os.path.join(db, "XAPIANDB"), encoding="utf-8") as stub:
        generation = os.path.join(db, stub.read().split()[1])
    result = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
              "rss": usage.ru_maxrss / 1024, "size": disk_mib(generation)}
    shutil.rmtree(db)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True)
    parser.add_argument("--candidate", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--work", default="/tmp/compare-index-builds")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    binaries = {"baseline": args.baseline, "candidate": args.candidate}
    runs = {name: [] for name in binaries}
    for round_number in range(args.rounds):
        order = ["baseline", "candidate"][::1 if round_number % 2 == 0 else -1]
        for name in order:
            result = index_once(binaries[name], args.corpus, os.path.join(args.work, name))
            runs[name].append(result)
            print(f"round {round_number + 1} {name}: " +
                  ", ".join(f"{key} {value:.2f}" for key, value in result.items()), flush=True)
    print("\n| build | wall s | CPU s | peak RSS MiB | index MiB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    medians = {name: {key: statistics.median(run[key] for run in runs[name])
                      for key in ("wall", "cpu", "rss", "size")} for name in binaries}
    for name in binaries:
        m = medians[name]
        print(f"| {name} | {m['wall']:.2f} | {m['cpu']:.2f} | {m['rss']:.0f} | {m['size']:.1f} |")
    ratio = {key: medians["candidate"][key] / medians["baseline"][key] for key in medians["baseline"]}
    print(f"| candidate / baseline | {ratio['wall']:.3f} | {ratio['cpu']:.3f} | "
          f"{ratio['rss']:.3f} | {ratio['size']:.3f} |")
    print(f"\nMedians of {args.rounds} rounds; baseline {args.baseline}, "
          f"candidate {args.candidate}, corpus {args.corpus}.")


if __name__ == "__main__":
    main()

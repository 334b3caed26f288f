#!/usr/bin/env python3
"""Sharded-search benchmark: query latency over 1, 2 and 4 shards, opened locally and
through xapian-tcpsrv on loopback, and the time to build each, on a synthetic archive.

  build     byline-index builds the archive as one index, as 2 shards and as 4 shards
            (--shards N); the wall time of each build is reported.
  one-shot  for each query of bench/query/queries.txt, runs `byline-search -n 10
            --format ids` once per configuration (local and remote, 1/2/4 shards), the
            configurations in a rotating order, over PASSES passes; reports p50 and p95
            wall time per process (starting the process and opening every shard included).
  batch     runs `byline-search --queries FILE --format ids -n 10 --jobs 1` (one process,
            every query, one at a time: latency, not the throughput of several threads)
            per configuration, alternating, ROUNDS times; reports the median time per
            query.
Remote configurations serve each shard (the whole index for 1) with its own
xapian-tcpsrv on 127.0.0.1, stopped at the end. Writes a dated table to bench/results/.

Usage: bench/shards/run.py --build BUILD_DIR --work DIR --articles N
       [--passes P] [--rounds R] [--corpora DIR]
The synthetic archive is written by bench/synthetic_corpus.py into WORK/corpus-N
(reused when there), the indexes into WORK/index-N-*.
"""
import argparse
import datetime
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARD_COUNTS = [1, 2, 4]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(index_tool, corpus, db, shards):
    args = [index_tool, "--quiet", "--db", db]
    if shards > 1:
        args += ["--shards", str(shards)]
    started = time.perf_counter()
    subprocess.run(args + [corpus], check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def tree_bytes(folder):
    return sum(os.path.getsize(os.path.join(parent, name))
               for parent, _, names in os.walk(folder) for name in names)


def shard_paths(db, shards):
    if shards == 1:
        return [db]
    return [os.path.join(db, f"shard-{i:03}") for i in range(shards)]


def serve(paths, work, name):
    """Starts one xapian-tcpsrv per path; returns the processes and a stub naming them."""
    servers, lines = [], []
    for path in paths:
        port = free_port()
        servers.append(subprocess.Popen(
            ["xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port", str(port),
             "--timeout", "600000", path], start_new_session=True))
        lines.append(f"remote :127.0.0.1:{port}\n")
    stub = os.path.join(work, f"{name}.remote")
    with open(stub, "w") as f:
        f.writelines(lines)
    return servers, stub


def wait_until_up(search_tool, stub):
    for _ in range(100):
        if subprocess.run([search_tool, "--db", stub, "--count", "the"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 2:
            return
        time.sleep(0.1)
    sys.exit(f"shards bench: {stub} does not answer")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpora", default=None)
    args = parser.parse_args()
    index_tool = os.path.join(args.build, "indexer", "byline-index")
    search_tool = os.path.join(args.build, "searcher", "byline-search")
    queries_file = os.path.join(ROOT, "bench", "query", "queries.txt")
    queries = [line.rstrip("\n").split("\t", 1)[1] for line in open(queries_file) if "\t" in line]
    os.makedirs(args.work, exist_ok=True)

    corpus = os.path.join(args.work, f"corpus-{args.articles}")
    if not os.path.isdir(corpus):
        started = time.perf_counter()
        command = [sys.executable, os.path.join(ROOT, "bench", "synthetic_corpus.py"),
                   "--articles", str(args.articles), "--out", corpus + ".new"]
        if args.corpora:
            command += ["--corpora", args.corpora]
        subprocess.run(command, check=True)
        os.replace(corpus + ".new", corpus)
        print(f"corpus: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    corpus_mib = sum(os.path.getsize(os.path.join(corpus, f)) for f in os.listdir(corpus)) / 2**20

    build_seconds, dbs = {}, {}
    for shards in SHARD_COUNTS:
        db = os.path.join(args.work, f"index-{args.articles}-{shards}")
        dbs[shards] = db
        if not os.path.exists(os.path.join(db, "XAPIANDB")):
            subprocess.run(["rm", "-rf", db], check=True)
            build_seconds[shards] = build(index_tool, corpus, db, shards)
            print(f"build {shards}: {build_seconds[shards]:.0f} s", file=sys.stderr)

    configurations = {}
    servers = []
    try:
        for shards in SHARD_COUNTS:
            configurations[f"local, {shards} shard{'s' if shards > 1 else ''}"] = dbs[shards]
        for shards in SHARD_COUNTS:
            started, stub = serve(shard_paths(dbs[shards], shards), args.work,
                                  f"remote-{args.articles}-{shards}")
            servers += started
            wait_until_up(search_tool, stub)
            configurations[f"remote, {shards} shard{'s' if shards > 1 else ''}"] = stub

        names = list(configurations)
        one_shot = {name: [] for name in names}
        order = random.Random(7)
        for _ in range(args.passes):
            for query in queries:
                order.shuffle(names)
                for name in names:
                    started = time.perf_counter()
                    subprocess.run([search_tool, "--db", configurations[name], "-n", "10",
                                    "--format", "ids", query],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    one_shot[name].append(time.perf_counter() - started)
        batch = {name: [] for name in names}
        for _ in range(args.rounds):
            order.shuffle(names)
            for name in names:
                started = time.perf_counter()
                subprocess.run([search_tool, "--db", configurations[name], "-n", "10",
                                "--format", "ids", "--jobs", "1", "--queries", queries_file],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                batch[name].append((time.perf_counter() - started) / len(queries))
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait()

    now = datetime.datetime.now(datetime.timezone.utc)
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    load = os.getloadavg()[0]
    lines = [
        f"# Sharded search benchmark, {now:%Y-%m-%d %H:%M} UTC, {args.articles:,} articles",
        "",
        f"Command: `bench/shards/run.py --build {args.build} --work {args.work} "
        f"--articles {args.articles} --passes {args.passes} --rounds {args.rounds}`",
        f"(commit {commit}, {os.cpu_count()} cores, {platform.machine()}, shared with other "
        f"jobs; load average at the end {load:.1f}: compare rows, not seconds).",
        "",
        f"Corpus: {args.articles:,} synthetic articles ({corpus_mib:.0f} MiB of JSON Lines) from "
        "bench/synthetic_corpus.py (seed 1): words, lengths and sources drawn from the "
        "statistics of ../shared/corpora, dates over 2015-2024.",
        f"Queries: the {len(queries)} queries of bench/query/queries.txt (1-3 title words of "
        "the real corpora, every fifth a phrase); `-n 10 --format ids`.",
        "Remote: one `xapian-tcpsrv` per shard on 127.0.0.1 (for 1 shard: the whole index), "
        "searched through a stub of `remote :127.0.0.1:PORT` lines.",
        "",
        "## Build (byline-index wall time)",
        "",
        "| index | build s | articles/s | size on disk |",
        "| --- | ---: | ---: | ---: |",
    ]
    for shards in SHARD_COUNTS:
        if shards in build_seconds:
            label = "one index" if shards == 1 else f"--shards {shards}"
            lines.append(f"| {label} | {build_seconds[shards]:.0f} | "
                         f"{args.articles / build_seconds[shards]:,.0f} | "
                         f"{tree_bytes(dbs[shards]) / 2**30:.2f} GiB |")
    lines += [
        "",
        f"## Query latency (ms): one-shot p50 / p95 over {args.passes} passes, "
        f"batch (`--jobs 1`) median per query over {args.rounds} rounds",
        "",
        "| configuration | one-shot p50 | one-shot p95 | batch per query |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name in configurations:
        lines.append(f"| {name} | {1000 * percentile(one_shot[name], 0.5):.1f} | "
                     f"{1000 * percentile(one_shot[name], 0.95):.1f} | "
                     f"{1000 * statistics.median(batch[name]):.2f} |")
    report = "\n".join(lines) + "\n"
    out = os.path.join(ROOT, "bench", "results", f"{now:%Y-%m-%d}-shards-{args.articles}.md")
    with open(out, "w") as f:
        f.write(report)
    print(report)
    print(f"written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()

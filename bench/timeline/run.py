#!/usr/bin/env python3
"""Timeline benchmark: `byline-search --timeline PERIOD` for each of the 200 queries of
bench/query/queries.txt, one process per query, on an existing index.

For context, two other searches of each query are timed in the same run, the three in a
rotating order so that the machine's load falls on each alike:
  timeline  byline-search --timeline PERIOD --format jsonl QUERY  (every match counted
            per day, then the three highest periods' largest stories)
  count     byline-search --count QUERY  (every match counted, exactly up to 500,000)
  search    byline-search -n 10 --format ids QUERY  (the default search)
Reports p50, p95 and the largest wall time per process (start-up and opening the index
included), over PASSES passes. Each timeline is checked: its rows, undated and
imprecisely dated articles add up to its matches, and its matches are --count's.
Every run's exit status is checked: a failing program ends the benchmark.

Usage: bench/timeline/run.py --search BYLINE_SEARCH --db INDEX [--period month]
       [--passes N] [--queries FILE] [--out FILE.md]
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def timed(command):
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            check=False)
    seconds = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.exit(f"bench/timeline/run.py: {' '.join(command)} exited {result.returncode}:\n"
                 f"{result.stderr.decode('utf-8', 'replace')}")
    return seconds, result.stdout.decode("utf-8", "replace")


def check_timeline(query, output, count_output):
    lines = [json.loads(line) for line in output.splitlines() if line]
    if not lines:
        return 0  # Nothing matched: nothing printed.
    summary, rows = lines[0], lines[1:]
    total = sum(row["count"] for row in rows) + summary["undated"] + summary["imprecise"]
    if total != summary["matches"] or str(summary["matches"]) != count_output.strip():
        sys.exit(f"bench/timeline/run.py: the timeline of {query!r} adds up to {total} of "
                 f"{summary['matches']} matches; --count says {count_output.strip()}")
    return summary["matches"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--search", required=True, help="the byline-search program")
    parser.add_argument("--db", required=True, help="the index")
    parser.add_argument("--period", default="month", choices=["day", "week", "month", "year"])
    parser.add_argument("--passes", type=int, default=1)
    parser.add_argument("--queries", default=os.path.join(ROOT, "bench", "query", "queries.txt"))
    parser.add_argument("--out", help="write the Markdown table here (default: print it)")
    args = parser.parse_args()

    queries = []
    with open(args.queries, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                queries.append(line.split("\t", 1)[-1])
    base = [args.search, "--db", args.db]
    contenders = {
        "timeline": lambda q: base + ["--timeline", args.period, "--format", "jsonl", q],
        "count": lambda q: base + ["--count", q],
        "search": lambda q: base + ["-n", "10", "--format", "ids", q],
    }
    names = list(contenders)
    seconds = {name: [] for name in names}
    matches = []
    started = datetime.datetime.now(datetime.timezone.utc)
    for _ in range(args.passes):
        for i, query in enumerate(queries):
            outputs = {}
            order = names[i % len(names):] + names[:i % len(names)]
            for name in order:
                elapsed, outputs[name] = timed(contenders[name](query))
                seconds[name].append(elapsed * 1000)
            matches.append(check_timeline(query, outputs["timeline"], outputs["count"]))

    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True, check=False).stdout.strip()
    info = json.loads(subprocess.run(base + ["--info", "--format", "json"], capture_output=True,
                                     text=True, check=True).stdout)
    command = " ".join(["bench/timeline/run.py"] + sys.argv[1:])
    lines = [
        f"# Timeline benchmark, {started:%Y-%m-%d %H:%M} UTC, {info['articles']:,} articles",
        "",
        f"Command: `{command}`",
        f"(commit {commit}, {os.cpu_count()} cores, {platform.machine()}, shared with other "
        f"jobs; load average at the end {os.getloadavg()[0]:.1f}: compare rows, not seconds).",
        "",
        f"Index: {info['path']}, {info['articles']:,} articles, "
        f"{info['size_bytes'] / 2**30:.2f} GiB, dates {info['first_date']} to "
        f"{info['last_date']}.",
        f"Queries: the {len(queries)} queries of bench/query/queries.txt, one process per "
        f"query, {args.passes} pass(es); matches per query: median "
        f"{percentile(matches, 0.5):,}, p95 {percentile(matches, 0.95):,}, "
        f"largest {max(matches):,}.",
        "",
        "| command | p50 ms | p95 ms | largest ms |",
        "| --- | ---: | ---: | ---: |",
    ]
    labels = {
        "timeline": f"`--timeline {args.period} --format jsonl QUERY`",
        "count": "`--count QUERY`",
        "search": "`-n 10 --format ids QUERY`",
    }
    for name in names:
        values = seconds[name]
        lines.append(f"| {labels[name]} | {percentile(values, 0.5):.1f} | "
                     f"{percentile(values, 0.95):.1f} | {max(values):.1f} |")
    text = "\n".join(lines) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    print(text, end="")


if __name__ == "__main__":
    main()

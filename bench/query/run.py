#!/usr/bin/env python3
"""Query benchmark: byline-search against quest (one process per query) and against an
in-process Xapian loop (batch mode), on the same index, measured alternately.

Builds the index from ../shared/corpora (bbc-news, ai-tech-articles and reuters21578
articles.jsonl) when it is not there, then:
  one-shot  for each of the 200 queries in queries.txt, runs `byline-search -n 10`
            (text, snippets on) and `quest -d DB -m 10` with the same parser settings,
            the two in alternating order; reports p50 and p95 wall time per process;
  batch     runs `byline-search --queries queries.txt --format json -n 10` (snippets
            on; with --jobs 1 and on every CPU) and `xapian_loop DB queries.txt`
            (one thread) alternately, ROUNDS times each; reports the median queries
            per second, compared at equal threads.
Every run's exit status is checked: a failing program ends the benchmark.
Writes a dated Markdown table to bench/results/.

Usage: bench/query/run.py --build BUILD_DIR [--corpora DIR] [--db DIR] [--rounds N]
BUILD_DIR must be configured with -DBYLINE_BUILD_BENCHMARKS=ON and built.
"""
import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPORA = ["bbc-news", "ai-tech-articles", "reuters21578"]
# quest parses as byline-search does: AND between words, the same field prefixes,
# wildcards and pure NOT (byline-search's boolean fields also fold case; the
# benchmark's queries use no fields).
QUEST_PARSER = ["-o", "and", "-f", "default,wildcard,pure_not", "-p", "title:S", "-p",
                "author:A", "-b", "source:XSOURCE", "-b", "tag:K"]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def timed(command, stdin=None):
    """Runs a command; returns its wall time and result. Ends the benchmark when it exits
    with a status other than 0 or 1 (byline-search's "nothing matched"): a crashed or
    failing program must not be timed as a fast one."""
    start = time.perf_counter()
    result = subprocess.run(command, stdin=stdin, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.exit(f"bench/query/run.py: {' '.join(command)} exited {result.returncode}:\n"
                 f"{result.stderr.decode('utf-8', 'replace')}")
    return seconds, result


def hit_count_quest(output):
    # quest prints "MSet:" and then one "docid: [weight]" line per hit with its data.
    lines = output.decode("utf-8", "replace").split("MSet:", 1)
    if len(lines) < 2:
        return 0
    return sum(1 for line in lines[1].splitlines() if line.split(":")[0].strip().isdigit()
               and "[" in line)


def hit_count_byline(output):
    return sum(1 for line in output.decode("utf-8", "replace").splitlines()
               if line[:1].isdigit() and ". " in line[:6])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", required=True)
    parser.add_argument("--corpora", default=os.path.join(os.path.dirname(ROOT), "shared", "corpora"))
    parser.add_argument("--db", default=None)
    parser.add_argument("--rounds", type=int, default=7, help="batch rounds per program")
    parser.add_argument("--repeat", type=int, default=3,
                        help="one-shot passes over the queries (each query once per pass)")
    args = parser.parse_args()
    search = os.path.join(args.build, "searcher", "byline-search")
    index = os.path.join(args.build, "indexer", "byline-index")
    loop = os.path.join(args.build, "bench", "query", "xapian_loop")
    db = args.db or os.path.join(args.build, "bench-query-index")
    queries_file = os.path.join(HERE, "queries.txt")
    queries = [line.rstrip("\n").split("\t", 1)[1] for line in open(queries_file, encoding="utf-8")]

    if not os.path.isdir(db):
        inputs = [os.path.join(args.corpora, name, "articles.jsonl") for name in CORPORA]
        print(f"building {db} from {', '.join(inputs)}", file=sys.stderr)
        subprocess.run([index, "--db", db, *inputs], check=True)
    info = subprocess.run([search, "--db", db, "--info"], check=True, stdout=subprocess.PIPE,
                          text=True).stdout

    # Warm the page cache and the dynamic loader for both sides.
    for command in ([search, "--db", db, "-n", "10", "--color", "never", queries[0]],
                    ["quest", "-d", db, "-m", "10", *QUEST_PARSER, queries[0]]):
        for _ in range(3):
            timed(command)

    # byline-search with its extra work taken away piece by piece, to show what each
    # costs against quest: lifts (phrase and near), copies collapsed, snippets and layout.
    one_shot = [search, "--db", db, "-n", "10", "--color", "never"]
    no_lifts = ["--weights", "phrase=0,near=0"]
    one_shot_contenders = (
        ("byline", one_shot),
        ("quest", ["quest", "-d", db, "-m", "10", *QUEST_PARSER]),
        ("no_lifts", one_shot + no_lifts),
        ("no_collapse", one_shot + ["--all"]),
        ("bare", one_shot + no_lifts + ["--all", "--format", "ids"]),
    )
    one_shot_times = {name: [] for name, _ in one_shot_contenders}
    disagreements = 0
    for i, query in enumerate(queries * args.repeat):
        shift = i % len(one_shot_contenders)
        runs = {}
        for name, command in one_shot_contenders[shift:] + one_shot_contenders[:shift]:
            runs[name] = timed(command + [query])
            one_shot_times[name].append(runs[name][0])
        if i < len(queries) and (hit_count_byline(runs["byline"][1].stdout) !=
                                 hit_count_quest(runs["quest"][1].stdout)):
            disagreements += 1
    byline_times, quest_times = one_shot_times["byline"], one_shot_times["quest"]

    batch_command = [search, "--db", db, "--queries", "-", "--format", "json", "-n", "10"]
    contenders = (("batch", batch_command),
                  ("batch_one_job", batch_command + ["--jobs", "1"]),
                  ("loop", [loop, db, queries_file]),
                  ("loop_snippets", [loop, "--snippets", db, queries_file]))
    batch_times = {name: [] for name, _ in contenders}
    for round_number in range(args.rounds):
        with open(queries_file, "rb") as stdin:
            shift = round_number % len(contenders)
            order = contenders[shift:] + contenders[:shift]
            for name, command in order:
                stdin.seek(0)
                seconds, _ = timed(command, stdin=stdin)
                batch_times[name].append(seconds)

    jobs = min(os.cpu_count(), 8)
    ms = lambda s: f"{s * 1000:.2f}"
    b50, b95 = percentile(byline_times, 0.5), percentile(byline_times, 0.95)
    q50, q95 = percentile(quest_times, 0.5), percentile(quest_times, 0.95)
    ablation_rows = "\n".join(
        f"| {label} | {ms(percentile(one_shot_times[name], 0.5))} | "
        f"{percentile(one_shot_times[name], 0.5) / q50:.3f} |"
        for name, label in (
            ("byline", "`byline-search` as above"),
            ("no_lifts", "without the phrase and near lifts (`--weights phrase=0,near=0`)"),
            ("no_collapse", "without collapsing copies of a story (`--all`)"),
            ("bare", "without lifts, collapsing, snippets or text layout "
                     "(`--weights phrase=0,near=0 --all --format ids`)")))
    seconds = {name: statistics.median(times) for name, times in batch_times.items()}
    qps = {name: len(queries) / time_taken for name, time_taken in seconds.items()}
    today = datetime.date.today().isoformat()
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                            stdout=subprocess.PIPE, text=True).stdout.strip()
    report = f"""# Query benchmark, {today}

Command: `bench/query/run.py --build {args.build} --rounds {args.rounds} --repeat {args.repeat}`
(commit {commit}, {platform.node()}, {os.cpu_count()} CPUs, shared with other jobs).

Index: {", ".join(CORPORA)} articles.jsonl from ../shared/corpora, built by byline-index.

```
{info.strip()}
```

Queries: the {len(queries)} queries of bench/query/queries.txt (made by make_queries.py
from the corpus titles: 1–3 title words, every fifth a two-word phrase).

Build: `cmake -DCMAKE_BUILD_TYPE=Release -DBYLINE_BUILD_BENCHMARKS=ON`.

## One process per query (p50 / p95 wall time, ms)

The programs (these two and the three variants below) take turns query by query, in
rotating order, over {args.repeat} passes of the {len(queries)} queries ({args.repeat * len(queries)} runs each). Times include
starting the process, as a shell user sees them.

| program | p50 | p95 |
| --- | --- | --- |
| `byline-search --db DB -n 10 --color never QUERY` (text, snippets) | {ms(b50)} | {ms(b95)} |
| `quest -d DB -m 10 {" ".join(QUEST_PARSER)} QUERY` | {ms(q50)} | {ms(q95)} |
| ratio byline-search / quest | {b50 / q50:.3f} | {b95 / q95:.3f} |

Queries whose number of hits shown differs between the two: {disagreements} of {len(queries)}.
The index holds stems only (fields.h); quest's parser looks up the unstemmed words of a
phrase, which such an index lacks, so quest finds nothing for the phrase queries and
answers them with less work.

What byline-search's extra work costs: the same runs without parts of it (p50, ms, and
the ratio to quest's p50).

| byline-search | p50 | ÷ quest |
| --- | --- | --- |
{ablation_rows}

## Batch: {len(queries)} queries in one process (median of {args.rounds} rounds, order rotating)

At equal threads (one each), batch mode against the in-process loop:

| program | seconds | queries/s | byline-search `--jobs 1` queries/s ÷ this |
| --- | --- | --- | --- |
| `byline-search --db DB --queries - --format json -n 10 --jobs 1` (snippets on) | {seconds["batch_one_job"]:.3f} | {qps["batch_one_job"]:.0f} | |
| `xapian_loop DB queries.txt` (Enquire, top 10, document data) | {seconds["loop"]:.3f} | {qps["loop"]:.0f} | {qps["batch_one_job"] / qps["loop"]:.3f} |
| `xapian_loop --snippets DB queries.txt` (the same, plus a snippet of the body: MSet::snippet, 200 bytes, flags 0, English stemmer) | {seconds["loop_snippets"]:.3f} | {qps["loop_snippets"]:.0f} | {qps["batch_one_job"] / qps["loop_snippets"]:.3f} |

What each does per query: both parse it with the same stemming and prefixes and ask
Enquire for the top 10 by BM25. byline-search also lifts phrase and near matches,
collapses copies of a story (looking up each hit's story term), corrects spelling
when nothing matched, decodes each hit's stored fields, makes a snippet of the body
and writes a JSON document; the loop writes the raw document data, or with
`--snippets` decodes the body and makes its snippet.

Batch mode on every CPU ({jobs} queries at once, its default when the queries come
from a file): {seconds["batch"]:.3f} s, {qps["batch"]:.0f} queries/s, {qps["batch"] / qps["batch_one_job"]:.3f}×
its one-thread rate; the loop has no threads to compare it with.

Times include starting the process and opening the index (once per thread).
"""
    out = os.path.join(ROOT, "bench", "results", f"{today}-query.md")
    with open(out, "w", encoding="utf-8") as f:
        f.write(report)
    print(report)
    print(f"written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()

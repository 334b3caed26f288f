#!/usr/bin/env python3
"""A bounded load test of byline-search --serve on 127.0.0.1 (at most about 2 minutes).

8 concurrent clients, each on one keep-alive connection, ask GET /search?q=…&n=10 for the
200 queries of bench/query/queries.txt (each client starting at its own place in the
list) for --seconds; the script reports queries per second, p50 and p99 latency, failed
requests (any status but 200, any connection error) and the server's resident memory
at the start, middle and end. Batch mode on the same index
(`byline-search --queries FILE --format json -n 10`, on every CPU, the same work: the
same JSON, snippets included) is timed in alternation with the server, --rounds times
each; medians are reported.

Then a last server round while byline-index adds --add articles to the index, in
--batches commits: still no failed request, and at the end the server finds every added
article (each holds a word no other article has) without a restart.

The index is written to: pass a copy (the script refuses an index without the word
"serve" in its path, to keep bench indexes of other runs intact).

Usage: bench/serve/load.py --build BUILD --db INDEX [--seconds 15] [--rounds 3]
           [--clients 8] [--add 600] [--batches 6]
"""
import argparse
import http.client
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
QUERIES = os.path.join(HERE, "..", "query", "queries.txt")
MARKER = "loadtestmarker"


def rss_kib(pid):
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def start_server(search, db):
    server = subprocess.Popen([search, "--db", db, "--serve", "127.0.0.1:0", "--quiet"],
                              stderr=subprocess.PIPE, text=True)
    seen = ""
    match = None
    while not match:
        line = server.stderr.readline()
        seen += line
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if not line:
            server.kill()
            sys.exit(f"load: the server did not start: {seen}")
    # Keep reading its stderr so the pipe never fills.
    threading.Thread(target=server.stderr.read, daemon=True).start()
    return server, int(match.group(1))


def client_loop(port, queries, start, deadline, latencies, failures):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    i = start
    while time.monotonic() < deadline:
        target = "/search?" + urllib.parse.urlencode({"q": queries[i % len(queries)], "n": 10})
        i += 1
        began = time.monotonic()
        try:
            connection.request("GET", target)
            response = connection.getresponse()
            body = response.read()
            if response.status != 200 or not body.startswith(b'{"format_version":1'):
                failures.append(f"{target}: HTTP {response.status} {body[:200]!r}")
        except (OSError, http.client.HTTPException) as error:
            failures.append(f"{target}: {error!r}")
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.monotonic() - began)
    connection.close()


def serve_round(server, port, queries, clients, seconds):
    """Runs the clients for `seconds`; returns q/s, latencies, failures and RSS samples."""
    latencies, failures = [], []
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=client_loop,
                                args=(port, queries, c * len(queries) // clients, deadline,
                                      latencies, failures))
               for c in range(clients)]
    rss = [rss_kib(server.pid)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(seconds / 2)
    rss.append(rss_kib(server.pid))
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    rss.append(rss_kib(server.pid))
    return len(latencies) / elapsed, latencies, failures, rss


def batch_qps(search, db, queries_file, repeat):
    began = time.monotonic()
    result = subprocess.run([search, "--db", db, "--queries", queries_file, "--format", "json",
                             "-n", "10"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    elapsed = time.monotonic() - began
    if result.returncode not in (0, 1):
        sys.exit(f"load: batch mode failed with status {result.returncode}")
    answers = result.stdout.count(b'"format_version":1,"query_id"')
    if answers != repeat * 200:
        sys.exit(f"load: batch mode answered {answers} queries, not {repeat * 200}")
    return answers / elapsed


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def write_articles(folder, count, batches, seed):
    """`count` made-up articles in `batches` files, each holding MARKER; returns the files."""
    rng = random.Random(seed)
    words = ("report market court vote chip model launch board energy rail union budget "
             "storm league election export tariff research startup network").split()
    files = []
    for b in range(batches):
        path = os.path.join(folder, f"batch-{b:02}", "added.jsonl")
        os.makedirs(os.path.dirname(path))
        with open(path, "w", encoding="utf-8") as out:
            for a in range(count // batches):
                body = " ".join(rng.choice(words) for _ in range(120))
                out.write(json.dumps({"id": f"load-{b}-{a}", "title": f"Load test {b}-{a} "
                                      + " ".join(rng.sample(words, 5)),
                                      "body": f"{body} {MARKER}"}) + "\n")
        files.append(os.path.dirname(path))
    return files


def count_of(port, query):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/search?" + urllib.parse.urlencode({"q": query, "count": 1}))
    return json.loads(connection.getresponse().read())["count"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--add", type=int, default=600)
    parser.add_argument("--batches", type=int, default=6)
    args = parser.parse_args()
    if "serve" not in os.path.abspath(args.db):
        sys.exit("load: the index is written to: give a copy whose path contains 'serve'")
    search = os.path.join(args.build, "searcher", "byline-search")
    index = os.path.join(args.build, "indexer", "byline-index")
    queries = [line.rstrip("\n").split("\t", 1)[1] for line in open(QUERIES, encoding="utf-8")]

    work = tempfile.mkdtemp(prefix="byline-serve-load-")
    repeat = 3
    queries_file = os.path.join(work, "queries.txt")
    with open(queries_file, "w", encoding="utf-8") as out:
        for r in range(repeat):
            for i, query in enumerate(queries):
                out.write(f"r{r}q{i}\t{query}\n")

    server, port = start_server(search, args.db)
    try:
        serve_round(server, port, queries, args.clients, 2)  # warm-up: caches, searchers
        rounds = []
        for _ in range(args.rounds):
            rounds.append(("batch", batch_qps(search, args.db, queries_file, repeat)))
            rounds.append(("serve", serve_round(server, port, queries, args.clients,
                                                args.seconds)))
        batch = [r for name, r in rounds if name == "batch"]
        served = [r for name, r in rounds if name == "serve"]
        before = count_of(port, MARKER)

        added = write_articles(work, args.add, args.batches, 7)
        indexer_done = threading.Event()

        def add_articles():
            for folder in added:
                subprocess.run([index, "--db", args.db, "--quiet", folder], check=True)
                time.sleep(args.seconds / (args.batches + 1))
            indexer_done.set()

        adder = threading.Thread(target=add_articles)
        adder.start()
        live = serve_round(server, port, queries, args.clients, args.seconds)
        adder.join()
        after = count_of(port, MARKER)
    finally:
        server.terminate()
        status = server.wait(timeout=30)

    def row(label, result):
        qps, latencies, failures, rss = result
        return (f"| {label} | {qps:.0f} | {percentile(latencies, 0.5) * 1000:.2f} | "
                f"{percentile(latencies, 0.99) * 1000:.2f} | {len(latencies)} | {len(failures)} | "
                f"{rss[0] / 1024:.1f} / {rss[1] / 1024:.1f} / {rss[2] / 1024:.1f} |")

    print(f"Index: {args.db}; {args.clients} clients, {args.seconds:g} s a round, "
          f"{args.rounds} rounds alternating with batch mode ({repeat} x 200 queries).")
    print()
    print("| run | q/s | p50 ms | p99 ms | requests | failed | RSS MiB start / mid / end |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for r, result in enumerate(served):
        print(row(f"serve, round {r + 1}", result))
    print(row(f"serve while byline-index adds {args.add} articles in {args.batches} commits",
              live))
    print()
    print(f"Batch mode (`--queries FILE --format json -n 10`, every CPU), q/s per round: "
          + ", ".join(f"{q:.0f}" for q in batch))
    median_serve = statistics.median(r[0] for r in served)
    median_batch = statistics.median(batch)
    print(f"Median q/s: serve {median_serve:.0f}, batch {median_batch:.0f}: "
          f"ratio {median_serve / median_batch:.2f}")
    print(f"Articles with the added word: {before} before, {after} after "
          f"(added {args.batches * (args.add // args.batches)}); server exit status {status}")
    for _, _, failures, _ in served + [live]:
        for failure in failures[:5]:
            print("failed:", failure)
    ok = (all(not r[2] for r in served + [live]) and status == 0 and indexer_done.is_set()
          and after == before + args.batches * (args.add // args.batches))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

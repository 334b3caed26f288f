#!/usr/bin/env python3
"""A bounded load test of byline-search --serve on 127.0.0.1 (at most about 2 minutes).

8 concurrent clients, wrk's 8 keep-alive connections (Debian's `wrk`, one thread), ask
GET /search?q=…&n=10 for the 200 queries of bench/query/queries.txt in turn for
--seconds; the script reports queries per second, p50 and p99 latency (wrk's), failed
requests (any status but 2xx, any connection error or 5 s timeout) and the server's
resident memory at the start, middle and end. Batch mode on the same index
(`byline-search --queries FILE --format json -n 10`, 5 x 200 queries, on every CPU, the
same work: the same JSON, snippets included) is timed in alternation with the server,
--rounds times each; medians are reported, with the CPU time per query of each and of
wrk (the clients share the machine with the server, batch mode has none). wrk rather
than Python threads: a client in Python took a twentieth of the two CPUs it shared
with the server.

Then a last server round while byline-index adds --add articles to the index, in
--batches commits: still no failed request, and at the end the server finds every added
article (each holds a word no other article has) without a restart.

The index is written to: pass a copy (the script refuses an index without the word
"serve" in its path, to keep bench indexes of other runs intact).

Usage: bench/serve/load.py --build BUILD --db INDEX [--seconds 10] [--rounds 5]
           [--clients 8] [--add 600] [--batches 6]
"""
import argparse
import http.client
import json
import os
import random
import re
import resource
import shutil
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


def cpu_seconds(pid):
    """User and system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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


def wrk_script(folder, queries):
    """A wrk script asking for the queries in turn; returns its path."""
    path = os.path.join(folder, "queries.lua")
    with open(path, "w", encoding="utf-8") as out:
        out.write("local targets = {\n")
        for query in queries:
            target = "/search?" + urllib.parse.urlencode({"q": query, "n": 10})
            out.write(f'  "{target}",\n')  # URL-encoded: no quote or backslash in it.
        out.write("}\nlocal turn = 0\nrequest = function()\n  turn = turn % #targets + 1\n"
                  "  return wrk.format(\"GET\", targets[turn])\nend\n")
    return path


def wrk_seconds(text):
    """wrk's latency (\"812.00us\", \"6.05ms\", \"1.02s\") in seconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def serve_round(server, port, script, clients, seconds):
    """Runs wrk for `seconds`; returns q/s, p50 and p99 latency, failures, RSS samples,
    the server's and wrk's CPU milliseconds per request, and the request count."""
    rss = [rss_kib(server.pid)]
    cpu = cpu_seconds(server.pid)
    wrk_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = subprocess.Popen(["wrk", "--threads", "1", "--connections", str(clients),
                             "--duration", f"{seconds:g}s", "--timeout", "5s", "--latency",
                             "--script", script, f"http://127.0.0.1:{port}"],
                            stdout=subprocess.PIPE, text=True)
    time.sleep(seconds / 2)
    rss.append(rss_kib(server.pid))
    report, _ = load.communicate()
    rss.append(rss_kib(server.pid))
    server_cpu = cpu_seconds(server.pid) - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if load.returncode != 0:
        sys.exit(f"load: wrk failed with status {load.returncode}:\n{report}")
    requests = int(re.search(r"(\d+) requests in", report).group(1))
    qps = float(re.search(r"Requests/sec: *([\d.]+)", report).group(1))
    p50, p99 = (wrk_seconds(re.search(rf"\n *{p}% +(\S+)", report).group(1))
                for p in (50, 99))
    failures = []
    if errors := re.search(r"Socket errors: (.*)", report):
        failures.append(f"socket errors: {errors.group(1)}")
    if bad := re.search(r"Non-2xx or 3xx responses: (\d+)", report):
        failures.append(f"{bad.group(1)} answers with a status other than 2xx or 3xx")
    wrk_ms = (after.ru_utime + after.ru_stime - wrk_cpu.ru_utime - wrk_cpu.ru_stime) * 1000
    return {"qps": qps, "p50": p50, "p99": p99, "failures": failures, "rss": rss,
            "cpu_ms": server_cpu * 1000 / max(1, requests), "wrk_ms": wrk_ms / max(1, requests),
            "requests": requests}


def batch_qps(search, db, queries_file, repeat):
    """Batch mode's queries per second and CPU milliseconds per query."""
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.monotonic()
    result = subprocess.run([search, "--db", db, "--queries", queries_file, "--format", "json",
                             "-n", "10"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    elapsed = time.monotonic() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
    if result.returncode not in (0, 1):
        sys.exit(f"load: batch mode failed with status {result.returncode}")
    answers = result.stdout.count(b'"format_version":1,"query_id"')
    if answers != repeat * 200:
        sys.exit(f"load: batch mode answered {answers} queries, not {repeat * 200}")
    return answers / elapsed, cpu_s * 1000 / answers


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
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=5)
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
    repeat = 5
    queries_file = os.path.join(work, "queries.txt")
    with open(queries_file, "w", encoding="utf-8") as out:
        for r in range(repeat):
            for i, query in enumerate(queries):
                out.write(f"r{r}q{i}\t{query}\n")

    if shutil.which("wrk") is None:
        sys.exit("load: wrk is missing: apt-get install wrk")
    script = wrk_script(work, queries)
    server, port = start_server(search, args.db)
    try:
        serve_round(server, port, script, args.clients, 2)  # warm-up: caches, searchers
        rounds = []
        for _ in range(args.rounds):
            rounds.append(("batch", batch_qps(search, args.db, queries_file, repeat)))
            rounds.append(("serve", serve_round(server, port, script, args.clients,
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
        live = serve_round(server, port, script, args.clients, args.seconds)
        adder.join()
        after = count_of(port, MARKER)
    finally:
        server.terminate()
        status = server.wait(timeout=30)

    def row(label, result, with_wrk=True):
        rss = " / ".join(f"{kib / 1024:.1f}" for kib in result["rss"])
        wrk_ms = f"{result['wrk_ms']:.2f}" if with_wrk else "-"
        return (f"| {label} | {result['qps']:.0f} | {result['p50'] * 1000:.2f} | "
                f"{result['p99'] * 1000:.2f} | {result['requests']} | "
                f"{len(result['failures'])} | {rss} | {result['cpu_ms']:.2f} | {wrk_ms} |")

    print(f"Index: {args.db}; {args.clients} clients, {args.seconds:g} s a round, "
          f"{args.rounds} rounds alternating with batch mode ({repeat} x 200 queries).")
    print()
    print("| run | q/s | p50 ms | p99 ms | requests | failed | RSS MiB start / mid / end "
          "| server CPU ms / request | wrk CPU ms / request |")
    print("|---|---:|---:|---:|---:|---:|---|---:|---:|")
    for r, result in enumerate(served):
        print(row(f"serve, round {r + 1}", result))
    # byline-index's CPU time would count as wrk's in this round: not shown.
    print(row(f"serve while byline-index adds {args.add} articles in {args.batches} commits",
              live, with_wrk=False))
    print()
    print(f"Batch mode (`--queries FILE --format json -n 10`, every CPU), q/s per round: "
          + ", ".join(f"{q:.0f}" for q, _ in batch)
          + "; CPU ms per query: " + ", ".join(f"{c:.2f}" for _, c in batch))
    ratios = [r["qps"] / q for r, (q, _) in zip(served, batch)]
    median_serve = statistics.median(r["qps"] for r in served)
    median_batch = statistics.median(q for q, _ in batch)
    cpu_serve = statistics.median(r["cpu_ms"] for r in served)
    cpu_batch = statistics.median(c for _, c in batch)
    print("Ratio serve / batch per round (each server round after its batch round): "
          + ", ".join(f"{ratio:.2f}" for ratio in ratios))
    print(f"Median q/s: serve {median_serve:.0f}, batch {median_batch:.0f}: "
          f"ratio {median_serve / median_batch:.2f}; median of the rounds' ratios "
          f"{statistics.median(ratios):.2f}. Median CPU ms per query: serve "
          f"{cpu_serve:.2f}, batch {cpu_batch:.2f}, wrk "
          f"{statistics.median(r['wrk_ms'] for r in served):.2f} (wrk uses the same two CPUs "
          f"as the server; batch mode has no client)")
    print(f"Articles with the added word: {before} before, {after} after "
          f"(added {args.batches * (args.add // args.batches)}); server exit status {status}")
    for result in served + [live]:
        for failure in result["failures"]:
            print("failed:", failure)
    ok = (all(not r["failures"] for r in served + [live]) and status == 0 and indexer_done.is_set()
          and after == before + args.batches * (args.add // args.batches))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

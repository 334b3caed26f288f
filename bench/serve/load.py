#!/usr/bin/env python3
"""A bounded load test of byline-search --serve on 127.0.0.1 (at most about 2 minutes).

8 concurrent clients, each on one keep-alive connection, ask GET /search?q=…&n=10 for the
200 queries of bench/query/queries.txt (each client starting at its own place in the
list) for --seconds; the script reports queries per second, p50 and p99 latency, failed
requests (any status but 200, any connection error) and the server's resident memory
at the start, middle and end. Batch mode on the same index
(`byline-search --queries FILE --format json -n 10`, 5 x 200 queries, on every CPU, the
same work: the same JSON, snippets included) is timed in alternation with the server,
--rounds times each; medians are reported, with the CPU time per query of each (the
clients share the machine with the server, batch mode has no clients).

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
import socket
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


class Connection:
    """One keep-alive HTTP/1.1 connection, parsing no more than it must: http.client's
    header parsing cost more CPU than the server's answer, on the same two cores."""

    def __init__(self, port):
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""
        self.closing = False

    def get(self, target):
        self.socket.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        while b"\r\n\r\n" not in self.buffer:
            self.receive()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        status = int(head[9:12])
        length = int(re.search(rb"(?i)\r\ncontent-length: *(\d+)", head).group(1))
        while len(self.buffer) < length:
            self.receive()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        # The server closes a connection after its 1000th request, saying so.
        self.closing = re.search(rb"(?i)\r\nconnection: *close", head) is not None
        return status, body

    def receive(self):
        data = self.socket.recv(65536)
        if not data:
            raise ConnectionError("the server closed the connection")
        self.buffer += data

    def close(self):
        self.socket.close()


def client_loop(port, queries, start, deadline, latencies, failures):
    targets = ["/search?" + urllib.parse.urlencode({"q": query, "n": 10}) for query in queries]
    connection = Connection(port)
    i = start
    while time.monotonic() < deadline:
        target = targets[i % len(targets)]
        i += 1
        began = time.monotonic()
        try:
            status, body = connection.get(target)
            if status != 200 or not body.startswith(b'{"format_version":1'):
                failures.append(f"{target}: HTTP {status} {body[:200]!r}")
            if connection.closing:
                connection.close()
                connection = Connection(port)
        except (OSError, ValueError, AttributeError) as error:
            failures.append(f"{target}: {error!r}")
            connection.close()
            connection = Connection(port)
            continue
        latencies.append(time.monotonic() - began)
    connection.close()


def serve_round(server, port, queries, clients, seconds):
    """Runs the clients for `seconds`; returns q/s, latencies, failures, RSS samples and
    the server's CPU milliseconds per request."""
    latencies, failures = [], []
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=client_loop,
                                args=(port, queries, c * len(queries) // clients, deadline,
                                      latencies, failures))
               for c in range(clients)]
    rss = [rss_kib(server.pid)]
    cpu = cpu_seconds(server.pid)
    began = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(seconds / 2)
    rss.append(rss_kib(server.pid))
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    rss.append(rss_kib(server.pid))
    cpu_ms = (cpu_seconds(server.pid) - cpu) * 1000 / max(1, len(latencies))
    return len(latencies) / elapsed, latencies, failures, rss, cpu_ms


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
        qps, latencies, failures, rss, cpu_ms = result
        return (f"| {label} | {qps:.0f} | {percentile(latencies, 0.5) * 1000:.2f} | "
                f"{percentile(latencies, 0.99) * 1000:.2f} | {len(latencies)} | {len(failures)} | "
                f"{rss[0] / 1024:.1f} / {rss[1] / 1024:.1f} / {rss[2] / 1024:.1f} | "
                f"{cpu_ms:.2f} |")

    print(f"Index: {args.db}; {args.clients} clients, {args.seconds:g} s a round, "
          f"{args.rounds} rounds alternating with batch mode ({repeat} x 200 queries).")
    print()
    print("| run | q/s | p50 ms | p99 ms | requests | failed | RSS MiB start / mid / end "
          "| server CPU ms / request |")
    print("|---|---:|---:|---:|---:|---:|---|---:|")
    for r, result in enumerate(served):
        print(row(f"serve, round {r + 1}", result))
    print(row(f"serve while byline-index adds {args.add} articles in {args.batches} commits",
              live))
    print()
    print(f"Batch mode (`--queries FILE --format json -n 10`, every CPU), q/s per round: "
          + ", ".join(f"{q:.0f}" for q, _ in batch)
          + "; CPU ms per query: " + ", ".join(f"{c:.2f}" for _, c in batch))
    median_serve = statistics.median(r[0] for r in served)
    median_batch = statistics.median(q for q, _ in batch)
    cpu_serve = statistics.median(r[4] for r in served)
    cpu_batch = statistics.median(c for _, c in batch)
    print(f"Median q/s: serve {median_serve:.0f}, batch {median_batch:.0f}: "
          f"ratio {median_serve / median_batch:.2f}. Median CPU ms per query: serve "
          f"{cpu_serve:.2f}, batch {cpu_batch:.2f} (the clients use the same two CPUs as the "
          f"server; batch mode has none)")
    print(f"Articles with the added word: {before} before, {after} after "
          f"(added {args.batches * (args.add // args.batches)}); server exit status {status}")
    for _, _, failures, _, _ in served + [live]:
        for failure in failures[:5]:
            print("failed:", failure)
    ok = (all(not r[2] for r in served + [live]) and status == 0 and indexer_done.is_set()
          and after == before + args.batches * (args.add // args.batches))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

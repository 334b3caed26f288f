#!/usr/bin/env bash
# A sharded index answers like one index: the sample archive indexed whole and as 3
# shards, the shards searched through their stub and through 3 xapian-tcpsrv servers on
# 127.0.0.1, give the same top 20 for 20 queries, list the same articles for '*', show
# the same article for --show ID and count the same timeline; a story's other articles
# are listed alike. Then one server is stopped: a search fails naming that shard (exit
# 2), and --partial answers without it and names it; so do batch searchers that were
# connected when it stopped.
# Usage: shards_test.sh SOURCE_DIR BYLINE_INDEX BYLINE_SEARCH WORK_DIR
set -euo pipefail
source_dir=$1
byline_index=$2
byline_search=$3
work=$4
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
if ! command -v xapian-tcpsrv >/dev/null; then
    reason="xapian-tcpsrv not installed (scripts/install-deps installs xapian-tools)"
    # CTest reports exit status 77 as skipped (SKIP_RETURN_CODE); CI must run the test.
    [[ ${CI:-} == true ]] && { echo "FAIL: $reason; CI must run this test"; exit 1; }
    echo "SKIPPED: $reason"
    exit 77
fi

rm -rf "$work"
mkdir -p "$work"
# Every search is bounded: a hung server must fail the test, not stall it. Its exit
# status is checked even where only its output is compared: any status but grep's 0, 1
# and 2 (a crash, a sanitizer's report, a timeout) is recorded and fails the test.
search() {
    local status=0
    timeout 20 "$byline_search" "$@" || status=$?
    if ((status > 2)); then
        echo "FAIL: byline-search $* exited $status" | tee -a "$work/unexpected-status" >&2
    fi
    return "$status"
}
"$byline_index" --quiet --db "$work/one" "$source_dir/corpora/sample" 2>/dev/null
"$byline_index" --quiet --db "$work/sharded" --shards 3 "$source_dir/corpora/sample" 2>/dev/null
[[ $(grep -c '^auto shard-00[0-2]$' "$work/sharded/XAPIANDB") == 3 ]] ||
    fail "the sharded index's stub does not list 3 shards"
# Each shard holds part of the archive, and every article is in exactly one.
total=0
for shard in "$work"/sharded/shard-*; do
    articles=$(search --db "$shard" --info --format json | grep -oE '"articles":[0-9]+' |
        head -1 | cut -d: -f2)
    [[ $articles -gt 0 && $articles -lt 42 ]] || fail "$shard holds $articles of 42 articles"
    total=$((total + articles))
done
[[ $total == 42 ]] || fail "the shards hold $total articles, not 42"

# Three servers on free ports, each in its own session (xapian-tcpsrv signals its whole
# process group when stopped), stopped on exit whatever happens.
pids=()
ports=()
stop_servers() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
}
trap stop_servers EXIT
start_server() {
    local shard=$1 port
    for _ in $(seq 20); do
        # Below Linux's ephemeral range (32768 on), where client sockets take ports.
        port=$((20000 + RANDOM % 12000))
        setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" --timeout 20000 \
            "$shard" >/dev/null 2>&1 &
        local pid=$!
        # Up when it answers (with a count, or none: exit 1); dead at once when the
        # port was taken.
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            local status=0
            search --db "tcp://127.0.0.1:$port" --timeout 2 --count openai >/dev/null 2>&1 ||
                status=$?
            if ((status <= 1)); then
                pids+=("$pid")
                ports+=("$port")
                return 0
            fi
            sleep 0.1
        done
        kill "$pid" 2>/dev/null || true
    done
    echo "FAIL: cannot start xapian-tcpsrv for $shard"
    exit 1
}
for shard in "$work"/sharded/shard-000 "$work"/sharded/shard-001 "$work"/sharded/shard-002; do
    start_server "$shard"
done
printf 'remote :127.0.0.1:%s\n' "${ports[@]}" >"$work/remote.stub"

# The top 20 as "SCORE<TAB>ID" lines, scores to 12 significant digits: the feedback
# terms' weights are sums over the shards, which may differ from one index's in the last
# bit. Articles with the same score are listed by id: Xapian orders such ties by
# document number, which depends on how articles are spread over databases; a tie group
# cut by the 20th place is left out.
ranking() {
    search --format jsonl -n 21 "$@" |
        sed -E 's/^.*"rank":[0-9]+,"id":"(([^"\\]|\\.)*)".*"score":([-0-9.e+]+).*$/\3\t\1/' |
        awk -F'\t' '{ score[NR] = sprintf("%.12g", $1); id[NR] = $2 }
            END {
                cut = NR > 20 && score[20] == score[21] ? score[20] : "none"
                for (i = 1; i <= NR && i <= 20; ++i) if (score[i] != cut) print score[i] "\t" id[i]
            }' |
        sort -t$'\t' -k1,1gr -k2,2
}

# The last is a question: it widens past its every-word matches with feedback, whose
# words must come out the same over shards as over one index.
queries=(openai safety chip export nvidia huawei '"chief scientist"' altman board model
    regulation europe data google microsoft 'ai act' semiconductor lawsuit 'open source'
    training 'why did the openai board remove sam altman in november')
for query in "${queries[@]}"; do
    expected=$(ranking --db "$work/one" "$query")
    [[ $(wc -l <<<"$expected") -ge 2 ]] || fail "'$query' finds fewer than 2 articles"
    for db in "$work/sharded" "$work/remote.stub"; do
        got=$(ranking --db "$db" "$query") || fail "'$query' on $db failed"
        [[ $got == "$expected" ]] || fail "'$query': the top 20 on $db differ from one index"
    done
done
# The shards named one by one on the command line are the same index too.
got=$(ranking --db "tcp://127.0.0.1:${ports[0]}" --db "tcp://127.0.0.1:${ports[1]}" \
    --db "$work/sharded/shard-002" openai)
[[ $got == "$(ranking --db "$work/one" openai)" ]] ||
    fail "--db tcp://… --db tcp://… --db SHARD differs from one index"

# What a sharded index still does: counts, facets, spelling, synonyms.
for db in "$work/sharded" "$work/remote.stub"; do
    [[ $(search --db "$db" --count openai) == $(search --db "$work/one" --count openai) ]] ||
        fail "--count differs on $db"
    [[ $(search --db "$db" --count 'artificial intelligence') == \
        $(search --db "$work/one" --count 'artificial intelligence') ]] ||
        fail "synonyms differ on $db"
done
[[ $(search --db "$work/sharded" --facet source -n 0 openai) == \
    $(search --db "$work/one" --facet source -n 0 openai) ]] || fail "facets differ on the stub"
[[ $(search --db "$work/sharded" --format ids -n 3 'sutskevr saftey') == \
    $(search --db "$work/one" --format ids -n 3 'sutskevr saftey') ]] ||
    fail "spelling correction differs on the stub"
# --timeline counts every match over shards, local and remote (Xapian's
# ValueCountMatchSpy runs in xapian-tcpsrv), as over one index; on the remote shards
# each month's count is what --count gives with its date: filter.
timeline_counts() {
    search --timeline month --format tsv "$@" | cut -f1-4
}
expected=$(timeline_counts --db "$work/one" openai)
[[ $(wc -l <<<"$expected") -gt 5 ]] || fail "--timeline has too few rows: $expected"
for db in "$work/sharded" "$work/remote.stub"; do
    [[ $(timeline_counts --db "$db" openai) == "$expected" ]] || fail "--timeline differs on $db"
done
while IFS=$'\t' read -r period _ _ count; do
    [[ $period == undated || $period == imprecise ]] && continue
    got=$(search --db "$work/remote.stub" --count "openai date:$period" || true)
    [[ $got == "$count" ]] || fail "--timeline: $period has $count, --count says $got"
done <<<"$expected"
# '*' lists every article and --show reads any of them, whichever shard holds it.
all_ids=$(search --db "$work/one" --all --format ids -n 100 '*' | sort)
[[ $(wc -l <<<"$all_ids") == 42 ]] || fail "'*' lists $(wc -l <<<"$all_ids") of 42 articles"
for db in "$work/sharded" "$work/remote.stub"; do
    [[ $(search --db "$db" --all --format ids -n 100 '*' | sort) == "$all_ids" ]] ||
        fail "'*' on $db lists other articles than on one index"
    for id in "$(head -1 <<<"$all_ids")" "$(tail -1 <<<"$all_ids")"; do
        [[ $(search --db "$db" --show "$id" --format json) == \
            "$(search --db "$work/one" --show "$id" --format json)" ]] ||
            fail "--show $id on $db differs from one index"
        [[ $(search --db "$db" --show "$id" --width 70) == \
            "$(search --db "$work/one" --show "$id" --width 70)" ]] ||
            fail "--show $id as text on $db differs from one index"
    done
done
# Facets need local shards: a clear error, not a crash.
if search --db "$work/remote.stub" --facet source openai >/dev/null 2>"$work/err"; then
    fail "--facet over remote shards did not fail"
fi
grep -q 'remote shards' "$work/err" || fail "--facet over remote shards: $(cat "$work/err")"

# A story's other outlets and copies ("+2 sources") are the same over shards, local and
# remote, as over one index: three reports of one event among the sample's articles,
# spread over 3 shards (locally their values are read as streams, remotely one by one).
stories=$source_dir/tests/fixtures/stories/first_run
"$byline_index" --quiet --db "$work/stories-one" "$source_dir/corpora/sample" "$stories" 2>/dev/null
"$byline_index" --quiet --db "$work/stories-sharded" --shards 3 "$source_dir/corpora/sample" \
    "$stories" 2>/dev/null
for shard in "$work"/stories-sharded/shard-00{0,1,2}; do
    start_server "$shard"
done
printf 'remote :127.0.0.1:%s\n' "${ports[@]:3:3}" >"$work/stories-remote.stub"
# Each hit's id and story fields on a line, the hits sorted: ties in score may come in
# another order over shards.
members() {
    search --format jsonl "$@" | while IFS= read -r hit; do
        grep -oE '"(id|story_articles|sources|copies|copy_articles)":("([^"\\]|\\.)*"|\[[^]]*\]|[0-9]+)' \
            <<<"$hit" | tr '\n' ' '
        echo
    done | sort
}
expected=$(members --db "$work/stories-one" driverless tram Portvale)
grep -q '"story_articles":[2-9]' <<<"$expected" ||
    fail "the story fixtures make no hit with other articles in its story: $expected"
for db in "$work/stories-sharded" "$work/stories-remote.stub"; do
    [[ $(members --db "$db" driverless tram Portvale) == "$expected" ]] ||
        fail "a story's members differ on $db"
done

# Two long-running batch searchers (queries from a FIFO, one at a time) connected
# before a server stops: without --partial the next query fails naming the lost shard;
# with it, the searcher goes on with the other two and names the lost one.
mkfifo "$work/queries-strict" "$work/queries-partial"
timeout 60 "$byline_search" --db "$work/remote.stub" --queries "$work/queries-strict" \
    --format ids -n 1 >"$work/strict.out" 2>"$work/strict.err" &
strict_pid=$!
timeout 60 "$byline_search" --db "$work/remote.stub" --partial \
    --queries "$work/queries-partial" --format ids -n 1 >"$work/partial.out" \
    2>"$work/partial.err" &
partial_pid=$!
exec 7>"$work/queries-strict" 8>"$work/queries-partial"
echo openai >&7
echo openai >&8
for _ in $(seq 100); do
    [[ -s $work/strict.out && -s $work/partial.out ]] && break
    sleep 0.1
done
[[ -s $work/strict.out && -s $work/partial.out ]] ||
    fail "the batch searchers did not answer their first query"

# One server stopped: the next search fails and names its shard.
kill "${pids[1]}"
wait "${pids[1]}" 2>/dev/null || true
missing="tcp://127.0.0.1:${ports[1]}"

echo openai >&7
echo openai >&8
exec 7>&- 8>&-
status=0
wait "$strict_pid" || status=$?
[[ $status == 2 ]] || fail "a batch that loses a shard exits $status, not 2"
grep -qF "shard $missing failed during the search" "$work/strict.err" ||
    fail "the batch's error does not name $missing: $(cat "$work/strict.err")"
status=0
wait "$partial_pid" || status=$?
[[ $status == 0 ]] || fail "a --partial batch that loses a shard exits $status, not 0"
[[ $(wc -l <"$work/partial.out") == 2 ]] ||
    fail "a --partial batch that loses a shard answered: $(cat "$work/partial.out")"
grep -qF "shard $missing left out" "$work/partial.err" ||
    fail "a --partial batch does not name the shard it lost: $(cat "$work/partial.err")"
status=0
search --db "$work/remote.stub" openai >"$work/out" 2>"$work/err" || status=$?
[[ $status == 2 ]] || fail "a search with a shard down exits $status, not 2"
grep -qF "$missing" "$work/err" || fail "the error does not name $missing: $(cat "$work/err")"
[[ ! -s $work/out ]] || fail "a failed search printed results"
# --partial answers from the other two and says which shard is missing.
status=0
search --db "$work/remote.stub" --partial --format json openai >"$work/out" 2>"$work/err" ||
    status=$?
[[ $status == 0 ]] || fail "--partial with a shard down exits $status, not 0"
grep -qF "shard $missing left out" "$work/err" || fail "--partial stderr: $(cat "$work/err")"
grep -qF "\"missing_shards\":[{\"shard\":\"$missing\"" "$work/out" ||
    fail "--partial JSON does not name $missing"
grep -q '"hits":\[{' "$work/out" || fail "--partial found nothing"

# scripts/serve-shards serves the index and writes a stub that answers the same.
for _ in $(seq 5); do
    port=$((20000 + RANDOM % 12000))
    timeout 30 "$source_dir/scripts/serve-shards" --port "$port" --stub "$work/served.stub" \
        "$work/sharded" 2>"$work/serve.log" &
    serve_pid=$!
    pids+=("$serve_pid")
    for _ in $(seq 50); do
        [[ -f $work/served.stub ]] && break 2
        kill -0 "$serve_pid" 2>/dev/null || continue 2  # A port was taken: try others.
        sleep 0.1
    done
done
if [[ -f $work/served.stub ]]; then
    [[ $(ranking --db "$work/served.stub" training) == $(ranking --db "$work/one" training) ]] ||
        fail "the stub serve-shards wrote answers differently"
else
    fail "serve-shards wrote no stub: $(cat "$work/serve.log")"
fi
kill "$serve_pid" 2>/dev/null || true

[[ ! -s $work/unexpected-status ]] || fail "unexpected exit statuses: $(cat "$work/unexpected-status")"
[[ $failures == 0 ]] || { echo "$failures failures"; exit 1; }
echo "sharded and remote searches match one index"

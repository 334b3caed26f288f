#!/usr/bin/env bash
# Fault tests with the real programs: a full disk, a read-only index, damaged index files,
# input files that vanish while the indexer waits, and a searcher that never writes. Each
# checks that no committed article was lost. Cases that need root (mounts) exit 77, which
# CTest shows as skipped, with the reason on stdout, when they cannot run; in CI
# (CI=true, run as root) they must run, and fail instead.
# Usage: fault_test.sh CASE BYLINE_INDEX BYLINE_SEARCH WORK_DIR
set -euo pipefail
case_name=$1
index_program=$2
search_program=$3
work=$4
rm -rf "$work"
mkdir -p "$work"

# The programs, run through these so that every run's exit status is checked, even
# where a test reads only the output (`$(count …)`): a status other than the documented
# 0, 1 and 2 (a crash, a sanitizer's report) is recorded and fails the case.
checked() {
    local status=0
    "$@" || status=$?
    if ((status > 2)); then
        echo "FAIL: $* exited $status" | tee -a "$work/unexpected-status" >&2
    fi
    return "$status"
}
run_index() { checked "$index_program" "$@"; }
run_search() { checked "$search_program" "$@"; }
index=run_index
search=run_search
mounts=()
cleanup() {
    local mount
    for mount in "${mounts[@]}"; do
        umount "$mount" 2>/dev/null || umount -l "$mount" 2>/dev/null || true
    done
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*"
    exit 1
}
skip() {
    [[ ${CI:-} != true ]] || fail "$*; CI must run this case (as root)"
    echo "SKIPPED: $*"
    exit 77
}

# Writes FILES JSON Lines files of PER articles into DIR, ids PREFIX-F-A; each body has
# words of its own so that the index grows with the archive.
write_archive() {
    local dir=$1 prefix=$2 files=$3 per=$4
    mkdir -p "$dir"
    awk -v dir="$dir" -v prefix="$prefix" -v files="$files" -v per="$per" 'BEGIN {
        for (f = 0; f < files; f++) {
            path = sprintf("%s/part-%04d.jsonl", dir, f)
            for (a = 0; a < per; a++) {
                body = ""
                for (w = 0; w < 60; w++) {
                    body = body sprintf(" tide%sx%dy%dz%d", prefix, f, a, w)
                }
                printf "{\"id\": \"%s-%d-%d\", \"title\": \"Harbour log %d of file %d\", \"body\": \"Pilots noted%s.\"}\n", prefix, f, a, a, f, body > path
            }
            close(path)
        }
    }'
}

# The number of articles the index holds, by byline-search --info.
count() {
    "$search" --db "$1" --info --format json | grep -oE '"articles":[0-9]+' | cut -d: -f2
}

# Every file, mtime and size below a folder.
listing() {
    find "$1" -printf '%p %T@ %s\n' | sort
}

# Checks that the index at $1 holds the `first` archive, all searchable.
check_first_archive() {
    local db=$1 hits
    hits=$("$search" --db "$db" --format ids -n 1000 'title:harbour' | grep -c '^first-' || true)
    [[ $hits -eq 20 ]] || fail "$db: $hits of the 20 committed articles found by a search"
    "$search" --db "$db" --format ids 'tidefirstx3y2z7' | grep -qx 'first-3-2' ||
        fail "$db: article first-3-2 not found by its own word"
}

# An index of the `first` archive (20 articles in 4 files).
make_index() {
    local db=$1
    write_archive "$work/first" first 4 5
    "$index" --db "$db" "$work/first" 2>"$work/first.err" || fail "cannot index: $(cat "$work/first.err")"
    [[ $(count "$db") -eq 20 ]] || fail "the first index does not hold 20 articles"
}

need_root() {
    [[ $(id -u) -eq 0 ]] || skip "$1 needs root"
}

case $case_name in
disk_full)
    need_root "mounting a small tmpfs"
    mount_point=$work/small-disk
    mkdir -p "$mount_point"
    mount -t tmpfs -o size=3m tmpfs "$mount_point" || skip "cannot mount a tmpfs here"
    mounts+=("$mount_point")
    db=$mount_point/index
    make_index "$db"
    # About 15 MB of index: far more than the 3 MB disk holds.
    write_archive "$work/second" second 100 20
    status=0
    "$index" --db "$db" --commit-every 200 "$work/second" 2>"$work/err" || status=$?
    cat "$work/err"
    [[ $status -eq 2 ]] || fail "exit status $status on a full disk, not 2"
    grep -q "byline-index: index $db: .*No space left on device" "$work/err" ||
        fail "no clear error naming the index and the full disk"
    # The index opens at its last commit: the first archive whole, and whole files of
    # the second (a file's ten articles are all in or all out).
    check_first_archive "$db"
    total=$(count "$db")
    second=$("$search" --db "$db" --format ids -n 100000 'title:harbour' | grep -c '^second-' || true)
    [[ $total -eq $((20 + second)) ]] || fail "$total articles, 20 + $second expected"
    [[ $((second % 20)) -eq 0 ]] || fail "$second articles of the second archive: a file in part"
    # With room again, a re-run completes the work.
    mount -o remount,size=256m "$mount_point"
    "$index" --db "$db" "$work/second" 2>"$work/err" || fail "re-run failed: $(cat "$work/err")"
    [[ $(count "$db") -eq 2020 ]] || fail "the re-run did not complete the index"
    check_first_archive "$db"
    ;;
read_only_index)
    db=$work/index
    make_index "$db"
    write_archive "$work/second" second 2 5
    if [[ $(id -u) -eq 0 ]]; then
        # Root writes through file permissions: a read-only bind mount stops it.
        mount --bind "$db" "$db" || skip "cannot bind-mount the index"
        mounts+=("$db")
        mount -o remount,bind,ro "$db" || skip "cannot make the bind mount read-only"
    else
        chmod -R a-w "$db"
    fi
    before=$(listing "$db")
    status=0
    "$index" --db "$db" "$work/second" 2>"$work/err" || status=$?
    cat "$work/err"
    [[ $status -eq 2 ]] || fail "exit status $status on a read-only index, not 2"
    grep -q "byline-index: cannot open index $db for writing: \(Read-only file system\|Permission denied\)" "$work/err" ||
        fail "no clear error naming the read-only index"
    [[ $(listing "$db") == "$before" ]] || fail "the read-only index changed"
    # Searching a read-only index works.
    check_first_archive "$db"
    [[ $(count "$db") -eq 20 ]] || fail "the read-only index lost articles"
    [[ $(id -u) -eq 0 ]] || chmod -R u+w "$db"
    ;;
corrupt_index)
    db=$work/index
    make_index "$db"
    cp -a "$db" "$work/pristine"
    generation=$(awk '{print $2}' "$db/XAPIANDB")
    write_archive "$work/second" second 2 5
    # Each damage in turn: a table cut short, a table overwritten, the version file cut
    # short, the stub naming the generation garbled.
    for damage in truncate-postlist garble-termlist truncate-version garble-stub; do
        rm -rf "$db"
        cp -a "$work/pristine" "$db"
        case $damage in
        truncate-postlist) truncate -s 8192 "$db/$generation/postlist.glass" ;;
        garble-termlist) head -c 65536 /dev/urandom | dd of="$db/$generation/termlist.glass" conv=notrunc status=none ;;
        truncate-version) truncate -s 10 "$db/$generation/iamglass" ;;
        garble-stub) printf 'glass \x01\x02\n' >"$db/XAPIANDB" ;;
        esac
        before=$(listing "$db")
        # The searcher: a clear error naming the index, exit 2, no crash.
        status=0
        "$search" --db "$db" --format ids -n 1000 'title:harbour' >/dev/null 2>"$work/err" || status=$?
        echo "$damage, byline-search: $(cat "$work/err")"
        if [[ $status -ne 2 ]]; then
            fail "$damage: byline-search exit status $status, not 2"
        fi
        grep -q "byline-search: .*$db" "$work/err" || fail "$damage: byline-search does not name the index"
        # The indexer: the same, and it leaves the files as they were.
        status=0
        "$index" --db "$db" "$work/second" 2>"$work/err" || status=$?
        echo "$damage, byline-index: $(cat "$work/err")"
        [[ $status -eq 2 ]] || fail "$damage: byline-index exit status $status, not 2"
        grep -q "byline-index: .*$db" "$work/err" || fail "$damage: byline-index does not name the index"
        [[ $(listing "$db" | grep -v byline.lock) == "$(grep -v byline.lock <<<"$before")" ]] ||
            fail "$damage: byline-index changed the damaged index"
    done
    # Nothing committed was lost: with the damaged file restored, all is there.
    rm -rf "$db"
    cp -a "$work/pristine" "$db"
    check_first_archive "$db"
    ;;
vanishing_inputs)
    db=$work/index
    make_index "$db"
    mkdir -p "$work/in"
    for name in a b c; do
        printf '{"id": "late-%s", "title": "Late harbour note %s", "body": "Tugs waited."}\n' \
            "$name" "$name" >"$work/in/$name.jsonl"
    done
    # Holds the index lock, so that the indexer (with --wait) has checked its paths and
    # waits; meanwhile b.jsonl goes and c.jsonl becomes a FIFO, which must not block it.
    exec 9>"$db/byline.lock"
    flock -x 9
    "$index" --wait --db "$db" "$work/in/a.jsonl" "$work/in/b.jsonl" "$work/in/c.jsonl" \
        2>"$work/err" 9>&- &
    pid=$!
    for _ in $(seq 300); do
        grep -q "waiting for the indexer" "$work/err" && break
        sleep 0.1
    done
    grep -q "waiting for the indexer" "$work/err" || fail "the indexer did not wait for the lock"
    rm "$work/in/b.jsonl" "$work/in/c.jsonl"
    mkfifo "$work/in/c.jsonl"
    exec 9>&-
    status=0
    timeout 60 tail --pid=$pid -f /dev/null || fail "the indexer hangs"
    wait $pid || status=$?
    cat "$work/err"
    [[ $status -eq 1 ]] || fail "exit status $status, not 1 (some skipped)"
    grep -qF "$work/in/b.jsonl: no such file or folder" "$work/err" || fail "no message for the removed file"
    grep -qF "$work/in/c.jsonl: cannot read: not a regular file" "$work/err" || fail "no message for the FIFO"
    [[ $(count "$db") -eq 21 ]] || fail "not 20 + 1 articles"
    "$search" --db "$db" --format ids 'late harbour' | grep -qx late-a || fail "late-a not indexed"
    check_first_archive "$db"
    ;;
search_never_writes)
    db=$work/index
    make_index "$db"
    before=$(listing "$db")
    # Plain, filtered, misspelled (the spelling path) and paged searches, and --info.
    "$search" --db "$db" 'harbour log' >/dev/null
    "$search" --db "$db" --format jsonl 'title:harbour date:2024' >/dev/null || true
    "$search" --db "$db" --format tsv 'harbuor' >/dev/null || true
    "$search" --db "$db" -n 5 --offset 5 'pilots' >/dev/null
    "$search" --db "$db" --info >/dev/null
    [[ $(listing "$db") == "$before" ]] || fail "a search changed the index: $(diff <(echo "$before") <(listing "$db"))"
    ;;
*)
    fail "unknown case $case_name"
    ;;
esac
[[ ! -s $work/unexpected-status ]] || fail "unexpected exit statuses: $(cat "$work/unexpected-status")"
echo "PASS: $case_name"

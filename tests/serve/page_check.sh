#!/usr/bin/env bash
# The search page of byline-search --serve in a real browser, headless Chromium: run by
# hand (docs/http-api.md), since CI's time has no room to install Chromium.
#
# Indexes the sample archive and the markup fixture, serves them on a free loopback
# port, and loads /?q=Sutskever+safety as a user's link would: the page runs the query
# from its address. Passes when the first hit in the DOM is the Sutskever article, and
# when an article whose title holds <script> shows it as text (the DOM holds it escaped,
# and no element of it exists). Writes a screenshot of the first page.
#
# Usage: tests/serve/page_check.sh [BUILD_DIR] [SCREENSHOT]
#   BUILD_DIR   the build tree (default: build); SCREENSHOT default: page_check.png
# Exit status: 0 passed, 1 a check failed, 77 Chromium is not installed.
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build=$(realpath "${1:-$source_dir/build}")
screenshot=$(realpath -m "${2:-page_check.png}")
chromium=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $chromium ]]; then
    echo "page_check: SKIPPED: no chromium (apt-get install chromium)" >&2
    exit 77
fi

work=$(mktemp -d)
server=""
cleanup() {
    if [[ -n $server ]]; then
        kill -TERM "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

"$build/indexer/byline-index" --quiet --db "$work/index" \
    "$source_dir/corpora/sample" "$source_dir/tests/fixtures/serve"
"$build/searcher/byline-search" --db "$work/index" --serve 127.0.0.1:0 2>"$work/server.log" &
server=$!
port=""
for _ in $(seq 100); do
    port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$work/server.log")
    [[ -n $port ]] && break
    sleep 0.1
done
if [[ -z $port ]]; then
    echo "page_check: the server did not start:" >&2
    cat "$work/server.log" >&2
    exit 1
fi

# Chromium's virtual time runs the page's fetches to the end before the DOM is dumped.
browse() {
    "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --window-size=1280,1000 --virtual-time-budget=10000 "$@" 2>>"$work/chromium.log"
}
page="http://127.0.0.1:$port/?q=Sutskever+safety"
browse --dump-dom "$page" >"$work/search.html"
first=$(grep -o '<li class="hit" data-id="[^"]*"' "$work/search.html" | head -1 || true)
echo "page_check: first hit: ${first:-none}"
failed=0
if [[ $first != *sutskever-leaves-openai* ]]; then
    echo "page_check: FAILED: the Sutskever article is not the first hit" >&2
    failed=1
fi

browse --dump-dom "http://127.0.0.1:$port/?q=zanzibarquokka" >"$work/markup.html"
if ! grep -q '&lt;script&gt;alert("title")&lt;/script&gt; A headline' "$work/markup.html"; then
    echo "page_check: FAILED: the title's <script> is not shown as text" >&2
    failed=1
fi
if grep -q '<script>alert' "$work/markup.html"; then
    echo "page_check: FAILED: an article's <script> became an element" >&2
    failed=1
fi

browse --screenshot="$screenshot" "$page" >/dev/null
echo "page_check: screenshot of $page in $screenshot"
if ((failed == 0)); then
    echo "page_check: passed"
fi
exit "$failed"

# browser.sh: what every browser test needs before it starts a stack.
#
#   . tests/lib/browser.sh; browser_needs
#
# Debian's chromium (CHROMIUM, exported for the node scripts), node, and
# playwright-core in tests/browser/node_modules (npm ci from the lock file;
# it downloads no browser).  When one is missing the test is skipped, with
# the reason, rather than failed: the suite installs them as root.

B=tests/browser
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM

skip() {
	echo "1..0 # SKIP $1"
	exit 0
}

browser_needs() {
	command -v node >/dev/null 2>&1 || skip "node is not installed"
	[ -x "$CHROMIUM" ] || skip "chromium is not installed ($CHROMIUM)"
	[ -d "$B/node_modules/playwright-core" ] && return 0
	command -v npm >/dev/null 2>&1 || skip "npm is not installed"
	(cd "$B" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout 40 \
	    npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) ||
		skip "npm ci in $B failed (no registry?)"
}

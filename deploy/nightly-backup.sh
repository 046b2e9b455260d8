#!/bin/sh
# The nightly backup of ctd-fund-ledger (README, "Operating the ledger"): back up the log while the
# server runs, restore the copy into a scratch folder and verify it, tell Prometheus how that went
# through node_exporter's textfile collector, and keep KEEP_DAYS days of backups (pruned only
# after a night that verified). Exits non-zero when any step failed, so cron mails the output.
#
#   LEDGER_DATA_DIR  the server's data folder (required)
#   LEDGER           the ledger command (default /opt/ctd-fund-ledger/bin/ledger.js)
#   BACKUPS          where the dated backup folders go (default /var/backups/ctd-fund-ledger)
#   KEEP_DAYS        days of backups kept (default 14)
#   TEXTFILE_DIR     node_exporter's --collector.textfile.directory (optional)
set -eu
: "${LEDGER_DATA_DIR:?LEDGER_DATA_DIR must name the server's data folder}"
LEDGER=${LEDGER:-/opt/ctd-fund-ledger/bin/ledger.js}
BACKUPS=${BACKUPS:-/var/backups/ctd-fund-ledger}
KEEP_DAYS=${KEEP_DAYS:-14}
TEXTFILE_DIR=${TEXTFILE_DIR:-}

umask 077
mkdir -p "$BACKUPS"
target="$BACKUPS/$(date +%Y-%m-%dT%H%M%S)"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

ok=0
if node "$LEDGER" backup "$target" >/dev/null \
  && LEDGER_DATA_DIR="$scratch/data" node "$LEDGER" restore "$target" >/dev/null \
  && LEDGER_DATA_DIR="$scratch/data" node "$LEDGER" verify --quiet; then
  ok=1
fi

if [ -n "$TEXTFILE_DIR" ]; then
  # Written beside, then renamed: the collector never reads half a file.
  partial="$TEXTFILE_DIR/ctd_fund_ledger_nightly.prom.$$"
  {
    echo '# HELP ledger_verify_last_ok 1 when the last verification found the log whole, 0 when it found a problem'
    echo '# TYPE ledger_verify_last_ok gauge'
    echo "ledger_verify_last_ok{source=\"nightly-backup\"} $ok"
    echo '# HELP ledger_verify_last_run_timestamp_seconds When the last verification of the log ended (Unix time)'
    echo '# TYPE ledger_verify_last_run_timestamp_seconds gauge'
    echo "ledger_verify_last_run_timestamp_seconds{source=\"nightly-backup\"} $(date +%s)"
  } > "$partial"
  chmod 0644 "$partial"
  mv "$partial" "$TEXTFILE_DIR/ctd_fund_ledger_nightly.prom"
fi

# A backup cut short has no manifest: it is no backup, and restore drills must not pick it.
if [ -d "$target" ] && [ ! -f "$target/manifest.json" ]; then rm -rf "$target"; fi
# Old backups go only after a night whose backup verified: failed nights never eat the good ones.
if [ "$ok" = 1 ]; then
  find "$BACKUPS" -mindepth 1 -maxdepth 1 -type d -mtime +"$KEEP_DAYS" -exec rm -rf {} +
fi
[ "$ok" = 1 ]

#!/bin/sh
# npm run test:any-hour: the suite, but for the browser journeys, once for each instant where a
# date relative to "now" can fall on another day, with the clock of jest and of every ledger it
# starts set there by libfaketime (Debian package faketime). The clock then runs on at its real
# pace, so each run sees about seven minutes from its instant.
#
#   16:05 UTC  23:05 in Vietnam: a date an hour or more ahead is tomorrow there
#   17:05 UTC  00:05 in Vietnam: a date an hour ago is yesterday there, and UTC is a day behind
#   23:57 UTC  the UTC date changes during the run
#   31 December 17:05 UTC  the first minutes of a year in Vietnam: last year's dates are an hour old
#
# Instants given as arguments ("2027-01-01 02:00:00", UTC) replace these. The journeys stay out:
# Chromium under libfaketime spins its processes and its pages time out, whatever the app does.
# So does the nightly backup's test: the backups' file times are the kernel's, its script's clock
# the faked one, and a backup just made looks as old as the faked date is far.
set -eu
command -v faketime >/dev/null || { echo "test:any-hour needs faketime (apt-get install faketime)" >&2; exit 2; }
day=$(date -u +%F)
year=$(date -u +%Y)
if [ $# -eq 0 ]; then
  set -- "$day 16:05:00" "$day 17:05:00" "$day 23:57:00" "$year-12-31 17:05:00"
fi
failed=0
for instant in "$@"; do
  echo "== jest with the clock at $instant UTC"
  FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@$instant" npx jest '^(?!.*(\.journey\.test\.ts|/nightly-backup\.test\.ts)$)' || failed=1
done
exit $failed

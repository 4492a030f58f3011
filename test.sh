#!/usr/bin/env bash
# The test command (see README.md): installs Chromium, axe-core, redis-server and Azurite when missing, builds, starts a
# throwaway PostgreSQL server for the data-layer tests, runs every test, stops the server and prints
# "N passed, N failed, N skipped". Screenshots from the browser tests land in artifacts/screenshots.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Tenant").
set -uo pipefail
cd "$(dirname "$0")"

work=$(mktemp -d /tmp/schoolsite-tests.XXXXXX)
pgdata="$work/pg"
results="$work/results"
cleanup() {
  if [ -f "$pgdata/postmaster.pid" ]; then
    runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# PostgreSQL from the machine's own binaries: a fresh cluster in a temporary folder on a free port.
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$pgbin" ]; then
  echo "Installing PostgreSQL (not found on this machine)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || { echo "could not install PostgreSQL"; echo "0 passed, 1 failed"; exit 1; }
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
mkdir -p "$pgdata" && chown postgres "$work" "$pgdata" && chmod 700 "$pgdata"
runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 >/dev/null || { echo "initdb failed"; echo "0 passed, 1 failed"; exit 1; }
runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/log" -w \
  -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
  || { cat "$pgdata/log"; echo "PostgreSQL did not start"; echo "0 passed, 1 failed"; exit 1; }
export SCHOOLSITE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Include Error Detail=true"
echo "PostgreSQL $(basename "$(dirname "$pgbin")") on 127.0.0.1:$port"

# Browser tests: Debian's Chromium (Playwright cannot download browsers here) and axe-core from npm.
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Chromium..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "could not install Chromium; the browser tests will fail"
fi
export SCHOOLSITE_CHROMIUM=$(command -v chromium || echo /usr/bin/chromium)
axe_dir=.cache/axe
if [ ! -f "$axe_dir/node_modules/axe-core/axe.min.js" ]; then
  mkdir -p "$axe_dir" && (cd "$axe_dir" && npm install --silent --no-audit --no-fund axe-core@4.14.1 >/dev/null) || echo "could not install axe-core; the accessibility tests will fail"
fi
export SCHOOLSITE_AXE="$PWD/$axe_dir/node_modules/axe-core/axe.min.js"

# Several web nodes: Debian's redis-server and Azurite (the Azure Blob API) from npm; the tests start their own
# instances on free ports (so that one can be stopped mid-test) and stop them.
if ! command -v redis-server >/dev/null 2>&1; then
  echo "Installing redis-server..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null) || echo "could not install redis-server; the tests of several nodes will fail"
fi
export SCHOOLSITE_REDIS_SERVER=$(command -v redis-server || echo /usr/bin/redis-server)
azurite_dir=.cache/azurite
if [ ! -x "$azurite_dir/node_modules/.bin/azurite-blob" ]; then
  mkdir -p "$azurite_dir" && (cd "$azurite_dir" && npm install --silent --no-audit --no-fund azurite@3.37.0 >/dev/null 2>&1) || echo "could not install Azurite; the tests of several nodes will fail"
fi
export SCHOOLSITE_AZURITE="$PWD/$azurite_dir/node_modules/.bin/azurite-blob"

dotnet build SchoolSite.slnx -nologo -v quiet || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
dotnet test tests/SchoolSite.Tests --no-build -nologo --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
status=$?

python3 - "$results/results.trx" <<'PY'
import sys, xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception as e:
    print(f"no test results ({e})"); print("0 passed, 1 failed"); sys.exit(0)
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
c = root.find("t:ResultSummary/t:Counters", ns)
passed, failed = int(c.get("passed")), int(c.get("failed")) + int(c.get("error")) + int(c.get("timeout")) + int(c.get("aborted"))
skipped = int(c.get("notExecuted")) + int(c.get("inconclusive"))
for r in root.iter("{%s}UnitTestResult" % ns["t"]):
    if r.get("outcome") == "Failed":
        print("FAILED:", r.get("testName"))
    # Figures some tests report (the privacy check's recall and false positives, the public-channel probe).
    out = r.find("t:Output/t:StdOut", ns)
    for line in (out.text or "").splitlines() if out is not None else []:
        if line.startswith(("Privacy check on", "Public channels:")):
            print(line.strip())
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status

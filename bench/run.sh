#!/usr/bin/env bash
# One command for the public-path benchmark (bench/README.md): builds the host and the harness in Release, then
# measures with wrk. Arguments go to the harness: --seconds S (each run, default 10), --runs N (default 3),
# --wordpress (also set up and measure the shared stock WordPress in the same run, and print the ratios; as root).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "Installing wrk..."; apt-get install -y -qq wrk >/dev/null; }
dotnet build src/SchoolSite.Web -c Release -nologo -v quiet
dotnet build bench/SchoolSite.Crash -c Release -nologo -v quiet
exec dotnet bench/SchoolSite.Crash/bin/Release/net10.0/SchoolSite.Crash.dll --throughput "$@"

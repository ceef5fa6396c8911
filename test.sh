#!/usr/bin/env bash
# Installs what the tests need that the repository cannot carry, builds, checks formatting and runs every test project.
# Ends with one line: "N passed, M failed" (totals of all test projects).
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '\n== %s\n' "$*"; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# German thesaurus (OpenThesaurus) and word list used by the retrieval's query expansion and compound splitting.
[ -f /usr/share/mythes/th_de_DE_v2.dat ] || missing+=(mythes-de)
[ -f /usr/share/hunspell/de_DE.dic ] || missing+=(hunspell-de-de)
# PostgreSQL server binaries: the storage tests start their own private server (tests/Shared/LocalPostgres.cs).
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  log "Installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  # No system services are started by the installation (policy-rc.d answers "not allowed"); the tests need none.
  no_services=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null && $sudo chmod +x /usr/sbin/policy-rc.d && no_services=1
  fi
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  installed=$?
  [ -n "$no_services" ] && $sudo rm -f /usr/sbin/policy-rc.d
  [ $installed -eq 0 ] || { echo "Could not install ${missing[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi

log "Installing browser packages (npm ci from the committed package-lock)"
(cd bot/ClientApp && npm ci --no-audit --no-fund --loglevel=error) || { echo "0 passed, 1 failed"; exit 1; }

log "Building"
dotnet build CitizenBot.sln -c Release -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }

log "Checking formatting"
format_failed=0
dotnet format CitizenBot.sln --verify-no-changes --no-restore -v quiet || format_failed=1

log "Validating the knowledge folder"
results=$(mktemp -d)
validate_failed=0
dotnet run --project bot -c Release --no-build --no-launch-profile -- validate >"$results/validate.log" 2>&1 || validate_failed=1
grep -v ': warning:' "$results/validate.log"

passed=0
failed=$((format_failed + validate_failed))
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  log "Testing $name"
  dotnet test "$project" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    | tee "$results/$name.log"
  summary=$(grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+' "$results/$name.log" | tail -1)
  if [ -z "$summary" ]; then
    echo "$name produced no test summary: counted as one failure."
    failed=$((failed + 1))
    continue
  fi
  f=$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$summary")
  p=$(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$summary")
  passed=$((passed + p))
  failed=$((failed + f))
done

echo
[ "$format_failed" -eq 0 ] || echo "Formatting differs from .editorconfig (dotnet format): counted as one failure."
[ "$validate_failed" -eq 0 ] || echo "The knowledge folder has errors (validate): counted as one failure."
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

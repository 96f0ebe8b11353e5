#!/usr/bin/env bash
# End-to-end test of `scalinglab sweep --slurm` on a real SLURM (Debian's slurm-wlm 22.05).
#
# Starts a one-node cluster in a temporary folder (munge key, munged, a generated slurm.conf naming
# this host and its cores, slurmctld, slurmd), submits the job-array script that
# `sweep --preset tiny --slurm --shards 2` prints, cancels one array task while it trains, checks
# that the ledger stays consistent and that the regenerated script runs only the unfinished share,
# and finally checks that the ledger equals a one-process sweep run by run (same final losses) and
# that the fits agree. The daemons it started are stopped by their pid files whatever happens.
#
# Exit codes: 0 passed, 1 failed, 77 skipped (not root, or the packages cannot be installed).
# Installs slurmctld, slurmd, slurm-client and munge (Debian, --no-install-recommends) when missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LAUNCHER="$ROOT/scalinglab"
TIMEOUT_S="${SLURM_TEST_TIMEOUT:-1200}"  # per job: a safety net, not a speed test (a loaded 2-core machine needs 4+ min per share)
t_start=$(date +%s)

say() { printf 'slurm test: %s\n' "$*"; }
skip() { say "SKIPPED — $*"; exit 77; }
fail() { say "FAILED — $*"; exit 1; }

[ "$(id -u)" = 0 ] || skip "starting a one-node SLURM cluster needs root"
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 \
   || ! command -v sbatch >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || skip "slurmctld/slurmd/sbatch/munged are missing and apt-get is not available"
  say "installing Debian packages: slurmctld slurmd slurm-client munge"
  export DEBIAN_FRONTEND=noninteractive
  log="$(mktemp)"
  if ! apt-get install -y -q --no-install-recommends slurmctld slurmd slurm-client munge >"$log" 2>&1; then
    apt-get update -q >>"$log" 2>&1 || true
    apt-get install -y -q --no-install-recommends slurmctld slurmd slurm-client munge >>"$log" 2>&1 \
      || { tail -n 20 "$log" >&2; skip "apt-get could not install slurmctld slurmd slurm-client munge"; }
  fi
  rm -f "$log"
  # The packages enable system services; this test runs its own daemons in a temporary folder.
fi

T="$(mktemp -d "${TMPDIR:-/tmp}/scalinglab-slurm.XXXXXX")"
stop_daemons() {
  local name pid
  for name in slurmd slurmctld munged; do
    if [ -f "$T/$name.pid" ]; then
      pid="$(cat "$T/$name.pid" 2>/dev/null || true)"
      if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
      fi
    fi
  done
}
on_exit() {
  local rc=$?
  stop_daemons
  if [ $rc -ne 0 ] && [ $rc -ne 77 ]; then
    say "logs kept in $T/log (slurmctld.log, slurmd.log) and $T/ledger/slurm-logs"
  else
    rm -rf "$T"
  fi
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# ---- a one-node cluster ------------------------------------------------------------------------
mkdir -p "$T/state" "$T/spool" "$T/log"
head -c 1024 /dev/urandom >"$T/munge.key"
chmod 400 "$T/munge.key"
munged --force --key-file="$T/munge.key" --socket="$T/munge.sock" --pid-file="$T/munged.pid" \
  --log-file="$T/log/munged.log" --seed-file="$T/munge.seed" || fail "munged did not start"

HOST="$(hostname)"
CPUS="$(nproc)"
MEM_MB="$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)"
PORT=$(( 20000 + ($$ % 5000) * 2 ))
cat >"$T/slurm.conf" <<CONF
ClusterName=scalinglab-test
SlurmctldHost=$HOST
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$T/munge.sock
CredType=cred/munge
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
MpiDefault=none
ReturnToService=2
KillWait=5
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=$HOST CPUs=$CPUS RealMemory=$MEM_MB State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$T/slurm.conf"
slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start (see $T/log/slurmctld.log)"
slurmd -f "$SLURM_CONF" || fail "slurmd did not start (see $T/log/slurmd.log)"
for _ in $(seq 100); do
  sinfo -h -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)' && break
  sleep 0.2
done
sinfo -h -o '%t' | grep -qE '^(idle|mix|alloc)' || fail "the node did not come up: $(sinfo 2>&1 | tail -n 2)"
say "one-node cluster up on $HOST ($CPUS CPUs, ports $PORT/$((PORT + 1)))"

elapsed() { echo $(( $(date +%s) - t_start )); }
wait_for_job() { # wait_for_job JOBID — until no task of the job is queued or running
  local since; since=$(date +%s)
  while squeue -h -j "$1" 2>/dev/null | grep -q .; do
    [ $(( $(date +%s) - since )) -lt "$TIMEOUT_S" ] || { squeue; fail "job $1 still queued or running after ${TIMEOUT_S}s"; }
    sleep 1
  done
}
status_json() { "$LAUNCHER" sweep --status "$1" --json; }
jget() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

LEDGER="$T/ledger"
SWEEP=(sweep --preset tiny --slurm --shards 2 --out "$LEDGER" --time 00:20:00 --mem 1G)

# ---- submit the script the command prints ------------------------------------------------------
"$LAUNCHER" "${SWEEP[@]}" >"$T/sweep.sbatch" 2>"$T/gen.err" || { cat "$T/gen.err"; fail "could not generate the script"; }
grep -q '^#SBATCH --array=1-2$' "$T/sweep.sbatch" || fail "a new sweep's script should run shares 1-2: $(grep array "$T/sweep.sbatch")"
[ -d "$LEDGER/slurm-logs" ] || fail "the folder for SLURM's output files was not created"
JOB="$(sbatch --parsable "$T/sweep.sbatch")" || fail "sbatch refused the script"
say "submitted job array $JOB (shares 1-2)"

# ---- cancel share 2 once it has recorded a run and is training another ---------------------------
cancelled=0
while squeue -h -j "$JOB" 2>/dev/null | grep -q .; do
  [ "$(elapsed)" -lt "$TIMEOUT_S" ] || fail "job $JOB did not finish in ${TIMEOUT_S}s"
  state2="$(squeue -h -j "${JOB}_2" -o '%T' 2>/dev/null || true)"
  if [ "$state2" = RUNNING ] && ls "$LEDGER/running"/*.json >/dev/null 2>&1 \
     && grep -q '"shard": "2/2"' "$LEDGER/running"/*.json 2>/dev/null \
     && [ "$(status_json "$LEDGER" | jget done)" -ge 12 ]; then
    scancel "${JOB}_2"
    cancelled=1
    say "cancelled task ${JOB}_2 while it was training ($(status_json "$LEDGER" | jget done) runs done)"
    break
  fi
  sleep 0.5
done
wait_for_job "$JOB"
[ $cancelled = 1 ] || fail "share 2 finished before it could be cancelled (the test could not exercise cancellation)"

# ---- the ledger is consistent and says what is left ---------------------------------------------
"$LAUNCHER" sweep --status "$LEDGER" || fail "--status could not read the ledger after the cancellation"
done_after_cancel="$(status_json "$LEDGER" | jget done)"
[ "$(status_json "$LEDGER" | jget complete)" = False ] || fail "the cancelled sweep claims to be complete"
for f in "$LEDGER"/runs/*.json; do python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$f" \
  || fail "torn ledger record after cancellation: $f"; done

# ---- resubmit: only the unfinished share runs ---------------------------------------------------
"$LAUNCHER" "${SWEEP[@]}" >"$T/resume.sbatch" 2>"$T/gen.err" || { cat "$T/gen.err"; fail "could not regenerate the script"; }
grep -q '^#SBATCH --array=2$' "$T/resume.sbatch" || fail "the resubmission should run only share 2: $(grep array "$T/resume.sbatch")"
JOB2="$(sbatch --parsable "$T/resume.sbatch")" || fail "sbatch refused the regenerated script"
say "resubmitted share 2 as job $JOB2 ($done_after_cancel of 21 runs were done)"
wait_for_job "$JOB2"
[ "$(status_json "$LEDGER" | jget complete)" = True ] || { "$LAUNCHER" sweep --status "$LEDGER"; cat "$LEDGER"/slurm-logs/*"${JOB2}"* | tail -n 20; fail "the sweep is not complete after the resubmission"; }
"$LAUNCHER" "${SWEEP[@]}" >"$T/none.sbatch" 2>"$T/gen.err"
[ ! -s "$T/none.sbatch" ] && grep -q 'nothing to submit' "$T/gen.err" || fail "a complete sweep should print no script"

# ---- equal to a one-process sweep, run by run, and the same fit ---------------------------------
say "running the same sweep in one process for comparison"
"$LAUNCHER" sweep --preset tiny --out "$T/single" --json >"$T/single.json" 2>"$T/single.err" \
  || { tail -n 20 "$T/single.err"; fail "the one-process sweep failed"; }
"$LAUNCHER" sweep --preset tiny --out "$LEDGER" --json >"$T/slurm.json" 2>"$T/slurm.err" \
  || { tail -n 20 "$T/slurm.err"; fail "fitting the SLURM ledger failed"; }
python3 - "$T/slurm.json" "$T/single.json" <<'PY' || fail "the SLURM ledger differs from the one-process sweep"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
ra = {r["id"]: r for r in a["runs"]}
rb = {r["id"]: r for r in b["runs"]}
assert sorted(ra) == sorted(rb), f"different runs: {sorted(set(ra) ^ set(rb))}"
assert len(ra) == 21, f"expected 21 runs, got {len(ra)}"
for k in ra:
    for f in ("finalEvalLoss", "finalTrainLoss", "steps", "tokens"):
        assert ra[k][f] == rb[k][f], f"{k}: {f} {ra[k][f]} (SLURM) != {rb[k][f]} (one process)"
for k in ("E", "alpha", "beta", "a", "holdout_predicted"):
    assert k in a and a[k] == b[k], f"fit {k}: {a.get(k)} (SLURM) != {b.get(k)} (one process)"
print(f"slurm test: 21 runs identical to the one-process sweep; fit E={a['E']:.4f} alpha={a['alpha']:.3f} beta={a['beta']:.3f}")
PY
say "PASSED in $(elapsed) s"

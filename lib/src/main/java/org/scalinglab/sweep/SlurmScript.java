package org.scalinglab.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A SLURM job-array script (sbatch(1), "--array") that runs a sweep as N deterministic shares:
 * array task K runs {@code scalinglab sweep --preset P --out OUT --shard K/N}. All tasks write into
 * one ledger on a shared file system; the ledger's one-file-per-run design needs no coordinator.
 *
 * <p>What makes it submittable on a real cluster:
 * <ul>
 *   <li>{@code #SBATCH} lines for the array, the time limit, CPUs per task, memory, the output
 *       files, and optionally the partition and account;
 *   <li>the output files go to {@code OUT/slurm-logs/}, which must exist when the job is submitted
 *       (SLURM opens them before the script runs): the command that prints the script creates it;
 *   <li>absolute paths for the project, the launcher and the ledger; {@code java} from the compute
 *       node's PATH, else the JDK that generated the script;
 *   <li>the array lists only the shares that still have runs left, so submitting the regenerated
 *       script after a failure or cancellation runs exactly what is missing (each share also
 *       resumes its own interrupted run from its checkpoint).
 * </ul>
 *
 * @param preset preset name
 * @param budgets the budgets when they override the preset's (null otherwise)
 * @param out absolute ledger folder
 * @param shards N, the number of shares the sweep is split into
 * @param arrayTasks the shares (1..N) to run
 * @param projectDir absolute path of the scalinglab checkout (holds the launcher)
 * @param javaHome the JDK to fall back on when the compute node has no {@code java} on its PATH
 * @param resources the {@code #SBATCH} resource requests
 */
public record SlurmScript(String preset, double[] budgets, String out, int shards, SortedSet<Integer> arrayTasks,
    String projectDir, String javaHome, Resources resources) {

  /**
   * Resource requests written as {@code #SBATCH} lines.
   *
   * @param cpusPerTask cores per share (also the threads the share uses)
   * @param time wall-time limit per share, SLURM's format (e.g. {@code 04:00:00} or {@code 1-00:00:00})
   * @param mem memory per share, SLURM's format (e.g. {@code 4G})
   * @param partition partition, or null for the cluster's default
   * @param account account to charge, or null for the user's default
   */
  public record Resources(int cpusPerTask, String time, String mem, String partition, String account) {
    public Resources {
      if (cpusPerTask < 1) throw new IllegalArgumentException("CPUs per task must be ≥ 1, got " + cpusPerTask);
      Objects.requireNonNull(time, "time");
      if (!time.matches("(\\d+-)?\\d+(:\\d{1,2}){0,2}")) {
        throw new IllegalArgumentException("time limit must look like MINUTES, HH:MM:SS or D-HH:MM:SS, got '" + time + "'");
      }
      Objects.requireNonNull(mem, "mem");
      if (!mem.matches("\\d+[KMGT]?")) {
        throw new IllegalArgumentException("memory must look like 4G or 4000M, got '" + mem + "'");
      }
      if (partition != null && !partition.matches("[A-Za-z0-9_.,-]+")) {
        throw new IllegalArgumentException("partition name '" + partition + "' has characters SLURM does not accept");
      }
      if (account != null && !account.matches("[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException("account name '" + account + "' has characters SLURM does not accept");
      }
    }
  }

  public SlurmScript {
    if (shards < 1) throw new IllegalArgumentException("shards must be ≥ 1, got " + shards);
    arrayTasks = new TreeSet<>(arrayTasks);
    if (arrayTasks.isEmpty()) throw new IllegalArgumentException("no share left to run");
    if (arrayTasks.first() < 1 || arrayTasks.last() > shards) {
      throw new IllegalArgumentException("array tasks must lie in 1.." + shards + ", got " + arrayTasks);
    }
  }

  /** The shares (1..N) that own at least one run of {@code plan} not yet in {@code done}. */
  public static SortedSet<Integer> sharesWithRunsLeft(List<RunSpec> plan, java.util.Set<String> done, int shards) {
    SortedSet<Integer> left = new TreeSet<>();
    for (int k = 1; k <= shards; k++) {
      Shard s = new Shard(k, shards);
      for (RunSpec r : plan) {
        if (s.owns(r.index()) && !done.contains(r.id())) {
          left.add(k);
          break;
        }
      }
    }
    return left;
  }

  /** SLURM's array syntax for a set of task ids: runs of consecutive ids become ranges ("1-3,5"). */
  public static String arraySpec(SortedSet<Integer> ids) {
    List<String> parts = new ArrayList<>();
    Integer start = null;
    Integer prev = null;
    for (int id : ids) {
      if (prev != null && id == prev + 1) {
        prev = id;
        continue;
      }
      if (start != null) parts.add(start.equals(prev) ? start.toString() : start + "-" + prev);
      start = id;
      prev = id;
    }
    if (start != null) parts.add(start.equals(prev) ? start.toString() : start + "-" + prev);
    return String.join(",", parts);
  }

  /** The folder SLURM writes the tasks' output files into (must exist before submission). */
  public String logDir() {
    return out + "/slurm-logs";
  }

  /** The script text. */
  public String render() {
    List<String> l = new ArrayList<>();
    l.add("#!/bin/bash");
    l.add("#SBATCH --job-name=scalinglab-" + preset);
    l.add("#SBATCH --array=" + arraySpec(arrayTasks));
    l.add("#SBATCH --ntasks=1");
    l.add("#SBATCH --cpus-per-task=" + resources.cpusPerTask());
    l.add("#SBATCH --mem=" + resources.mem());
    l.add("#SBATCH --time=" + resources.time());
    if (resources.partition() != null) l.add("#SBATCH --partition=" + resources.partition());
    if (resources.account() != null) l.add("#SBATCH --account=" + resources.account());
    l.add("#SBATCH --output=" + logDir() + "/slurm-%A_%a.out");
    l.add("#SBATCH --error=" + logDir() + "/slurm-%A_%a.out");
    l.add("#");
    l.add("# Sweep '" + preset + "' as " + shards + " shares (this job runs share(s) " + arraySpec(arrayTasks) + ").");
    l.add("# Each share is deterministic and resumable: if a task fails or is cancelled, print this script");
    l.add("# again with the same command and submit it; only the shares with runs left are in the new array.");
    l.add("# Watch:  " + projectDir + "/scalinglab sweep --status " + out);
    l.add("set -euo pipefail");
    l.add("PROJECT=" + shellQuote(projectDir));
    l.add("if ! command -v java >/dev/null 2>&1; then");
    l.add("  export JAVA_HOME=" + shellQuote(javaHome));
    l.add("  export PATH=\"$JAVA_HOME/bin:$PATH\"");
    l.add("fi");
    l.add("export OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-" + resources.cpusPerTask() + "}\"");
    l.add("export OMP_WAIT_POLICY=PASSIVE");
    l.add("cd \"$PROJECT\"");
    StringBuilder cmd = new StringBuilder("exec \"$PROJECT/scalinglab\" sweep --preset ").append(shellQuote(preset))
        .append(" --out ").append(shellQuote(out));
    if (budgets != null) {
      List<String> b = new ArrayList<>();
      for (double c : budgets) b.add(Double.toString(c)); // exact round trip through picocli's parser
      cmd.append(" --budgets ").append(String.join(",", b));
    }
    cmd.append(" --shard \"${SLURM_ARRAY_TASK_ID}/").append(shards).append('"');
    l.add(cmd.toString());
    return String.join("\n", l) + "\n";
  }

  /** Single-quotes a word for bash when it holds anything beyond safe characters. */
  static String shellQuote(String s) {
    if (s.matches("[A-Za-z0-9_./:=@%+,-]+")) return s;
    return "'" + s.replace("'", "'\\''") + "'";
  }
}

package org.scalinglab.sweep;

/**
 * A SLURM job-array script that runs a sweep as N shards: array task K runs
 * {@code scalinglab sweep --preset P --out OUT --shard K/N}; all tasks share the output folder
 * (a shared file system), and the ledger's one-file-per-run design needs no coordinator.
 */
public final class SlurmScript {
  private SlurmScript() {}

  /**
   * @param launcher command that starts scalinglab on the cluster nodes (e.g. an absolute path to ./scalinglab)
   * @param cpusPerTask cores per shard
   */
  public static String forSweep(String preset, String out, int shards, String launcher, int cpusPerTask) {
    if (shards < 1) throw new IllegalArgumentException("shards must be ≥ 1, got " + shards);
    return String.join("\n",
        "#!/bin/bash",
        "#SBATCH --job-name=scalinglab-" + preset,
        "#SBATCH --array=1-" + shards,
        "#SBATCH --cpus-per-task=" + cpusPerTask,
        "#SBATCH --output=" + out + "/slurm-%A_%a.out",
        "# Each array task runs one deterministic share of the sweep; rerunning the job resumes it.",
        "export OMP_NUM_THREADS=" + cpusPerTask,
        "export OMP_WAIT_POLICY=PASSIVE",
        "srun " + launcher + " sweep --preset " + preset + " --out " + out + " --shard ${SLURM_ARRAY_TASK_ID}/" + shards,
        "");
  }
}

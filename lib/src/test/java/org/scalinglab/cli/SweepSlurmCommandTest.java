package org.scalinglab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalinglab.sweep.Ledger;
import org.scalinglab.sweep.Shard;
import org.scalinglab.sweep.Sweep;
import org.scalinglab.sweep.SweepPreset;
import org.scalinglab.sweep.SweepProgress;

class SweepSlurmCommandTest {
  @TempDir Path tmp;

  @Test
  void slurmScriptCreatesTheLogFolderAndResubmitsOnlyUnfinishedShares() throws Exception {
    Path out = tmp.resolve("runs");
    CliRun r = CliRun.of("sweep", "--preset", "micro", "--slurm", "--shards", "2", "--out", out.toString(),
        "--time", "00:10:00", "--mem", "1G", "--partition", "debug");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("#SBATCH --array=1-2\n"), r.out());
    assertTrue(r.out().contains("#SBATCH --partition=debug\n"), r.out());
    assertTrue(r.out().contains("--out " + out.toAbsolutePath()), r.out());
    assertTrue(Files.isDirectory(out.resolve("slurm-logs")), "SLURM opens its output files before the script runs");

    Sweep.run(SweepPreset.micro(), out, tmp, new Shard(1, 2), SweepProgress.NONE);
    CliRun again = CliRun.of("sweep", "--preset", "micro", "--slurm", "--shards", "2", "--out", out.toString());
    assertTrue(again.out().contains("#SBATCH --array=2\n"), again.out());

    CliRun status = CliRun.of("sweep", "--status", out.toString());
    assertEquals(0, status.code(), status.err());
    int planned = SweepPreset.micro().plan().size();
    int done = Ledger.read(out).records().size();
    assertTrue(status.out().contains(planned + " runs planned, " + done + " done, 0 running, " + (planned - done) + " left"), status.out());

    Sweep.run(SweepPreset.micro(), out, tmp, new Shard(2, 2), SweepProgress.NONE);
    CliRun none = CliRun.of("sweep", "--preset", "micro", "--slurm", "--shards", "2", "--out", out.toString());
    assertEquals(0, none.code());
    assertEquals("", none.out());
    assertTrue(none.err().contains("nothing to submit"), none.err());
    assertTrue(CliRun.of("sweep", "--status", out.toString()).out().contains("complete"));
  }

  @Test
  void badSlurmOptionsAndAMissingLedgerAreOneLineErrors() {
    CliRun r = CliRun.of("sweep", "--preset", "micro", "--slurm", "--time", "tomorrow", "--out", tmp.resolve("x").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("'tomorrow'"), r.err());
    CliRun s = CliRun.of("sweep", "--status", tmp.resolve("nothing").toString());
    assertEquals(2, s.code());
    assertTrue(s.err().contains("not a sweep ledger"), s.err());
  }
}

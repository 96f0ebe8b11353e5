package org.scalinglab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalinglab.cli.Main;
import org.scalinglab.error.BadInputException;

/**
 * The ledger's promises, with real processes: SIGKILL a sweep mid-run and rerun it (nothing lost,
 * nothing repeated, same numbers as an uninterrupted sweep), and two shard processes at once
 * (their merged ledger equals a one-process sweep run by run).
 */
class SweepResumeTest {
  static final SweepPreset MICRO = SweepPreset.micro();
  @TempDir static Path tmp;
  static Map<String, LedgerRecord> reference;

  @BeforeAll
  static void referenceSweep() {
    SweepResult r = Sweep.run(MICRO, tmp.resolve("reference"), tmp, Shard.ALL, SweepProgress.NONE);
    assertEquals(MICRO.plan().size(), r.records().size());
    reference = Ledger.read(tmp.resolve("reference")).completed();
  }

  @Test
  void killedSweepResumesWithoutLosingOrRepeatingRuns() throws Exception {
    Path out = tmp.resolve("killed");
    Process p = sweepProcess(out, null);
    // wait until at least one run is complete and another one has a checkpoint: then kill -9
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline && p.isAlive() && !(count(out.resolve("runs"), ".json") >= 1 && count(out.resolve("checkpoints"), ".ckpt") >= 1)) {
      Thread.sleep(5);
    }
    assertTrue(p.isAlive(), "the sweep finished before it could be killed; make the micro preset longer");
    p.destroyForcibly(); // SIGKILL
    p.waitFor();
    int before = count(out.resolve("runs"), ".json");
    assertTrue(before >= 1);
    SweepResult r = Sweep.run(MICRO, out, tmp, Shard.ALL, SweepProgress.NONE);
    assertEquals(before, r.alreadyDone(), "completed runs must not be trained again");
    assertEquals(MICRO.plan().size() - before, r.trained());
    assertSameAsReference(Ledger.read(out).completed());
    assertEquals(0, count(out.resolve("checkpoints"), ".ckpt"), "checkpoints are removed when runs complete");
  }

  @Test
  void twoShardProcessesAtOnceMergeIntoTheOneProcessLedger() throws Exception {
    Path out = tmp.resolve("sharded");
    Process a = sweepProcess(out, "1/2"), b = sweepProcess(out, "2/2");
    assertEquals(0, a.waitFor());
    assertEquals(0, b.waitFor());
    assertSameAsReference(Ledger.read(out).completed());
  }

  @Test
  void ledgerOfAnotherVersionOrPresetIsRefusedAndKept() throws Exception {
    Path out = tmp.resolve("foreign");
    Files.createDirectories(out.resolve("runs"));
    Files.writeString(out.resolve("sweep.json"), "{\"format\": 0, \"preset\": \"micro\"}");
    Files.writeString(out.resolve("runs/x.json"), "{\"format\": 0}");
    BadInputException e = assertThrows(BadInputException.class, () -> Ledger.open(out, MICRO));
    assertTrue(e.getMessage().contains("incompatible"), e.getMessage());
    assertEquals(2, Main.run("sweep", "--preset", "micro", "--out", out.toString(), "--json"));
    assertEquals("{\"format\": 0}", Files.readString(out.resolve("runs/x.json")));
    Ledger.open(tmp.resolve("other"), MICRO);
    assertThrows(BadInputException.class, () -> Ledger.open(tmp.resolve("other"), SweepPreset.tiny()));
  }

  @Test
  void budgetTooSmallForAnyModelIsExitCodeTwo() {
    assertEquals(2, Main.run("sweep", "--preset", "micro", "--budgets", "1e3", "--out", tmp.resolve("small").toString()));
    assertFalse(Files.exists(tmp.resolve("small")));
  }

  private static void assertSameAsReference(Map<String, LedgerRecord> got) {
    assertEquals(reference.keySet(), got.keySet());
    for (var e : reference.entrySet()) {
      LedgerRecord want = e.getValue(), have = got.get(e.getKey());
      assertEquals(Double.doubleToLongBits(want.finalEvalLoss()), Double.doubleToLongBits(have.finalEvalLoss()), e.getKey());
      assertEquals(want.curve().size(), have.curve().size(), e.getKey());
      for (int i = 0; i < want.curve().size(); i++) {
        assertEquals(want.curve().get(i).evalLoss(), have.curve().get(i).evalLoss(), 0.0, e.getKey() + " curve " + i);
        assertEquals(want.curve().get(i).trainLoss(), have.curve().get(i).trainLoss(), 0.0, e.getKey() + " curve " + i);
      }
    }
  }

  private static int count(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) return 0;
    try (Stream<Path> s = Files.list(dir)) {
      return (int) s.filter(f -> f.getFileName().toString().endsWith(suffix)).count();
    }
  }

  private static Process sweepProcess(Path out, String shard) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true",
        "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir", tmp.resolve("javacpp").toString()),
        "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "sweep", "--preset", "micro", "--out", out.toString(), "--build-dir", tmp.toString(), "--json"));
    if (shard != null) {
      cmd.add("--shard");
      cmd.add(shard);
    }
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(tmp.resolve("sweep-" + (shard == null ? "all" : shard.replace('/', '-')) + ".err").toFile());
    return pb.start();
  }

  static String classPath() {
    return System.getProperty("java.class.path").replace(File.pathSeparatorChar, ':');
  }
}

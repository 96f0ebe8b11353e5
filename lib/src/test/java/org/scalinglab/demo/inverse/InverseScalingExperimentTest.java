package org.scalinglab.demo.inverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalinglab.error.BadInputException;
import org.scalinglab.demo.inverse.InverseScalingExperiment.Size;
import org.scalinglab.plot.InverseScalingCharts;

/** A small fast version of the experiment: one seed of three sizes (≈10 s on two idle cores). */
class InverseScalingExperimentTest {
  @Test
  void smallMidAndLargeModelsTraceTheU() {
    var exp = InverseScalingExperiment.ci().withSeeds(1).withPrompts(64)
        .withSizes(List.of(new Size(1, 4, 1), new Size(1, 16, 2), new Size(1, 32, 4)));
    InverseScalingResult r = exp.run(null);
    double[] task = r.taskMeans(), control = r.controlMeans();
    assertTrue(task[0] > 0.25 && task[0] < 0.6, "the smallest model is near indifferent: " + task[0]);
    assertTrue(task[1] < 0.1, "the mid-size model falls into the trap: " + task[1]);
    assertTrue(task[2] > 0.5, "the largest model follows the instruction: " + task[2]);
    assertEquals(1, r.valley());
    assertTrue(control[0] < control[1] && control[1] < control[2], "the control scales normally");
    // the mid-size model puts about the prior-only probability 1 − r + r/(E − 1) on the trap
    assertEquals(0.8 + 0.2 / 7, r.bySize().get(1).trapProbability().mean(), 0.1);
    assertEquals(3, r.table().rowCount());
    assertTrue(r.extrapolateTask(2).errorAtLargest() < -0.4, "a trend from the two smallest misses the recovery");
    InverseScalingCharts.scaling(r);
    InverseScalingCharts.extrapolation(r, 2);
  }

  @Test
  void sameSeedSameResult() {
    var exp = InverseScalingExperiment.ci().withSeeds(1).withPrompts(32).withTokens(2e4).withSizes(List.of(new Size(1, 8, 2)));
    var a = exp.run(null).runs().get(0);
    var b = exp.run(null).runs().get(0);
    assertEquals(a.task(), b.task(), 0);
    assertEquals(a.control(), b.control(), 0);
    assertEquals(a.evalLoss(), b.evalLoss(), 0);
  }

  @Test
  void aLedgerKeepsFinishedRunsAndResumes(@TempDir Path dir) throws IOException {
    var one = InverseScalingExperiment.ci().withSeeds(1).withPrompts(16).withTokens(1e4).withSizes(List.of(new Size(1, 8, 2)));
    var first = one.run(null, dir).runs().get(0);
    var out = new ByteArrayOutputStream();
    var two = one.withSeeds(2).run(new PrintStream(out, true, StandardCharsets.UTF_8), dir);
    assertEquals(first, two.runs().get(0), "seed 1 is read back, not trained again");
    String log = out.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("seed 1") && log.contains("from the ledger"), log);
    assertEquals(1, log.split("from the ledger", -1).length - 1, "only seed 1 came from the ledger: " + log);
    assertEquals(2, Files.readAllLines(dir.resolve("runs.jsonl")).size());
    // another budget is another experiment: nothing is reused
    var other = one.withTokens(2e4).run(null, dir);
    assertNotEquals(first.evalLoss(), other.runs().get(0).evalLoss());
    Files.writeString(dir.resolve("runs.jsonl"), "{not json\n", StandardOpenOption.APPEND);
    var e = assertThrows(BadInputException.class, () -> one.run(null, dir));
    assertTrue(e.getMessage().contains("line 4"), e.getMessage());
  }

  @Test
  void anInterruptedThreadStopsTheExperiment() {
    var exp = InverseScalingExperiment.ci().withSeeds(1).withPrompts(16).withTokens(1e5).withSizes(List.of(new Size(1, 8, 2)));
    Thread.currentThread().interrupt();
    try {
      assertThrows(CancellationException.class, () -> exp.run(null));
    } finally {
      Thread.interrupted(); // clear the flag for the next test
    }
  }
}

package org.scalinglab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalinglab.error.BadInputException;
import org.scalinglab.train.DataSpec;
import org.scalinglab.train.LstmConfig;
import org.scalinglab.train.Lstm;
import org.scalinglab.train.TrainSettings;
import org.scalinglab.train.Trainer;
import org.scalinglab.train.TransformerConfig;

/** The resumable sweep over an explicit grid of transformers and LSTMs, each with its own settings if it has them. */
class ArchitectureGridTest {
  static final TrainSettings S = TrainSettings.defaults().withBatch(4).withThreads(1).withLearningRate(1e-2).withEval(2, 2).withCheckpointEvery(5);

  static ArchitectureGrid grid(double tokens) {
    TransformerConfig t = TransformerConfig.of(8, 8, 1, 16, 1);
    return ArchitectureGrid.builder("unit", DataSpec::markov, S).parallelRuns(2).positionBatches(2)
        .transformer("a", t, tokens)
        .transformer("a", TransformerConfig.ofSize(8, 8, 2, 2, t.nonEmbeddingParams()), tokens)
        .lstm("a", LstmConfig.matching(t, 1), tokens)
        .transformer("init2", t, tokens, S.withInitSeed(2))
        .lstm("b8", LstmConfig.matching(t, 1), tokens, S.withBatch(8))
        .build();
  }

  @Test
  void trainsEveryRunOnceRecordsShapesAndResumes(@TempDir Path tmp) {
    ArchitectureGrid g = grid(800);
    SweepResult r = Sweep.run(g, tmp.resolve("grid"), tmp, Shard.ALL, SweepProgress.NONE);
    assertEquals(5, r.records().size());
    Map<String, LedgerRecord> byId = Ledger.read(tmp.resolve("grid")).completed();
    LedgerRecord lstm = byId.get("a-lstmL1-h" + LstmConfig.matching(TransformerConfig.of(8, 8, 1, 16, 1), 1).hidden());
    assertNotNull(lstm, byId.keySet().toString());
    assertTrue(lstm.model().startsWith("lstm"));
    assertEquals(0, lstm.heads());
    assertEquals(8, lstm.lossByPosition().length);
    LedgerRecord b8 = byId.get("b8-lstm" + lstm.model().substring(5));
    assertEquals(8, b8.batch());
    assertEquals(Trainer.stepsFor(800, 8, 8), b8.steps());
    assertTrue(byId.get("a-TL1-d16-h1-f64").finalEvalLoss() != byId.get("init2-TL1-d16-h1-f64").finalEvalLoss());
    // the same LSTM run outside the sweep gives the same numbers
    try (Lstm m = new Lstm(LstmConfig.matching(TransformerConfig.of(8, 8, 1, 16, 1), 1), 4, S.initSeed(), 1)) {
      assertEquals(Trainer.train(m, DataSpec.markov(), 800, S, null, Trainer.Progress.NONE, 0).finalEvalLoss(), lstm.finalEvalLoss(), 0);
    }
    SweepResult again = Sweep.run(g, tmp.resolve("grid"), tmp, Shard.ALL, SweepProgress.NONE);
    assertEquals(5, again.alreadyDone());
    assertEquals(0, again.trained());
    assertThrows(BadInputException.class, () -> Ledger.open(tmp.resolve("grid"), grid(1600)));
  }

  @Test
  void duplicateRunsAndEmptyGridsAreRefused() {
    TransformerConfig t = TransformerConfig.of(8, 8, 1, 16, 1);
    var b = ArchitectureGrid.builder("dup", DataSpec::markov, S).transformer("x", t, 100);
    assertThrows(IllegalArgumentException.class, () -> b.transformer("x", t, 100));
    assertThrows(IllegalArgumentException.class, () -> ArchitectureGrid.builder("empty", DataSpec::markov, S).build());
  }

  @Test
  void transformerRunsOfPresetsCarryNoOwnSettingsOrLstm() {
    for (RunSpec r : SweepPreset.micro().plan()) {
      assertNull(r.lstm());
      assertNull(r.settings());
    }
    assertEquals(List.of(), SweepPreset.micro().plan().stream().filter(RunSpec::isLstm).toList());
  }

  @Test
  void shapesOfAGivenSizeAreClosestInNonEmbeddingParameters() {
    TransformerConfig c = TransformerConfig.ofSize(16, 32, 4, 4, 25_000);
    assertEquals(4, c.layers());
    assertEquals(4 * c.dModel(), c.dFf());
    for (int d : new int[] {c.dModel() - 1, c.dModel() + 1}) {
      int h = Math.max(1, d / 16);
      while (d % h != 0) h--;
      TransformerConfig n = new TransformerConfig(16, 32, 4, d, h, 4 * d);
      assertTrue(Math.abs(n.nonEmbeddingParams() - 25_000) >= Math.abs(c.nonEmbeddingParams() - 25_000));
    }
    assertEquals(c.dModel() / 4.0, c.aspectRatio(), 0);
  }
}

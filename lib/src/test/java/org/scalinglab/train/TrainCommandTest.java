package org.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalinglab.cli.Main;

class TrainCommandTest {
  @TempDir Path tmp;

  @Test
  void trainsATinyModelAndTheLossFalls() {
    assertEquals(0, Main.run("train", "--layers", "1", "--d-model", "16", "--context", "8", "--batch", "8",
        "--tokens", "2e4", "--threads", "1", "--lr", "1e-2", "--json"));
    try (Transformer m = new Transformer(TransformerConfig.of(8, 8, 1, 16, 1), 8, 1L, 1)) {
      TrainResult r = Trainer.train(m, DataSpec.markov(), 3e4, TrainSettings.defaults().withBatch(8).withThreads(1).withLearningRate(1e-2),
          null, Trainer.Progress.NONE, 0);
      assertTrue(r.finalEvalLoss() < Math.log(8) - 0.3, "loss " + r.finalEvalLoss());
      assertTrue(r.finalEvalLoss() > DataSpec.markov().entropyRate(), "no model beats the entropy rate");
    }
  }

  @Test
  void trainsAMatchedLstmFromTheCommandLine() {
    assertEquals(0, Main.run("train", "--model", "lstm", "--layers", "1", "--d-model", "16", "--context", "8", "--batch", "8",
        "--tokens", "1e4", "--threads", "1", "--json"));
    assertEquals(0, Main.run("train", "--model", "lstm", "--hidden", "8", "--layers", "1", "--context", "8", "--batch", "4",
        "--tokens", "2e3", "--threads", "1", "--json"));
  }

  @Test
  void anLstmLearnsTheMarkovLanguage() {
    try (Lstm m = new Lstm(LstmConfig.matching(TransformerConfig.of(8, 8, 1, 16, 1), 1), 8, 1L, 1)) {
      TrainResult r = Trainer.train(m, DataSpec.markov(), 3e4, TrainSettings.defaults().withBatch(8).withThreads(1).withLearningRate(1e-2),
          null, Trainer.Progress.NONE, 0);
      assertTrue(r.finalEvalLoss() < Math.log(8) - 0.3, "loss " + r.finalEvalLoss());
      assertTrue(r.finalEvalLoss() > DataSpec.markov().entropyRate(), "no model beats the entropy rate");
      assertEquals(m.nonEmbeddingParams(), r.nonEmbeddingParams());
      assertTrue(r.model().startsWith("lstm "));
    }
  }

  @Test
  void badConfigurationsAreOneLineAndExitCodeTwo() throws Exception {
    assertEquals(2, Main.run("train", "--d-model", "30", "--heads", "4", "--tokens", "1e4"));
    assertEquals(2, Main.run("train", "--data", tmp.resolve("missing.txt").toString(), "--tokens", "1e4"));
    Path empty = Files.createFile(tmp.resolve("empty.txt"));
    assertEquals(2, Main.run("train", "--data", empty.toString(), "--tokens", "1e4"));
    assertEquals(2, Main.run("train", "--model", "rnn", "--tokens", "1e4"));
    assertEquals(2, Main.run("train", "--model", "transformer", "--hidden", "8", "--tokens", "1e4"));
    assertEquals(2, Main.run("train", "--model", "lstm", "--hidden", "0", "--tokens", "1e4"));
    assertEquals(2, Main.run("sweep", "--preset", "huge"));
  }
}

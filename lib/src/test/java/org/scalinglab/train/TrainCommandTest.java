package org.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.google.gson.JsonObject;
import org.scalinglab.cli.CliRun;
import org.scalinglab.cli.Main;
import org.scalinglab.data.Json;

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
    CliRun matched = CliRun.of("train", "--model", "lstm", "--layers", "1", "--d-model", "16", "--context", "8", "--batch", "8",
        "--tokens", "1e4", "--threads", "1", "--lr", "1e-2", "--json");
    assertEquals(0, matched.code(), matched.err());
    JsonObject r = Json.parseObject(matched.out().strip());
    assertTrue(r.get("model").getAsString().startsWith("lstm "), r.toString());
    // matched to the transformer of d_model 16, 1 layer: the same non-embedding size within one hidden unit's worth
    long transformer = TransformerConfig.of(8, 8, 1, 16, 1).nonEmbeddingParams();
    LstmConfig lstm = LstmConfig.matching(TransformerConfig.of(8, 8, 1, 16, 1), 1);
    assertEquals(lstm.nonEmbeddingParams(), r.get("nonEmbeddingParams").getAsLong());
    assertEquals(transformer, lstm.nonEmbeddingParams(), 16.0 * lstm.hidden() + 8);
    assertTrue(r.get("finalEvalLoss").getAsDouble() < Math.log(8), "the LSTM learned something: " + r.get("finalEvalLoss"));

    CliRun hidden = CliRun.of("train", "--model", "lstm", "--hidden", "8", "--layers", "1", "--context", "8", "--batch", "4",
        "--tokens", "2e3", "--threads", "1", "--json");
    assertEquals(0, hidden.code(), hidden.err());
    assertEquals(new LstmConfig(8, 8, 1, 8).nonEmbeddingParams(),
        Json.parseObject(hidden.out().strip()).get("nonEmbeddingParams").getAsLong(), "--hidden 8 is the hidden width used");
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
    Path empty = Files.createFile(tmp.resolve("empty.txt"));
    String[][] bad = {
        {"train", "--d-model", "30", "--heads", "4", "--tokens", "1e4"},
        {"train", "--data", tmp.resolve("missing.txt").toString(), "--tokens", "1e4"},
        {"train", "--data", empty.toString(), "--tokens", "1e4"},
        {"train", "--model", "rnn", "--tokens", "1e4"},
        {"train", "--model", "transformer", "--hidden", "8", "--tokens", "1e4"},
        {"train", "--model", "lstm", "--hidden", "0", "--tokens", "1e4"},
        {"sweep", "--preset", "huge"}};
    for (String[] args : bad) {
      CliRun r = CliRun.of(args);
      String what = String.join(" ", args);
      assertEquals(2, r.code(), what);
      assertEquals("", r.out(), what + ": nothing on stdout");
      String err = r.err().strip();
      assertTrue(err.startsWith("scalinglab: error: "), what + ": " + err);
      assertEquals(1, err.lines().count(), what + ": one line, got: " + err);
    }
  }
}

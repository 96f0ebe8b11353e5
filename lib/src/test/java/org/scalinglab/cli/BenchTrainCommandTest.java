package org.scalinglab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchTrainCommandTest {

  /** --profile adds the fraction of the step spent in each phase; the phases never exceed the step. */
  @Test
  void profileSplitsTheStepIntoPhases() {
    CliRun r = CliRun.of("bench", "train", "--no-torch", "--repeats", "1", "--warmup", "1", "--steps", "1", "--profile", "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject root = JsonParser.parseString(r.out().strip()).getAsJsonObject();
    assertTrue(root.get("tokens_per_s").getAsDouble() > 0, r.out());
    JsonObject fr = root.getAsJsonObject("profile").getAsJsonObject("fraction_of_step");
    for (String phase : new String[] {"linear", "layer_norm", "attention_softmax", "gelu", "softmax_xent", "optimiser"}) {
      assertTrue(fr.has(phase) && fr.get(phase).getAsDouble() > 0, phase + " in " + fr);
    }
    double sum = 0;
    for (Map.Entry<String, com.google.gson.JsonElement> e : fr.entrySet()) sum += e.getValue().getAsDouble();
    assertTrue(sum > 0.5 && sum <= 1.0 + 1e-9, "phases add up to " + sum + " of the step");
  }
}

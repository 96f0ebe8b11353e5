package org.scalinglab.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalinglab.hardware.EmulatedGpuDevice;
import org.scalinglab.train.TransformerConfig;

/**
 * GpuCheck's three training steps (one step vs the CPU engine, the loss curve, tokens/s) run on the
 * emulated device with small models: the comparison code, the JSON each step writes and the time
 * boxes, without a GPU. On the GPU the same code runs on {@link CudaGpuDevice} with the benchmark
 * GPT and the GPT-2-small shape.
 */
class TrainingChecksTest {
  @Test
  void theTrainingStepsPassOnTheEmulatedDevice(@TempDir Path out) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    GpuCheck check = new GpuCheck(out, 64, 1, 0, 90, new PrintStream(err, true, StandardCharsets.UTF_8));
    check.benchConfig = TransformerConfig.of(37, 16, 2, 32, 4);
    check.benchBatch = 2;
    check.speedConfig = TransformerConfig.of(29, 8, 1, 16, 2);
    check.speedBatch = 2;
    check.curveSteps = 30;
    check.curveSeconds = 60;
    check.speedSteps = 2;
    check.speedSeconds = 60;
    try (EmulatedGpuDevice dev = new EmulatedGpuDevice()) {
      check.trainingChecks(dev);
      assertEquals(0, dev.liveBuffers(), "every step frees its buffers");
    }
    Map<String, JsonObject> steps = new HashMap<>();
    for (var e : check.steps()) steps.put(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject());
    String log = err.toString(StandardCharsets.UTF_8);
    JsonObject one = steps.get("gpt-step-vs-cpu");
    assertEquals("passed", one.get("status").getAsString(), log);
    assertTrue(one.get("loss_relative_error").getAsDouble() <= 1e-5, one.toString());
    assertEquals(4 + 12 * 2, one.getAsJsonArray("gradients").size());
    assertTrue(one.get("repeatable").getAsBoolean());
    JsonObject curve = steps.get("loss-curve-vs-cpu");
    assertEquals("passed", curve.get("status").getAsString(), log);
    assertEquals(30, curve.get("steps").getAsInt());
    assertEquals(30, curve.getAsJsonArray("loss_gpu").size());
    assertTrue(curve.get("worst_step_relative_difference").getAsDouble() <= 1e-4, curve.toString());
    JsonObject speed = steps.get("tokens-per-second-vs-pytorch");
    assertEquals("passed", speed.get("status").getAsString(), log);
    assertEquals(2, speed.getAsJsonArray("runs").size(), "fp32 and TF32");
    assertEquals(4, speed.getAsJsonArray("runs").get(0).getAsJsonObject().get("steps_timed").getAsInt(), "two rounds of two");
  }

  @Test
  void aTimeBoxEndsTheLossCurveAndIsRecorded(@TempDir Path out) {
    GpuCheck check = new GpuCheck(out, 64, 1, 0, 90, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    check.benchConfig = TransformerConfig.of(37, 16, 2, 32, 4);
    check.benchBatch = 2;
    check.speedConfig = TransformerConfig.of(29, 8, 1, 16, 2);
    check.speedBatch = 1;
    check.curveSteps = 100000;
    check.curveSeconds = 1;
    check.speedSteps = 100000;
    check.speedSeconds = 1;
    try (EmulatedGpuDevice dev = new EmulatedGpuDevice()) {
      check.trainingChecks(dev);
    }
    Map<String, JsonObject> steps = new HashMap<>();
    for (var e : check.steps()) steps.put(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject());
    JsonObject curve = steps.get("loss-curve-vs-cpu");
    assertTrue(curve.get("timed_out").getAsBoolean(), curve.toString());
    assertTrue(curve.get("steps").getAsInt() < 100000);
    assertTrue(steps.get("tokens-per-second-vs-pytorch").get("timed_out").getAsBoolean());
  }
}

package org.scalinglab.hardware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalinglab.hardware.GpuDevice.Type;
import org.scalinglab.train.AdamW;
import org.scalinglab.train.Checkpoint;
import org.scalinglab.train.NativeFloats;
import org.scalinglab.train.Transformer;
import org.scalinglab.train.TransformerConfig;
import org.scalinglab.train.WorkerPool;

/**
 * The GPU engine's host code ({@link GpuTransformer}) on the {@link EmulatedGpuDevice} (every kernel
 * launch runs its Java transcription, every product a loop in double) against the CPU engine
 * ({@link Transformer} with {@link AdamW}): the parameter layout, one step's loss and every gradient,
 * a run of training steps, and moving parameters and optimiser state between the engines. What this
 * checks is what the host decides: buffer sizes, offsets, argument order and types, launch geometry,
 * the sequence of calls. It cannot check the CUDA side (compilation, the GPU's own arithmetic, races):
 * {@code gpu.GpuCheck} does that on a GPU, with this same engine on {@code CudaGpuDevice}.
 */
class GpuTransformerTest {
  static WorkerPool pool;
  static final boolean REPORT = System.getProperty("logic.report") != null || System.getenv("LOGIC_REPORT") != null;

  @BeforeAll
  static void setUp() {
    pool = new WorkerPool(2);
  }

  @AfterAll
  static void tearDown() {
    pool.close();
  }

  // the edges of the logic test's step: lanes holding one or two channels (C 40, V 37), rows of 1 … 35 keys,
  // 105 rows (not a multiple of 8 rows per block nor of 32-row chunks)
  static final TransformerConfig SMALL = TransformerConfig.of(37, 35, 2, 40, 4);
  static final int BATCH = 3;

  /** Max over the tensor of |gpu − cpu| / (|cpu| + floor·max|cpu|). */
  static double worst(float[] cpu, float[] gpu, int off, int n, double floor) {
    double scale = 0;
    for (int i = off; i < off + n; i++) scale = Math.max(scale, Math.abs(cpu[i]));
    double w = 0;
    for (int i = off; i < off + n; i++) {
      double e = Math.abs(gpu[i] - cpu[i]) / (Math.abs(cpu[i]) + floor * scale + Double.MIN_VALUE);
      if (!(e <= w)) w = e;
    }
    return w;
  }

  static void perturb(Transformer model, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    NativeFloats p = model.params();
    for (int i = 0; i < p.length(); i++) p.set(i, p.get(i) + (float) (0.05 * r.nextGaussian())); // generic gains and biases
  }

  @Test
  void parameterLayoutIsTheCpuEnginesTensorByTensor() {
    try (Transformer cpu = new Transformer(SMALL, 1, 1L, pool); EmulatedGpuDevice dev = new EmulatedGpuDevice();
        GpuTransformer gpu = new GpuTransformer(SMALL, BATCH, AdamW.Settings.DEFAULT, dev)) {
      assertEquals(cpu.params().length(), gpu.numParams());
      for (String name : new String[] {"wte", "wpe", "lnfw", "lnfb"}) assertEquals(cpu.offsetOf(name, -1), gpu.offsetOf(name, -1), name);
      for (int l = 0; l < SMALL.layers(); l++) {
        for (String name : GpuTransformer.LAYER_TENSORS) assertEquals(cpu.offsetOf(name, l), gpu.offsetOf(name, l), name + "[" + l + "]");
      }
      assertArrayEquals(cpu.decayed(), gpu.decayed());
    }
  }

  @Test
  void oneStepLossAndEveryGradientAgreeWithTheCpuEngine() {
    int V = SMALL.vocab(), T = SMALL.context();
    int[][] data = AffineTokenStream.batch(new SplittableRandom(12), BATCH, T, V);
    try (Transformer cpu = new Transformer(SMALL, BATCH, 13L, pool); EmulatedGpuDevice dev = new EmulatedGpuDevice();
        GpuTransformer gpu = new GpuTransformer(SMALL, BATCH, AdamW.Settings.DEFAULT, dev)) {
      perturb(cpu, 14);
      gpu.setParams(cpu.params().toArray());
      double cpuLoss = cpu.forward(data[0], data[1]);
      cpu.backward();
      double gpuLoss = gpu.forwardBackward(data[0], data[1]);
      float[] cg = cpu.grads().toArray(), gg = gpu.grads();
      double lossErr = Math.abs(gpuLoss - cpuLoss) / cpuLoss;
      if (REPORT) System.out.printf("loss cpu %.8f gpu %.8f relative %.2e%n", cpuLoss, gpuLoss, lossErr);
      assertTrue(lossErr <= 1e-5, "loss " + gpuLoss + " vs cpu " + cpuLoss);
      double worstAll = 0;
      int tensors = 0;
      for (String[] t : tensors(SMALL)) {
        String name = t[0];
        int layer = Integer.parseInt(t[1]);
        int off = gpu.offsetOf(name, layer), n = gpu.sizeOf(name, layer);
        double w = worst(cg, gg, off, n, 1e-2);
        worstAll = Math.max(worstAll, w);
        tensors++;
        if (REPORT) System.out.printf("gradient %-12s worst %.2e%n", name + (layer >= 0 ? "[" + layer + "]" : ""), w);
        assertTrue(w <= 1e-4, "gradient of " + name + "[" + layer + "]: relative error " + w);
      }
      assertEquals(4 + 12 * SMALL.layers(), tensors);
      if (REPORT) System.out.printf("worst gradient over %d tensors %.2e%n", tensors, worstAll);
      // every kernel of a training step but the update ran; the update's run below
      gpu.update(1e-3);
      for (GpuKernel k : GpuKernel.values()) {
        boolean used = dev.launches().containsKey(k);
        boolean expected = !(k == GpuKernel.MATMUL_NAIVE || k == GpuKernel.MATMUL_TILED
            || k == GpuKernel.CROSSENTROPY_SOFTMAX_FORWARD_BACKWARD);
        assertEquals(expected, used, k.kernelName() + " launched");
      }
    }
  }

  static String[][] tensors(TransformerConfig cfg) {
    String[][] out = new String[4 + 12 * cfg.layers()][];
    int i = 0;
    for (String n : new String[] {"wte", "wpe", "lnfw", "lnfb"}) out[i++] = new String[] {n, "-1"};
    for (int l = 0; l < cfg.layers(); l++) {
      for (String n : GpuTransformer.LAYER_TENSORS) out[i++] = new String[] {n, Integer.toString(l)};
    }
    return out;
  }

  @Test
  void twentyTrainingStepsFollowTheCpuEnginesLossCurve() {
    int V = SMALL.vocab(), T = SMALL.context(), steps = 20;
    AdamW.Settings settings = AdamW.Settings.DEFAULT;
    SplittableRandom r = new SplittableRandom(21);
    try (Transformer cpu = new Transformer(SMALL, BATCH, 22L, pool); EmulatedGpuDevice dev = new EmulatedGpuDevice();
        GpuTransformer gpu = new GpuTransformer(SMALL, BATCH, settings, dev)) {
      AdamW opt = new AdamW(cpu.params().length(), settings);
      gpu.setParams(cpu.params().toArray());
      double worstLoss = 0, first = 0, last = 0;
      for (int s = 0; s < steps; s++) {
        int[][] data = AffineTokenStream.batch(r, BATCH, T, V);
        double lr = 3e-3 * Math.min(1, (s + 1) / 5.0); // a warm-up, as the trainer's schedules have
        double cl = cpu.forward(data[0], data[1]);
        cpu.backward();
        double cn = opt.update(cpu.params(), cpu.grads(), cpu.decayed(), lr, pool);
        double gl = gpu.trainStep(data[0], data[1], lr);
        double e = Math.abs(gl - cl) / cl;
        worstLoss = Math.max(worstLoss, e);
        if (REPORT) System.out.printf("step %2d loss cpu %.6f gpu %.6f rel %.2e  norm cpu %.5f gpu %.5f%n", s, cl, gl, e, cn,
            gpu.lastGradNorm());
        assertTrue(e <= 1e-4, "step " + s + ": loss " + gl + " vs cpu " + cl);
        assertTrue(Math.abs(gpu.lastGradNorm() - cn) <= 1e-4 * cn, "step " + s + ": gradient norm " + gpu.lastGradNorm() + " vs " + cn);
        if (s == 0) first = cl;
        last = cl;
      }
      assertTrue(last < first - 0.3, "the loss fell (" + first + " → " + last + ")");
      float[] cp = cpu.params().toArray(), gp = gpu.params();
      double w = worst(cp, gp, 0, cp.length, 1e-2);
      if (REPORT) System.out.printf("after %d steps: worst loss rel %.2e, parameters worst %.2e%n", steps, worstLoss, w);
      // AdamW divides each gradient entry by its own RMS, so where a gradient is near 0 the update's size follows
      // rounding noise (up to lr per step): parameters agree less tightly than the losses do
      assertTrue(w <= 1e-2, "parameters after " + steps + " steps: relative error " + w);
      assertEquals(steps, gpu.step());
    }
  }

  @Test
  void parametersAndOptimiserStateMoveBetweenTheEngines(@TempDir Path dir) throws Exception {
    AdamW.Settings settings = AdamW.Settings.DEFAULT;
    int V = SMALL.vocab(), T = SMALL.context();
    SplittableRandom r = new SplittableRandom(31);
    try (Transformer cpu = new Transformer(SMALL, BATCH, 32L, pool); EmulatedGpuDevice dev = new EmulatedGpuDevice()) {
      try (GpuTransformer gpu = new GpuTransformer(SMALL, BATCH, settings, dev)) {
        float[] p = cpu.params().toArray();
        gpu.setParams(p);
        assertArrayEquals(p, gpu.params(), "parameters up and down bit for bit");
        // two steps on the CPU, then the GPU takes over (a CPU checkpoint resumed on the GPU) for one more
        AdamW opt = new AdamW(p.length, settings);
        for (int s = 0; s < 2; s++) {
          int[][] d = AffineTokenStream.batch(r, BATCH, T, V);
          cpu.forward(d[0], d[1]);
          cpu.backward();
          opt.update(cpu.params(), cpu.grads(), cpu.decayed(), 1e-3, pool);
        }
        gpu.setParams(cpu.params().toArray());
        gpu.setOptimizerState(opt.firstMoment().toArray(), opt.secondMoment().toArray(), opt.step());
        assertArrayEquals(opt.firstMoment().toArray(), gpu.firstMoment());
        assertArrayEquals(opt.secondMoment().toArray(), gpu.secondMoment());
        int[][] d = AffineTokenStream.batch(r, BATCH, T, V);
        cpu.forward(d[0], d[1]);
        cpu.backward();
        opt.update(cpu.params(), cpu.grads(), cpu.decayed(), 1e-3, pool);
        gpu.trainStep(d[0], d[1], 1e-3);
        assertEquals(3, gpu.step());
        float[] cp = cpu.params().toArray(), gp = gpu.params();
        assertTrue(worst(cp, gp, 0, cp.length, 1e-2) <= 1e-4, "the resumed step agrees: " + worst(cp, gp, 0, cp.length, 1e-2));
        // and back: the GPU's state through a checkpoint file into a fresh CPU engine, which trains on
        NativeFloats saveP = NativeFloats.zeros(gp.length);
        AdamW saveOpt = new AdamW(gp.length, settings);
        gpu.store(saveP, saveOpt);
        Path file = dir.resolve("gpu.ckpt");
        Checkpoint.write(file, "gpu-test", gpu.step(), 0, 0, 0, List.of(), saveP, saveOpt);
        try (Transformer resumed = new Transformer(SMALL, BATCH, 99L, pool)) {
          AdamW resumedOpt = new AdamW(gp.length, settings);
          assertTrue(Checkpoint.read(file, "gpu-test", resumed.params(), resumedOpt) != null);
          assertArrayEquals(gp, resumed.params().toArray(), "parameters through the checkpoint");
          assertArrayEquals(gpu.secondMoment(), resumedOpt.secondMoment().toArray());
          assertEquals(3, resumedOpt.step());
          // both engines take a fourth step from there: the same update
          int[][] d4 = AffineTokenStream.batch(r, BATCH, T, V);
          resumed.forward(d4[0], d4[1]);
          resumed.backward();
          resumedOpt.update(resumed.params(), resumed.grads(), resumed.decayed(), 1e-3, pool);
          gpu.trainStep(d4[0], d4[1], 1e-3);
          float[] rp = resumed.params().toArray(), gp4 = gpu.params();
          assertTrue(worst(rp, gp4, 0, rp.length, 1e-2) <= 1e-4, "step 4 after the checkpoint: " + worst(rp, gp4, 0, rp.length, 1e-2));
          // and the GPU loads the CPU's state back
          gpu.load(resumed.params(), resumedOpt);
          assertArrayEquals(rp, gpu.params());
          assertEquals(4, gpu.step());
        }
        assertThrows(IllegalArgumentException.class, () -> gpu.setParams(new float[3]));
        assertThrows(IllegalArgumentException.class, () -> gpu.forward(new int[5], new int[5]));
        int[] bad = d[0].clone();
        bad[7] = V;
        assertThrows(IllegalArgumentException.class, () -> gpu.forward(bad, d[1]));
      }
      assertEquals(0, dev.liveBuffers(), "closing the engine frees every buffer");
    }
  }

  @Test
  void theEmulatedDeviceRejectsWrongArgumentsAndGeometry() {
    try (EmulatedGpuDevice dev = new EmulatedGpuDevice()) {
      GpuDevice.Buffer x = dev.alloc(Type.FLOAT, 100), yb = dev.alloc(Type.FLOAT, 100), ints = dev.alloc(Type.INT, 100);
      KernelLaunch ok = GpuKernel.RESIDUAL_ADD.rule().launch(100);
      dev.upload(x.ptr(), filled(100, 1f));
      dev.upload(yb.ptr(), filled(100, 2f));
      dev.launch(GpuKernel.RESIDUAL_ADD, ok, x.ptr(), yb.ptr(), 100);
      assertArrayEquals(filled(100, 3f), dev.downloadFloats(x.ptr(), 100));
      // a pointer into the middle: the kernel sees the rest of the buffer, and its writes land there
      dev.launch(GpuKernel.RESIDUAL_ADD, GpuKernel.RESIDUAL_ADD.rule().launch(10), x.at(90), yb.ptr(), 10);
      assertEquals(5f, dev.downloadFloats(x.at(90), 10)[9]);
      assertEquals(3f, dev.downloadFloats(x.at(89), 1)[0]);
      String m;
      m = assertThrows(IllegalArgumentException.class, () -> dev.launch(GpuKernel.RESIDUAL_ADD, ok, x.ptr(), yb.ptr())).getMessage();
      assertTrue(m.contains("takes 3 arguments"), m);
      m = assertThrows(IllegalArgumentException.class, () -> dev.launch(GpuKernel.RESIDUAL_ADD, ok, x.ptr(), ints.ptr(), 100)).getMessage();
      assertTrue(m.contains("expected float*"), m);
      m = assertThrows(IllegalArgumentException.class, () -> dev.launch(GpuKernel.RESIDUAL_ADD, ok, x.ptr(), yb.ptr(), 100f)).getMessage();
      assertTrue(m.contains("int n"), m);
      m = assertThrows(IllegalArgumentException.class,
          () -> dev.launch(GpuKernel.RESIDUAL_ADD, GpuKernel.RESIDUAL_ADD.rule().launch(1000), x.ptr(), yb.ptr(), 100)).getMessage();
      assertTrue(m.contains("its rule"), m);
      // a kernel told of more elements than the buffer holds fails instead of reading past it
      assertThrows(RuntimeException.class,
          () -> dev.launch(GpuKernel.RESIDUAL_ADD, GpuKernel.RESIDUAL_ADD.rule().launch(200), x.ptr(), yb.ptr(), 200));
      assertThrows(IllegalArgumentException.class, () -> dev.sgemm(false, false, 10, 11, 10, 1f, x.ptr(), yb.ptr(), 0f, x.ptr()));
    }
  }

  static float[] filled(int n, float v) {
    float[] a = new float[n];
    Arrays.fill(a, v);
    return a;
  }
}

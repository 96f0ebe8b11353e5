package org.scalinglab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalinglab.data.Runs;
import org.scalinglab.fit.SyntheticRuns;
import org.scalinglab.fit.Approach3Fit;
import org.scalinglab.fit.Approach3Result;
import org.scalinglab.fit.Bootstrap;
import org.scalinglab.fit.StartGrid;
import org.scalinglab.law.ChinchillaLaw;
import org.scalinglab.train.DataSpec;
import org.scalinglab.train.TrainSettings;
import org.scalinglab.train.Trainer;
import org.scalinglab.train.Transformer;
import org.scalinglab.train.TransformerConfig;
import org.scalinglab.train.WorkerPool;

/**
 * Every long loop of the library stops soon after its thread is interrupted (what the kernel's
 * interrupt does to a cell): training per step, sweeps (and their worker threads), multi-start fits
 * per start, the bootstrap per resample. Each stops with a CancellationException well within 2 s.
 */
class InterruptionTest {
  private static final long LIMIT_MILLIS = 2000;

  /** Runs {@code task} on a thread, interrupts it once {@code started} opens, returns what it threw. */
  private static Throwable interruptWhenStarted(ThrowingRunnable task, CountDownLatch started) throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean returned = new AtomicBoolean();
    Thread t = new Thread(() -> {
      try {
        task.run();
        returned.set(true);
      } catch (Throwable e) {
        thrown.set(e);
      }
    }, "interruption-test");
    t.setDaemon(true);
    t.start();
    assertTrue(started.await(120, TimeUnit.SECONDS), "the work never started");
    long t0 = System.nanoTime();
    t.interrupt();
    t.join(LIMIT_MILLIS * 5);
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(!t.isAlive(), "still running " + millis + " ms after the interrupt");
    assertTrue(!returned.get(), "the work finished before the interrupt: make it longer");
    assertTrue(millis < LIMIT_MILLIS, "stopped " + millis + " ms after the interrupt (limit " + LIMIT_MILLIS + " ms)");
    return thrown.get();
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void trainingStopsWithinAStepAndKeepsACheckpoint(@TempDir Path dir) throws Exception {
    Path checkpoint = dir.resolve("run.ckpt");
    CountDownLatch started = new CountDownLatch(5);
    TrainSettings s = TrainSettings.defaults().withBatch(8).withLearningRate(1e-2).withThreads(2).withEval(2, 2);
    Throwable e = interruptWhenStarted(() -> {
      try (Transformer model = new Transformer(TransformerConfig.of(8, 16, 2, 32, 2), 8, 1L, 2)) {
        Trainer.train(model, DataSpec.markov(), 1e9, s, checkpoint, (step, steps, loss) -> started.countDown(), 0);
      }
    }, started);
    assertInstanceOf(CancellationException.class, e);
    assertTrue(e.getMessage().startsWith("training interrupted after step"), e.getMessage());
    assertTrue(Files.isRegularFile(checkpoint), "an interrupted run keeps a checkpoint to resume from");
  }

  @Test
  void anInterruptedSweepStopsItsWorkersAndNoLongerWritesTheLedger(@TempDir Path dir) throws Exception {
    SweepPreset long2 = SweepPreset.tiny().withBudgets(1e13); // two runs in parallel, each far too long to finish
    assertEquals(2, long2.parallelRuns());
    Path out = dir.resolve("runs");
    CountDownLatch started = new CountDownLatch(10);
    Throwable e = interruptWhenStarted(() -> Sweep.run(long2, out, dir, Shard.ALL, new SweepProgress() {
      @Override
      public void step(RunSpec run, long step, long steps, double loss) {
        started.countDown();
      }
    }), started);
    assertInstanceOf(CancellationException.class, e);
    assertTrue(e.getMessage().startsWith("sweep interrupted"), e.getMessage());
    assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("scalinglab-sweep-run") && t.isAlive()),
        "a sweep worker thread is still alive after the sweep returned");
    Map<String, Long> before = snapshot(out);
    Thread.sleep(500);
    assertEquals(before, snapshot(out), "the ledger folder changed after the sweep returned");
  }

  private static Map<String, Long> snapshot(Path dir) throws Exception {
    Map<String, Long> m = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p)) m.put(dir.relativize(p) + " " + Files.size(p), Files.getLastModifiedTime(p).toMillis());
      }
    }
    return m;
  }

  private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.8, 500, 1500, 0.35, 0.36);
  private static final Runs RUNS = SyntheticRuns.scattered(TRUTH, 300, 5e7, 2e10, 5e9, 5e11, 0.005, 11);

  @Test
  void aMultiStartFitStopsPerStartOnOneThreadAndOnMany() throws Exception {
    for (int threads : new int[] {1, 2}) {
      Approach3Fit fit = Approach3Fit.builder().starts(StartGrid.hoffmann()).threads(threads).build(); // 4,500 starts
      CountDownLatch started = new CountDownLatch(1);
      Throwable e = interruptWhenStarted(() -> {
        started.countDown();
        fit.fit(RUNS);
      }, started);
      assertInstanceOf(CancellationException.class, e, "threads " + threads);
    }
  }

  @Test
  void theBootstrapStopsPerResample() throws Exception {
    StartGrid small = StartGrid.grid(new double[] {0, 10, 20}, new double[] {0, 10, 20},
        new double[] {-1, 1}, new double[] {0, 1}, new double[] {0, 1});
    Approach3Fit fit = Approach3Fit.builder().starts(small).build();
    Approach3Result full = fit.fit(RUNS);
    CountDownLatch started = new CountDownLatch(1);
    Throwable e = interruptWhenStarted(() -> {
      started.countDown();
      Bootstrap.builder().resamples(100_000).seed(1).build().run(fit, full);
    }, started);
    assertInstanceOf(CancellationException.class, e);
    assertTrue(e.getMessage().startsWith("bootstrap interrupted"), e.getMessage());
  }

  @Test
  void aWorkerPoolFinishesItsChunksKeepsTheInterruptAndStopsItsThreadsOnClose() throws Exception {
    long[] sums = new long[4];
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread t = new Thread(() -> {
      try (WorkerPool pool = new WorkerPool(4)) {
        Thread.currentThread().interrupt();
        pool.run(4, (id, lo, hi) -> {
          long s = 0;
          for (int i = 0; i < 2_000_000; i++) s += i % 7;
          sums[id] = s;
        });
        stillInterrupted.set(Thread.currentThread().isInterrupted());
      }
    });
    t.start();
    t.join(10_000);
    for (long s : sums) assertEquals(sums[0], s, "every chunk ran to the end");
    assertTrue(sums[0] > 0);
    assertTrue(stillInterrupted.get(), "the caller's interrupt status is kept for its own loop to see");
  }
}

package org.scalinglab.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.scalinglab.train.LanguageModel;
import org.scalinglab.train.LstmConfig;
import org.scalinglab.train.MatmulPeak;
import org.scalinglab.train.TokenSource;
import org.scalinglab.train.TrainResult;
import org.scalinglab.train.TrainSettings;
import org.scalinglab.train.Trainer;
import org.scalinglab.train.TransformerConfig;

/**
 * Runs or resumes an IsoFLOP sweep into a {@link Ledger}. Runs already in the ledger are skipped;
 * a run with a checkpoint resumes from it; each finished run is recorded atomically and its
 * checkpoint removed. So a sweep killed at any moment and started again with the same command
 * loses no completed run, repeats none, and produces the numbers an uninterrupted sweep would
 * (every run is a deterministic function of its preset, seed and thread count).
 */
public final class Sweep {
  private Sweep() {}

  /**
   * @param out ledger folder
   * @param buildDir where data caches go (the Bible text)
   */
  public static SweepResult run(SweepPlan preset, Path out, Path buildDir, Shard shard, SweepProgress progress) {
    List<RunSpec> plan = preset.plan();
    Ledger ledger = Ledger.open(out, preset);
    Map<String, LedgerRecord> done = ledger.completed();
    List<RunSpec> mine = plan.stream().filter(r -> shard.owns(r.index())).toList();
    List<RunSpec> todo = mine.stream().filter(r -> !done.containsKey(r.id())).toList();
    int already = mine.size() - todo.size();
    TokenSource data = preset.tokenSource(buildDir);
    TrainSettings s = preset.settings();
    double peak = todo.isEmpty() ? 0 : MatmulPeak.flopsPerSecond(s.threads());
    AtomicInteger finished = new AtomicInteger(already);
    progress.sweepStarted(already, mine.size());
    int parallel = Math.max(1, preset.parallelRuns());
    ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
      Thread t = new Thread(r, "scalinglab-sweep-run");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (RunSpec spec : todo) {
        futures.add(pool.submit(() -> {
          progress.runStarted(spec);
          ledger.markRunning(spec.id(), shard);
          try {
            LedgerRecord rec = train(preset, spec, data, ledger, peak, heartbeat(ledger, spec, progress));
            ledger.record(rec);
            progress.runFinished(spec, rec, finished.incrementAndGet(), mine.size());
          } finally {
            ledger.clearRunning(spec.id());
          }
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (InterruptedException e) {
          // stop the runs in flight (each stops at its next step and keeps a checkpoint) and wait for
          // them: after this returns nothing trains or writes the ledger in the background
          stopAndWait(pool);
          Thread.currentThread().interrupt();
          throw new CancellationException("sweep interrupted: " + finished.get() + " of " + mine.size()
              + " runs are in the ledger " + out + "; the same call resumes");
        } catch (ExecutionException e) {
          stopAndWait(pool);
          Throwable c = e.getCause();
          if (c instanceof RuntimeException r) throw r;
          if (c instanceof Error err) throw err;
          throw new IllegalStateException(c);
        }
      }
    } finally {
      stopAndWait(pool);
    }
    return new SweepResult(preset.name(), shard, mine.size(), already, todo.size(), ledger.records());
  }

  /** Interrupts the pool's runs and waits until they have stopped (each stops within one training step). */
  private static void stopAndWait(ExecutorService pool) {
    pool.shutdownNow();
    boolean interrupted = Thread.interrupted();
    try {
      pool.awaitTermination(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  /** Seconds between heartbeats of a running run's marker (see {@link SweepStatus#STALE_AFTER_SECONDS}). */
  static final long HEARTBEAT_SECONDS = 10;

  /** Passes progress on and renews the run's heartbeat at most every {@link #HEARTBEAT_SECONDS}. */
  private static SweepProgress heartbeat(Ledger ledger, RunSpec spec, SweepProgress progress) {
    long[] last = {System.nanoTime()};
    return new SweepProgress() {
      @Override
      public void step(RunSpec run, long step, long steps, double loss) {
        long now = System.nanoTime();
        if (now - last[0] > HEARTBEAT_SECONDS * 1_000_000_000L) {
          last[0] = now;
          ledger.heartbeat(spec.id());
        }
        progress.step(run, step, steps, loss);
      }
    };
  }

  /** Trains one planned run (resuming from its checkpoint when there is one). */
  static LedgerRecord train(SweepPlan preset, RunSpec spec, TokenSource data, Ledger ledger, double peak, SweepProgress progress) {
    TrainSettings s = spec.settingsOr(preset.settings());
    try (LanguageModel model = spec.newModel(s)) {
      TrainResult r = Trainer.train(model, data, spec.tokens(), s, ledger.checkpointFor(spec.id()),
          (step, steps, loss) -> progress.step(spec, step, steps, loss), peak);
      double[] byPosition = preset.positionBatches() > 0
          ? Trainer.evaluateByPosition(model, data, s.seed(), preset.positionBatches()) : null;
      int vocab, context, layers, width, heads, dFf;
      double kaplanFlops;
      if (spec.isLstm()) {
        LstmConfig m = spec.lstm();
        vocab = m.vocab(); context = m.context(); layers = m.layers(); width = m.hidden(); heads = 0; dFf = 0;
        kaplanFlops = m.trainingFlopsPerToken();
      } else {
        TransformerConfig m = spec.model();
        vocab = m.vocab(); context = m.context(); layers = m.layers(); width = m.dModel(); heads = m.heads(); dFf = m.dFf();
        kaplanFlops = m.shape().flopsPerTokenTraining();
      }
      return new LedgerRecord(Ledger.FORMAT, spec.id(), spec.index(), preset.name(), spec.holdout(), spec.budget(),
          r.model(), vocab, context, layers, width, heads, dFf, s.batch(), s.seed(), s.threads(),
          r.data(), r.embeddingParams(), r.nonEmbeddingParams(), r.flopsPerToken(), kaplanFlops,
          r.steps(), r.tokens(), r.flops(), r.wallSeconds(), r.tokensPerSecond(), r.mfu(), peak,
          r.finalEvalLoss(), r.finalTrainLoss(), r.curve(), byPosition);
    }
  }
}

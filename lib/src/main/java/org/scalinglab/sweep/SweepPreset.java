package org.scalinglab.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.scalinglab.train.MarkovLanguage;
import org.scalinglab.train.TextCorpus;
import org.scalinglab.train.TokenSource;
import org.scalinglab.train.Trainer;
import org.scalinglab.train.TrainSettings;
import org.scalinglab.train.TransformerConfig;

/**
 * A named IsoFLOP sweep (Hoffmann et al. 2022, Section 3.2): for each compute budget C, every
 * model shape whose token count D = C/(6N) gives at least {@code minSteps} optimiser steps, plus
 * one larger held-out run that the fitted law must predict.
 *
 * @param name preset name (also recorded in the ledger)
 * @param data "markov" (the preset's synthetic language) or "kjv" (the King James Bible, bytes)
 * @param markov the synthetic language's parameters {V, order, support, zipf·100, seed}
 * @param context tokens per sequence
 * @param budgets compute budgets C in FLOPs (6ND convention), increasing
 * @param widths model widths d (see {@link #shapeFor} for heads and d_ff)
 * @param layers blocks per model
 * @param settings training settings (batch, learning rate, evaluation, seed, threads per run)
 * @param minSteps runs with fewer steps are left out of the plan
 * @param parallelRuns runs trained at once in one process (each with settings.threads threads)
 * @param holdoutBudget compute budget of the held-out run (larger than every budget)
 * @param holdoutWidth width of the held-out model
 */
public record SweepPreset(String name, String data, int[] markov, int context, double[] budgets, int[] widths,
    int layers, TrainSettings settings, int minSteps, int parallelRuns, double holdoutBudget, int holdoutWidth) implements SweepPlan {

  /**
   * {@code tiny}: one to two minutes on 2 CPU cores (CI). The 8-token Markov language of order 2
   * (64 states, 3 successors each; {@link org.scalinglab.train.DataSpec#markov()}), 2-layer models
   * of width 8–32, four budgets 5e9–4e10 FLOPs, two runs at a time on one thread each; the
   * held-out run has 2.5× the largest budget.
   */
  public static SweepPreset tiny() {
    return new SweepPreset("tiny", "markov", new int[] {8, 2, 3, 100, 1}, 16,
        new double[] {5e9, 1e10, 2e10, 4e10}, new int[] {8, 12, 16, 24, 32}, 2,
        TrainSettings.defaults().withBatch(16).withLearningRate(1e-2).withThreads(1).withEval(6, 8).withCheckpointEvery(100),
        20, 2, 1e11, 16);
  }

  /**
   * {@code laptop}: a clean fit and a held-out prediction in about 20 minutes on 2 CPU cores
   * (measured: 20 min wall for all 24 runs, load ≈ 2; Approach 3 gave E = 1.290 against the
   * language's floor 1.2845, Approach 2 four valleys with N_opt ∝ C^0.46, and the held-out run
   * was predicted within 0.2%). The 16-token Markov language of order 2 (256 states, 4
   * successors, Zipf 1; entropy rate 1.2425 nats, best loss over a 32-token window 1.2845),
   * 2-layer models of width 16–96, four budgets 3e11–2.4e12 FLOPs, batches of 32 × 32 tokens,
   * two runs at a time on one thread each; the held-out run (width 96) has about 4× the largest
   * budget.
   *
   * <p>Why these numbers (measured on this language): a model first learns only the previous
   * token's statistics (loss ≈ 2.6) and needs a few hundred optimiser steps before it learns to
   * attend to the token before (loss → 1.3); a run stopped before that jump lies far off any
   * scaling law and drags a fitted E towards zero. Hence at least 400 steps per run
   * ({@code minSteps}; wide models at small budgets are left out of the plan), batch 32 (about
   * 1.5–2× the tokens per second of batch 16 on small models, and the jump after 200–300 steps
   * for widths ≥ 48), and no width 8 (too small for the 256-state table: stuck near 1.95).
   * Losses of the narrowest model (width 16) level off near 1.33 whatever its budget: that is its
   * capacity, and the left wall of every IsoFLOP valley.
   */
  public static SweepPreset laptop() {
    return new SweepPreset("laptop", "markov", new int[] {16, 2, 4, 100, 1}, 32,
        new double[] {3e11, 6e11, 1.2e12, 2.4e12}, new int[] {16, 24, 32, 48, 64, 96}, 2,
        TrainSettings.defaults().withBatch(32).withLearningRate(1e-2).withThreads(1).withEval(8, 16).withCheckpointEvery(200),
        400, 2, 1e13, 96);
  }

  /**
   * {@code kjv}: larger models and budgets on the King James Bible (bytes), for a long CPU night or
   * a cluster ({@code --shard}, {@code --slurm}). (Formerly named {@code gpu}; the name is kept free
   * for a preset sized for the GPU trainer.)
   */
  public static SweepPreset kjv() {
    return new SweepPreset("kjv", "kjv", new int[] {16, 2, 4, 100, 1}, 128,
        new double[] {1e13, 3e13, 1e14, 3e14}, new int[] {64, 96, 128, 192, 256, 384}, 4,
        TrainSettings.defaults().withBatch(32).withLearningRate(3e-3).withThreads(2).withEval(10, 8).withCheckpointEvery(200),
        50, 1, 3e15, 256);
  }

  /** {@code micro}: seconds; for tests of the ledger, resumption and sharding. */
  public static SweepPreset micro() {
    return new SweepPreset("micro", "markov", new int[] {8, 1, 3, 100, 1}, 8,
        new double[] {1e8, 3e8}, new int[] {8, 16}, 1,
        TrainSettings.defaults().withBatch(8).withLearningRate(1e-2).withThreads(1).withEval(3, 2).withCheckpointEvery(10),
        10, 1, 1e9, 8);
  }

  public static List<String> names() {
    return List.of("tiny", "laptop", "kjv", "micro");
  }

  public static SweepPreset named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "tiny" -> tiny();
      case "laptop" -> laptop();
      case "kjv" -> kjv();
      case "micro" -> micro();
      default -> throw new IllegalArgumentException("unknown preset '" + name + "' (choose one of " + names() + ")");
    };
  }

  /** The same preset with other budgets (e.g. to try a budget from the command line). */
  public SweepPreset withBudgets(double... b) {
    return new SweepPreset(name, data, markov, context, b.clone(), widths, layers, settings, minSteps, parallelRuns, holdoutBudget, holdoutWidth);
  }

  /** The token source: a fresh copy of the preset's language or corpus (the Bible from data/). */
  public TokenSource tokenSource(Path buildDir) {
    if (data.equals("kjv")) return TextCorpus.kingJamesBible();
    return new MarkovLanguage(markov[0], markov[1], markov[2], markov[3] / 100.0, markov[4]);
  }

  public int vocab() {
    return data.equals("kjv") ? 256 : markov[0];
  }

  /** The model of width d: {@code layers} blocks, head size 16 (at least one head), d_ff = 4d. */
  public TransformerConfig shapeFor(int d) {
    int heads = Math.max(1, d / 16);
    while (d % heads != 0) heads--;
    return TransformerConfig.of(vocab(), context, layers, d, heads);
  }

  /**
   * The runs, in a fixed order (budget by budget, narrow to wide, then the held-out run). A budget
   * for which no model reaches {@code minSteps} steps is an error naming the budget.
   */
  public List<RunSpec> plan() {
    List<RunSpec> out = new ArrayList<>();
    int tokensPerStep = settings.batch() * context;
    for (double c : budgets) {
      int before = out.size();
      for (int d : widths) {
        TransformerConfig m = shapeFor(d);
        double tokens = c / (6.0 * m.nonEmbeddingParams());
        long steps = Trainer.stepsFor(tokens, settings.batch(), context);
        if (tokens / tokensPerStep < minSteps) continue;
        out.add(new RunSpec(out.size(), RunSpec.idFor(c, m, false), c, m, steps * (double) tokensPerStep, steps, false));
      }
      if (out.size() == before) {
        TransformerConfig smallest = shapeFor(Arrays.stream(widths).min().orElseThrow());
        double need = 6.0 * smallest.nonEmbeddingParams() * minSteps * tokensPerStep;
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "budget %.3g FLOPs is too small for any model of preset '%s': the smallest (%s) needs ≥ %.3g FLOPs for %d steps",
            c, name, smallest.name(), need, minSteps));
      }
    }
    TransformerConfig h = shapeFor(holdoutWidth);
    long hs = Trainer.stepsFor(holdoutBudget / (6.0 * h.nonEmbeddingParams()), settings.batch(), context);
    out.add(new RunSpec(out.size(), RunSpec.idFor(holdoutBudget, h, true), holdoutBudget, h, hs * (double) tokensPerStep, hs, true));
    return out;
  }

  /** Identifies everything that changes the numbers; a ledger written by another fingerprint is refused. */
  public String fingerprint() {
    return String.format(Locale.ROOT, "%s|%s|%s|T=%d|C=%s|d=%s|L=%d|%s|min=%d|holdout=%.3g/%d",
        name, data, Arrays.toString(markov), context, Arrays.toString(budgets), Arrays.toString(widths), layers,
        settings, minSteps, holdoutBudget, holdoutWidth);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SweepPreset p && p.fingerprint().equals(fingerprint());
  }

  @Override
  public int hashCode() {
    return fingerprint().hashCode();
  }

  @Override
  public String toString() {
    return "SweepPreset[" + name + ", " + budgets.length + " budgets, widths " + Arrays.toString(widths) + "]";
  }
}

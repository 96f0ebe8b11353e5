package org.scalinglab.demo.inverse;

import org.scalinglab.data.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.scalinglab.error.BadInputException;
import org.scalinglab.train.TrainResult;
import org.scalinglab.train.TrainSettings;
import org.scalinglab.train.Trainer;
import org.scalinglab.train.Transformer;
import org.scalinglab.train.TransformerConfig;

/**
 * Inverse and U-shaped scaling reproduced with our own trainer: transformers of increasing size,
 * several seeds each, trained for the same number of tokens on a {@link MemoTrapCorpus}, then scored
 * ({@link PromptScore}) on the memo-trap task and on a memorisation control.
 *
 * <p>What each size can learn in the budget decides its score (the "distractor task" explanation of
 * Wei et al. 2023, Section 4, and the "strong prior" cause of McKenzie et al. 2023, Section 3):
 * the smallest models learn neither the quotes nor the instruction (task ≈ control ≈ 0.5); mid-size
 * models memorise each quote's ending — a bigram statistic, cheap to learn and right for 80% of quote
 * events — and fall into the trap (task → 0, control → 1); larger models also learn to attend back
 * to the instruction and copy the requested word (task recovers toward 1). The held-out task prompts
 * request an ending never seen after that quote, so a recovered score is the rule, not a memorised
 * pair.
 *
 * <p>Same seed → same numbers: models are initialised and batches drawn from the run's seed, prompts
 * from the experiment's prompt seed, and the trainer is bit-reproducible for a thread count. Every
 * run prints one progress line; an interrupted thread stops the experiment at the next step with a
 * {@link CancellationException}; with a ledger ({@link #run(PrintStream, Path)}) the finished runs are
 * kept and a rerun resumes.
 */
public final class InverseScalingExperiment {
  /** One model size: layers, width, heads (MLP width 4d, GPT-2 proportions). */
  public record Size(int layers, int dModel, int heads) {
    public Size {
      if (layers < 1 || dModel < 1 || heads < 1 || dModel % heads != 0) {
        throw new IllegalArgumentException("bad model size L" + layers + " d" + dModel + " h" + heads);
      }
    }

    public TransformerConfig config(int vocab, int context) {
      return TransformerConfig.of(vocab, context, layers, dModel, heads);
    }
  }

  /** The sizes of both presets: 1 layer of width 4, 8, 16, 32, then 2 layers of width 32. */
  public static final List<Size> SIZES = List.of(new Size(1, 4, 1), new Size(1, 8, 2), new Size(1, 16, 2),
      new Size(1, 32, 4), new Size(2, 32, 4));

  private final MemoTrapCorpus corpus;
  private final int context;
  private final List<Size> sizes;
  private final int seeds;
  private final double tokens;
  private final TrainSettings settings;
  private final int prompts;
  private final long promptSeed;

  /**
   * @param corpus the language
   * @param context tokens per window T
   * @param sizes model sizes, smallest first
   * @param seeds runs per size (seeds 1…seeds)
   * @param tokens training tokens per run (the same for every size)
   * @param settings batch, learning rate, threads… (the seed is replaced by each run's)
   * @param prompts task prompts and control prompts each
   * @param promptSeed draws the text before the prompts
   */
  public InverseScalingExperiment(MemoTrapCorpus corpus, int context, List<Size> sizes, int seeds, double tokens,
      TrainSettings settings, int prompts, long promptSeed) {
    if (sizes.isEmpty()) throw new IllegalArgumentException("no model sizes");
    if (seeds < 1) throw new IllegalArgumentException("seeds must be ≥ 1, got " + seeds);
    if (!(tokens >= 1)) throw new IllegalArgumentException("tokens must be ≥ 1, got " + tokens);
    if (prompts < 1) throw new IllegalArgumentException("prompts must be ≥ 1, got " + prompts);
    this.corpus = corpus;
    this.context = context;
    this.sizes = List.copyOf(sizes);
    this.seeds = seeds;
    this.tokens = tokens;
    this.settings = settings;
    this.prompts = prompts;
    this.promptSeed = promptSeed;
    corpus.taskPrompts(1, context, promptSeed); // fails early if the context cannot hold a prompt
  }

  /**
   * The CI preset: {@link MemoTrapCorpus#standard} (seed 1), windows of 24 tokens, the five
   * {@link #SIZES}, 3 seeds, 5·10⁵ tokens per run, batch 16, learning rate 3·10⁻³, 2 threads, 256
   * prompts of each kind. About a minute of training on 2 idle cores.
   */
  public static InverseScalingExperiment ci() {
    return new InverseScalingExperiment(MemoTrapCorpus.standard(1), 24, SIZES, 3, 5e5,
        TrainSettings.defaults().withBatch(16).withLearningRate(3e-3).withThreads(2).withEval(1, 4), 256, 7L);
  }

  /** The full preset: the CI preset with 6 seeds, a sixth size (2 layers of width 64) and 512 prompts of each kind. */
  public static InverseScalingExperiment full() {
    List<Size> s = new ArrayList<>(SIZES);
    s.add(new Size(2, 64, 4));
    return ci().withSizes(s).withSeeds(6).withPrompts(512);
  }

  /** {@link #ci()} when {@code ci}, else {@link #full()}. */
  public static InverseScalingExperiment preset(boolean ci) {
    return ci ? ci() : full();
  }

  public InverseScalingExperiment withSizes(List<Size> s) {
    return new InverseScalingExperiment(corpus, context, s, seeds, tokens, settings, prompts, promptSeed);
  }

  public InverseScalingExperiment withSeeds(int n) {
    return new InverseScalingExperiment(corpus, context, sizes, n, tokens, settings, prompts, promptSeed);
  }

  public InverseScalingExperiment withTokens(double t) {
    return new InverseScalingExperiment(corpus, context, sizes, seeds, t, settings, prompts, promptSeed);
  }

  public InverseScalingExperiment withPrompts(int n) {
    return new InverseScalingExperiment(corpus, context, sizes, seeds, tokens, settings, n, promptSeed);
  }

  public InverseScalingExperiment withCorpus(MemoTrapCorpus c) {
    return new InverseScalingExperiment(c, context, sizes, seeds, tokens, settings, prompts, promptSeed);
  }

  public MemoTrapCorpus corpus() { return corpus; }
  public int context() { return context; }
  public List<Size> sizes() { return sizes; }
  public int seeds() { return seeds; }
  public double tokens() { return tokens; }
  public int prompts() { return prompts; }

  /** Runs every size and seed, printing one line per run to standard output. */
  public InverseScalingResult run() {
    return run(System.out);
  }

  /** What identifies this experiment's runs in a ledger: the language, window, budget, settings and prompts. */
  public String fingerprint() {
    return corpus + "|T=" + context + "|tokens=" + tokens + "|" + settings.withSeed(0) + "|prompts=" + prompts + "|promptSeed=" + promptSeed;
  }

  /**
   * Like {@link #run(PrintStream)}, but resumable: every finished run is appended to
   * {@code ledgerDir/runs.jsonl} (one JSON line, with this experiment's {@link #fingerprint}), and
   * runs already in the ledger with the same fingerprint are read back instead of trained again. An
   * interrupted experiment continues where it stopped. (The fingerprint does not cover the trainer's
   * code: delete the ledger after changing it.)
   */
  public InverseScalingResult run(PrintStream progress, Path ledgerDir) {
    Path file = ledgerDir.resolve("runs.jsonl");
    Map<String, InverseScalingResult.Run> done = new HashMap<>();
    String fp = fingerprint();
    if (Files.isRegularFile(file)) {
      try {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).isBlank()) continue;
          LedgerLine l;
          try {
            l = Json.fromJson(lines.get(i), LedgerLine.class);
          } catch (RuntimeException e) {
            throw new BadInputException(file + ": line " + (i + 1) + ": not a ledger record (" + e.getMessage() + ")", e);
          }
          if (l == null || l.run() == null || l.fingerprint() == null) throw new BadInputException(file + ": line " + (i + 1) + ": not a ledger record");
          if (l.fingerprint().equals(fp)) done.put(l.run().model() + "#" + l.run().seed(), l.run());
        }
      } catch (IOException e) {
        throw new BadInputException(file + ": cannot read the ledger (" + e.getMessage() + ")", e);
      }
    }
    return run(progress, done, r -> {
      try {
        Files.createDirectories(ledgerDir);
        Files.writeString(file, Json.toJson(new LedgerLine(fp, r)) + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot append to the ledger " + file, e);
      }
    });
  }

  private record LedgerLine(String fingerprint, InverseScalingResult.Run run) {}


  /**
   * Runs every size and seed, smallest size first, printing one line per finished run to
   * {@code progress} (null: silent).
   *
   * @throws CancellationException when the thread is interrupted (the finished runs are lost; see
 *     {@link #run(PrintStream, Path)} to keep them)
   */
  public InverseScalingResult run(PrintStream progress) {
    return run(progress, Map.of(), r -> {});
  }

  private InverseScalingResult run(PrintStream progress, Map<String, InverseScalingResult.Run> done0,
      Consumer<InverseScalingResult.Run> finished) {
    MemoTrapCorpus.Prompt[] task = corpus.taskPrompts(prompts, context, promptSeed);
    MemoTrapCorpus.Prompt[] control = corpus.controlPrompts(prompts, context, promptSeed);
    List<InverseScalingResult.Run> runs = new ArrayList<>();
    int total = sizes.size() * seeds, done = 0;
    Trainer.Progress stopOnInterrupt = (step, steps, loss) -> {
      if (Thread.currentThread().isInterrupted()) throw new CancellationException("inverse-scaling experiment interrupted");
    };
    for (Size size : sizes) {
      TransformerConfig cfg = size.config(corpus.vocab(), context);
      for (long seed = 1; seed <= seeds; seed++) {
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("inverse-scaling experiment interrupted");
        InverseScalingResult.Run old = done0.get(cfg.name() + "#" + seed);
        if (old != null) {
          runs.add(old);
          done++;
          if (progress != null) {
            progress.printf(Locale.ROOT, "[%2d/%d] %-10s seed %d: task %.3f, control %.3f, loss %.3f (from the ledger)%n",
                done, total, cfg.name(), seed, old.task(), old.control(), old.evalLoss());
          }
          continue;
        }
        TrainSettings s = settings.withSeed(seed);
        long t0 = System.nanoTime();
        try (Transformer model = new Transformer(cfg, s.batch(), seed, s.threads())) {
          TrainResult r = Trainer.train(model, corpus, tokens, s, null, stopOnInterrupt, 0);
          PromptScore ts = PromptScore.of(model, task), cs = PromptScore.of(model, control);
          double secs = (System.nanoTime() - t0) * 1e-9;
          InverseScalingResult.Run run = new InverseScalingResult.Run(cfg.name(), size.layers(), size.dModel(),
              cfg.nonEmbeddingParams(), seed, ts.meanShare(), cs.meanShare(), ts.accuracy(), ts.meanAlternativeProb(),
              r.finalEvalLoss(), secs);
          runs.add(run);
          finished.accept(run);
          done++;
          if (progress != null) {
            progress.printf(Locale.ROOT, "[%2d/%d] %-10s seed %d: task %.3f, control %.3f, loss %.3f (%.1f s)%n",
                done, total, cfg.name(), seed, ts.meanShare(), cs.meanShare(), r.finalEvalLoss(), secs);
            progress.flush();
          }
        }
      }
    }
    return new InverseScalingResult(corpus, tokens, runs);
  }
}

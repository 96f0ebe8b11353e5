package org.scalinglab.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.scalinglab.train.LstmConfig;
import org.scalinglab.train.TokenSource;
import org.scalinglab.train.TrainSettings;
import org.scalinglab.train.Trainer;
import org.scalinglab.train.TransformerConfig;

/**
 * A sweep over an explicit list of runs — transformers of any shape (aspect ratios, d_ff, depth),
 * LSTMs, and runs with their own settings (seeds, learning rate, batch size) — on one token
 * source, trained and resumed by {@link Sweep} into a {@link Ledger} exactly like an IsoFLOP
 * preset. Built with {@link #builder}; run ids are given by the caller's tag and the model, and
 * must be unique.
 *
 * @param name sweep name (ledger header)
 * @param data the token source's description (part of the fingerprint)
 * @param source makes the token source
 * @param settings settings of runs that carry none of their own
 * @param parallelRuns runs trained at once
 * @param positionBatches held-out batches for the loss by context position (0: not measured)
 * @param runs the planned runs, in order
 */
public record ArchitectureGrid(String name, String data, Supplier<TokenSource> source, TrainSettings settings,
    int parallelRuns, int positionBatches, List<RunSpec> runs) implements SweepPlan {
  public ArchitectureGrid {
    runs = List.copyOf(runs);
  }

  public static Builder builder(String name, Supplier<TokenSource> source, TrainSettings settings) {
    return new Builder(name, source, settings);
  }

  @Override
  public List<RunSpec> plan() {
    return runs;
  }

  @Override
  public TokenSource tokenSource(Path buildDir) {
    return source.get();
  }

  @Override
  public double[] budgets() {
    return runs.stream().mapToDouble(RunSpec::budget).distinct().sorted().toArray();
  }

  @Override
  public String fingerprint() {
    StringBuilder b = new StringBuilder();
    b.append("grid|").append(name).append('|').append(data).append('|').append(settings).append("|pos=").append(positionBatches);
    for (RunSpec r : runs) {
      b.append('|').append(r.id()).append(':').append(r.isLstm() ? r.lstm() : r.model())
          .append(String.format(Locale.ROOT, ":D=%.6g", r.tokens()));
      if (r.settings() != null) b.append(':').append(r.settings());
    }
    return b.toString();
  }

  /** The run with this id. */
  public RunSpec run(String id) {
    return runs.stream().filter(r -> r.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no run '" + id + "' in grid " + name));
  }

  /** Collects runs; each is trained for a token budget (rounded to whole steps of its batch). */
  public static final class Builder {
    private final String name;
    private final Supplier<TokenSource> source;
    private final TrainSettings settings;
    private final List<RunSpec> runs = new ArrayList<>();
    private final Set<String> ids = new LinkedHashSet<>();
    private int parallel = 2, positionBatches;

    private Builder(String name, Supplier<TokenSource> source, TrainSettings settings) {
      this.name = name;
      this.source = source;
      this.settings = settings;
    }

    public Builder parallelRuns(int n) {
      if (n < 1) throw new IllegalArgumentException("parallel runs must be ≥ 1, got " + n);
      parallel = n;
      return this;
    }

    public Builder positionBatches(int n) {
      if (n < 0) throw new IllegalArgumentException("position batches must be ≥ 0, got " + n);
      positionBatches = n;
      return this;
    }

    /** A transformer with the grid's settings. */
    public Builder transformer(String tag, TransformerConfig m, double tokens) {
      return transformer(tag, m, tokens, null);
    }

    /** A transformer with its own settings (null: the grid's). */
    public Builder transformer(String tag, TransformerConfig m, double tokens, TrainSettings own) {
      String id = tag + "-T" + m.name() + "-f" + m.dFf();
      return add(id, m, null, tokens, own);
    }

    /** An LSTM with the grid's settings. */
    public Builder lstm(String tag, LstmConfig m, double tokens) {
      return lstm(tag, m, tokens, null);
    }

    /** An LSTM with its own settings (null: the grid's). */
    public Builder lstm(String tag, LstmConfig m, double tokens, TrainSettings own) {
      return add(tag + "-lstm" + m.name(), null, m, tokens, own);
    }

    private Builder add(String id, TransformerConfig t, LstmConfig l, double tokens, TrainSettings own) {
      if (!ids.add(id)) throw new IllegalArgumentException("grid " + name + " has run '" + id + "' twice (give the runs different tags)");
      if (!(tokens > 0)) throw new IllegalArgumentException("run " + id + ": tokens must be > 0, got " + tokens);
      TrainSettings s = own != null ? own : settings;
      int context = t != null ? t.context() : l.context();
      long steps = Trainer.stepsFor(tokens, s.batch(), context);
      double d = steps * (double) s.batch() * context;
      long n = t != null ? t.nonEmbeddingParams() : l.nonEmbeddingParams();
      runs.add(new RunSpec(runs.size(), id, 6.0 * n * d, t, d, steps, false, l, own));
      return this;
    }

    public ArchitectureGrid build() {
      if (runs.isEmpty()) throw new IllegalArgumentException("grid " + name + " has no runs");
      return new ArchitectureGrid(name, source.get().describe(), source, settings, parallel, positionBatches, runs);
    }
  }
}

package org.scalinglab.demo.shape;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.scalinglab.data.Run;
import org.scalinglab.data.Runs;
import org.scalinglab.fit.Approach3Fit;
import org.scalinglab.fit.Approach3Result;
import org.scalinglab.fit.OffsetPowerLawFit;
import org.scalinglab.sweep.ArchitectureGrid;
import org.scalinglab.sweep.LedgerRecord;
import org.scalinglab.train.LstmConfig;
import org.scalinglab.train.RecallLanguage;
import org.scalinglab.train.TrainSettings;
import org.scalinglab.train.TransformerConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Notebook 09's experiment: one resumable {@link ArchitectureGrid} on the {@link RecallLanguage},
 * every run trained for the same tokens with the same settings.
 * <ul>
 *   <li>{@code cmp}: a 2-layer transformer of non-embedding size N and the 1-layer LSTM of matched
 *       size (Kaplan et al. 2020, Figure 7), both with held-out loss by context position;</li>
 *   <li>{@code ar}: transformers of size ≈ N with 1 to 6 (CI) or 8 (full) layers, d_ff = 4d, the
 *       width chosen to keep N (Kaplan et al. 2020, Figure 5, aspect ratio d_model/n_layer);</li>
 *   <li>{@code ff}: 2-layer transformers of size ≈ N with d_ff/d_model = 1, 2, 8 (Figure 5, middle);</li>
 *   <li>{@code n}: 2-layer transformers of N/32 … N/2 for L(N) (Figure 6).</li>
 * </ul>
 *
 * @param ci whether this is the CI preset
 * @param grid the runs
 * @param lang the language
 * @param records the completed runs, in plan order
 */
public record ModelShapeStudy(boolean ci, ArchitectureGrid grid, RecallLanguage lang, List<LedgerRecord> records) {

  /** The grid: CI T = 32, N ≈ 25,000, 2e5 tokens per run; full T = 64, N ≈ 40,000, 6e5 tokens per run. */
  public static ArchitectureGrid grid(boolean ci) {
    RecallLanguage lang = RecallLanguage.standard();
    int v = lang.vocab(), t = ci ? 32 : 64;
    long n = ci ? 25_000 : 40_000;
    double tokens = ci ? 2e5 : 6e5;
    TrainSettings s = TrainSettings.defaults().withBatch(16).withLearningRate(1e-2).withThreads(1).withEval(6, 8).withCheckpointEvery(200);
    ArchitectureGrid.Builder g = ArchitectureGrid.builder(ci ? "shape-ci" : "shape-full", RecallLanguage::standard, s)
        .parallelRuns(2).positionBatches(ci ? 32 : 24);
    TransformerConfig base = TransformerConfig.ofSize(v, t, 2, 4, n);
    g.transformer("cmp", base, tokens).lstm("cmp", LstmConfig.matching(base, 1), tokens);
    for (int layers : ci ? new int[] {1, 3, 4, 6} : new int[] {1, 3, 4, 6, 8}) {
      g.transformer("ar", TransformerConfig.ofSize(v, t, layers, 4, n), tokens);
    }
    for (int ratio : new int[] {1, 2, 8}) g.transformer("ff", TransformerConfig.ofSize(v, t, 2, ratio, n), tokens);
    for (int div : new int[] {32, 8, 4, 2}) g.transformer("n", TransformerConfig.ofSize(v, t, 2, 4, n / div), tokens);
    return g.build();
  }

  public static ModelShapeStudy of(boolean ci, List<LedgerRecord> records) {
    ArchitectureGrid g = grid(ci);
    if (records.size() != g.plan().size()) {
      throw new IllegalArgumentException("the ledger has " + records.size() + " of the grid's " + g.plan().size() + " runs");
    }
    return new ModelShapeStudy(ci, g, RecallLanguage.standard(), records.stream().sorted(Comparator.comparingInt(LedgerRecord::index)).toList());
  }

  public int context() {
    return records.get(0).context();
  }

  /** The compared 2-layer transformer. */
  public LedgerRecord transformer() {
    return records.get(0);
  }

  /** The matched LSTM. */
  public LedgerRecord lstm() {
    return records.get(1);
  }

  /** The language's exact floor at each position of the window. */
  public double[] floorByPosition() {
    double[] f = new double[context()];
    for (int i = 0; i < f.length; i++) f[i] = lang.bestLossAtPosition(i);
    return f;
  }

  /** Mean of {@code values} over positions [from, to). */
  public static double mean(double[] values, int from, int to) {
    return Arrays.stream(values, from, to).average().orElseThrow();
  }

  /** LSTM loss − transformer loss at each position (positive: the transformer is better). */
  public double[] transformerAdvantage() {
    double[] t = transformer().lossByPosition(), l = lstm().lossByPosition(), d = new double[t.length];
    for (int i = 0; i < d.length; i++) d[i] = l[i] - t[i];
    return d;
  }

  /** One value per block of positions [2^b − 1, 2^(b+1) − 1) (the predictions of tokens that copy from lag 2^b). */
  public double[] byBlock(double[] byPosition) {
    int blocks = 32 - Integer.numberOfLeadingZeros(byPosition.length);
    double[] out = new double[blocks];
    for (int b = 0; b < blocks; b++) {
      int from = (1 << b) - 1, to = Math.min(byPosition.length, (1 << (b + 1)) - 1);
      out[b] = mean(byPosition, from, to);
    }
    return out;
  }

  /** Loss by block of positions: floor, transformer, LSTM, and the floor of a model remembering 4 tokens. */
  public Table blockTable() {
    double[] floor = byBlock(floorByPosition()), t = byBlock(transformer().lossByPosition()), l = byBlock(lstm().lossByPosition());
    double[] mem = new double[context()];
    for (int i = 0; i < mem.length; i++) mem[i] = lang.bestLossWithMemory(i, 4);
    double[] m4 = byBlock(mem);
    int[] lag = new int[floor.length];
    for (int b = 0; b < lag.length; b++) lag[b] = 1 << b;
    return Table.create("loss by block of positions (nats)", IntColumn.create("copy_lag", lag),
        DoubleColumn.create("floor", floor), DoubleColumn.create("transformer", t), DoubleColumn.create("lstm", l),
        DoubleColumn.create("floor_with_4_tokens_memory", m4));
  }

  /** Runs of one group ({@code cmp}, {@code ar}, {@code ff}, {@code n}). */
  public List<LedgerRecord> group(String tag) {
    return records.stream().filter(r -> r.id().startsWith(tag + "-")).toList();
  }

  /** Transformers of size ≈ N by depth (the compared one and the {@code ar} group), shallow to deep. */
  public List<LedgerRecord> byDepth() {
    return records.stream().filter(r -> r.heads() > 0 && (r.id().startsWith("ar-") || r.index() == 0))
        .sorted(Comparator.comparingInt(LedgerRecord::layers)).toList();
  }

  /** Transformers of 2 layers and size ≈ N by d_ff / d_model. */
  public List<LedgerRecord> byFfRatio() {
    return records.stream().filter(r -> r.heads() > 0 && (r.id().startsWith("ff-") || r.index() == 0))
        .sorted(Comparator.comparingDouble(r -> (double) r.dFf() / r.dModel())).toList();
  }

  /** Loss / best loss − 1 of each run in {@code runs}. */
  public static double[] relativeToBest(List<LedgerRecord> runs) {
    double best = runs.stream().mapToDouble(LedgerRecord::finalEvalLoss).min().orElseThrow();
    return runs.stream().mapToDouble(r -> r.finalEvalLoss() / best - 1).toArray();
  }

  /** Shape, parameters and loss of each run (relative to the best of the list). */
  public static Table shapeTable(String title, List<LedgerRecord> runs) {
    double[] rel = relativeToBest(runs);
    return Table.create(title, StringColumn.create("model", runs.stream().map(LedgerRecord::model).toList()),
        IntColumn.create("layers", runs.stream().mapToInt(LedgerRecord::layers).toArray()),
        IntColumn.create("d_model", runs.stream().mapToInt(LedgerRecord::dModel).toArray()),
        IntColumn.create("d_ff", runs.stream().mapToInt(LedgerRecord::dFf).toArray()),
        DoubleColumn.create("aspect_ratio", runs.stream().mapToDouble(r -> (double) r.dModel() / r.layers()).toArray()),
        LongColumn.create("non_embedding_params", runs.stream().mapToLong(LedgerRecord::nonEmbeddingParams).toArray()),
        DoubleColumn.create("final_eval_loss", runs.stream().mapToDouble(LedgerRecord::finalEvalLoss).toArray()),
        DoubleColumn.create("loss_vs_best", rel));
  }

  /** Every transformer run (all shapes and sizes). */
  public List<LedgerRecord> transformers() {
    return records.stream().filter(r -> r.heads() > 0).toList();
  }

  /**
   * L = E + A/N^α fitted to the 2-layer width series ({@code n} group and the compared model)
   * with N counted as {@code count} (non-embedding or total).
   */
  public OffsetPowerLawFit fitWidths(ToDoubleFunction<LedgerRecord> count) {
    List<LedgerRecord> w = records.stream().filter(r -> r.heads() > 0 && r.layers() == 2 && r.dFf() == 4 * r.dModel()).toList();
    return OffsetPowerLawFit.fit(w.stream().mapToDouble(count).toArray(), w.stream().mapToDouble(LedgerRecord::finalEvalLoss).toArray());
  }

  /** Root-mean-square log residual of every transformer run (all shapes) about a fitted law. */
  public double rmsLogResidual(OffsetPowerLawFit fit, ToDoubleFunction<LedgerRecord> count) {
    return Math.sqrt(transformers().stream().mapToDouble(r -> {
      double e = Math.log(r.finalEvalLoss()) - Math.log(fit.law().value(count.applyAsDouble(r)));
      return e * e;
    }).average().orElseThrow());
  }

  public static double nonEmbedding(LedgerRecord r) {
    return r.nonEmbeddingParams();
  }

  public static double total(LedgerRecord r) {
    return r.nonEmbeddingParams() + r.embeddingParams();
  }

  /**
   * Approach 3 (Hoffmann et al. 2022) fitted to an IsoFLOP sweep's runs with N counted without or
   * with the embedding parameters: a = β/(α+β) in N_opt ∝ C^a moves with the count (Pearce &amp;
   * Song 2024, "Reconciling Kaplan and Chinchilla scaling laws", attribute much of the gap between
   * Kaplan's a ≈ 0.73 and Chinchilla's ≈ 0.5 to counting non-embedding parameters at small scale).
   */
  public static Approach3Result approach3(List<LedgerRecord> sweep, boolean withEmbeddings) {
    List<Run> runs = sweep.stream().filter(r -> !r.holdout())
        .map(r -> Run.of(withEmbeddings ? total(r) : nonEmbedding(r), r.tokens(), r.finalEvalLoss())).toList();
    return Approach3Fit.builder().build().fit(Runs.of(runs, withEmbeddings ? "total parameters" : "non-embedding parameters"));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "ModelShapeStudy[%s, %d runs, T=%d]", ci ? "ci" : "full", records.size(), context());
  }
}

package org.scalinglab.demo.inverse;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * What an {@link InverseScalingExperiment} measured: one {@link Run} per size and seed, and per size
 * the mean, standard deviation, minimum and maximum over seeds ({@link #bySize()}).
 *
 * @param corpus the language the models were trained on
 * @param tokens training tokens per run
 * @param runs every run, smallest size first
 */
public record InverseScalingResult(MemoTrapCorpus corpus, double tokens, List<Run> runs) {
  public InverseScalingResult {
    runs = List.copyOf(runs);
    if (runs.isEmpty()) throw new IllegalArgumentException("no runs");
  }

  /**
   * One trained model.
   *
   * @param model shape name, e.g. {@code L1-d16-h2}
   * @param params non-embedding parameters N
   * @param task task score: mean p(requested) / (p(requested) + p(memorised)) on the held-out task prompts
   * @param control control score: mean p(memorised) / (p(memorised) + p(held-out)) on uninstructed quotes
   * @param taskAccuracy fraction of task prompts where the requested ending beats the memorised one
   * @param trapProbability mean probability (over the whole vocabulary) of the memorised ending on the task prompts
   * @param evalLoss held-out language-model loss (nats per token)
   * @param seconds wall time of training and scoring
   */
  public record Run(String model, int layers, int dModel, long params, long seed, double task, double control,
      double taskAccuracy, double trapProbability, double evalLoss, double seconds) {}

  /** Summary statistics over the seeds of one size. */
  public record Spread(double mean, double sd, double min, double max) {
    static Spread of(double[] v) {
      DescriptiveStatistics d = new DescriptiveStatistics(v);
      return new Spread(d.getMean(), v.length > 1 ? d.getStandardDeviation() : 0, d.getMin(), d.getMax());
    }
  }

  /** One model size over its seeds. */
  public record SizeSummary(String model, long params, int seeds, Spread task, Spread control, Spread trapProbability,
      Spread evalLoss) {}

  /** Per size (smallest first): spreads of the task and control scores, the trap probability and the loss. */
  public List<SizeSummary> bySize() {
    Map<String, List<Run>> groups = new LinkedHashMap<>();
    for (Run r : runs) groups.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r);
    List<SizeSummary> out = new ArrayList<>();
    groups.forEach((model, rs) -> out.add(new SizeSummary(model, rs.get(0).params(), rs.size(),
        Spread.of(rs.stream().mapToDouble(Run::task).toArray()),
        Spread.of(rs.stream().mapToDouble(Run::control).toArray()),
        Spread.of(rs.stream().mapToDouble(Run::trapProbability).toArray()),
        Spread.of(rs.stream().mapToDouble(Run::evalLoss).toArray()))));
    return out;
  }

  /** Non-embedding parameters of each size, smallest first. */
  public double[] params() {
    return bySize().stream().mapToDouble(SizeSummary::params).toArray();
  }

  /** Mean task score of each size. */
  public double[] taskMeans() {
    return bySize().stream().mapToDouble(s -> s.task().mean()).toArray();
  }

  /** Mean control score of each size. */
  public double[] controlMeans() {
    return bySize().stream().mapToDouble(s -> s.control().mean()).toArray();
  }

  /** The index of the size with the lowest mean task score: the bottom of the U. */
  public int valley() {
    double[] m = taskMeans();
    int best = 0;
    for (int i = 1; i < m.length; i++) if (m[i] < m[best]) best = i;
    return best;
  }

  /** One row per size: N, seeds, task and control mean ± sd [min, max], trap probability, loss. */
  public Table table() {
    List<SizeSummary> s = bySize();
    return Table.create("memo trap: task and control score by model size (spread over seeds)",
        StringColumn.create("model", s.stream().map(SizeSummary::model).toList()),
        LongColumn.create("N", s.stream().mapToLong(SizeSummary::params).toArray()),
        IntColumn.create("seeds", s.stream().mapToInt(SizeSummary::seeds).toArray()),
        col("task_mean", s, x -> x.task().mean()), col("task_sd", s, x -> x.task().sd()),
        col("task_min", s, x -> x.task().min()), col("task_max", s, x -> x.task().max()),
        col("control_mean", s, x -> x.control().mean()), col("control_sd", s, x -> x.control().sd()),
        col("control_min", s, x -> x.control().min()),
        col("p_trap_mean", s, x -> x.trapProbability().mean()),
        col("eval_loss_mean", s, x -> x.evalLoss().mean()));
  }

  /** One row per run. */
  public Table runsTable() {
    return Table.create("memo trap: every run",
        StringColumn.create("model", runs.stream().map(Run::model).toList()),
        LongColumn.create("N", runs.stream().mapToLong(Run::params).toArray()),
        LongColumn.create("seed", runs.stream().mapToLong(Run::seed).toArray()),
        runCol("task", Run::task), runCol("control", Run::control), runCol("task_accuracy", Run::taskAccuracy),
        runCol("p_trap", Run::trapProbability), runCol("eval_loss", Run::evalLoss), runCol("seconds", Run::seconds));
  }

  private DoubleColumn runCol(String name, java.util.function.ToDoubleFunction<Run> f) {
    DoubleColumn c = DoubleColumn.create(name, runs.stream().mapToDouble(f).toArray());
    c.setPrintFormatter(THREE_DECIMALS);
    return c;
  }

  private static DoubleColumn col(String name, List<SizeSummary> s, java.util.function.ToDoubleFunction<SizeSummary> f) {
    DoubleColumn c = DoubleColumn.create(name, s.stream().mapToDouble(f).toArray());
    c.setPrintFormatter(THREE_DECIMALS);
    return c;
  }

  private static final NumberColumnFormatter THREE_DECIMALS =
      new NumberColumnFormatter(new DecimalFormat("0.000", DecimalFormatSymbols.getInstance(Locale.ROOT)));

  /**
   * A scaling trend fitted on the smallest sizes only and extrapolated to all: the log-odds of the
   * mean score, ln(s / (1 − s)), as a straight line in ln N — a power law in the odds, s/(1−s) ∝ N^b
   * (Commons Math {@link SimpleRegression}). This is what "fit a scaling law on the small models and
   * extrapolate" means for a bounded score.
   *
   * @param fitted sizes used for the fit
   * @param slope b: the change of log-odds per e-fold of N (negative: the score falls with size)
   * @param intercept the log-odds at N = 1
   * @param params N of every size
   * @param predicted the fitted trend's score at every size
   * @param observed the measured mean score at every size
   */
  public record Extrapolation(int fitted, double slope, double intercept, double[] params, double[] predicted,
      double[] observed) {
    /** Predicted minus observed score at the largest size. */
    public double errorAtLargest() {
      return predicted[predicted.length - 1] - observed[observed.length - 1];
    }

    /** The trend's score at N. */
    public double at(double n) {
      return 1 / (1 + Math.exp(-(intercept + slope * Math.log(n))));
    }
  }

  /** The task score's trend fitted on the {@code k} smallest sizes, extrapolated to every size. */
  public Extrapolation extrapolateTask(int k) {
    return extrapolate(k, taskMeans());
  }

  /** The control score's trend fitted on the {@code k} smallest sizes, extrapolated to every size. */
  public Extrapolation extrapolateControl(int k) {
    return extrapolate(k, controlMeans());
  }

  private Extrapolation extrapolate(int k, double[] score) {
    double[] n = params();
    if (k < 2 || k > n.length) throw new IllegalArgumentException("fit needs 2 ≤ k ≤ " + n.length + " sizes, got " + k);
    SimpleRegression reg = new SimpleRegression(true);
    for (int i = 0; i < k; i++) {
      double s = Math.min(Math.max(score[i], 1e-6), 1 - 1e-6); // a seed-mean of exactly 0 or 1 has infinite log-odds
      reg.addData(Math.log(n[i]), Math.log(s / (1 - s)));
    }
    double b = reg.getSlope(), a = reg.getIntercept();
    double[] pred = new double[n.length];
    for (int i = 0; i < n.length; i++) pred[i] = 1 / (1 + Math.exp(-(a + b * Math.log(n[i]))));
    return new Extrapolation(k, b, a, n, pred, score.clone());
  }
}

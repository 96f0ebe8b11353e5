package org.scalinglab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.scalinglab.error.BadInputException;
import org.scalinglab.data.Json;
import org.scalinglab.data.ColumnException;
import org.scalinglab.data.Runs;
import org.scalinglab.data.RunsFile;
import org.scalinglab.fit.Approach2Fit;
import org.scalinglab.fit.Approach2Result;
import org.scalinglab.fit.Approach3Fit;
import org.scalinglab.fit.Approach3Result;
import org.scalinglab.fit.Bootstrap;
import org.scalinglab.fit.BootstrapResult;
import org.scalinglab.fit.ComputeGrouping;
import org.scalinglab.fit.ConfidenceInterval;
import org.scalinglab.error.FitFailedException;
import org.scalinglab.fit.Exclusions;
import org.scalinglab.fit.FitProgress;
import org.scalinglab.fit.IsoFlopProfile;
import org.scalinglab.fit.JitWarmUp;
import org.scalinglab.fit.KaplanFit;
import org.scalinglab.fit.KaplanResult;
import org.scalinglab.law.ChinchillaLaw;
import org.scalinglab.law.FitRange;
import org.scalinglab.plot.Charts;
import org.scalinglab.plot.FitCharts;
import org.scalinglab.sweep.Ledger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scalinglab fit --data runs.csv [--approach 3|2|kaplan]}: fit a scaling law to any CSV of
 * runs and print the parameters as a table (or {@code --json}), optionally with bootstrap intervals
 * and a PNG figure.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Fit a scaling law to your runs (a CSV, TSV, JSON or JSON Lines file with N, D or C, and the loss).",
    footer = {"", "Approaches: 3 = Chinchilla parametric law E + A/N^α + B/D^β (Huber loss, L-BFGS, 4,500 starts);",
        "            2 = IsoFLOP profiles (parabola per compute budget, N_opt ∝ C^a);",
        "            kaplan = Kaplan et al. 2020 joint law L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D.",
        "Files: CSV, TSV or semicolon-separated (delimiter detected), a JSON array of objects, JSON Lines, or a sweep's ledger folder.",
        "Columns are matched ignoring case and separators: N, params, parameters, n_params, num_params, non_embedding_params,",
        "model_size / D, tokens, train_tokens, num_tokens, tokens_seen, data_size / C, compute, compute_budget, flops,",
        "train_flops, budget / loss, final_loss, eval_loss, val_loss, validation_loss, test_loss; two candidates are an error.",
        "Example: scalinglab fit --data data/chinchilla_epoch_digitized.csv --exclude-highest-loss 5 --bootstrap 1000"})
public final class FitCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "Runs, one per row or record: CSV/TSV/semicolon-separated, a JSON array, JSON Lines, or a sweep's ledger folder.")
  Path data;

  @Option(names = "--approach", defaultValue = "3", paramLabel = "3|2|kaplan", description = "Which fit (default: ${DEFAULT-VALUE}).")
  String approach;

  @Option(names = "--params-col", paramLabel = "NAME", description = "Column of parameters N (default: guessed).")
  String paramsCol;

  @Option(names = "--tokens-col", paramLabel = "NAME", description = "Column of training tokens D (default: guessed).")
  String tokensCol;

  @Option(names = "--compute-col", paramLabel = "NAME", description = "Column of training FLOPs C (default: guessed).")
  String computeCol;

  @Option(names = "--loss-col", paramLabel = "NAME", description = "Column of the final loss (default: guessed).")
  String lossCol;

  @Option(names = "--huber-delta", defaultValue = "1e-3", paramLabel = "δ", description = "Huber δ of Approach 3 (default: ${DEFAULT-VALUE}).")
  double huberDelta;

  @Option(names = "--exclude-highest-loss", defaultValue = "0", paramLabel = "K", description = "Leave out the K highest-loss runs.")
  int excludeHighestLoss;

  @Option(names = "--exclude-lowest-compute", defaultValue = "0", paramLabel = "K", description = "Leave out the K lowest-compute runs.")
  int excludeLowestCompute;

  @Option(names = "--bootstrap", defaultValue = "0", paramLabel = "K", description = "Approach 3: K bootstrap resamples for 95%% intervals (e.g. 1000).")
  int bootstrap;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--budget", defaultValue = "5.76e23", paramLabel = "C",
      description = "Compute budget (FLOPs) for N*(C), D*(C) (default: ${DEFAULT-VALUE}, Gopher's).")
  double budget;

  @Option(names = "--grouping", defaultValue = "modes:0.04:0.05", paramLabel = "SPEC",
      description = {"Approach 2: how runs are grouped into compute budgets (default: ${DEFAULT-VALUE}):",
          "modes:BANDWIDTH:TOLERANCE (modes of log10 C, in dex), round:STEP (log10 C rounded to STEP),",
          "nearest:TOLERANCE:C1,C2,... (the nearest of the given budgets)."})
  String grouping;

  @Option(names = "--min-runs-per-budget", defaultValue = "5", paramLabel = "K",
      description = "Approach 2: fewest runs an IsoFLOP profile needs (default: ${DEFAULT-VALUE}).")
  int minRunsPerBudget;

  @CommandLine.Mixin ExtrapolationOption extrapolation;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Write a figure: residuals (3, kaplan) or IsoFLOP profiles (2).")
  Path plot;

  @Override
  public Integer call() throws IOException {
    CliValues.positive("--huber-delta", huberDelta);
    CliValues.positive("--budget", budget);
    extrapolation.warn(spec.commandLine().getErr(), null, 1, 1, 1); // checks the factor before any work
    if (excludeHighestLoss < 0 || excludeLowestCompute < 0 || bootstrap < 0) {
      throw new IllegalArgumentException("--exclude-highest-loss, --exclude-lowest-compute and --bootstrap must be ≥ 0");
    }
    if (bootstrap == 1) throw new IllegalArgumentException("--bootstrap needs at least 2 resamples (e.g. 1000), got 1");
    String which = approach.strip().toLowerCase(Locale.ROOT);
    if (!which.equals("3") && !which.equals("2") && !which.equals("kaplan")) {
      throw new IllegalArgumentException("--approach must be 3, 2 or kaplan, got '" + approach + "'");
    }
    if (bootstrap > 0 && !which.equals("3")) {
      throw new IllegalArgumentException("--bootstrap is available for --approach 3 only");
    }
    if (!which.equals("3")) JitWarmUp.stop(); // Main warmed the Approach-3 code in case
    RunsFile.Loaded loaded = loadRuns();
    Exclusions exclusions = Exclusions.none().withHighestLoss(excludeHighestLoss).withLowestCompute(excludeLowestCompute);
    PrintWriter out = spec.commandLine().getOut();
    switch (which) {
      case "3" -> approach3(loaded, exclusions, out);
      case "2" -> approach2(loaded, exclusions, out);
      default -> kaplan(loaded, exclusions, out);
    }
    out.flush();
    return 0;
  }

  /** A file of runs, or a sweep's ledger folder (its completed runs, the held-out run excluded). */
  private RunsFile.Loaded loadRuns() {
    if (Files.isDirectory(data)) {
      Runs runs = Ledger.read(data).runs();
      if (runs.size() == 0) {
        throw new BadInputException(data + ": the sweep ledger has no completed runs yet (run the sweep first)");
      }
      return new RunsFile.Loaded(runs, "sweep ledger", "N", "D", "C", "loss");
    }
    try {
      return RunsFile.builder().paramsColumn(paramsCol).tokensColumn(tokensCol)
          .computeColumn(computeCol).lossColumn(lossCol).build().load(data);
    } catch (ColumnException ex) {
      throw new BadInputException(ex.withRemedy(remedy(ex)), ex);
    }
  }

  /** The core says "name it"; the command line says with which option. */
  private static String remedy(ColumnException ex) {
    if (ex.role() == null) return "name one with --tokens-col or --compute-col";
    String option = switch (ex.role()) {
      case PARAMS -> "--params-col";
      case TOKENS -> "--tokens-col";
      case COMPUTE -> "--compute-col";
      case LOSS -> "--loss-col";
    };
    return switch (ex.kind()) {
      case AMBIGUOUS -> "choose one with " + option;
      case NO_SUCH_COLUMN -> "check " + option;
      case MISSING -> "name it with " + option;
    };
  }

  private List<String> warnExtrapolation(FitRange range, double n, double d, double c) {
    return extrapolation.warn(spec.commandLine().getErr(), range, n, d, c);
  }

  private void approach3(RunsFile.Loaded loaded, Exclusions exclusions, PrintWriter out) throws IOException {
    Approach3Fit fit = Approach3Fit.builder().huberDelta(huberDelta).exclusions(exclusions).build();
    long t0 = System.nanoTime();
    Approach3Result r = fit.fit(loaded.runs());
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (!r.converged()) {
      throw new FitFailedException(loaded.runs().source() + ": the Approach-3 fit did not converge: the best of "
          + r.starts() + " starts stopped at its iteration limit; no law is reported");
    }
    ChinchillaLaw law = r.law();
    double nOpt = law.optimalParams(budget), dOpt = law.optimalTokens(budget);
    BootstrapResult boot = null;
    if (bootstrap > 0) {
      boot = Bootstrap.builder().resamples(bootstrap).seed(seed).budget(budget)
          .progress(json ? FitProgress.none() : FitProgress.bar(System.err, "bootstrap")).build().run(fit, r);
    }
    FitRange range = r.range();
    List<String> warnings = warnExtrapolation(range, nOpt, dOpt, budget);
    if (plot != null) {
      save(FitCharts.residuals("Approach 3 fit: log-space residuals", r.runs(), law));
    }
    if (json) {
      Json.Obj j = Json.object().put("approach", "3").put("file", loaded.runs().source()).put("format", loaded.format())
          .put("columns", loaded.describe()).put("runs", (long) r.runs().size())
          .put("E", r.E()).put("A", r.A()).put("B", r.B()).put("alpha", r.alpha()).put("beta", r.beta())
          .put("objective", r.objective()).put("converged", r.converged()).put("starts", (long) r.starts())
          .put("startsNearBest", (long) r.startsNearBest()).put("huberDelta", huberDelta)
          .put("a", r.paramsExponent()).put("b", r.tokensExponent()).put("budget", budget)
          .put("N_opt", nOpt).put("D_opt", dOpt).put("seconds", seconds);
      if (boot != null) {
        j.put("bootstrap", (long) bootstrap).put("seed", seed).put("level", boot.level()).put("failedResamples", (long) boot.failed());
        for (BootstrapResult.Quantity q : BootstrapResult.Quantity.values()) {
          ConfidenceInterval ci = boot.interval(q);
          j.put(q.key() + "_lower", ci.lower(), "no resample gave a usable value").put(q.key() + "_upper", ci.upper(), "no resample gave a usable value");
        }
      }
      putRange(j, range).put("warnings", warnings);
      out.println(j);
      return;
    }
    out.printf(Locale.ROOT, "Approach 3 (Hoffmann et al. 2022): %s, %d of %d runs%n", loaded.runs().source(), r.runs().size(),
        loaded.runs().size());
    printSource(loaded, out);
    out.printf(Locale.ROOT, "  fitted on N %s–%s, D %s–%s, C %s–%s FLOPs%n", num(range.minParams()), num(range.maxParams()),
        num(range.minTokens()), num(range.maxTokens()), num(range.minCompute()), num(range.maxCompute()));
    out.printf(Locale.ROOT, "  Huber δ = %s, %,d starts in %.2f s: best objective %.6g, converged, %,d starts within 1e-6 (relative) of the best%n%n",
        huberDelta, r.starts(), seconds, r.objective(), r.startsNearBest());
    String head = boot == null ? "" : String.format(Locale.ROOT, "   95%% interval (%,d resamples, seed %d)", bootstrap, seed);
    out.printf(Locale.ROOT, "  %-16s %14s%s%n", "quantity", "estimate", head);
    for (BootstrapResult.Quantity q : BootstrapResult.Quantity.values()) {
      double est = value(r, q);
      String label = q == BootstrapResult.Quantity.OPTIMAL_PARAMS || q == BootstrapResult.Quantity.OPTIMAL_TOKENS
          ? q.label().replace("C", String.format(Locale.ROOT, "%.3g", budget)) : q.label();
      String ci = "";
      if (boot != null) {
        ConfidenceInterval c = boot.interval(q);
        ci = String.format(Locale.ROOT, "   [%s, %s]", num(c.lower()), num(c.upper()));
      }
      out.printf(Locale.ROOT, "  %-16s %14s%s%n", label, num(est), ci);
    }
    if (boot != null && boot.failed() > 0) out.printf(Locale.ROOT, "  (%d resamples gave no usable law and were left out)%n", boot.failed());
    if (boot == null) out.printf(Locale.ROOT, "%n  uncertainty: add --bootstrap 1000 for 95%% intervals (resampling the runs)%n");
    if (plot != null) out.printf(Locale.ROOT, "  figure: %s%n", plot);
  }

  private static void printSource(RunsFile.Loaded loaded, PrintWriter out) {
    out.printf(Locale.ROOT, "  read: %s%n", loaded.format());
    out.printf(Locale.ROOT, "  columns: %s%n", loaded.describe());
  }

  private static Json.Obj putRange(Json.Obj j, FitRange range) {
    Map<String, List<Double>> m = new LinkedHashMap<>();
    m.put("N", List.of(range.minParams(), range.maxParams()));
    m.put("D", List.of(range.minTokens(), range.maxTokens()));
    m.put("C", List.of(range.minCompute(), range.maxCompute()));
    return j.put("range", m);
  }

  private void approach2(RunsFile.Loaded loaded, Exclusions exclusions, PrintWriter out) throws IOException {
    long t0 = System.nanoTime();
    Approach2Result r = Approach2Fit.builder().exclusions(exclusions).grouping(parseGrouping(grouping))
        .minRunsPerProfile(minRunsPerBudget).build().fit(loaded.runs());
    double seconds = (System.nanoTime() - t0) / 1e9;
    double nOpt = r.optimalParams(budget), dOpt = r.optimalTokens(budget);
    Runs used = exclusions.apply(loaded.runs());
    FitRange range = FitRange.of(used.params(), used.tokens(), used.compute(), used.size() + " runs of " + used.source());
    List<String> warnings = warnExtrapolation(range, nOpt, dOpt, budget);
    if (plot != null) save(FitCharts.isoFlopProfiles(r));
    if (json) {
      Json.Obj j = Json.object().put("approach", "2").put("file", loaded.runs().source()).put("format", loaded.format())
          .put("columns", loaded.describe()).put("profiles", (long) r.profiles().size())
          .put("a", r.paramsExponent()).put("b", r.tokensExponent()).put("budget", budget)
          .put("N_opt", nOpt).put("D_opt", dOpt)
          .put("a_stderr", r.paramsFit().alphaStdErr(), "too few profiles for a standard error")
          .put("b_stderr", r.tokensFit().alphaStdErr(), "too few profiles for a standard error").put("seconds", seconds);
      out.println(putRange(j, range).put("warnings", warnings));
      return;
    }
    out.printf(Locale.ROOT, "Approach 2 (IsoFLOP profiles, Hoffmann et al. 2022): %s, %d runs%n", loaded.runs().source(), loaded.runs().size());
    printSource(loaded, out);
    out.printf(Locale.ROOT, "  grouping: %s%n%n", r.grouping());
    out.printf(Locale.ROOT, "  %12s %6s %12s %12s %8s%n", "budget C", "runs", "N_opt", "D_opt", "L_min");
    for (IsoFlopProfile p : r.profiles()) {
      out.printf(Locale.ROOT, "  %12.3g %6d %12.3g %12.3g %8.4f%n", p.budget(), p.runs().size(), p.optimalParams(),
          p.optimalTokens(), p.minimumLoss());
    }
    for (String s : r.skipped()) out.printf(Locale.ROOT, "  skipped %s%n", s);
    out.printf(Locale.ROOT, "%n  N_opt ∝ C^a: a = %.3f ± %.3f;  D_opt ∝ C^b: b = %.3f ± %.3f (standard errors)%n",
        r.paramsExponent(), r.paramsFit().alphaStdErr(), r.tokensExponent(), r.tokensFit().alphaStdErr());
    out.printf(Locale.ROOT, "  at C = %.3g: N_opt = %s, D_opt = %s%n", budget, num(nOpt), num(dOpt));
    if (plot != null) out.printf(Locale.ROOT, "  figure: %s%n", plot);
  }

  private void kaplan(RunsFile.Loaded loaded, Exclusions exclusions, PrintWriter out) throws IOException {
    long t0 = System.nanoTime();
    KaplanResult r = KaplanFit.builder().exclusions(exclusions).build().fit(loaded.runs());
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (!r.converged()) {
      throw new FitFailedException(loaded.runs().source() + ": the Kaplan fit did not converge (the best start stopped at its "
          + "iteration limit); no law is reported");
    }
    if (plot != null) save(FitCharts.residuals("Kaplan-form fit: log-space residuals", r.runs(), r.law()));
    if (json) {
      out.println(putRange(Json.object().put("approach", "kaplan").put("file", loaded.runs().source()).put("format", loaded.format())
          .put("columns", loaded.describe()).put("runs", (long) r.runs().size())
          .put("alpha_N", r.law().alphaN()).put("N_c", r.law().nC()).put("alpha_D", r.law().alphaD()).put("D_c", r.law().dC())
          .put("objective", r.objective()).put("converged", r.converged()).put("seconds", seconds), r.range()));
      return;
    }
    out.printf(Locale.ROOT, "Kaplan et al. 2020 joint law L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D: %s, %d runs%n",
        loaded.runs().source(), r.runs().size());
    printSource(loaded, out);
    out.printf(Locale.ROOT, "  sum of squared log residuals %.6g, converged%n%n", r.objective());
    out.printf(Locale.ROOT, "  %-8s %12s%n  %-8s %12s%n  %-8s %12s%n  %-8s %12s%n  %-8s %12s%n", "quantity", "estimate",
        "α_N", num(r.law().alphaN()), "N_c", num(r.law().nC()), "α_D", num(r.law().alphaD()), "D_c", num(r.law().dC()));
    out.printf(Locale.ROOT, "  (no uncertainty: this fit gives none; Approach 3 with --bootstrap does)%n");
    if (plot != null) out.printf(Locale.ROOT, "  figure: %s%n", plot);
  }

  private double value(Approach3Result r, BootstrapResult.Quantity q) {
    return switch (q) {
      case E -> r.E();
      case A -> r.A();
      case B -> r.B();
      case ALPHA -> r.alpha();
      case BETA -> r.beta();
      case PARAMS_EXPONENT -> r.paramsExponent();
      case TOKENS_EXPONENT -> r.tokensExponent();
      default -> {
        double n = r.law().optimalParams(budget), d = r.law().optimalTokens(budget);
        yield q == BootstrapResult.Quantity.OPTIMAL_PARAMS ? n : q == BootstrapResult.Quantity.OPTIMAL_TOKENS ? d : d / n;
      }
    };
  }

  /** Parses --grouping: modes:BW:TOL, round:STEP or nearest:TOL:C1,C2,…; IllegalArgumentException otherwise. */
  static ComputeGrouping parseGrouping(String spec) {
    String[] p = spec.strip().split(":");
    try {
      switch (p[0].toLowerCase(Locale.ROOT)) {
        case "modes":
          if (p.length == 3) return ComputeGrouping.modes(Double.parseDouble(p[1]), Double.parseDouble(p[2]));
          break;
        case "round":
          if (p.length == 2) return ComputeGrouping.roundLog10(Double.parseDouble(p[1]));
          break;
        case "nearest":
          if (p.length == 3) {
            double[] budgets = java.util.Arrays.stream(p[2].split(",")).mapToDouble(s -> Double.parseDouble(s.strip())).toArray();
            return ComputeGrouping.nearest(Double.parseDouble(p[1]), budgets);
          }
          break;
        default:
          break;
      }
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("--grouping '" + spec + "': not a number: " + ex.getMessage());
    }
    throw new IllegalArgumentException("--grouping '" + spec
        + "': expected modes:BANDWIDTH:TOLERANCE, round:STEP or nearest:TOLERANCE:C1,C2,...");
  }

  private void save(XYChart chart) throws IOException {
    if (!plot.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
      throw new BadInputException(plot + ": --plot writes a PNG; give a file name ending in .png");
    }
    Charts.savePng(chart, plot);
  }

  private static String num(double x) {
    if (!Double.isFinite(x)) return String.valueOf(x);
    double ax = Math.abs(x);
    if (ax != 0 && (ax >= 1e5 || ax < 1e-3)) return String.format(Locale.ROOT, "%.4g", x);
    return String.format(Locale.ROOT, "%.4f", x);
  }
}

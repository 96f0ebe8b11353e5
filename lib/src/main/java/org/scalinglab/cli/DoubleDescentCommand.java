package org.scalinglab.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scalinglab.demo.doubledescent.DoubleDescent;
import org.scalinglab.demo.doubledescent.DoubleDescentTheory;
import org.scalinglab.demo.doubledescent.RiskCurve;
import org.scalinglab.plot.Charts;
import org.scalinglab.plot.DoubleDescentCharts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scalinglab double-descent}: the model-wise double-descent curve of minimum-norm (or ridge)
 * least squares with isotropic Gaussian features, simulated and against its exact theory; or, with
 * {@code --analytic}, the expected excess risk E‖β̂ − β‖² alone (see {@link DoubleDescentTheory}).
 */
@Command(name = "double-descent", mixinStandardHelpOptions = true,
    description = "Double descent of least squares: simulated test risk against features p, with its exact theory.",
    footer = {"",
        "Model: x ~ N(0, I_p), y = x·β + ε, ‖β‖² = r² (--signal-var), ε ~ N(0, σ²) (--noise σ or --noise-var σ²).",
        "Risk: E‖β̂ − β‖², the excess test risk (Belkin, Hsu & Xu 2020, Thm 1; limit: Hastie et al. 2019, Thm 1):",
        "  σ²p/(n−p−1) for p ≤ n−2;  r²(1−n/p) + σ²n/(p−n−1) for p ≥ n+2;  infinite for p = n−1, n, n+1.",
        "Ridge --ridge λ: (XᵀX + λI)⁻¹Xᵀy; the optimal λ* = σ²p/r² (--ridge optimal); theory = proportional limit.",
        "Examples:",
        "  scalinglab double-descent --n 100 --p-max 300 --noise 0.5 --trials 50 --plot dd.png",
        "  scalinglab double-descent --analytic --n 100 --p 200 --noise-var 0.25 --signal-var 1 --json",
        "  scalinglab double-descent --analytic --limit --n 100 --p 200 --noise-var 0.25 --signal-var 1"})
public final class DoubleDescentCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--n", defaultValue = "100", paramLabel = "N", description = "Training points n (default ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--p-max", defaultValue = "300", paramLabel = "P", description = "Sweep p = 1…P features (default ${DEFAULT-VALUE}).")
  int pMax;

  @Option(names = "--p", paramLabel = "P", description = "Features p (with --analytic).")
  Integer p;

  @Option(names = "--noise", paramLabel = "SIGMA", description = "Noise standard deviation σ (default 0.5).")
  Double noise;

  @Option(names = "--noise-var", paramLabel = "S2", description = "Noise variance σ² (instead of --noise).")
  Double noiseVar;

  @Option(names = "--signal-var", defaultValue = "1", paramLabel = "R2", description = "Signal variance r² = ‖β‖² (default ${DEFAULT-VALUE}).")
  double signalVar;

  @Option(names = "--trials", defaultValue = "50", paramLabel = "K", description = "Seeded trials per point (default ${DEFAULT-VALUE}).")
  int trials;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--ridge", paramLabel = "L", description = "Ridge penalty λ ≥ 0, or 'optimal' for λ* = σ²p/r² at p = n (default: 0, minimum norm).")
  String ridge;

  @Option(names = "--analytic", description = "Print the expected risk E‖β̂ − β‖² at (n, p) only; no simulation.")
  boolean analytic;

  @Option(names = "--limit", description = "With --analytic: the proportional limit at γ = p/n instead of the finite-(n, p) value.")
  boolean limit;

  @Option(names = "--json", description = "Print JSON: p, test_risk, stderr, analytic (simulation) or risk (--analytic).")
  boolean json;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Also write the figure (simulation over theory) as a PNG.")
  Path plot;

  @Override
  public Integer call() {
    if (n < 1) throw new IllegalArgumentException("--n must be at least 1, got " + n);
    double s2 = noiseVariance();
    if (!(signalVar >= 0) || !Double.isFinite(signalVar)) {
      throw new IllegalArgumentException("--signal-var must be a non-negative number, got " + signalVar);
    }
    PrintWriter out = spec.commandLine().getOut();
    int code = analytic ? analytic(out, s2) : simulate(out, s2);
    out.flush();
    return code;
  }

  private double noiseVariance() {
    if (noise != null && noiseVar != null) throw new IllegalArgumentException("give --noise (σ) or --noise-var (σ²), not both");
    if (noise != null) {
      if (!(noise >= 0) || noise.isInfinite()) throw new IllegalArgumentException("--noise must be a non-negative standard deviation, got " + noise);
      return noise * noise;
    }
    if (noiseVar != null) {
      if (!(noiseVar >= 0) || noiseVar.isInfinite()) throw new IllegalArgumentException("--noise-var must be a non-negative variance, got " + noiseVar);
      return noiseVar;
    }
    return 0.25;
  }

  private double ridgeLambda(int features, double s2) {
    if (ridge == null) return 0;
    if (ridge.equalsIgnoreCase("optimal")) {
      if (!(signalVar > 0)) throw new IllegalArgumentException("--ridge optimal needs --signal-var > 0");
      return DoubleDescentTheory.optimalRidge(features, signalVar, s2);
    }
    double l;
    try {
      l = Double.parseDouble(ridge);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--ridge must be a number ≥ 0 or 'optimal', got '" + ridge + "'");
    }
    if (!(l >= 0) || Double.isInfinite(l)) throw new IllegalArgumentException("--ridge must be a number ≥ 0 or 'optimal', got '" + ridge + "'");
    return l;
  }

  private int analytic(PrintWriter out, double s2) {
    if (p == null) throw new IllegalArgumentException("--analytic needs --p (features)");
    if (p < 1) throw new IllegalArgumentException("--p must be at least 1, got " + p);
    double lambda = ridgeLambda(p, s2);
    if (lambda > 0 && !limit) {
      throw new IllegalArgumentException("the finite-(n, p) ridge risk has no closed form: add --limit for its proportional limit");
    }
    double gamma = (double) p / n;
    double risk = limit
        ? DoubleDescentTheory.ridgeLimitRisk(gamma, lambda / n, signalVar, s2)
        : DoubleDescentTheory.minNormRisk(n, p, signalVar, s2);
    String reason = Double.isFinite(risk) ? null : limit
        ? "infinite: at γ = p/n = 1 the limiting risk of the minimum-norm estimator diverges (σ² > 0)"
        : "infinite: for p = n-1, n, n+1 the expectation E‖β̂ − β‖² does not exist (the inverse-Wishart mean diverges)";
    if (json) {
      JsonObject o = new JsonObject();
      o.addProperty("n", n);
      o.addProperty("p", p);
      o.addProperty("gamma", gamma);
      o.addProperty("noise_var", s2);
      o.addProperty("signal_var", signalVar);
      o.addProperty("ridge", lambda);
      o.addProperty("limit", limit);
      if (reason == null) o.addProperty("risk", risk);
      else o.add("risk", JsonNull.INSTANCE);
      o.addProperty("infinite", reason != null);
      if (reason != null) o.addProperty("reason", reason);
      out.println(new GsonBuilder().serializeNulls().disableHtmlEscaping().create().toJson(o));
    } else {
      out.printf(Locale.ROOT, "E‖β̂ − β‖² at n = %d, p = %d (γ = %.4g), σ² = %.4g, r² = %.4g%s%s:%n", n, p, gamma, s2, signalVar,
          lambda > 0 ? String.format(Locale.ROOT, ", ridge λ = %.4g", lambda) : "", limit ? ", proportional limit" : "");
      out.println(reason == null ? String.format(Locale.ROOT, "  %.6g", risk) : "  " + reason);
    }
    return 0;
  }

  private int simulate(PrintWriter out, double s2) {
    if (pMax < 1) throw new IllegalArgumentException("--p-max must be at least 1, got " + pMax);
    if (trials < 2) throw new IllegalArgumentException("--trials must be at least 2 (for a standard error), got " + trials);
    double lambda = ridgeLambda(n, s2);
    DoubleDescent dd = DoubleDescent.builder().signalVar(signalVar).noiseSd(Math.sqrt(s2))
        .ridge(lambda).trials(trials).seed(seed).build();
    long t0 = System.nanoTime();
    RiskCurve curve = dd.modelWise(n, pMax);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (plot != null) {
      try {
        Charts.savePng(DoubleDescentCharts.modelWise(curve, dd, n, 50 * (signalVar + s2) + 1), plot);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot write " + plot + ": " + e.getMessage(), e);
      }
    }
    String theoryName = lambda == 0 ? "exact E‖β̂ − β‖²" : "ridge limit";
    if (json) {
      JsonObject o = new JsonObject();
      o.addProperty("n", n);
      o.addProperty("p_max", pMax);
      o.addProperty("noise", Math.sqrt(s2));
      o.addProperty("signal_var", signalVar);
      o.addProperty("ridge", lambda);
      o.addProperty("trials", trials);
      o.addProperty("seed", seed);
      o.addProperty("analytic_kind", lambda == 0 ? "exact finite-(n, p) expectation" : "proportional limit at γ = p/n");
      JsonArray ps = new JsonArray(), risk = new JsonArray(), se = new JsonArray(), th = new JsonArray();
      for (int i = 0; i < curve.length(); i++) {
        ps.add(curve.sizes()[i]);
        risk.add(curve.mean()[i]);
        se.add(curve.stderr()[i]);
        double a = curve.theory()[i];
        if (Double.isFinite(a)) th.add(a);
        else th.add(JsonNull.INSTANCE);
      }
      o.add("p", ps);
      o.add("test_risk", risk);
      o.add("stderr", se);
      o.add("analytic", th);
      o.addProperty("analytic_null_reason", "infinite expected risk (p = n-1, n, n+1 without ridge)");
      if (plot != null) o.addProperty("plot", plot.toString());
      out.println(new GsonBuilder().serializeNulls().disableHtmlEscaping().create().toJson(o));
    } else {
      out.printf(Locale.ROOT, "Model-wise double descent: n = %d, p = 1…%d, σ = %.4g, r² = %.4g, %s, %d trials (seed %d), %.2f s%n",
          n, pMax, Math.sqrt(s2), signalVar, lambda == 0 ? "minimum norm" : String.format(Locale.ROOT, "ridge λ = %.4g", lambda),
          trials, seed, seconds);
      out.printf(Locale.ROOT, "%6s  %12s  %12s  %14s%n", "p", "test_risk", "stderr", theoryName);
      int[] sizes = curve.sizes();
      double[] m = curve.mean(), se = curve.stderr(), th = curve.theory();
      for (int i = 0; i < sizes.length; i++) {
        out.printf(Locale.ROOT, "%6d  %12.5g  %12.3g  %14s%n", sizes[i], m[i], se[i],
            Double.isFinite(th[i]) ? String.format(Locale.ROOT, "%.5g", th[i]) : "infinite");
      }
      out.printf(Locale.ROOT, "peak of the simulated risk at p = %d (n = %d)%n", curve.peak(), n);
      if (plot != null) out.println("figure: " + plot);
    }
    return 0;
  }
}

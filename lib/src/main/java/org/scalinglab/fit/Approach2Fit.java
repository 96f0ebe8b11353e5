package org.scalinglab.fit;

import org.scalinglab.error.FitFailedException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.fitting.PolynomialCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoints;
import org.scalinglab.data.Run;
import org.scalinglab.data.Runs;

/**
 * Chinchilla Approach 2, IsoFLOP profiles (Hoffmann et al. 2022, Section 3.2): group runs by compute
 * budget ({@link ComputeGrouping}), fit a parabola of loss against ln N per budget (Commons Math
 * {@link PolynomialCurveFitter}), take its vertex as N_opt(C), and fit N_opt ∝ C^a and
 * D_opt ∝ C^b across budgets.
 *
 * <pre>{@code
 * Approach2Result r = Approach2Fit.builder().grouping(ComputeGrouping.modes(0.04, 0.05)).build().fit(runs);
 * r.paramsExponent(); // a
 * }</pre>
 *
 * <p>A group is left out (and listed in {@link Approach2Result#skipped()}) when it has fewer runs
 * than {@code minRunsPerProfile}, when its parabola opens downwards, or when its vertex lies outside
 * the range of N it was fitted on (an extrapolated minimum is not a measurement).
 */
public final class Approach2Fit {
  private final ComputeGrouping grouping;
  private final int minRunsPerProfile;
  private final Exclusions exclusions;

  private Approach2Fit(Builder b) {
    this.grouping = b.grouping;
    this.minRunsPerProfile = b.minRunsPerProfile;
    this.exclusions = b.exclusions;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Approach2Result fit(Runs runs) {
    Runs used = exclusions.apply(runs);
    List<IsoFlopProfile> profiles = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (ComputeGrouping.Group g : grouping.groups(used.compute())) {
      String at = String.format(Locale.ROOT, "C ≈ %.3g (%d runs)", g.budget(), g.indices().length);
      if (g.indices().length < Math.max(3, minRunsPerProfile)) {
        skipped.add(at + ": fewer than " + Math.max(3, minRunsPerProfile) + " runs");
        continue;
      }
      List<Run> members = new ArrayList<>();
      WeightedObservedPoints pts = new WeightedObservedPoints();
      double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
      for (int i : g.indices()) {
        Run r = used.get(i);
        members.add(r);
        double x = Math.log(r.params());
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
        pts.add(x, r.loss());
      }
      if (hi - lo < 1e-9) {
        skipped.add(at + ": all runs have the same N");
        continue;
      }
      double[] c = PolynomialCurveFitter.create(2).fit(pts.toList());
      if (!(c[2] > 0)) {
        skipped.add(at + ": the parabola opens downwards (no minimum)");
        continue;
      }
      double vertex = -c[1] / (2 * c[2]);
      if (vertex < lo || vertex > hi) {
        skipped.add(String.format(Locale.ROOT, "%s: the minimum N = %.3g lies outside the runs' N range [%.3g, %.3g]",
            at, Math.exp(vertex), Math.exp(lo), Math.exp(hi)));
        continue;
      }
      profiles.add(new IsoFlopProfile(g.budget(), Runs.of(members, used.source() + String.format(Locale.ROOT, " at C ≈ %.3g", g.budget())),
          c[0], c[1], c[2]));
    }
    profiles.sort(Comparator.comparingDouble(IsoFlopProfile::budget));
    if (profiles.size() < 3) {
      throw new FitFailedException(runs.source() + ": Approach 2 needs at least 3 IsoFLOP profiles with a minimum inside "
          + "their runs, found " + profiles.size() + " (grouping: " + grouping.describe() + ")"
          + (skipped.isEmpty() ? "" : "; skipped: " + String.join("; ", skipped)));
    }
    double[] c = profiles.stream().mapToDouble(IsoFlopProfile::budget).toArray();
    double[] n = profiles.stream().mapToDouble(IsoFlopProfile::optimalParams).toArray();
    double[] d = profiles.stream().mapToDouble(IsoFlopProfile::optimalTokens).toArray();
    return new Approach2Result(List.copyOf(profiles), List.copyOf(skipped), PowerLawFit.fit(c, n), PowerLawFit.fit(c, d),
        grouping.describe());
  }

  /** Options of an {@link Approach2Fit}. */
  public static final class Builder {
    private ComputeGrouping grouping = ComputeGrouping.defaults();
    private int minRunsPerProfile = 5;
    private Exclusions exclusions = Exclusions.none();

    private Builder() {}

    public Builder grouping(ComputeGrouping g) {
      if (g == null) throw new IllegalArgumentException("grouping must not be null");
      this.grouping = g;
      return this;
    }

    /** Fewest runs a profile needs (default 5; at least 3 to fit a parabola). */
    public Builder minRunsPerProfile(int k) {
      if (k < 3) throw new IllegalArgumentException("a parabola needs at least 3 runs, got " + k);
      this.minRunsPerProfile = k;
      return this;
    }

    public Builder exclusions(Exclusions e) {
      if (e == null) throw new IllegalArgumentException("exclusions must not be null");
      this.exclusions = e;
      return this;
    }

    public Builder excludeHighestLoss(int k) {
      this.exclusions = exclusions.withHighestLoss(k);
      return this;
    }

    public Approach2Fit build() {
      return new Approach2Fit(this);
    }
  }
}

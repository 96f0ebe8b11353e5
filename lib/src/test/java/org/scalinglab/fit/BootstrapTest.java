package org.scalinglab.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalinglab.data.Runs;
import org.scalinglab.law.ChinchillaLaw;

class BootstrapTest {
  static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.8, 500, 1500, 0.35, 0.36);
  static final Runs RUNS = SyntheticRuns.scattered(TRUTH, 120, 5e7, 2e10, 5e9, 5e11, 0.01, 21);
  static final Approach3Fit FIT = Approach3Fit.builder().starts(Approach3FitTest.SMALL).build();
  static final Approach3Result FULL = FIT.fit(RUNS);

  @Test
  void sameSeedSameIntervalsWhateverTheThreads() throws Exception {
    BootstrapResult a = Bootstrap.builder().resamples(40).seed(7).build().run(FIT, FULL);
    // the same again inside a one-thread pool: parallel streams then run on that pool
    BootstrapResult b = new java.util.concurrent.ForkJoinPool(1)
        .submit(() -> Bootstrap.builder().resamples(40).seed(7).build().run(FIT, FULL)).get();
    for (BootstrapResult.Quantity q : BootstrapResult.Quantity.values()) {
      assertEquals(a.interval(q), b.interval(q), q.key());
      assertArrayEquals(a.samples(q), b.samples(q), 0.0, q.key());
    }
    BootstrapResult c = Bootstrap.builder().resamples(40).seed(8).build().run(FIT, FULL);
    assertNotEquals(a.interval(BootstrapResult.Quantity.ALPHA), c.interval(BootstrapResult.Quantity.ALPHA));
  }

  @Test
  void intervalsCoverTheTruthAndTheEstimate() {
    BootstrapResult r = Bootstrap.builder().resamples(100).seed(3).budget(1e22).build().run(FIT, FULL);
    assertEquals(0, r.failed());
    for (BootstrapResult.Quantity q : BootstrapResult.Quantity.values()) {
      ConfidenceInterval ci = r.interval(q);
      assertTrue(ci.lower() <= ci.upper(), q + " " + ci);
    }
    assertTrue(r.interval(BootstrapResult.Quantity.ALPHA).contains(TRUTH.alpha()), r.toString());
    assertTrue(r.interval(BootstrapResult.Quantity.BETA).contains(TRUTH.beta()), r.toString());
    assertTrue(r.interval(BootstrapResult.Quantity.E).contains(TRUTH.e()), r.toString());
    assertTrue(r.interval(BootstrapResult.Quantity.OPTIMAL_PARAMS).contains(TRUTH.optimalParams(1e22)), r.toString());
    assertEquals(FULL.law().optimalParams(1e22), r.interval(BootstrapResult.Quantity.OPTIMAL_PARAMS).estimate(), 1e-3 * FULL.law().optimalParams(1e22));
    assertEquals(10, r.toTable().rowCount());
  }

  @Test
  void refitsMoveAwayFromTheWarmStart() {
    // Regression guard: with scipy's absolute ftol, refits of a ~1e-3 objective stop at the warm
    // start and every resample returns the full-data fit.
    BootstrapResult r = Bootstrap.builder().resamples(40).seed(5).build().run(FIT, FULL);
    long stuck = java.util.Arrays.stream(r.samples(BootstrapResult.Quantity.ALPHA))
        .filter(a -> Math.abs(a - FULL.alpha()) < 1e-7).count();
    assertTrue(stuck <= 2, stuck + " of 40 resamples returned the full-data alpha");
  }

  @Test
  void progressIsReportedInOrderUpToTheTotal() {
    List<int[]> calls = new ArrayList<>();
    Bootstrap.builder().resamples(12).seed(1).progress((done, total) -> calls.add(new int[] {done, total})).build().run(FIT, FULL);
    assertEquals(13, calls.size());
    for (int i = 0; i < calls.size(); i++) {
      assertEquals(i, calls.get(i)[0]);
      assertEquals(12, calls.get(i)[1]);
    }
  }

  @Test
  void progressBarRedrawsOneLine() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    FitProgress bar = FitProgress.bar(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), "fit");
    for (int i = 0; i <= 4; i++) bar.update(i, 4);
    String s = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(s.endsWith("\rfit [####################] 100% (4/4)" + System.lineSeparator()), s);
    assertEquals(5, s.chars().filter(ch -> ch == '\r').count());
  }

  @Test
  void derivedQuantitiesFollowTheClosedForm() {
    double[] t = {Math.log(406.4), Math.log(410.7), Math.log(1.69), 0.34, 0.28};
    ChinchillaLaw h = ChinchillaLaw.HOFFMANN_2022;
    assertEquals(h.optimalParams(5.76e23), BootstrapResult.Quantity.OPTIMAL_PARAMS.of(t, 5.76e23), 1e-6 * h.optimalParams(5.76e23));
    assertEquals(h.optimalTokens(5.76e23), BootstrapResult.Quantity.OPTIMAL_TOKENS.of(t, 5.76e23), 1e-6 * h.optimalTokens(5.76e23));
    assertEquals(h.paramsExponent(), BootstrapResult.Quantity.PARAMS_EXPONENT.of(t, 1), 1e-12);
  }
}

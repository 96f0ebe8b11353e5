package org.scalinglab.demo;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.scalinglab.train.MarkovLanguage;

class LikelihoodMixtureTest {

  @Test
  void gapStaysBelowLn100AndApproachesIt() {
    LikelihoodMixture m = LikelihoodMixture.lecture(MarkovLanguage.standard(1));
    assertEquals(Math.log(100), m.maxGap(), 1e-12);
    assertEquals(6, m.support());
    double previous = 0;
    for (int t = 1; t <= 4; t++) {
      double g = m.gap(t);
      assertTrue(g < m.maxGap(), "T = " + t + ": gap " + g);
      assertTrue(g >= m.gapLowerBound(t) - 1e-12, "T = " + t + ": gap " + g + " below its bound " + m.gapLowerBound(t));
      assertTrue(g > previous, "the gap grows with T");
      previous = g;
    }
    assertEquals(m.maxGap(), m.gapLowerBound(60), 1e-12);
  }

  @Test
  void oneTokenGapByHand() {
    // T = 1: E_p[−ln(w + (1 − w)·(1/V)/p(x|s))] summed by hand over states and successors
    MarkovLanguage lang = new MarkovLanguage(4, 1, 2, 1.0, 3);
    LikelihoodMixture m = new LikelihoodMixture(lang, 0.1);
    double expected = 0;
    for (int s = 0; s < lang.states(); s++) {
      for (int x = 0; x < lang.vocab(); x++) {
        double p = lang.probability(s, x);
        if (p > 0) expected += lang.stationary(s) * p * -Math.log(0.1 + 0.9 * 0.25 / p);
      }
    }
    assertEquals(expected, m.gap(1), 1e-12);
    assertEquals(Math.pow(0.5, 3), m.noiseValidProbability(3), 1e-15);
    assertEquals(0.1 + 0.9 * 0.125, m.validSampleFraction(3), 1e-15);
  }

  @Test
  void twoTokenGapByHandFollowsTheChain() {
    MarkovLanguage lang = new MarkovLanguage(3, 1, 2, 0.5, 5);
    LikelihoodMixture m = new LikelihoodMixture(lang, 0.2);
    double expected = 0;
    for (int s = 0; s < 3; s++) for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) {
      double p = lang.probability(s, a) * lang.probability(a, b); // order 1: the state is the last token
      if (p > 0) expected += lang.stationary(s) * p * -Math.log(0.2 + 0.8 * (1.0 / 9) / p);
    }
    assertEquals(expected, m.gap(2), 1e-12);
  }

  @Test
  void dataNllIsLengthTimesEntropyRateAndBadInputIsRefused() {
    MarkovLanguage lang = MarkovLanguage.standard(1);
    LikelihoodMixture m = LikelihoodMixture.lecture(lang);
    assertEquals(10 * lang.entropyRate(), m.dataNll(10), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> new LikelihoodMixture(lang, 0));
    assertThrows(IllegalArgumentException.class, () -> m.gap(0));
    assertThrows(IllegalArgumentException.class, () -> m.gap(40));
    assertEquals(4, m.table(1, 2, 3, 20).rowCount());
    assertTrue(m.table(20).doubleColumn("gap_exact").isMissing(0), "no exact gap where enumeration is too large");
  }
}

package org.scalinglab.demo.inverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemoTrapCorpusTest {
  final MemoTrapCorpus c = MemoTrapCorpus.standard(1);

  @Test
  void vocabularyAndQuotesAreBuiltExactly() {
    assertEquals(1 + 16 + 32 + 16 + 8 + 8, c.vocab());
    Set<Integer> finals = new HashSet<>();
    int[] perEnding = new int[c.endings()];
    for (int q = 0; q < c.quotes(); q++) {
      int[] t = c.quote(q);
      assertEquals(4, t.length);
      assertEquals(q, c.quoteEndingIn(t[3]), "the last word identifies the quote");
      assertTrue(finals.add(t[3]));
      for (int i = 0; i < 3; i++) assertTrue(c.word(t[i]).startsWith("w"));
      perEnding[c.memorisedEnding(q)]++;
      assertNotEquals(c.memorisedEnding(q), c.heldOutEnding(q));
    }
    // 32 quotes over 8 endings: each ending is memorised for exactly 4 quotes
    for (int n : perEnding) assertEquals(4, n);
  }

  @Test
  void priorOnlyProbabilitiesAreExact() {
    double r = 0.2;
    for (int q = 0; q < c.quotes(); q++) {
      double sum = 0;
      for (int j = 0; j < c.endings(); j++) sum += c.priorOnlyProbability(q, j);
      assertEquals(1.0, sum, 1e-12);
      assertEquals(1 - r + r / 7, c.priorOnlyProbability(q, c.memorisedEnding(q)), 1e-12);
      assertEquals(0.0, c.priorOnlyProbability(q, c.heldOutEnding(q)), 0);
    }
    assertEquals(0.1, c.instructedEventProbability(), 1e-12);
    assertEquals(0.5 + 0.5 * (4 + 2 + 0.2 * 2.5), c.meanEventLength(), 1e-12);
  }

  /** Parses a long stream event by event: every rule of the construction holds for every event. */
  @Test
  void everyEventFollowsTheRules() {
    int[] s = c.text(3, 400_000);
    int quotes = 0, instructed = 0, i = 0;
    long fillers = 0, events = 0;
    while (i < s.length - 20) {
      events++;
      int t = s[i];
      String w = c.word(t);
      if (w.startsWith("f")) {
        fillers++;
        i++;
        continue;
      }
      int requested = -1;
      if (c.isInstruction(t)) {
        requested = t - c.instructionToken(0);
        i++;
        int gap = 0;
        while (c.word(s[i]).startsWith("f")) {
          gap++;
          i++;
        }
        assertTrue(gap <= c.maxGap(), "gap " + gap + " at " + i);
        instructed++;
      }
      // a quote: body words, its final word, an ending, a period
      int start = i;
      while (c.word(s[i]).startsWith("w")) i++;
      int q = c.quoteEndingIn(s[i]);
      assertTrue(q >= 0, "a quote's final word at " + i + ", got " + c.word(s[i]));
      assertArrayEquals(c.quote(q), Arrays.copyOfRange(s, start, i + 1));
      int ending = c.endingIndex(s[i + 1]);
      if (requested >= 0) {
        assertEquals(requested, ending, "an instructed quote ends with the requested word");
        assertNotEquals(c.heldOutEnding(q), ending, "training never requests h(q) after q");
      } else {
        assertEquals(c.memorisedEnding(q), ending, "an uninstructed quote ends with e(q)");
      }
      assertEquals(MemoTrapCorpus.PERIOD, s[i + 2]);
      i += 3;
      quotes++;
    }
    // ~44,000 quote events: the instructed share is r = 0.2 within 4 standard errors, quotes half the events
    double se = Math.sqrt(0.2 * 0.8 / quotes);
    assertEquals(0.2, (double) instructed / quotes, 4 * se);
    assertEquals(0.5, (double) quotes / events, 4 * Math.sqrt(0.25 / events));
    assertTrue(fillers > 0);
  }

  @Test
  void batchesArePureFunctionsOfSeedAndStep() {
    int B = 4, T = 24;
    int[] a = new int[B * T], b = new int[B * T], ta = new int[B * T], tb = new int[B * T];
    c.trainBatch(5, 17, B, T, a, ta);
    c.trainBatch(5, 17, B, T, b, tb);
    assertArrayEquals(a, b);
    assertArrayEquals(ta, tb);
    for (int r = 0; r < B; r++) {
      for (int t = 0; t < T - 1; t++) assertEquals(a[r * T + t + 1], ta[r * T + t], "targets are inputs shifted by one");
    }
    c.trainBatch(5, 18, B, T, b, tb);
    assertFalse(Arrays.equals(a, b));
    c.evalBatch(5, 17, B, T, b, tb);
    assertFalse(Arrays.equals(a, b), "held-out batches differ from training batches");
  }

  @Test
  void taskPromptsEndInAnInstructedQuoteWithItsHeldOutEnding() {
    int T = 24;
    MemoTrapCorpus.Prompt[] ps = c.taskPrompts(64, T, 7);
    for (int n = 0; n < ps.length; n++) {
      MemoTrapCorpus.Prompt p = ps[n];
      int q = p.quote();
      assertEquals(n % c.quotes(), q);
      assertEquals(T, p.inputs().length);
      int[] quote = c.quote(q);
      assertArrayEquals(quote, Arrays.copyOfRange(p.inputs(), T - quote.length, T));
      // the instruction for h(q) sits 0..maxGap fillers before the quote
      int i = T - quote.length - 1;
      while (c.word(p.inputs()[i]).startsWith("f")) i--;
      assertEquals(c.instructionToken(c.heldOutEnding(q)), p.inputs()[i]);
      assertTrue(T - quote.length - 1 - i <= c.maxGap());
      assertEquals(c.endingToken(c.heldOutEnding(q)), p.correct());
      assertEquals(c.endingToken(c.memorisedEnding(q)), p.alternative());
    }
    assertArrayEquals(ps[5].inputs(), c.taskPrompts(64, T, 7)[5].inputs(), "same seed, same prompts");
  }

  @Test
  void controlPromptsEndInAnUninstructedQuote() {
    int T = 24;
    for (MemoTrapCorpus.Prompt p : c.controlPrompts(64, T, 7)) {
      int q = p.quote();
      int before = p.inputs()[T - c.quoteLength() - 1];
      assertTrue(before == MemoTrapCorpus.PERIOD || c.word(before).startsWith("f"), "a whole event precedes the quote");
      assertEquals(c.endingToken(c.memorisedEnding(q)), p.correct());
      assertEquals(c.endingToken(c.heldOutEnding(q)), p.alternative());
    }
  }

  @Test
  void badArgumentsAreRejectedWithTheirName() {
    var e = assertThrows(IllegalArgumentException.class, () -> new MemoTrapCorpus(16, 32, 16, 4, 2, 3, 0.5, 0.2, 1));
    assertTrue(e.getMessage().contains("endings"));
    assertThrows(IllegalArgumentException.class, () -> new MemoTrapCorpus(16, 32, 16, 4, 8, 3, 0.5, 1.0, 1));
    assertThrows(IllegalArgumentException.class, () -> c.taskPrompts(4, 6, 1));
    assertThrows(IllegalArgumentException.class, () -> c.word(c.vocab()));
  }

  @Test
  void rendersTokensAsWords() {
    int[] q = c.quote(0);
    String text = c.render(new int[] {c.instructionToken(2), 1, q[0], q[3], c.endingToken(2), MemoTrapCorpus.PERIOD});
    assertEquals("[end:E2] f0 " + c.word(q[0]) + " Q0 E2 .", text);
  }
}

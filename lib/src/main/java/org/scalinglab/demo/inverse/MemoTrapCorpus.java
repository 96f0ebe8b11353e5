package org.scalinglab.demo.inverse;

import org.scalinglab.util.SeedMix;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.scalinglab.train.TokenSource;

/**
 * A synthetic language in which a memorised continuation competes with an explicit instruction:
 * the "memo trap" of the Inverse Scaling Prize (McKenzie et al. 2023, Section 3; the lecture's
 * example: <i>Write a quote that ends in the word "heavy": Absence makes the heart grow</i> → "heavy",
 * not the famous "fonder").
 *
 * <p>The vocabulary is a period, {@code fillers} filler words, {@code quotes} quote-final words,
 * {@code quoteWords} quote-body words, {@code endings} ending words and one instruction token per
 * ending ("end with word j"). The construction (all of it drawn from {@code seed}):
 * <ul>
 *   <li>{@code quotes} fixed quotes ("famous phrases"): {@code quoteLength − 1} body words drawn from
 *       the body words, then the quote's own final word (so the final word identifies the quote: the
 *       memorised ending is a bigram statistic, learnable without attention);</li>
 *   <li>each quote has a memorised ending e(q) (endings dealt out evenly) and one held-out ending
 *       h(q) ≠ e(q), which training never asks for after that quote;</li>
 *   <li>text is a stream of events: with probability {@code quoteRate} a quote event, otherwise one
 *       uniformly drawn filler word. A quote event picks a quote uniformly; with probability
 *       {@code instructionRate} it is <em>instructed</em>: the instruction token for an ending w drawn
 *       uniformly from the endings other than h(q), then 0…{@code maxGap} filler words, then the
 *       quote, then w; otherwise the quote, then e(q). Every quote event ends with a period.</li>
 * </ul>
 * So an uninstructed quote is followed by e(q) with probability 1; an instructed one by the requested
 * word with probability 1. A model that reads the quote but not the instruction can do no better than
 * P(e(q) | q) = 1 − r + r/(E − 1) and P(h(q) | q) = 0 (r = instructionRate, E = endings)
 * ({@link #priorOnlyProbability}).
 *
 * <p>The test prompts ({@link #taskPrompts}, {@link #controlPrompts}) end in a quote at the last
 * position of the window. <b>Task</b>: the quote is instructed with its held-out ending h(q) — never
 * seen after that quote in training, so only a model that follows the instruction (attends to a token
 * several positions back and copies it) gets it right; the memorised e(q) is the trap. <b>Control</b>:
 * the quote is not instructed and the answer is e(q), against h(q): plain memorisation, which scales
 * normally.
 */
public final class MemoTrapCorpus implements TokenSource {
  private static final long EVAL_SALT = 0x3E307A4L;
  private static final long TASK_SALT = 0x7A5CL;
  private static final long CONTROL_SALT = 0xC0172L;

  /** The period that ends every quote event. */
  public static final int PERIOD = 0;

  private final int fillers, quotes, quoteWords, endings, quoteLength, maxGap;
  private final double quoteRate, instructionRate;
  private final long seed;
  private final int[][] quoteTokens;
  private final int[] memorised, heldOut;

  /**
   * @param fillers filler words F (≥ 1)
   * @param quotes quotes Q (≥ 1)
   * @param quoteWords body words W the quotes draw from (≥ 1)
   * @param quoteLength tokens per quote k (≥ 1), its own final word included
   * @param endings ending words E (≥ 3: a quote's memorised, held-out and at least one other ending)
   * @param maxGap at most this many filler words between an instruction and its quote (≥ 0)
   * @param quoteRate probability that an event is a quote (0 &lt; p ≤ 1)
   * @param instructionRate probability that a quote event is instructed (0 &lt; r &lt; 1)
   * @param seed draws the quotes and their endings
   */
  public MemoTrapCorpus(int fillers, int quotes, int quoteWords, int quoteLength, int endings, int maxGap,
      double quoteRate, double instructionRate, long seed) {
    if (fillers < 1) throw new IllegalArgumentException("fillers must be ≥ 1, got " + fillers);
    if (quotes < 1) throw new IllegalArgumentException("quotes must be ≥ 1, got " + quotes);
    if (quoteWords < 1) throw new IllegalArgumentException("quote words must be ≥ 1, got " + quoteWords);
    if (quoteLength < 1) throw new IllegalArgumentException("quote length must be ≥ 1, got " + quoteLength);
    if (endings < 3) throw new IllegalArgumentException("endings must be ≥ 3, got " + endings);
    if (maxGap < 0) throw new IllegalArgumentException("max gap must be ≥ 0, got " + maxGap);
    if (!(quoteRate > 0 && quoteRate <= 1)) throw new IllegalArgumentException("quote rate must be in (0, 1], got " + quoteRate);
    if (!(instructionRate > 0 && instructionRate < 1)) {
      throw new IllegalArgumentException("instruction rate must be in (0, 1), got " + instructionRate);
    }
    this.fillers = fillers;
    this.quotes = quotes;
    this.quoteWords = quoteWords;
    this.quoteLength = quoteLength;
    this.endings = endings;
    this.maxGap = maxGap;
    this.quoteRate = quoteRate;
    this.instructionRate = instructionRate;
    this.seed = seed;
    SplittableRandom rng = new SplittableRandom(seed);
    quoteTokens = new int[quotes][quoteLength];
    for (int q = 0; q < quotes; q++) {
      for (int i = 0; i < quoteLength - 1; i++) quoteTokens[q][i] = firstQuoteWord() + rng.nextInt(quoteWords);
      quoteTokens[q][quoteLength - 1] = firstQuoteFinal() + q;
    }
    // endings dealt out evenly (q mod E), then shuffled over the quotes
    memorised = new int[quotes];
    for (int q = 0; q < quotes; q++) memorised[q] = q % endings;
    for (int i = quotes - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1), t = memorised[i];
      memorised[i] = memorised[j];
      memorised[j] = t;
    }
    heldOut = new int[quotes];
    for (int q = 0; q < quotes; q++) heldOut[q] = (memorised[q] + 1 + rng.nextInt(endings - 1)) % endings;
  }

  /**
   * The demonstration's language: 16 filler words, 32 quotes of 4 tokens over 16 body words,
   * 8 endings, instructions up to 3 words before their quote, half the events quotes, 20% of quotes
   * instructed. Vocabulary 1 + 16 + 32 + 16 + 8 + 8 = 81.
   */
  public static MemoTrapCorpus standard(long seed) {
    return new MemoTrapCorpus(16, 32, 16, 4, 8, 3, 0.5, 0.2, seed);
  }

  // ---- the vocabulary ----------------------------------------------------------------------

  private int firstFiller() { return 1; }
  private int firstQuoteFinal() { return 1 + fillers; }
  private int firstQuoteWord() { return 1 + fillers + quotes; }
  private int firstEnding() { return 1 + fillers + quotes + quoteWords; }
  private int firstInstruction() { return firstEnding() + endings; }

  @Override public int vocab() { return firstInstruction() + endings; }

  /** The token of ending word j (0 ≤ j &lt; E). */
  public int endingToken(int j) { return firstEnding() + checkEnding(j); }

  /** The instruction token "end with ending word j". */
  public int instructionToken(int j) { return firstInstruction() + checkEnding(j); }

  /** The tokens of quote q (a copy). */
  public int[] quote(int q) {
    if (q < 0 || q >= quotes) throw new IllegalArgumentException("quote " + q + " is not in [0, " + quotes + ")");
    return quoteTokens[q].clone();
  }

  /** The index of quote q's memorised ending e(q). */
  public int memorisedEnding(int q) { return memorised[checkQuote(q)]; }

  /** The index of quote q's held-out ending h(q), never requested after q in training. */
  public int heldOutEnding(int q) { return heldOut[checkQuote(q)]; }

  public int quotes() { return quotes; }
  public int endings() { return endings; }
  public int quoteLength() { return quoteLength; }
  public int maxGap() { return maxGap; }
  public double quoteRate() { return quoteRate; }
  public double instructionRate() { return instructionRate; }

  /**
   * The best a model can do that reads the quote but not the instruction (the memorised prior):
   * P(ending j | quote q) = (1 − r)·[j = e(q)] + r·[j ≠ h(q)]/(E − 1).
   */
  public double priorOnlyProbability(int q, int ending) {
    checkEnding(ending);
    double p = ending == memorisedEnding(q) ? 1 - instructionRate : 0;
    if (ending != heldOut[q]) p += instructionRate / (endings - 1);
    return p;
  }

  /**
   * The probability that an event is an instructed quote: quoteRate · instructionRate. In a long
   * stream, the expected fraction of quote events that are instructed is exactly instructionRate.
   */
  public double instructedEventProbability() {
    return quoteRate * instructionRate;
  }

  /** Expected tokens per event: (1 − p)·1 + p·(k + 2 + r·(1 + maxGap/2)) (filler; quote + ending + period [+ instruction + gap]). */
  public double meanEventLength() {
    return (1 - quoteRate) + quoteRate * (quoteLength + 2 + instructionRate * (1 + maxGap / 2.0));
  }

  // ---- sampling ----------------------------------------------------------------------------

  /** Appends one event to {@code out} from position {@code n}; returns the new length. */
  private int event(SplittableRandom rng, int[] out, int n) {
    if (rng.nextDouble() >= quoteRate) {
      out[n++] = firstFiller() + rng.nextInt(fillers);
      return n;
    }
    int q = rng.nextInt(quotes);
    int answer = memorised[q];
    if (rng.nextDouble() < instructionRate) {
      int w = rng.nextInt(endings - 1);
      if (w >= heldOut[q]) w++; // uniform over the endings other than h(q)
      answer = w;
      n = instruction(rng, out, n, w);
    }
    for (int t : quoteTokens[q]) out[n++] = t;
    out[n++] = firstEnding() + answer;
    out[n++] = PERIOD;
    return n;
  }

  private int instruction(SplittableRandom rng, int[] out, int n, int w) {
    out[n++] = firstInstruction() + w;
    int gap = rng.nextInt(maxGap + 1);
    for (int g = 0; g < gap; g++) out[n++] = firstFiller() + rng.nextInt(fillers);
    return n;
  }

  private int maxEventLength() {
    return quoteLength + maxGap + 3;
  }

  /** A stream of at least {@code length} tokens (whole events), in a buffer with room to spare. */
  private int[] stream(SplittableRandom rng, int length) {
    int[] buf = new int[length + maxEventLength()];
    int n = 0;
    while (n < length) n = event(rng, buf, n);
    return buf;
  }

  /**
   * The last {@code length} tokens of a stream of whole events, skipping a random offset so that
   * windows start anywhere in an event.
   */
  private void window(SplittableRandom rng, int[] seq, int length) {
    int offset = rng.nextInt(maxEventLength());
    int[] s = stream(rng, length + offset);
    System.arraycopy(s, offset, seq, 0, length);
  }

  @Override
  public void trainBatch(long runSeed, long step, int batch, int context, int[] inputs, int[] targets) {
    fill(new SplittableRandom(SeedMix.mix(runSeed, step)), batch, context, inputs, targets);
  }

  @Override
  public void evalBatch(long runSeed, int index, int batch, int context, int[] inputs, int[] targets) {
    fill(new SplittableRandom(SeedMix.mix(runSeed ^ EVAL_SALT, index)), batch, context, inputs, targets);
  }

  private void fill(SplittableRandom rng, int batch, int context, int[] inputs, int[] targets) {
    int[] seq = new int[context + 1];
    for (int b = 0; b < batch; b++) {
      window(rng, seq, context + 1);
      System.arraycopy(seq, 0, inputs, b * context, context);
      System.arraycopy(seq, 1, targets, b * context, context);
    }
  }

  /** The first {@code length} tokens of a stream of events drawn from {@code textSeed} (for showing and for tests). */
  public int[] text(long textSeed, int length) {
    if (length < 1) throw new IllegalArgumentException("length must be ≥ 1, got " + length);
    int[] s = stream(new SplittableRandom(SeedMix.mix(seed, textSeed)), length);
    return Arrays.copyOf(s, length);
  }

  /**
   * Tokens as words: {@code .} the period, {@code f3} a filler, {@code w5} a quote body word,
   * {@code Q7} the final word of quote 7, {@code E2} ending word 2, {@code [end:E2]} the instruction
   * "end with E2".
   */
  public String render(int[] tokens) {
    StringBuilder sb = new StringBuilder();
    for (int t : tokens) {
      if (sb.length() > 0) sb.append(' ');
      sb.append(word(t));
    }
    return sb.toString();
  }

  /** One token as a word (see {@link #render}). */
  public String word(int t) {
    if (t < 0 || t >= vocab()) throw new IllegalArgumentException("token " + t + " is not in [0, " + vocab() + ")");
    if (t == PERIOD) return ".";
    if (t < firstQuoteFinal()) return "f" + (t - firstFiller());
    if (t < firstQuoteWord()) return "Q" + (t - firstQuoteFinal());
    if (t < firstEnding()) return "w" + (t - firstQuoteWord());
    if (t < firstInstruction()) return "E" + (t - firstEnding());
    return "[end:E" + (t - firstInstruction()) + "]";
  }

  /** Whether token t is an instruction token. */
  public boolean isInstruction(int t) {
    return t >= firstInstruction() && t < vocab();
  }

  /** The ending index of an ending token, or −1 for any other token. */
  public int endingIndex(int t) {
    return t >= firstEnding() && t < firstInstruction() ? t - firstEnding() : -1;
  }

  /** The quote whose final word is token t, or −1. */
  public int quoteEndingIn(int t) {
    return t >= firstQuoteFinal() && t < firstQuoteWord() ? t - firstQuoteFinal() : -1;
  }

  // ---- test prompts ------------------------------------------------------------------------

  /**
   * A test prompt: {@code context} input tokens ending in a quote; the model's prediction at the last
   * position is scored on {@code correct} against {@code alternative} (token ids).
   *
   * @param quote the quote's index
   */
  public record Prompt(int[] inputs, int quote, int correct, int alternative) {}

  /**
   * {@code n} task prompts: text, then an instruction asking for h(q) (with its gap), then quote q at
   * the end of the window. Correct: h(q); the trap: e(q). Quotes cycle through all Q in order, so
   * every quote is tested equally; the text before the prompt is drawn from {@code promptSeed}.
   */
  public Prompt[] taskPrompts(int n, int context, long promptSeed) {
    return prompts(n, context, promptSeed ^ TASK_SALT, true);
  }

  /** {@code n} control prompts: text, then quote q uninstructed. Correct: e(q); alternative: h(q). */
  public Prompt[] controlPrompts(int n, int context, long promptSeed) {
    return prompts(n, context, promptSeed ^ CONTROL_SALT, false);
  }

  private Prompt[] prompts(int n, int context, long promptSeed, boolean instructed) {
    if (n < 1) throw new IllegalArgumentException("prompts must be ≥ 1, got " + n);
    if (context < quoteLength + maxGap + 2) {
      throw new IllegalArgumentException("context " + context + " is too short for a prompt (need ≥ " + (quoteLength + maxGap + 2) + ")");
    }
    SplittableRandom rng = new SplittableRandom(SeedMix.mix(seed, promptSeed));
    Prompt[] out = new Prompt[n];
    int[] tail = new int[quoteLength + maxGap + 1];
    for (int i = 0; i < n; i++) {
      int q = i % quotes;
      int t = 0;
      if (instructed) t = instruction(rng, tail, 0, heldOut[q]);
      for (int tok : quoteTokens[q]) tail[t++] = tok;
      int[] in = new int[context];
      // the text before the prompt: the last tokens of a stream of whole events (cut at the front)
      int need = context - t, len = 0;
      int[] s = new int[need + maxEventLength()];
      while (len < need) len = event(rng, s, len);
      System.arraycopy(s, len - need, in, 0, need);
      System.arraycopy(tail, 0, in, need, t);
      int correct = firstEnding() + (instructed ? heldOut[q] : memorised[q]);
      int alternative = firstEnding() + (instructed ? memorised[q] : heldOut[q]);
      out[i] = new Prompt(in, q, correct, alternative);
    }
    return out;
  }

  private int checkQuote(int q) {
    if (q < 0 || q >= quotes) throw new IllegalArgumentException("quote " + q + " is not in [0, " + quotes + ")");
    return q;
  }

  private int checkEnding(int j) {
    if (j < 0 || j >= endings) throw new IllegalArgumentException("ending " + j + " is not in [0, " + endings + ")");
    return j;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "memo-trap(F=%d, Q=%d, W=%d, k=%d, E=%d, gap≤%d, quotes=%.2f, instructed=%.2f, seed=%d)",
        fillers, quotes, quoteWords, quoteLength, endings, maxGap, quoteRate, instructionRate, seed);
  }

  @Override
  public String toString() {
    return describe() + " " + Arrays.toString(memorised);
  }
}

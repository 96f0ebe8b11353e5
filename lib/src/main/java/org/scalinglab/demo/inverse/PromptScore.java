package org.scalinglab.demo.inverse;

import org.scalinglab.train.LanguageModel;

/**
 * A trained model's score on two-choice test prompts, the measure of the Inverse Scaling Prize's
 * classification tasks (McKenzie et al. 2023, Section 2: the probability the model puts on the
 * correct answer among the answer choices). For each prompt the model's next-token probabilities at
 * the last position give p(correct) and p(alternative); the score is their normalised share
 * p(correct) / (p(correct) + p(alternative)), averaged over the prompts.
 *
 * <p>So a model that cannot tell the two choices apart scores 0.5, one that confidently picks the
 * wrong one (the memorised trap) scores near 0, and one that follows the rule near 1.
 *
 * @param meanShare mean normalised probability of the correct choice (0.5 = indifferent)
 * @param accuracy fraction of prompts where p(correct) &gt; p(alternative)
 * @param meanCorrectProb mean p(correct) over the whole vocabulary
 * @param meanAlternativeProb mean p(alternative) over the whole vocabulary (on the task: the
 *     probability of the memorised trap)
 * @param prompts prompts scored
 */
public record PromptScore(double meanShare, double accuracy, double meanCorrectProb, double meanAlternativeProb, int prompts) {

  /**
   * Scores {@code model} on {@code prompts} (each with {@code model.context()} input tokens), running
   * them through the model in batches of {@code model.batch()} (the last batch padded with repeats).
   * Two forward passes per batch, one with the correct and one with the alternative token as the
   * target at the last position; {@link LanguageModel#lastTokenLosses} gives −ln p of each.
   */
  public static PromptScore of(LanguageModel model, MemoTrapCorpus.Prompt[] prompts) {
    int B = model.batch(), T = model.context();
    int[] in = new int[B * T], tgCorrect = new int[B * T], tgAlt = new int[B * T];
    double[] lossC = new double[B * T], lossA = new double[B * T];
    double share = 0, pc = 0, pa = 0;
    int right = 0;
    for (int start = 0; start < prompts.length; start += B) {
      for (int b = 0; b < B; b++) {
        MemoTrapCorpus.Prompt p = prompts[Math.min(start + b, prompts.length - 1)];
        if (p.inputs().length != T) {
          throw new IllegalArgumentException("prompt has " + p.inputs().length + " tokens, the model's context is " + T);
        }
        System.arraycopy(p.inputs(), 0, in, b * T, T);
        // targets before the last position are the next inputs (their losses are not used)
        System.arraycopy(p.inputs(), 1, tgCorrect, b * T, T - 1);
        System.arraycopy(p.inputs(), 1, tgAlt, b * T, T - 1);
        tgCorrect[b * T + T - 1] = p.correct();
        tgAlt[b * T + T - 1] = p.alternative();
      }
      model.forward(in, tgCorrect);
      model.lastTokenLosses(lossC);
      model.forward(in, tgAlt);
      model.lastTokenLosses(lossA);
      for (int b = 0; b < B && start + b < prompts.length; b++) {
        double lc = lossC[b * T + T - 1], la = lossA[b * T + T - 1];
        // p_c / (p_c + p_a) = 1 / (1 + exp(lc − la)), computed without under/overflow
        share += 1 / (1 + Math.exp(lc - la));
        if (lc < la) right++;
        pc += Math.exp(-lc);
        pa += Math.exp(-la);
      }
    }
    int n = prompts.length;
    return new PromptScore(share / n, (double) right / n, pc / n, pa / n, n);
  }
}

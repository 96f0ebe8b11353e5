package org.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

/** Central finite differences of a model's loss, shared by the gradient tests of every model. */
final class FiniteDifferences {
  private static final double EPS = 3e-3;

  private FiniteDifferences() {}

  /** (L(p + εu) − L(p − εu)) / 2ε over the parameters [off, off + size); the parameters are restored. */
  static double directional(LanguageModel model, int[] in, int[] tg, int off, int size, double[] u) {
    NativeFloats p = model.params();
    float[] saved = new float[size];
    for (int i = 0; i < size; i++) saved[i] = p.get(off + i);
    for (int i = 0; i < size; i++) p.set(off + i, (float) (saved[i] + EPS * u[i]));
    double plus = model.forward(in, tg);
    for (int i = 0; i < size; i++) p.set(off + i, (float) (saved[i] - EPS * u[i]));
    double minus = model.forward(in, tg);
    for (int i = 0; i < size; i++) p.set(off + i, saved[i]);
    return (plus - minus) / (2 * EPS);
  }

  /** Asserts that the analytic gradient of one tensor matches along a random direction (seeded by its name). */
  static void checkTensor(LanguageModel model, int[] in, int[] tg, String name, int layer, int off, int size, float[] grad) {
    SplittableRandom r = new SplittableRandom(name.hashCode() * 31L + layer);
    double[] u = new double[size];
    double analytic = 0;
    for (int i = 0; i < size; i++) {
      u[i] = r.nextGaussian();
      analytic += grad[off + i] * u[i];
    }
    double numeric = directional(model, in, tg, off, size, u);
    assertTrue(Math.abs(numeric - analytic) <= 2e-5 + 5e-3 * Math.abs(numeric),
        name + "[" + layer + "]: analytic " + analytic + " vs numeric " + numeric);
  }
}

package org.scalinglab.train;

import java.nio.FloatBuffer;

/**
 * Adam with decoupled weight decay (AdamW; Loshchilov &amp; Hutter 2019, Algorithm 2), applied in
 * place to a model's flat parameter block, after clipping the gradient to a maximum global L2 norm
 * (Pascanu et al. 2013). Per parameter, with bias-corrected moments:
 * <pre>
 *   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²
 *   θ ← θ − lr·( m̂ / (√v̂ + ε) + λ·θ )      (λ only where the model marks the parameter decayed)
 * </pre>
 * The norm is summed in one fixed order (sequentially, in double), so it is deterministic.
 */
public final class AdamW {
  /**
   * Hyper-parameters.
   *
   * @param beta1 first-moment decay (0.9)
   * @param beta2 second-moment decay (0.95, as for GPT-3 and Chinchilla)
   * @param eps denominator guard (1e-8)
   * @param weightDecay decoupled decay λ (0.1)
   * @param clipNorm maximum global gradient norm (1.0); ≤ 0 disables clipping
   */
  public record Settings(double beta1, double beta2, double eps, double weightDecay, double clipNorm) {
    public static final Settings DEFAULT = new Settings(0.9, 0.95, 1e-8, 0.1, 1.0);
  }

  private final Settings settings;
  private final NativeFloats m, v;
  private long step;

  public AdamW(int numParams, Settings settings) {
    this.settings = settings;
    this.m = NativeFloats.zeros(numParams);
    this.v = NativeFloats.zeros(numParams);
  }

  public NativeFloats firstMoment() {
    return m;
  }

  public NativeFloats secondMoment() {
    return v;
  }

  /** Updates taken so far. */
  public long step() {
    return step;
  }

  /** Restores the update count (from a checkpoint). */
  public void setStep(long step) {
    this.step = step;
  }

  /** The global L2 norm of the gradient block. */
  public static double globalNorm(NativeFloats grads) {
    FloatBuffer g = grads.buffer();
    double s = 0;
    for (int i = 0, n = grads.length(); i < n; i++) {
      double x = g.get(i);
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /** One update at learning rate {@code lr}; returns the gradient norm before clipping. */
  public double update(NativeFloats params, NativeFloats grads, boolean[] decayed, double lr, WorkerPool pool) {
    double norm = globalNorm(grads);
    float clip = settings.clipNorm() > 0 && norm > settings.clipNorm() ? (float) (settings.clipNorm() / norm) : 1f;
    step++;
    float b1 = (float) settings.beta1(), b2 = (float) settings.beta2();
    float c1 = (float) (1 / (1 - Math.pow(settings.beta1(), step)));
    float c2 = (float) (1 / (1 - Math.pow(settings.beta2(), step)));
    float eps = (float) settings.eps(), flr = (float) lr, decay = (float) (lr * settings.weightDecay());
    FloatBuffer p = params.buffer(), g = grads.buffer(), mb = m.buffer(), vb = v.buffer();
    pool.run(params.length(), (th, lo, hi) -> {
      for (int i = lo; i < hi; i++) {
        float gi = g.get(i) * clip;
        float mi = b1 * mb.get(i) + (1 - b1) * gi;
        float vi = b2 * vb.get(i) + (1 - b2) * gi * gi;
        mb.put(i, mi);
        vb.put(i, vi);
        float theta = p.get(i);
        float upd = flr * (mi * c1) / ((float) Math.sqrt(vi * c2) + eps);
        if (decayed[i]) upd += decay * theta;
        p.put(i, theta - upd);
      }
    });
    return norm;
  }
}

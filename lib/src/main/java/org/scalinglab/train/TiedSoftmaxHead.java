package org.scalinglab.train;

import java.nio.FloatBuffer;

/**
 * The output head shared by the transformer and the LSTM: logits = h·W_teᵀ with the token
 * embedding W_te (tied weights, Press &amp; Wolf 2017), softmax, and the mean cross-entropy
 * against the next tokens; and its backward pass. The probabilities are written over the logits.
 * Per-row losses are kept (in double) for {@link #lastTokenLosses}.
 */
final class TiedSoftmaxHead {
  private final int rows, width, vocab;
  private final WorkerPool pool;
  private final NativeFloats dlogits;
  private final double[] rowLoss;

  /** A head for {@code rows} positions of hidden width {@code width} over {@code vocab} tokens. */
  TiedSoftmaxHead(int rows, int width, int vocab, WorkerPool pool) {
    this.rows = rows;
    this.width = width;
    this.vocab = vocab;
    this.pool = pool;
    this.dlogits = NativeFloats.zeros(rows * vocab);
    this.rowLoss = new double[rows];
  }

  /**
   * Logits of the hidden states {@code acts[hidden..]} against {@code params[wte..]} into
   * {@code acts[logits..]}, turned into probabilities; returns the mean cross-entropy (nats).
   */
  double forward(NativeFloats acts, int hidden, int logits, NativeFloats params, int wte, int[] targets) {
    long t0 = StepProfile.start();
    Blas.gemmRows(pool, true, rows, vocab, width, 1f, acts, hidden, width, params, wte, width, 0f, acts, logits, vocab);
    StepProfile.stop(StepProfile.Phase.HEAD_MATMUL, t0);
    t0 = StepProfile.start();
    FloatBuffer x = acts.buffer();
    int V = vocab;
    pool.run(rows, (th, lo, hi) -> {
      float[] p = new float[V]; // one row of logits, then probabilities, on the heap
      for (int r = lo; r < hi; r++) {
        int o = logits + r * V;
        x.get(o, p, 0, V);
        float max = Float.NEGATIVE_INFINITY;
        for (int v = 0; v < V; v++) max = Math.max(max, p[v]);
        double sum = 0;
        for (int v = 0; v < V; v++) {
          float e = FastExp.exp(p[v] - max);
          p[v] = e;
          sum += e;
        }
        float inv = (float) (1 / sum);
        for (int v = 0; v < V; v++) p[v] *= inv;
        x.put(o, p, 0, V);
        rowLoss[r] = -Math.log(Math.max(p[targets[r]], 1e-30f));
      }
    });
    double loss = 0;
    for (int r = 0; r < rows; r++) loss += rowLoss[r];
    StepProfile.stop(StepProfile.Phase.SOFTMAX_XENT, t0);
    return loss / rows;
  }

  /** The per-position losses of the last {@link #forward}. */
  void lastTokenLosses(double[] out) {
    if (out.length != rows) throw new IllegalArgumentException("expected room for " + rows + " losses, got " + out.length);
    System.arraycopy(rowLoss, 0, out, 0, rows);
  }

  /**
   * Backward of the mean loss: d(logits) = (p − onehot)/rows; {@code dHidden} (from offset 0) =
   * d(logits)·W_te, written; the tied embedding's gradient {@code grads[wte..]} += d(logits)ᵀ·h.
   */
  void backward(NativeFloats acts, int hidden, int logits, NativeFloats params, int wte, NativeFloats grads,
      int[] targets, NativeFloats dHidden) {
    long t0 = StepProfile.start();
    FloatBuffer x = acts.buffer(), dl = dlogits.buffer();
    float inv = 1f / rows;
    int V = vocab;
    pool.run(rows, (th, lo, hi) -> {
      float[] p = new float[V];
      for (int r = lo; r < hi; r++) {
        x.get(logits + r * V, p, 0, V);
        for (int v = 0; v < V; v++) p[v] *= inv;
        p[targets[r]] -= inv;
        dl.put(r * V, p, 0, V);
      }
    });
    StepProfile.stop(StepProfile.Phase.SOFTMAX_XENT, t0);
    t0 = StepProfile.start();
    Blas.gemmRows(pool, false, rows, width, V, 1f, dlogits, 0, V, params, wte, width, 0f, dHidden, 0, width);
    Blas.gemmTransAColumns(pool, V, width, rows, 1f, dlogits, 0, V, acts, hidden, width, 1f, grads, wte, width);
    StepProfile.stop(StepProfile.Phase.HEAD_MATMUL, t0);
  }
}

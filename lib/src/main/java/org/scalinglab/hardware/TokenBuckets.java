package org.scalinglab.hardware;

/**
 * The rows of a batch grouped by token, for the token embedding's backward kernel
 * ({@code encoder_backward_wte} in {@code encoder.cu}): the rows holding token v are
 * {@code rows[start[v] .. start[v+1])}, in ascending order. A counting sort on the host (the host
 * has the batch's tokens anyway), so the kernel can give every (token, channel) of the gradient one
 * thread that adds its rows in the CPU engine's order, without atomics.
 *
 * @param start V + 1 offsets into {@code rows}; {@code start[V]} is the number of rows
 * @param rows the row indices, grouped by token, ascending within each token
 */
public record TokenBuckets(int[] start, int[] rows) {
  /** The buckets of {@code tokens} (one per row) over a vocabulary of {@code vocab} tokens. */
  public static TokenBuckets of(int[] tokens, int vocab) {
    if (vocab < 1) throw new IllegalArgumentException("vocabulary must have at least one token, got " + vocab);
    int[] start = new int[vocab + 1];
    for (int r = 0; r < tokens.length; r++) {
      int t = tokens[r];
      if (t < 0 || t >= vocab) {
        throw new IllegalArgumentException("token " + t + " at row " + r + " is outside the vocabulary [0, " + vocab + ")");
      }
      start[t + 1]++;
    }
    for (int v = 0; v < vocab; v++) start[v + 1] += start[v];
    int[] next = start.clone();
    int[] rows = new int[tokens.length];
    for (int r = 0; r < tokens.length; r++) rows[next[tokens[r]]++] = r;
    return new TokenBuckets(start, rows);
  }
}

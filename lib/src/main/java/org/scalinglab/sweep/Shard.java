package org.scalinglab.sweep;

/**
 * The K-th of N deterministic shares of a sweep (1 ≤ K ≤ N): run number i (0-based, in the
 * sweep's fixed order) belongs to shard {@code (i mod N) + 1}. N processes — on one machine or on
 * N machines sharing the output folder — together run every run exactly once, with no coordinator,
 * because each run's ledger record is its own file.
 */
public record Shard(int k, int n) {
  public static final Shard ALL = new Shard(1, 1);

  public Shard {
    if (n < 1 || k < 1 || k > n) throw new IllegalArgumentException("shard must be K/N with 1 ≤ K ≤ N, got " + k + "/" + n);
  }

  /** Parses "K/N". */
  public static Shard parse(String s) {
    String[] parts = s.trim().split("/");
    if (parts.length != 2) throw new IllegalArgumentException("shard must look like K/N (e.g. 2/4), got '" + s + "'");
    try {
      return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("shard must look like K/N (e.g. 2/4), got '" + s + "'");
    }
  }

  public boolean owns(int runIndex) {
    return runIndex % n == k - 1;
  }

  @Override
  public String toString() {
    return k + "/" + n;
  }
}

package org.scalinglab.hardware;

/** The rungs of the matrix-multiply ladder, slowest first. */
public enum MatmulVariant {
  /** {@link Matmul#naive}: i-j-k, one thread. */
  NAIVE("naive", "naive i-j-k loop, 1 thread"),
  /** {@link Matmul#loopOrdered}: i-k-j, one thread. */
  LOOP_ORDER("loop-order", "i-k-j loop order, 1 thread"),
  /** {@link Matmul#tiled}: cache-blocked tiles, one thread. */
  TILED("tiled", "cache-blocked T×T tiles, 1 thread"),
  /** {@link Matmul#tiledParallel}: tiles on all threads. */
  TILED_PARALLEL("tiled-parallel", "tiles on all cores"),
  /** OpenBLAS {@code cblas_sgemm}, rows split over the threads as the trainer calls it. */
  OPENBLAS("openblas", "OpenBLAS sgemm as the trainer calls it");

  private final String key;
  private final String description;

  MatmulVariant(String key, String description) {
    this.key = key;
    this.description = description;
  }

  /** The short name used on the command line and in JSON. */
  public String key() {
    return key;
  }

  public String description() {
    return description;
  }

  /** True for the variants that use every thread. */
  public boolean parallel() {
    return this == TILED_PARALLEL || this == OPENBLAS;
  }

  /** The variant with this {@link #key()}; the error lists the valid keys. */
  public static MatmulVariant of(String key) {
    for (MatmulVariant v : values()) if (v.key.equalsIgnoreCase(key.strip())) return v;
    StringBuilder keys = new StringBuilder();
    for (MatmulVariant v : values()) keys.append(keys.length() == 0 ? "" : ", ").append(v.key);
    throw new IllegalArgumentException("unknown matmul variant '" + key + "' (expected one of " + keys + ")");
  }
}

package org.scalinglab.hardware;

/**
 * The roofline model (Williams, Waterman &amp; Patterson 2009, "Roofline: an insightful visual
 * performance model for multicore architectures", CACM 52(4)): a kernel of arithmetic intensity I
 * (FLOPs per byte moved from slow memory) can run at most at min(peak, I · bandwidth). The ridge
 * point I* = peak / bandwidth separates memory-bound kernels (I &lt; I*) from compute-bound ones.
 *
 * @param name the machine
 * @param peakFlopsPerSecond peak FLOP/s (measured, or a datasheet figure)
 * @param bytesPerSecond memory bandwidth (measured, or a datasheet figure)
 */
public record Roofline(String name, double peakFlopsPerSecond, double bytesPerSecond) {
  /** Which roof limits a kernel. */
  public enum Bound { MEMORY, COMPUTE }

  public Roofline {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("a roofline needs a name");
    if (!(peakFlopsPerSecond > 0) || Double.isInfinite(peakFlopsPerSecond)) throw new IllegalArgumentException("peak FLOP/s must be positive, got " + peakFlopsPerSecond);
    if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) throw new IllegalArgumentException("bandwidth must be positive, got " + bytesPerSecond);
  }

  /** The ridge point: peak / bandwidth, in FLOPs per byte. */
  public double ridge() {
    return peakFlopsPerSecond / bytesPerSecond;
  }

  /** Attainable FLOP/s at intensity I: min(peak, I · bandwidth). */
  public double attainable(double intensity) {
    if (!(intensity > 0)) throw new IllegalArgumentException("arithmetic intensity must be positive, got " + intensity);
    return Math.min(peakFlopsPerSecond, intensity * bytesPerSecond);
  }

  /** MEMORY when I &lt; ridge, COMPUTE otherwise. */
  public Bound bound(double intensity) {
    if (!(intensity > 0)) throw new IllegalArgumentException("arithmetic intensity must be positive, got " + intensity);
    return intensity < ridge() ? Bound.MEMORY : Bound.COMPUTE;
  }

  public Bound bound(Workload w) {
    return bound(w.intensity());
  }

  /** The roofline of a datasheet. */
  public static Roofline of(Datasheet d) {
    return new Roofline(d.accelerator().name(), d.accelerator().peakFlopsPerSecond(), d.memoryBytesPerSecond());
  }
}

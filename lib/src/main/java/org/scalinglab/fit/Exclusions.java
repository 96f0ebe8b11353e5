package org.scalinglab.fit;

import org.scalinglab.error.FitFailedException;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.scalinglab.data.Run;
import org.scalinglab.data.Runs;

/**
 * Which runs a fit leaves out, because published fits drop outliers and their smallest runs
 * (Hoffmann et al. 2022, Appendix D.2; Besiroglu et al. 2024, Section 2): first every run matching
 * a predicate, then the K runs with the highest loss, then the K runs with the lowest compute.
 * Ties are broken by position in the input, so the choice is deterministic.
 *
 * @param predicate runs to exclude (never null; {@code r -> false} excludes none)
 * @param highestLoss how many of the highest-loss runs to exclude
 * @param lowestCompute how many of the lowest-compute runs to exclude
 */
public record Exclusions(Predicate<Run> predicate, int highestLoss, int lowestCompute) {
  public Exclusions {
    if (predicate == null) throw new IllegalArgumentException("predicate must not be null");
    if (highestLoss < 0) throw new IllegalArgumentException("highestLoss must be ≥ 0, got " + highestLoss);
    if (lowestCompute < 0) throw new IllegalArgumentException("lowestCompute must be ≥ 0, got " + lowestCompute);
  }

  /** Keep every run. */
  public static Exclusions none() {
    return new Exclusions(r -> false, 0, 0);
  }

  public Exclusions withPredicate(Predicate<Run> p) {
    return new Exclusions(predicate.or(p), highestLoss, lowestCompute);
  }

  public Exclusions withHighestLoss(int k) {
    return new Exclusions(predicate, k, lowestCompute);
  }

  public Exclusions withLowestCompute(int k) {
    return new Exclusions(predicate, highestLoss, k);
  }

  /** The runs that remain. */
  public Runs apply(Runs runs) {
    Runs kept = runs.filter(predicate.negate());
    Runs afterLoss = dropTop(kept, highestLoss, Comparator.comparingDouble((Integer i) -> -kept.get(i).loss()));
    return dropTop(afterLoss, lowestCompute, Comparator.comparingDouble((Integer i) -> afterLoss.get(i).compute()));
  }

  /** Drops the first k runs in the given order (stable: earlier rows first among equals). */
  private static Runs dropTop(Runs runs, int k, Comparator<Integer> order) {
    if (k == 0) return runs;
    if (k >= runs.size()) {
      throw new FitFailedException(runs.source() + ": excluding " + k + " runs leaves none of " + runs.size());
    }
    List<Integer> sorted = IntStream.range(0, runs.size()).boxed().sorted(order.thenComparing(i -> i)).toList();
    Set<Integer> drop = new HashSet<>(sorted.subList(0, k));
    List<Run> keep = IntStream.range(0, runs.size()).filter(i -> !drop.contains(i)).mapToObj(runs::get).toList();
    return Runs.of(keep, runs.source());
  }
}

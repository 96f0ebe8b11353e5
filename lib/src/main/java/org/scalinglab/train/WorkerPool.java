package org.scalinglab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of threads that split a range of work into equal contiguous chunks, always the
 * same chunks for the same range and thread count: chunk {@code i} of {@code [0, n)} is
 * {@code [n·i/t, n·(i+1)/t)}. Every chunk writes only its own outputs (or its own partial sums,
 * added up afterwards in chunk order), so results are bit-identical from run to run for a given
 * thread count. The calling thread runs chunk 0.
 */
public final class WorkerPool implements AutoCloseable {
  /** One chunk of work: thread index and the half-open range it owns. */
  @FunctionalInterface
  public interface Chunk {
    void run(int thread, int lo, int hi);
  }

  private final int threads;
  private final ExecutorService executor;

  public WorkerPool(int threads) {
    if (threads < 1) throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
    this.threads = threads;
    this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "scalinglab-train-worker");
      t.setDaemon(true);
      return t;
    });
  }

  public int threads() {
    return threads;
  }

  /** Runs {@code work} over {@code [0, n)} split into {@link #threads()} chunks; returns when all are done. */
  public void run(int n, Chunk work) {
    if (threads == 1 || n < 2) {
      work.run(0, 0, n);
      return;
    }
    int t = Math.min(threads, n);
    List<Future<?>> futures = new ArrayList<>(t - 1);
    for (int i = 1; i < t; i++) {
      final int id = i;
      final int lo = (int) ((long) n * i / t), hi = (int) ((long) n * (i + 1) / t);
      futures.add(executor.submit(() -> work.run(id, lo, hi)));
    }
    work.run(0, 0, (int) ((long) n / t));
    // An interrupt does not abandon the chunks (they write into shared buffers and take milliseconds):
    // wait for them, keep the thread's interrupt status, and let the caller's loop stop at its next
    // step with consistent state (Trainer checks once per step).
    boolean interrupted = false;
    for (int i = 0; i < futures.size(); i++) {
      try {
        futures.get(i).get();
      } catch (InterruptedException e) {
        interrupted = true;
        i--; // wait for the same chunk again
      } catch (ExecutionException e) {
        if (interrupted) Thread.currentThread().interrupt();
        Throwable c = e.getCause();
        if (c instanceof RuntimeException r) throw r;
        if (c instanceof Error err) throw err;
        throw new IllegalStateException(c);
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  /** Stops the threads (no chunk runs after close returns, unless one is stuck for 10 s). */
  @Override
  public void close() {
    if (executor == null) return;
    executor.shutdownNow();
    boolean interrupted = Thread.interrupted();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }
}

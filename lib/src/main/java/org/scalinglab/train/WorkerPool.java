package org.scalinglab.train;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed number of threads that split a range of work into equal contiguous chunks, always the
 * same chunks for the same range and thread count: chunk {@code i} of {@code [0, n)} is
 * {@code [n·i/t, n·(i+1)/t)} with {@code t = min(threads, n)}. Every chunk writes only its own
 * outputs (or its own partial sums, indexed by the chunk and added up afterwards in chunk order),
 * so results are bit-identical from run to run for a given thread count.
 *
 * <p>Which thread runs which chunk is not fixed: the calling thread and the workers claim chunks
 * from a counter, so on a busy machine, where a worker may not get a core for milliseconds, the
 * caller takes over the chunks the worker has not started instead of waiting for it. The chunk
 * index is passed to the work as its {@code thread} argument: at most one running chunk has a
 * given index, so it can also index per-thread scratch.
 *
 * <p>A step of training calls {@link #run} about a hundred times, most regions lasting well under a
 * millisecond, so handing work over must be cheap: workers spin (with {@link Thread#onSpinWait})
 * for a short while after each region, waiting for the next, and only then park; the caller wakes
 * parked workers with {@link LockSupport#unpark}. (An {@code ExecutorService} with futures, used
 * before, costs a thread wake-up, tens of microseconds, per region and per worker.) The JDK's
 * fork/join pool steals work in an order that is not fixed, and its parallel streams split
 * adaptively, so neither gives the fixed chunks the bit-identical results need; hence this class.
 */
public final class WorkerPool implements AutoCloseable {
  /** One chunk of work: chunk index (also a thread-scratch index) and the half-open range it owns. */
  @FunctionalInterface
  public interface Chunk {
    void run(int thread, int lo, int hi);
  }

  /** How long an idle worker spins before it parks (a region usually follows within microseconds). */
  private static final long SPIN_NANOS = 200_000;

  /** One parallel region: its work, range and chunk count, and the counters the threads share. */
  private static final class Region {
    final Chunk work;
    final int n, chunks;
    final AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
    volatile Throwable failure;

    Region(Chunk work, int n, int chunks) {
      this.work = work;
      this.n = n;
      this.chunks = chunks;
    }

    /** Claims and runs chunks until none is left; returns whether it ran any. */
    boolean runChunks() {
      boolean ran = false;
      for (int i; (i = next.getAndIncrement()) < chunks; ) {
        ran = true;
        try {
          if (failure == null) work.run(i, bounds(n, chunks, i), bounds(n, chunks, i + 1));
        } catch (Throwable e) {
          if (failure == null) failure = e;
        } finally {
          done.incrementAndGet();
        }
      }
      return ran;
    }
  }

  private final int threads;
  private final Thread[] workers;
  private final boolean[] parked;
  private final AtomicBoolean busy = new AtomicBoolean(); // not reentrant: a nested call must not take over
  private volatile Region region;
  private volatile long generation;
  private volatile boolean closed;
  private final Object parkLock = new Object();

  public WorkerPool(int threads) {
    if (threads < 1) throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
    this.threads = threads;
    this.workers = new Thread[threads - 1];
    this.parked = new boolean[threads - 1];
    for (int i = 0; i < workers.length; i++) {
      final int id = i;
      Thread t = new Thread(() -> workLoop(id), "scalinglab-train-worker-" + (i + 1));
      t.setDaemon(true);
      workers[i] = t;
      t.start();
    }
  }

  public int threads() {
    return threads;
  }

  static int bounds(int n, int chunks, int i) {
    return (int) ((long) n * i / chunks);
  }

  /** Runs {@code work} over {@code [0, n)} split into {@link #threads()} chunks; returns when all are done. */
  public void run(int n, Chunk work) {
    if (threads == 1 || n < 2) {
      work.run(0, 0, n);
      return;
    }
    int t = Math.min(threads, n);
    if (closed) throw new IllegalStateException("worker pool is closed");
    // Another thread is using the pool (or a chunk calls run again): the same chunks, one after the
    // other on this thread — the same result, only slower.
    if (!busy.compareAndSet(false, true)) {
      for (int i = 0; i < t; i++) work.run(i, bounds(n, t, i), bounds(n, t, i + 1));
      return;
    }
    try {
      Region r = new Region(work, n, t);
      region = r;
      generation = generation + 1;
      wakeParked();
      r.runChunks();
      awaitDone(r);
      Throwable f = r.failure;
      if (f instanceof RuntimeException e) throw e;
      if (f instanceof Error e) throw e;
      if (f != null) throw new IllegalStateException(f);
    } finally {
      busy.set(false);
    }
  }

  /**
   * Waits until the chunks other threads claimed are done. An interrupt does not abandon them (they
   * write into shared buffers and take milliseconds): the thread's interrupt status is kept and the
   * caller's loop stops at its next step with consistent state (Trainer checks once per step).
   */
  private static void awaitDone(Region r) {
    for (int spins = 0; r.done.get() < r.chunks; spins++) {
      if (spins < 2_000) Thread.onSpinWait();
      else if (spins < 4_000) Thread.yield(); // the worker may need this core to finish
      else LockSupport.parkNanos(20_000);
    }
  }

  private void wakeParked() {
    synchronized (parkLock) {
      for (int i = 0; i < workers.length; i++) {
        if (parked[i]) LockSupport.unpark(workers[i]);
      }
    }
  }

  private void workLoop(int id) {
    long seen = 0;
    while (!closed) {
      long g = generation;
      if (g != seen) {
        seen = g;
        Region r = region;
        if (r != null) r.runChunks();
        continue;
      }
      long spinUntil = System.nanoTime() + SPIN_NANOS;
      while (generation == seen && !closed && System.nanoTime() < spinUntil) Thread.onSpinWait();
      if (generation != seen || closed) continue;
      synchronized (parkLock) {
        parked[id] = true;
      }
      // wakeParked reads parked[] under the lock after publishing the generation: either it sees
      // this worker parked and unparks it (the permit makes park return), or the check below sees
      // the new generation.
      if (generation == seen && !closed) LockSupport.park(this);
      synchronized (parkLock) {
        parked[id] = false;
      }
    }
  }

  /** Stops the threads (no chunk runs after close returns, unless one is stuck for 10 s). */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    for (Thread w : workers) LockSupport.unpark(w);
    boolean interrupted = Thread.interrupted();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (Thread w : workers) {
      while (w.isAlive()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) break;
        try {
          w.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }
}

package org.scalinglab.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * The thread that runs cell code. One long-lived thread (so thread-local state of libraries such as
 * ND4J survives from cell to cell) that is replaced only when an interrupt had to stop it. The
 * caller waits for each piece of code; {@link #interrupt(long)} interrupts the thread (blocking
 * calls, and library loops that check the interrupt status). Cell code itself stops at its next
 * interrupt check ({@code snippet.CellInterrupt}, set by {@link KernelExecutionControl}). Only code
 * that does neither still runs after the grace period; on JDK 17–19 the thread is then stopped with
 * {@code Thread.stop}, which JDK 20+ no longer supports.
 */
final class CellThread {
  /** Outcome of one invocation: exactly one of value / thrown / stopped is meaningful. */
  static final class Invocation {
    private final Method method;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Object value;
    private volatile Throwable thrown;
    private volatile boolean stopped;
    private volatile boolean cancelled;

    Invocation(Method method) {
      this.method = method;
    }

    Object value() {
      return value;
    }

    /** The user's exception (unwrapped from reflection), or null. */
    Throwable thrown() {
      return thrown;
    }

    boolean stopped() {
      return stopped;
    }
  }

  private final ClassLoader contextLoader;
  private final long stackBytes;
  private final SynchronousQueue<Invocation> handOff = new SynchronousQueue<>();
  private volatile Thread thread;
  private volatile Invocation running;
  private int generation;

  CellThread(ClassLoader contextLoader, long stackBytes) {
    this.contextLoader = contextLoader;
    this.stackBytes = stackBytes;
  }

  /** Runs {@code method} (static, no arguments) on the cell thread and waits for it. */
  Invocation invoke(Method method) throws InterruptedException {
    Invocation inv = new Invocation(method);
    Thread t = ensureThread();
    running = inv; // visible to interrupt() before the cell thread picks it up: no interrupt is lost
    handOff.put(inv);
    while (!inv.done.await(100, TimeUnit.MILLISECONDS)) {
      if (!t.isAlive()) { // stopped outside the guarded region: treat as interrupted
        inv.stopped = true;
        break;
      }
    }
    return inv;
  }

  /** True while cell code runs. */
  boolean isRunning() {
    return running != null;
  }

  /**
   * Interrupts the running code; if it still runs after {@code graceMillis}, stops the thread.
   * Returns immediately; does nothing when no code runs.
   */
  void interrupt(long graceMillis) {
    Invocation inv = running;
    Thread t = thread;
    if (inv == null || t == null) {
      return;
    }
    inv.cancelled = true;
    t.interrupt();
    Thread stopper = new Thread(() -> {
      try {
        if (!inv.done.await(graceMillis, TimeUnit.MILLISECONDS) && running == inv) {
          stopThread(t);
        }
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    }, "scalinglab-cell-stopper");
    stopper.setDaemon(true);
    stopper.start();
  }

  @SuppressWarnings({"deprecation", "removal"})
  private static void stopThread(Thread t) {
    try {
      t.stop(); // deprecated, but the only way to end a loop that ignores interrupts (JDK <= 19)
    } catch (UnsupportedOperationException ignored) {
      // JDK 20+: Thread.stop is gone; the interrupt is all we can do
    }
  }

  private synchronized Thread ensureThread() {
    Thread t = thread;
    if (t != null && t.isAlive()) {
      return t;
    }
    generation++;
    t = new Thread(null, this::loop, "scalinglab-cell-" + generation, stackBytes);
    t.setDaemon(true);
    t.setContextClassLoader(contextLoader);
    thread = t;
    t.start();
    return t;
  }

  private void loop() {
    while (true) {
      Invocation inv;
      try {
        inv = handOff.take();
      } catch (InterruptedException e) {
        continue; // an interrupt that arrived between cells: nothing to interrupt
      } catch (ThreadDeath death) {
        return;
      }
      if (inv.cancelled) { // interrupted before it started
        inv.stopped = true;
        running = null;
        Thread.interrupted();
        inv.done.countDown();
        continue;
      }
      try {
        inv.value = inv.method.invoke(null);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ThreadDeath || SnippetClassLoader.isCellStopped(cause)) {
          inv.stopped = true;
        } else {
          inv.thrown = cause;
        }
      } catch (ThreadDeath death) {
        inv.stopped = true;
      } catch (Throwable e) {
        inv.thrown = e;
      } finally {
        running = null;
        Thread.interrupted(); // clear a pending interrupt so that it does not hit the next cell
        inv.done.countDown();
      }
    }
  }
}

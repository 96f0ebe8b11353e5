package org.scalinglab.kernel;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Sends what cells print (System.out / System.err, from any thread) and what they display to the
 * notebook while the cell runs. All messages go through one publisher thread, in order: text is
 * batched every {@code periodMillis} and always flushed before a display and at the end of a cell.
 * Output that arrives while no cell runs goes to the cell that ran last (or, before the first cell,
 * to the sink's fallback).
 */
public final class OutputRouter {
  /** Where the messages go; {@code context} identifies the cell (null before the first cell). */
  public interface Sink {
    void stream(Object context, boolean stderr, String text);

    void display(Object context, MimeBundle bundle);
  }

  private sealed interface Item permits Text, Display, Marker {}

  private record Text(Object context, boolean stderr, String text) implements Item {}

  private record Display(Object context, MimeBundle bundle) implements Item {}

  private record Marker(CountDownLatch latch) implements Item {}

  private final Sink sink;
  private final long periodMillis;
  private final StreamBuffer out;
  private final StreamBuffer err;
  private final PrintStream outPrint;
  private final PrintStream errPrint;
  private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private final Object drainLock = new Object();
  private volatile Object context;
  private final Thread publisher;
  private volatile boolean closed;

  public OutputRouter(Sink sink, NoiseFilter filter, long periodMillis) {
    this.sink = sink;
    this.periodMillis = periodMillis;
    this.out = new StreamBuffer(filter);
    this.err = new StreamBuffer(filter);
    this.outPrint = new PrintStream(out, true, StandardCharsets.UTF_8);
    this.errPrint = new PrintStream(err, true, StandardCharsets.UTF_8);
    this.publisher = new Thread(this::publishLoop, "scalinglab-iopub-publisher");
    publisher.setDaemon(true);
    publisher.start();
  }

  /** The stream to install as System.out. */
  public PrintStream out() {
    return outPrint;
  }

  /** The stream to install as System.err. */
  public PrintStream err() {
    return errPrint;
  }

  /** Output from now on belongs to the cell {@code cellContext}. */
  public void beginCell(Object cellContext) {
    synchronized (drainLock) {
      drain(true);
      context = cellContext;
    }
  }

  /** Sends everything the cell printed and waits (at most {@code timeoutMillis}) until it is sent. */
  public void endCell(long timeoutMillis) {
    outPrint.flush();
    errPrint.flush();
    synchronized (drainLock) {
      drain(true);
    }
    awaitSent(timeoutMillis);
  }

  /** Shows a rendered value in the current cell, after the text printed before it. */
  public void display(MimeBundle bundle) {
    outPrint.flush();
    errPrint.flush();
    synchronized (drainLock) {
      drain(true);
      queue.add(new Display(context, bundle));
    }
  }

  /** Waits until every queued message has been handed to the sink. */
  public boolean awaitSent(long timeoutMillis) {
    CountDownLatch latch = new CountDownLatch(1);
    queue.add(new Marker(latch));
    try {
      return latch.await(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public void close() {
    closed = true;
    out.stopDraining();
    err.stopDraining();
    publisher.interrupt();
  }

  private void drain(boolean all) {
    String o = out.take(all);
    if (!o.isEmpty()) {
      queue.add(new Text(context, false, o));
    }
    String e = err.take(all);
    if (!e.isEmpty()) {
      queue.add(new Text(context, true, e));
    }
  }

  private void publishLoop() {
    while (!closed) {
      try {
        Item item = queue.poll(periodMillis, TimeUnit.MILLISECONDS);
        if (item == null) {
          synchronized (drainLock) {
            drain(false);
          }
          continue;
        }
        deliver(item);
      } catch (InterruptedException e) {
        if (closed) {
          return;
        }
      } catch (Throwable t) {
        // a failed send must not end the publisher (the next message may well go through)
      }
    }
  }

  private void deliver(Item item) {
    if (item instanceof Text t) {
      // merge consecutive text of the same stream and cell into one message
      StringBuilder sb = new StringBuilder(t.text());
      Item next;
      while ((next = queue.peek()) instanceof Text n && n.context() == t.context() && n.stderr() == t.stderr()) {
        queue.poll();
        sb.append(n.text());
      }
      sink.stream(t.context(), t.stderr(), sb.toString());
    } else if (item instanceof Display d) {
      sink.display(d.context(), d.bundle());
    } else if (item instanceof Marker m) {
      m.latch().countDown();
    }
  }
}

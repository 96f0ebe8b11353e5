package org.scalinglab.kernel.snippet;

/**
 * The interrupt check that snippet code calls. The kernel defines this class inside the notebook's
 * class loader ({@code SnippetClassLoader}), and {@code InterruptInstrumenter} inserts a call to
 * {@link #check()} at the start of every method and before every backward jump (each loop
 * iteration) of the classes JShell compiles from cells. So a cell such as
 * {@code for (long i = 0; ; i++) s += i;} stops at its next iteration once the kernel calls
 * {@link #request()}, on every JDK (the old way, {@code Thread.stop}, throws since JDK 20).
 *
 * <p>Only the kernel calls {@link #request()} and {@link #clear()} (by reflection on this class as
 * the notebook's loader defines it).
 */
public final class CellInterrupt {
  private static volatile boolean requested;

  private CellInterrupt() {}

  /** Throws {@link Stopped} when the running cell is being interrupted; otherwise one volatile read. */
  public static void check() {
    if (requested) {
      throw new Stopped();
    }
  }

  /** The cell is being interrupted: every check throws until {@link #clear()}. */
  public static void request() {
    requested = true;
  }

  /** A new cell starts: checks pass again. */
  public static void clear() {
    requested = false;
  }

  /**
   * What an interrupted cell throws: an Error (so {@code catch (Exception e)} in a cell does not
   * swallow it; a loop that catches Throwable meets the next check at its next iteration), without
   * a stack trace (cheap, and never shown: the kernel reports "interrupted").
   */
  public static final class Stopped extends Error {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("the cell was interrupted", null, false, false);
    }
  }
}

package org.scalinglab.kernel;

import java.io.PrintStream;
import java.time.LocalTime;

/**
 * The kernel's own diagnostics. They go to the process's original stderr (Jupyter's console, never
 * the notebook); routine messages only when {@code SCALINGLAB_KERNEL_DEBUG} is set.
 */
final class KernelLog {
  private final PrintStream stream;
  private final boolean debug;

  KernelLog(PrintStream stream, boolean debug) {
    this.stream = stream;
    this.debug = debug;
  }

  PrintStream stream() {
    return stream;
  }

  void debug(String message) {
    if (debug) {
      stream.println("[scalinglab-kernel " + LocalTime.now() + "] " + message);
    }
  }

  void error(String message, Throwable t) {
    stream.println("[scalinglab-kernel " + LocalTime.now() + "] error: " + message + (t == null ? "" : ": " + t));
    if (t != null && debug) {
      t.printStackTrace(stream);
    }
  }
}

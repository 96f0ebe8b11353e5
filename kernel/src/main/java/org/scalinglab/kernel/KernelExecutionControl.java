package org.scalinglab.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import java.util.Map;

/**
 * Runs snippets in the kernel's own JVM on the {@link CellThread}, and keeps the live result of the
 * last invocation (the value of an expression, or the exception it threw) so the kernel can render
 * real objects instead of JShell's strings.
 */
final class KernelExecutionControl extends DirectExecutionControl {
  private final CellThread cellThread;
  private volatile Object lastValue;
  private volatile boolean hasValue;
  private volatile Throwable lastThrown;
  private volatile boolean stopped;
  /** Set by an interrupt for the whole cell: the snippets after the interrupted one do not run. */
  private volatile boolean cellInterrupted;

  private final SnippetClassLoader loader;

  KernelExecutionControl(KernelLoaderDelegate delegate, CellThread cellThread) {
    super(delegate);
    this.cellThread = cellThread;
    this.loader = delegate.loader();
  }

  /** A provider handing JShell this very instance. */
  ExecutionControlProvider provider() {
    KernelExecutionControl self = this;
    return new ExecutionControlProvider() {
      @Override
      public String name() {
        return "scalinglab-local";
      }

      @Override
      public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return self;
      }
    };
  }

  /** Forgets the previous invocation's result (call before each snippet). */
  void clearLast() {
    lastValue = null;
    hasValue = false;
    lastThrown = null;
    stopped = false;
  }

  boolean hasValue() {
    return hasValue;
  }

  Object lastValue() {
    return lastValue;
  }

  /** The live exception the last snippet threw, or null. */
  Throwable lastThrown() {
    return lastThrown;
  }

  /** True when the last snippet was stopped by an interrupt. */
  boolean wasStopped() {
    return stopped;
  }

  /** Called when a cell starts: an interrupt from an earlier cell does not carry over. */
  void beginCell() {
    cellInterrupted = false;
    loader.clearInterrupt();
  }

  /** True when the current cell was interrupted (its remaining snippets must not run). */
  boolean cellInterrupted() {
    return cellInterrupted;
  }

  /** Interrupts the current cell: the running snippet (stopped if needed) and the ones after it. */
  void interruptRunning(long graceMillis) {
    cellInterrupted = true;
    loader.requestInterrupt(); // snippet code stops at its next loop iteration or method call
    cellThread.interrupt(graceMillis); // and blocking calls (sleep, wait, I/O) wake up
  }

  boolean isRunning() {
    return cellThread.isRunning();
  }

  @Override
  protected String invoke(Method doitMethod) throws Exception {
    CellThread.Invocation inv = cellThread.invoke(doitMethod);
    if (inv.stopped()) {
      stopped = true;
      throw new ExecutionControl.StoppedException();
    }
    if (inv.thrown() != null) {
      lastThrown = inv.thrown();
      throw new InvocationTargetException(inv.thrown());
    }
    lastValue = inv.value();
    hasValue = true;
    return ""; // JShell's text form is not used; the kernel renders the live value
  }

  @Override
  public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
    try {
      Class<?> klass = findClass(className);
      Field field = klass.getDeclaredField(varName);
      field.setAccessible(true);
      lastValue = field.get(null);
      hasValue = true;
      return "";
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new InternalException("cannot read variable " + varName + ": " + e);
    }
  }

  @Override
  public void stop() {
    interruptRunning(1000);
  }
}

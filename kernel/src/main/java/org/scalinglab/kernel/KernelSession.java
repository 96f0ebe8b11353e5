package org.scalinglab.kernel;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * The notebook's Java session: the class loader with the library, the cell thread, and JShell
 * running snippets in this JVM. Creating one takes about a second (the compiler starts), so the
 * kernel does it in the background while it already answers Jupyter.
 */
public final class KernelSession implements AutoCloseable {
  /** The imports the jshell tool starts with (its DEFAULT start-up); the JShell API has none. */
  public static final List<String> DEFAULT_IMPORTS = List.of(
      "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*",
      "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*", "java.util.regex.*",
      "java.util.stream.*");
  /** The library's display hook: {@code public static void setSink(Consumer<Object>)}. */
  public static final String DISPLAY_CLASS = "org.scalinglab.notebook.Display";
  private static final long CELL_STACK_BYTES = 64L << 20;

  private final SnippetClassLoader loader;
  private final KernelExecutionControl control;
  private final JShell jshell;
  private final CellEvaluator evaluator;

  private KernelSession(SnippetClassLoader loader, KernelExecutionControl control, JShell jshell) {
    this.loader = loader;
    this.control = control;
    this.jshell = jshell;
    this.evaluator = new CellEvaluator(jshell, control);
  }

  /**
   * Starts a session on {@code classPath}. {@code display} receives objects the library shows
   * mid-cell; {@code console} receives JShell's own messages (not the notebook).
   */
  public static KernelSession start(ClassPathEntries classPath, Consumer<Object> display, PrintStream console) {
    return start(classPath, display, console, loader -> { });
  }

  /** As {@link #start(ClassPathEntries, Consumer, PrintStream)}; {@code beforeJShell} gets the loader first. */
  static KernelSession start(ClassPathEntries classPath, Consumer<Object> display, PrintStream console,
      Consumer<ClassLoader> beforeJShell) {
    SnippetClassLoader loader = new SnippetClassLoader(classPath.paths());
    installDisplayHook(loader, display, console);
    beforeJShell.accept(loader);
    CellThread cellThread = new CellThread(loader, CELL_STACK_BYTES);
    KernelExecutionControl control = new KernelExecutionControl(new KernelLoaderDelegate(loader), cellThread);
    JShell jshell = JShell.builder()
        .executionEngine(control.provider(), Map.of())
        .in(new ByteArrayInputStream(new byte[0]))
        .out(console)
        .err(console)
        .build();
    if (!classPath.isEmpty()) {
      jshell.addToClasspath(classPath.asPathString());
    }
    for (String imp : DEFAULT_IMPORTS) {
      jshell.eval("import " + imp + ";");
    }
    KernelSession session = new KernelSession(loader, control, jshell);
    session.warmUp();
    return session;
  }

  /** Compiles and runs one throw-away expression so the first real cell does not pay for it. */
  private void warmUp() {
    for (SnippetEvent ev : jshell.eval("String.valueOf(1 + 1)")) {
      if (ev.status() == Snippet.Status.VALID || ev.status() == Snippet.Status.REJECTED) {
        jshell.drop(ev.snippet());
      }
    }
    jshell.sourceCodeAnalysis().analyzeCompletion("int x = 1;");
  }

  /** Calls the library's {@code Display.setSink} when the library is on the class path. */
  static boolean installDisplayHook(ClassLoader loader, Consumer<Object> display, PrintStream console) {
    Class<?> displayClass;
    try {
      displayClass = Class.forName(DISPLAY_CLASS, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return false; // no scalinglab library: nothing to hook
    }
    try {
      Method setSink = displayClass.getMethod("setSink", Consumer.class);
      setSink.invoke(null, display);
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      console.println("scalinglab kernel: could not install the display hook: " + e);
      return false;
    }
  }

  public CellEvaluator evaluator() {
    return evaluator;
  }

  public JShell jshell() {
    return jshell;
  }

  KernelExecutionControl control() {
    return control;
  }

  ClassLoader loader() {
    return loader;
  }

  @Override
  public void close() {
    try {
      jshell.close();
    } catch (RuntimeException ignored) {
      // closing at exit: nothing to do about it
    }
  }
}

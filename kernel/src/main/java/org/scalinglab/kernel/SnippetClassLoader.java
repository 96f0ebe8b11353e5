package org.scalinglab.kernel;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one class loader of the notebook: it holds the library jars (from the kernel's class path
 * variables) and the classes JShell compiles from cells. Its parent is the platform class loader,
 * so snippets see the JDK and the library, never the kernel's own jars (ZeroMQ, Gson, ...). The
 * kernel loads library classes (the display hook, charts, tables) through this same loader, so
 * objects made by cells and classes seen by the kernel are the same.
 */
final class SnippetClassLoader extends URLClassLoader {
  static {
    ClassLoader.registerAsParallelCapable();
  }

  private final Map<String, byte[]> declared = new ConcurrentHashMap<>();
  private final Set<String> urls = new HashSet<>();

  SnippetClassLoader(List<Path> classPath) {
    super("scalinglab-notebook", new URL[0], ClassLoader.getPlatformClassLoader());
    for (Path p : classPath) {
      addPath(p.toString());
    }
  }

  /** Adds one class path entry (ignored when already present). */
  synchronized void addPath(String path) {
    if (path.isBlank()) {
      return;
    }
    try {
      URL url = new File(path).toURI().toURL();
      if (urls.add(url.toString())) {
        addURL(url);
      }
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("bad class path entry: " + path, e);
    }
  }

  /**
   * Records the bytes of a class compiled by JShell, with interrupt checks inserted
   * ({@link InterruptInstrumenter}); defined on first load.
   */
  void declare(String name, byte[] bytes) {
    declared.put(name, InterruptInstrumenter.instrument(bytes));
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = declared.get(name);
    if (bytes != null) {
      return defineClass(name, bytes, 0, bytes.length);
    }
    if (name.startsWith(SNIPPET_SUPPORT)) {
      // the interrupt check that snippets call lives in this loader, copied from the kernel's jar
      bytes = kernelClassBytes(name);
      if (bytes != null) {
        return defineClass(name, bytes, 0, bytes.length);
      }
    }
    return super.findClass(name);
  }

  /** The kernel's support classes for snippets ({@link org.scalinglab.kernel.snippet.CellInterrupt}). */
  static final String SNIPPET_SUPPORT = "org.scalinglab.kernel.snippet.";

  private static byte[] kernelClassBytes(String name) {
    try (InputStream in = SnippetClassLoader.class.getClassLoader().getResourceAsStream(name.replace('.', '/') + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  private volatile Method requestInterrupt;
  private volatile Method clearInterrupt;

  /** Makes every interrupt check of snippet code throw (the running cell is being interrupted). */
  void requestInterrupt() {
    callCellInterrupt(true);
  }

  /** Lets snippet code run again (a new cell starts). */
  void clearInterrupt() {
    callCellInterrupt(false);
  }

  private void callCellInterrupt(boolean request) {
    try {
      if (requestInterrupt == null) {
        Class<?> c = loadClass(SNIPPET_SUPPORT + "CellInterrupt");
        clearInterrupt = c.getMethod("clear");
        requestInterrupt = c.getMethod("request");
      }
      (request ? requestInterrupt : clearInterrupt).invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the kernel's interrupt check is missing from its jar", e);
    }
  }

  /** True when {@code t} is what an interrupted snippet throws. */
  static boolean isCellStopped(Throwable t) {
    return t != null && t.getClass().getName().equals(SNIPPET_SUPPORT + "CellInterrupt$Stopped");
  }
}

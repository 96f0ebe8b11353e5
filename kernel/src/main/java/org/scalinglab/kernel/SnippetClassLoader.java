package org.scalinglab.kernel;

import java.io.File;
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

  /** Records the bytes of a class compiled by JShell; defined on first load. */
  void declare(String name, byte[] bytes) {
    declared.put(name, bytes);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = declared.get(name);
    if (bytes != null) {
      return defineClass(name, bytes, 0, bytes.length);
    }
    return super.findClass(name);
  }
}

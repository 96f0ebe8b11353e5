package org.scalinglab.kernel;

import java.io.File;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;

/** JShell's view of {@link SnippetClassLoader}: installs compiled snippet classes and class path entries. */
final class KernelLoaderDelegate implements LoaderDelegate {
  private final SnippetClassLoader loader;
  private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

  KernelLoaderDelegate(SnippetClassLoader loader) {
    this.loader = loader;
  }

  SnippetClassLoader loader() {
    return loader;
  }

  @Override
  public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
    boolean[] installed = new boolean[cbcs.length];
    int i = 0;
    try {
      for (ClassBytecodes cbc : cbcs) {
        loader.declare(cbc.name(), cbc.bytecodes());
      }
      for (ClassBytecodes cbc : cbcs) {
        Class<?> klass = loader.loadClass(cbc.name());
        loaded.put(cbc.name(), klass);
        installed[i++] = true;
        // force linking now so that errors surface at load time, like JShell's own loader does
        klass.getDeclaredMethods();
      }
    } catch (Throwable ex) {
      throw new ClassInstallException("load: " + ex.getMessage(), installed);
    }
  }

  @Override
  public void classesRedefined(ClassBytecodes[] cbcs) {
    for (ClassBytecodes cbc : cbcs) {
      loader.declare(cbc.name(), cbc.bytecodes());
    }
  }

  @Override
  public void addToClasspath(String path) {
    for (String entry : path.split(File.pathSeparator)) {
      loader.addPath(entry);
    }
  }

  @Override
  public Class<?> findClass(String name) throws ClassNotFoundException {
    Class<?> klass = loaded.get(name);
    if (klass == null) {
      throw new ClassNotFoundException(name + " not found");
    }
    return klass;
  }
}

package org.scalinglab.kernel;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Starts the scalinglab Jupyter kernel: {@code java ... org.scalinglab.kernel.KernelMain <connection_file>}.
 *
 * <p>Order matters for a reliable start: handlers are registered before the sockets are bound, the
 * channel loops are running (jjava-jupyter marks a loop running before starting its thread) before
 * anything is awaited, and JShell starts only afterwards in the background — so kernel_info is
 * answered within a few hundred milliseconds of the JVM starting, on every start.
 */
public final class KernelMain {
  private KernelMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream console = System.err;
    KernelLog log = new KernelLog(console, System.getenv("SCALINGLAB_KERNEL_DEBUG") != null);
    if (args.length == 1 && args[0].equals(StartupArchive.CHECK_FLAG)) {
      return; // the archive check only needs the JVM to start
    }
    if (args.length == 1 && args[0].equals(StartupArchive.TRAIN_FLAG)) {
      StartupArchive.trainingRun();
      return;
    }
    if (args.length != 1) {
      console.println("usage: java -cp scalinglab-kernel.jar:lib/* org.scalinglab.kernel.KernelMain <connection_file>");
      System.exit(2);
    }
    long t0 = System.nanoTime();
    KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
    JupyterConnection connection = new JupyterConnection(props);
    ScalinglabKernel kernel = new ScalinglabKernel(connection, log, ClassPathEntries.fromEnvironment());
    kernel.installHandlers();

    // cells print to the notebook; the kernel's own console keeps the original stderr
    System.setIn(new ByteArrayInputStream(new byte[0]));
    System.setOut(kernel.router().out());
    System.setErr(kernel.router().err());

    connection.connect();
    kernel.markConnected();
    log.debug("connected in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    kernel.startSession(1000);
    installSigint(kernel, log);
    watchParent(log);

    connection.waitUntilClose();
    exitSoon(0);
  }

  /** Exits the JVM after {@code delayMillis}; halts if exiting itself hangs. */
  static void exitSoon(long delayMillis) {
    Thread exit = new Thread(() -> {
      sleep(delayMillis);
      Thread halt = new Thread(() -> {
        sleep(2000);
        Runtime.getRuntime().halt(0);
      }, "scalinglab-halt");
      halt.setDaemon(true);
      halt.start();
      System.exit(0);
    }, "scalinglab-exit");
    exit.setDaemon(false);
    exit.start();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ctrl-C / SIGINT (signal interrupt mode) interrupts the running cell instead of ending the JVM. */
  private static void installSigint(ScalinglabKernel kernel, KernelLog log) {
    try {
      // sun.misc.Signal (module jdk.unsupported) by reflection: no compile-time use of an internal API
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object signal = signalClass.getConstructor(String.class).newInstance("INT");
      InvocationHandler ih = (proxy, method, margs) -> {
        if (method.getName().equals("handle")) {
          kernel.interruptCell();
        }
        return null;
      };
      Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, ih);
      signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      log.debug("no SIGINT handler: " + e);
    }
  }

  /** Exits when the process that started the kernel (JPY_PARENT_PID) is gone. */
  private static void watchParent(KernelLog log) {
    String pid = System.getenv("JPY_PARENT_PID");
    if (pid == null || pid.isBlank()) {
      return;
    }
    try {
      ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(parent -> parent.onExit().thenRun(() -> {
        log.debug("parent process " + pid + " ended: exiting");
        exitSoon(0);
      }));
    } catch (RuntimeException e) {
      log.debug("cannot watch parent " + pid + ": " + e);
    }
  }
}

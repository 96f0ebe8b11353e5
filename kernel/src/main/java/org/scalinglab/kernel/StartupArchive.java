package org.scalinglab.kernel;

import com.google.gson.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * A class-data-sharing archive (AppCDS, JDK 13+ "dynamic archive") of the classes a kernel start
 * loads: jjava-jupyter, ZeroMQ, Gson, the compiler and JShell. With it the JVM maps those classes
 * instead of parsing and verifying them, which roughly halves the time to the first kernel_info
 * reply and shortens JShell's start. The archive is made by one training run of the kernel
 * ({@code KernelMain --cds-train}) and is valid only for the exact class path it was made with, so
 * the installer checks it ({@code -Xshare:on} refuses a stale archive) and retrains when needed.
 */
final class StartupArchive {
  static final String TRAIN_FLAG = "--cds-train";
  static final String CHECK_FLAG = "--cds-check";

  private StartupArchive() {}

  /** True when {@code archive} can be mapped by a JVM started with these options and class path. */
  static boolean isValid(String java, List<String> jvmOptions, String kernelClassPath, Path archive) {
    if (!Files.isRegularFile(archive)) {
      return false;
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmOptions);
    cmd.add("-XX:SharedArchiveFile=" + archive);
    cmd.add("-Xshare:on");
    cmd.add("-cp");
    cmd.add(kernelClassPath);
    cmd.add(KernelSpecInstaller.MAIN_CLASS);
    cmd.add(CHECK_FLAG);
    return run(cmd, Map.of(), null, 30) == 0;
  }

  /** Runs the training start and moves the new archive into place; returns false on failure. */
  static boolean train(String java, List<String> jvmOptions, String kernelClassPath, String libraryClassPath,
      Map<String, String> env, Path archive) throws IOException {
    Path tmp = archive.resolveSibling(archive.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmOptions);
    cmd.add("-XX:ArchiveClassesAtExit=" + tmp);
    cmd.add("-cp");
    cmd.add(kernelClassPath);
    cmd.add(KernelSpecInstaller.MAIN_CLASS);
    cmd.add(TRAIN_FLAG);
    Map<String, String> environment = new java.util.LinkedHashMap<>(env);
    environment.put("SCALINGLAB_CLASSPATH", libraryClassPath);
    Path log = archive.resolveSibling(archive.getFileName() + ".log");
    int code = run(cmd, environment, log, 180);
    if (code != 0 || !Files.isRegularFile(tmp)) {
      Files.deleteIfExists(tmp);
      return false;
    }
    Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return true;
  }

  private static int run(List<String> cmd, Map<String, String> env, Path log, long timeoutSeconds) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().putAll(env);
      pb.redirectErrorStream(true);
      pb.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()));
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null").exists() ? new File("/dev/null") : new File("NUL")));
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * The training start: what a real start does (bind the sockets, start JShell with the library,
   * warm the renderers, evaluate a cell), then exit so the JVM writes the archive.
   */
  static void trainingRun() throws Exception {
    int[] ports = new int[5];
    for (int i = 0; i < ports.length; i++) {
      try (ServerSocket s = new ServerSocket(0)) {
        ports[i] = s.getLocalPort();
      }
    }
    JsonObject c = new JsonObject();
    c.addProperty("ip", "127.0.0.1");
    c.addProperty("transport", "tcp");
    c.addProperty("signature_scheme", "hmac-sha256");
    c.addProperty("key", "cds");
    String[] names = {"control_port", "shell_port", "stdin_port", "hb_port", "iopub_port"};
    for (int i = 0; i < names.length; i++) c.addProperty(names[i], ports[i]);
    String json = c.toString();
    KernelConnectionProperties props = KernelConnectionProperties.parse(json);
    JupyterConnection connection = new JupyterConnection(props);
    KernelLog log = new KernelLog(System.err, true);
    ScalinglabKernel kernel = new ScalinglabKernel(connection, log, ClassPathEntries.fromEnvironment());
    kernel.installHandlers();
    connection.connect();
    kernel.markConnected();
    kernel.trainingCells();
    System.exit(0); // a plain exit: the JVM writes the archive now (no halt watchdog here)
  }
}

package org.scalinglab.kernel;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the kernelspec ({@code kernel.json}) for the scalinglab kernel.
 *
 * <pre>
 * java -cp scalinglab-kernel.jar:lib/* org.scalinglab.kernel.KernelSpecInstaller \
 *   --dir DIR --java /path/to/java --kernel-classpath CP --library-classpath CP \
 *   [--jvm-opt OPT]... [--env KEY=VALUE]... [--cds]
 * </pre>
 *
 * <p>With {@code --cds} it also keeps a start-up archive {@code DIR/kernel.jsa} (see
 * {@link StartupArchive}): reused while valid, retrained (one kernel start, a few seconds) when the
 * jars changed, and added to the kernel's JVM options.
 *
 * <p>Exit 0 and the path of the file written on stdout; exit 2 with one line on stderr for bad usage.
 */
public final class KernelSpecInstaller {
  public static final String DISPLAY_NAME = "Java (scalinglab)";
  public static final String MAIN_CLASS = "org.scalinglab.kernel.KernelMain";

  /** What goes into a kernelspec. */
  public record Spec(String java, List<String> jvmOptions, String kernelClassPath, String libraryClassPath,
      Map<String, String> env) {
    public Spec {
      jvmOptions = List.copyOf(jvmOptions);
      env = new LinkedHashMap<>(env);
    }

    /** The kernel.json document. */
    public Map<String, Object> toJson() {
      List<String> argv = new ArrayList<>();
      argv.add(java);
      argv.addAll(jvmOptions);
      argv.add("-cp");
      argv.add(kernelClassPath);
      argv.add(MAIN_CLASS);
      argv.add("{connection_file}");
      Map<String, String> environment = new LinkedHashMap<>();
      environment.put("SCALINGLAB_CLASSPATH", libraryClassPath);
      environment.putAll(env);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("argv", argv);
      json.put("display_name", DISPLAY_NAME);
      json.put("language", "java");
      json.put("interrupt_mode", "message");
      json.put("env", environment);
      json.put("metadata", Map.of("debugger", false));
      return json;
    }

    public String toJsonText() {
      return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(toJson()) + "\n";
    }
  }

  private KernelSpecInstaller() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the installer; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String dir = null;
    String java = null;
    String kernelCp = null;
    String libraryCp = null;
    List<String> jvmOpts = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    boolean cds = false;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--dir" -> dir = value(args, ++i, a);
          case "--java" -> java = value(args, ++i, a);
          case "--kernel-classpath" -> kernelCp = value(args, ++i, a);
          case "--library-classpath" -> libraryCp = value(args, ++i, a);
          case "--jvm-opt" -> jvmOpts.add(value(args, ++i, a));
          case "--cds" -> cds = true;
          case "--env" -> {
            String kv = value(args, ++i, a);
            int eq = kv.indexOf('=');
            if (eq <= 0) {
              throw new IllegalArgumentException("--env wants KEY=VALUE, got '" + kv + "'");
            }
            env.put(kv.substring(0, eq), kv.substring(eq + 1));
          }
          case "-h", "--help" -> {
            out.println("usage: KernelSpecInstaller --dir DIR --java JAVA --kernel-classpath CP --library-classpath CP"
                + " [--jvm-opt OPT]... [--env KEY=VALUE]... [--cds]");
            out.println("  --cds  also make (or reuse) a class-data-sharing archive DIR/kernel.jsa for a faster start");
            return 0;
          }
          default -> throw new IllegalArgumentException("unknown option '" + a + "'");
        }
      }
      require(dir, "--dir");
      require(java, "--java");
      require(kernelCp, "--kernel-classpath");
      require(libraryCp, "--library-classpath");
    } catch (IllegalArgumentException e) {
      err.println("scalinglab: error: " + e.getMessage());
      return 2;
    }
    Path file = Path.of(dir).resolve("kernel.json");
    try {
      Files.createDirectories(file.getParent());
      if (cds) {
        jvmOpts = withStartupArchive(java, jvmOpts, kernelCp, libraryCp, env, file.resolveSibling("kernel.jsa"), err);
      }
      Spec spec = new Spec(java, jvmOpts, kernelCp, libraryCp, env);
      // written beside and renamed into place, so that a kernel starting meanwhile (gradings run two at a
      // time) reads the old file or the new one, never a half-written one
      Path tmp = Files.createTempFile(file.getParent(), ".kernel", ".json.tmp");
      try {
        Files.writeString(tmp, spec.toJsonText(), StandardCharsets.UTF_8);
        try { // a temporary file is private (0600); a kernelspec is readable like any other (0644)
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: its default permissions apply
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException | RuntimeException e) {
      err.println("scalinglab: error: cannot write " + file + ": " + e.getMessage());
      return 1;
    }
    out.println(file.toAbsolutePath());
    return 0;
  }

  /**
   * The JVM options plus {@code -XX:SharedArchiveFile} when a start-up archive for this class path
   * exists or can be trained now (see {@link StartupArchive}); unchanged when training fails.
   */
  private static List<String> withStartupArchive(String java, List<String> jvmOpts, String kernelCp, String libraryCp,
      Map<String, String> env, Path archive, PrintStream err) throws IOException {
    if (!StartupArchive.isValid(java, jvmOpts, kernelCp, archive)) {
      long t0 = System.nanoTime();
      boolean ok = StartupArchive.train(java, jvmOpts, kernelCp, libraryCp, env, archive)
          && StartupArchive.isValid(java, jvmOpts, kernelCp, archive);
      if (!ok) {
        err.println("scalinglab: note: no start-up archive (training failed, see " + archive + ".log); the kernel starts without it");
        return jvmOpts;
      }
      err.printf("scalinglab: kernel start-up archive made in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, archive);
    }
    List<String> out = new ArrayList<>(jvmOpts);
    out.add("-XX:SharedArchiveFile=" + archive);
    // JDK 22+ with --enable-native-access: the JDK's own base archive was dumped without it, so every
    // start logs "[error][cds] Mismatched values for property jdk.module.enable.native.access" (and
    // goes on, with the archive); that is not an error of ours and must not reach a console
    out.add("-Xlog:cds=off");
    out.add("-Xlog:cds+dynamic=off");
    return out;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static void require(String value, String option) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(option + " is required");
    }
  }
}

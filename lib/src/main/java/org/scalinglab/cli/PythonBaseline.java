package org.scalinglab.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.scalinglab.data.Json;

/**
 * Runs a Python baseline of a benchmark ({@code lib/src/bench/python/*.py}) as a child process and
 * reads the one JSON object it prints on its last line of standard output.
 *
 * <p>Both output streams go to temporary files rather than pipes, so a child that writes much to
 * one stream while we read the other cannot block (the deadlock of reading stdout to its end before
 * stderr), and the time-out is enforced while the child runs: past it the child is killed and the
 * run is reported as failed. Used by {@code bench fit} (scipy) and {@code bench train} (PyTorch).
 */
final class PythonBaseline {
  /** What the child did: its exit code, its output, and the JSON object of its last stdout line (null if none). */
  record Result(int exitCode, String stdout, String stderr, JsonObject json) {
    boolean ok() {
      return exitCode == 0 && json != null;
    }

    /** The last non-blank line of stderr, which is where Python puts the exception of a failure. */
    String lastErrorLine() {
      return lastLine(stderr);
    }
  }

  /** Raised when the child cannot be started or runs past its time-out; the message says which. */
  static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  private final String python;
  private final Duration timeout;

  PythonBaseline(String python, Duration timeout) {
    this.python = python;
    this.timeout = timeout;
  }

  /**
   * The Python to run a baseline with: the given one if any; else the first of {@code $SCALINGLAB_PYTHON}
   * (set for conda users), {@code python3} on the PATH and Debian's {@code /usr/bin/python3} that can
   * import {@code module} (Debian's python3-scipy and python3-torch install for the last, while the PATH
   * may name another Python); else {@code python3}, whose failure then names what is missing.
   */
  static String choosePython(String given, String module) {
    if (given != null && !given.isBlank()) return given;
    List<String> candidates = new ArrayList<>();
    String env = System.getenv("SCALINGLAB_PYTHON");
    if (env != null && !env.isBlank()) candidates.add(env);
    candidates.add("python3");
    candidates.add("/usr/bin/python3");
    for (String c : candidates) {
      if (canImport(c, module)) return c;
      if (Thread.currentThread().isInterrupted()) break;
    }
    return candidates.get(0);
  }

  /** Whether {@code python -c "import module"} succeeds (within a minute); false when python cannot start. */
  static boolean canImport(String python, String module) {
    try {
      Process p = new ProcessBuilder(python, "-c", "import " + module).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (p.waitFor(60, TimeUnit.SECONDS)) return p.exitValue() == 0;
      p.destroyForcibly();
      return false;
    } catch (IOException ex) {
      return false;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs {@code python script args...} with extra environment variables and waits at most the time-out. */
  Result run(Path script, List<String> args, Map<String, String> env) throws Unavailable, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(python);
    cmd.add(script.toString());
    cmd.addAll(args);
    Path out = null, err = null;
    try {
      out = Files.createTempFile("scalinglab-baseline", ".out");
      err = Files.createTempFile("scalinglab-baseline", ".err");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().putAll(env);
      Process p;
      try {
        p = pb.start();
      } catch (IOException ex) {
        throw new Unavailable("cannot start " + python + " (" + ex.getMessage() + ")");
      }
      try {
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly().waitFor();
          throw new Unavailable(script.getFileName() + " did not finish within " + timeout.toSeconds() + " s and was stopped");
        }
      } catch (InterruptedException ex) {
        p.destroyForcibly();
        throw ex;
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      return new Result(p.exitValue(), stdout, stderr, lastJsonObject(stdout));
    } catch (IOException ex) {
      throw new Unavailable("cannot run " + script.getFileName() + ": " + ex.getMessage());
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** The JSON object on the last non-blank line of {@code text}, or null when that line is not one. */
  static JsonObject lastJsonObject(String text) {
    String last = lastLine(text);
    if (last.isEmpty()) return null;
    try {
      return Json.parseObject(last);
    } catch (JsonParseException | IllegalStateException ex) {
      return null;
    }
  }

  static String lastLine(String s) {
    String[] lines = s.strip().split("\n");
    return lines.length == 0 ? "" : lines[lines.length - 1].strip();
  }

  private static void deleteQuietly(Path p) {
    if (p == null) return;
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a temporary file left behind is harmless
    }
  }
}

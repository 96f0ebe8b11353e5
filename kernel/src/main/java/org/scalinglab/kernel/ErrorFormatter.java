package org.scalinglab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds the errors a notebook shows: compile errors with the cell line, the source line and a
 * caret; runtime exceptions with the class, message and a stack trace cut down to the frames of
 * the notebook's cells and of the library (JShell's and reflection's frames removed); notebook
 * check failures with just their message and the cell line.
 */
public final class ErrorFormatter {
  static final String RED = "\u001b[31m";
  static final String BOLD_RED = "\u001b[1;31m";
  static final String CYAN = "\u001b[36m";
  static final String RESET = "\u001b[0m";
  /** The notebook assertion error of the scalinglab library (matched by name: no compile-time dependency). */
  public static final String CHECK_FAILED = "org.scalinglab.check.CheckFailedException";
  private static final Pattern JSHELL_LOCATION = Pattern.compile("^\\s*location: class\\s*$");
  private static final int MAX_TOP_JDK_FRAMES = 3;
  private static final int MAX_CAUSE_FRAMES = 8;

  private ErrorFormatter() {}

  /** One compiler diagnostic, with its position inside the snippet source. */
  public record Diagnostic(long position, String message) {}

  /** Where a snippet came from: the execution count of its cell and the cell line it starts on. */
  public record SnippetOrigin(int executionCount, int line) {}

  /** A stack frame as JShell translated it (file "#id" for snippet frames). */
  public record Frame(String className, String method, String file, int line) {
    static Frame of(StackTraceElement e) {
      return new Frame(e.getClassName(), e.getMethodName(), e.getFileName(), e.getLineNumber());
    }

    boolean isSnippet() {
      return file != null && file.startsWith("#");
    }
  }

  // ---------------------------------------------------------------- compile errors

  public static ErrorReport compileError(String code, CellSnippet snippet, List<Diagnostic> diagnostics) {
    List<String> tb = new ArrayList<>();
    String evalue = null;
    for (Diagnostic d : diagnostics) {
      long pos = d.position() < 0 ? 0 : Math.min(d.position(), snippet.source().length());
      int abs = (int) Math.min(snippet.offset() + pos, code.length());
      int line = LineIndex.lineOf(code, abs);
      int col = abs - LineIndex.lineStart(code, abs);
      List<String> msg = messageLines(d.message());
      String first = msg.isEmpty() ? "compile error" : msg.get(0);
      if (evalue == null) {
        evalue = "cell line " + line + ": " + first;
      }
      if (!tb.isEmpty()) {
        tb.add("");
      }
      tb.add(RED + "compile error, cell line " + line + ": " + first + RESET);
      for (int i = 1; i < msg.size(); i++) {
        tb.add("  " + msg.get(i).strip());
      }
      String gutter = String.format("%4d | ", line);
      tb.add(gutter + LineIndex.line(code, line));
      tb.add(" ".repeat(gutter.length() - 2) + "| " + " ".repeat(Math.max(0, col)) + "^");
    }
    if (evalue == null) {
      evalue = "cell line " + snippet.line() + ": the snippet was rejected";
      tb.add(RED + "compile error, cell line " + snippet.line() + RESET);
      tb.add(String.format("%4d | ", snippet.line()) + LineIndex.line(code, snippet.line()));
    }
    return new ErrorReport("CompileError", evalue, tb);
  }

  private static List<String> messageLines(String message) {
    List<String> out = new ArrayList<>();
    if (message == null) {
      return out;
    }
    for (String l : message.split("\n")) {
      if (!l.isBlank() && !JSHELL_LOCATION.matcher(l).matches()) {
        out.add(l.stripTrailing());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- runtime errors

  /**
   * A runtime exception.
   *
   * @param className the exception's class (the live one's when known)
   * @param classHierarchy names of the class and its superclasses (to recognise check failures)
   * @param message the exception's message (may be null)
   * @param frames the stack as JShell translated it (snippet frames have file "#id")
   * @param causes "Class: message" + frames of each cause, outermost first
   * @param origins where each snippet id came from
   * @param executionCount the current cell's execution count
   * @param code the current cell
   */
  public static ErrorReport runtimeError(String className, List<String> classHierarchy, String message,
      List<Frame> frames, List<Cause> causes, Map<String, SnippetOrigin> origins, int executionCount, String code) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    simple = simple.substring(simple.lastIndexOf('$') + 1);
    Integer cellLine = innermostCellLine(frames, origins, executionCount);
    List<String> tb = new ArrayList<>();
    if (classHierarchy.contains(CHECK_FAILED)) {
      tb.add(BOLD_RED + (message == null ? "check failed" : message) + RESET);
      if (cellLine != null) {
        tb.add(sourcePointer(code, cellLine));
      }
      return new ErrorReport(simple, message, tb);
    }
    tb.add(RED + className + (message == null ? "" : ": " + message) + RESET);
    tb.addAll(frameLines(frames, origins, executionCount, Integer.MAX_VALUE));
    for (Cause c : causes) {
      tb.add("Caused by: " + c.className() + (c.message() == null ? "" : ": " + c.message()));
      tb.addAll(frameLines(c.frames(), origins, executionCount, MAX_CAUSE_FRAMES));
    }
    if (cellLine != null) {
      tb.add(sourcePointer(code, cellLine));
    }
    return new ErrorReport(simple, message, tb);
  }

  /** A cause in an exception chain. */
  public record Cause(String className, String message, List<Frame> frames) {}

  static String sourcePointer(String code, int cellLine) {
    return CYAN + "--> cell line " + cellLine + ": " + RESET + LineIndex.line(code, cellLine).strip();
  }

  /** The cell line of the innermost frame that belongs to the current cell, or null. */
  static Integer innermostCellLine(List<Frame> frames, Map<String, SnippetOrigin> origins, int executionCount) {
    for (Frame f : frames) {
      if (f.isSnippet()) {
        SnippetOrigin o = origins.get(f.file().substring(1));
        if (o != null && o.executionCount() == executionCount) {
          return o.line() + Math.max(f.line(), 1) - 1;
        }
      }
    }
    return null;
  }

  static List<String> frameLines(List<Frame> frames, Map<String, SnippetOrigin> origins, int executionCount, int max) {
    List<String> out = new ArrayList<>();
    boolean seenNonJdk = false;
    int topJdk = 0;
    int dropped = 0;
    for (Frame f : frames) {
      if (out.size() >= max) {
        dropped++;
        continue;
      }
      if (f.isSnippet()) {
        seenNonJdk = true;
        out.add("    at " + snippetFrame(f, origins, executionCount));
      } else if (isInternal(f.className())) {
        dropped++;
      } else if (isJdk(f.className())) {
        if (!seenNonJdk && topJdk < MAX_TOP_JDK_FRAMES) {
          topJdk++;
          out.add("    at " + plainFrame(f));
        } else {
          dropped++;
        }
      } else {
        seenNonJdk = true;
        out.add("    at " + plainFrame(f));
      }
    }
    if (dropped > 0) {
      out.add("    (" + dropped + " JDK frame" + (dropped == 1 ? "" : "s") + " hidden)");
    }
    return out;
  }

  private static String snippetFrame(Frame f, Map<String, SnippetOrigin> origins, int executionCount) {
    String who = f.className() == null || f.className().isEmpty() ? "" : f.className();
    if (!f.method().isEmpty()) {
      who = who.isEmpty() ? f.method() : who + "." + f.method();
    }
    SnippetOrigin o = origins.get(f.file().substring(1));
    String where;
    if (o == null) {
      where = "snippet " + f.file() + ", line " + f.line();
    } else {
      int line = o.line() + Math.max(f.line(), 1) - 1;
      where = o.executionCount() == executionCount
          ? "cell line " + line
          : "cell [" + o.executionCount() + "] line " + line;
    }
    return who.isEmpty() ? where : who + " (" + where + ")";
  }

  private static String plainFrame(Frame f) {
    String loc = f.file() == null ? "Unknown Source" : f.line() > 0 ? f.file() + ":" + f.line() : f.file();
    return f.className() + "." + f.method() + "(" + loc + ")";
  }

  static boolean isJdk(String className) {
    return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
        || className.startsWith("sun.") || className.startsWith("com.sun.");
  }

  /** Frames of reflection, JShell and this kernel: never useful to the notebook's reader. */
  static boolean isInternal(String className) {
    return className.startsWith("jdk.internal.") || className.startsWith("java.lang.reflect.")
        || className.startsWith("sun.reflect.") || className.startsWith("jdk.jshell.")
        || className.startsWith("org.scalinglab.kernel.") || className.startsWith("java.lang.Thread");
  }

  // ---------------------------------------------------------------- other errors

  public static ErrorReport interrupted() {
    return new ErrorReport("Interrupted", "the cell was interrupted",
        List.of(RED + "Interrupted: the cell was stopped" + RESET));
  }

  public static ErrorReport unresolved(String what, List<String> missing, Integer cellLine, String code) {
    String msg = what + " cannot be used until " + String.join(", ", missing) + " is declared";
    List<String> tb = new ArrayList<>();
    tb.add(RED + "UnresolvedReference: " + msg + RESET);
    if (cellLine != null) {
      tb.add(sourcePointer(code, cellLine));
    }
    return new ErrorReport("UnresolvedReference", msg, tb);
  }

  public static ErrorReport internal(String what, Throwable t) {
    List<String> tb = new ArrayList<>();
    tb.add(RED + "kernel error while " + what + ": " + t + RESET);
    for (StackTraceElement e : t.getStackTrace()) {
      if (tb.size() > 12) {
        break;
      }
      tb.add("    at " + e);
    }
    return new ErrorReport("KernelError", what + ": " + t, tb);
  }
}

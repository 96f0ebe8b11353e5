package org.scalinglab.kernel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Evaluates a cell with JShell: splits it into snippets, evaluates them in order, stops at the
 * first error, and returns the live value of a final expression. Knows nothing about Jupyter.
 */
public final class CellEvaluator {
  private final JShell jshell;
  private final KernelExecutionControl control;
  private final Map<String, ErrorFormatter.SnippetOrigin> origins = new ConcurrentHashMap<>();

  CellEvaluator(JShell jshell, KernelExecutionControl control) {
    this.jshell = jshell;
    this.control = control;
  }

  public JShell jshell() {
    return jshell;
  }

  /**
   * Evaluates {@code code} as cell number {@code executionCount}; {@code warnings} receives notes
   * such as "method f created, but it cannot be invoked until g is declared".
   */
  public CellOutcome evaluate(String code, int executionCount, PrintStream warnings) {
    control.beginCell();
    List<CellSnippet> snippets = SnippetSplitter.split(jshell.sourceCodeAnalysis(), code);
    for (int i = 0; i < snippets.size(); i++) {
      CellSnippet s = snippets.get(i);
      if (control.cellInterrupted()) {
        return CellOutcome.failed(ErrorFormatter.interrupted());
      }
      boolean last = i == snippets.size() - 1;
      control.clearLast();
      List<SnippetEvent> events = jshell.eval(s.source());
      List<SnippetEvent> primary = new ArrayList<>();
      for (SnippetEvent ev : events) {
        if (ev.causeSnippet() == null) {
          primary.add(ev);
          origins.put(ev.snippet().id(), new ErrorFormatter.SnippetOrigin(executionCount, s.line()));
        }
      }
      if (control.wasStopped() || control.cellInterrupted()) {
        return CellOutcome.failed(ErrorFormatter.interrupted());
      }
      for (SnippetEvent ev : primary) {
        Snippet sn = ev.snippet();
        if (ev.status() == Snippet.Status.REJECTED) {
          List<ErrorFormatter.Diagnostic> diags = jshell.diagnostics(sn)
              .filter(Diag::isError)
              .map(d -> new ErrorFormatter.Diagnostic(d.getPosition() >= 0 ? d.getPosition() : d.getStartPosition(),
                  d.getMessage(Locale.ROOT)))
              .collect(Collectors.toList());
          return CellOutcome.failed(ErrorFormatter.compileError(code, s, diags));
        }
        JShellException ex = ev.exception();
        if (ex != null) {
          return CellOutcome.failed(runtimeError(ex, executionCount, code, s));
        }
        if ((ev.status() == Snippet.Status.RECOVERABLE_DEFINED || ev.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED)
            && sn instanceof DeclarationSnippet ds && warnings != null) {
          List<String> missing = jshell.unresolvedDependencies(ds).collect(Collectors.toList());
          warnings.println("note (cell line " + s.line() + "): " + describe(ds) + " was created, but it cannot be used until "
              + String.join(", ", missing) + " is declared");
        }
      }
      if (last && !primary.isEmpty() && displays(primary.get(primary.size() - 1).snippet()) && control.hasValue()) {
        return CellOutcome.value(control.lastValue());
      }
    }
    return CellOutcome.nothing();
  }

  /** Only an expression statement shows its value; declarations, statements and imports do not. */
  static boolean displays(Snippet sn) {
    if (sn instanceof ExpressionSnippet) {
      return sn.subKind() != Snippet.SubKind.ASSIGNMENT_SUBKIND;
    }
    return sn instanceof VarSnippet && sn.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
  }

  private static String describe(DeclarationSnippet ds) {
    return switch (ds.kind()) {
      case METHOD -> "method " + ds.name();
      case TYPE_DECL -> "class " + ds.name();
      case VAR -> "variable " + ds.name();
      default -> ds.name();
    };
  }

  private ErrorReport runtimeError(JShellException ex, int executionCount, String code, CellSnippet s) {
    if (ex instanceof UnresolvedReferenceException ure) {
      DeclarationSnippet ds = ure.getSnippet();
      List<String> missing = jshell.unresolvedDependencies(ds).collect(Collectors.toList());
      Integer line = ErrorFormatter.innermostCellLine(frames(ex), origins, executionCount);
      return ErrorFormatter.unresolved(describe(ds), missing, line == null ? s.line() : line, code);
    }
    Throwable live = control.lastThrown();
    String className = ex instanceof EvalException ee ? ee.getExceptionClassName() : ex.getClass().getName();
    List<String> hierarchy = new ArrayList<>();
    String message = ex.getMessage();
    if (live != null) {
      className = live.getClass().getName();
      message = live.getMessage();
      for (Class<?> c = live.getClass(); c != null; c = c.getSuperclass()) {
        hierarchy.add(c.getName());
      }
    } else {
      hierarchy.add(className);
    }
    List<ErrorFormatter.Cause> causes = new ArrayList<>();
    Throwable liveCause = live == null ? null : live.getCause();
    Throwable c = ex.getCause();
    while (c != null && causes.size() < 5) {
      String cName = c instanceof EvalException ce ? ce.getExceptionClassName() : c.getClass().getName();
      String cMsg = c.getMessage();
      if (liveCause != null) {
        cName = liveCause.getClass().getName();
        cMsg = liveCause.getMessage();
        liveCause = liveCause.getCause();
      }
      causes.add(new ErrorFormatter.Cause(cName, cMsg, frames(c)));
      c = c.getCause();
    }
    List<ErrorFormatter.Frame> frames = frames(ex);
    ErrorReport report = ErrorFormatter.runtimeError(className, hierarchy, message, frames, causes, origins, executionCount, code);
    if (ErrorFormatter.innermostCellLine(frames, origins, executionCount) == null) {
      // no frame in this cell (e.g. the error came from a class initializer): point at the snippet
      List<String> tb = new ArrayList<>(report.traceback());
      tb.add(ErrorFormatter.sourcePointer(code, s.line()));
      report = new ErrorReport(report.ename(), report.evalue(), tb);
    }
    return report;
  }

  private static List<ErrorFormatter.Frame> frames(Throwable t) {
    List<ErrorFormatter.Frame> out = new ArrayList<>();
    for (StackTraceElement e : t.getStackTrace()) {
      out.add(ErrorFormatter.Frame.of(e));
    }
    return out;
  }
}

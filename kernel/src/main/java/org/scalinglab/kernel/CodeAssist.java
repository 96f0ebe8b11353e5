package org.scalinglab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/** Completion, "is this code complete?" and inspection, answered by JShell's source analysis. */
public final class CodeAssist {
  private final SourceCodeAnalysis analysis;

  public CodeAssist(SourceCodeAnalysis analysis) {
    this.analysis = analysis;
  }

  /** Completion candidates replacing {@code code[start, end)}. */
  public record Completion(List<String> matches, int start, int end) {}

  /** The state of a cell for a console: complete, incomplete (with an indent) or invalid. */
  public record Completeness2(String status, String indent) {}

  public Completion complete(String code, int cursor) {
    cursor = Math.max(0, Math.min(cursor, code.length()));
    int start = snippetStart(code, cursor);
    String piece = code.substring(start, cursor);
    int[] anchor = new int[1];
    List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(piece, piece.length(), anchor);
    Set<String> typed = new LinkedHashSet<>();
    Set<String> other = new LinkedHashSet<>();
    for (SourceCodeAnalysis.Suggestion s : suggestions) {
      (s.matchesType() ? typed : other).add(s.continuation());
    }
    List<String> matches = new ArrayList<>(typed);
    for (String o : other) {
      if (!typed.contains(o)) {
        matches.add(o);
      }
    }
    return new Completion(matches, start + anchor[0], cursor);
  }

  /** Where the snippet holding {@code cursor} starts. */
  int snippetStart(String code, int cursor) {
    String rest = code;
    int start = 0;
    while (!rest.isBlank()) {
      int restStart = code.length() - rest.length();
      CompletionInfo info = analysis.analyzeCompletion(rest);
      Completeness c = info.completeness();
      if (c != Completeness.COMPLETE && c != Completeness.COMPLETE_WITH_SEMI) {
        return restStart + SnippetSplitter.leadingBlanks(rest);
      }
      String next = info.remaining();
      int end = code.length() - next.length();
      if (cursor <= end || next.length() >= rest.length()) {
        return Math.min(restStart + SnippetSplitter.leadingBlanks(rest), cursor);
      }
      start = end;
      rest = next;
    }
    return Math.min(start, cursor);
  }

  /** Jupyter's is_complete answer: status "complete", "incomplete" (with indent) or "invalid". */
  public Completeness2 isComplete(String code) {
    String rest = code;
    while (!rest.isBlank()) {
      CompletionInfo info = analysis.analyzeCompletion(rest);
      switch (info.completeness()) {
        case COMPLETE, COMPLETE_WITH_SEMI -> {
          String next = info.remaining();
          if (next.length() >= rest.length()) {
            return new Completeness2("complete", "");
          }
          rest = next;
        }
        case EMPTY -> {
          return new Completeness2("complete", "");
        }
        case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
          return new Completeness2("incomplete", "    ");
        }
        default -> {
          return new Completeness2("invalid", "");
        }
      }
    }
    return new Completeness2("complete", "");
  }

  /** Signatures (and Javadoc when the JDK has it) of what is at {@code cursor}; "" when nothing. */
  public String inspect(String code, int cursor, boolean detail) {
    cursor = Math.max(0, Math.min(cursor, code.length()));
    int start = snippetStart(code, cursor);
    // extend to the end of the identifier under the cursor so "Math.ma|x(" finds max
    int end = cursor;
    while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
      end++;
    }
    if (end < code.length() && code.charAt(end) == '(') {
      end++;
    }
    String piece = code.substring(start, end);
    List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(piece, piece.length(), detail);
    if (docs.isEmpty() && !piece.endsWith("(") && !piece.isEmpty()
        && Character.isJavaIdentifierPart(piece.charAt(piece.length() - 1))) {
      // a bare name (Shift-Tab on "Math.max" or "Approach3Fit"): JShell documents invocations, so ask
      // about the call of that name — a method's overloads, or a class's constructors
      docs = analysis.documentation(piece + "(", piece.length() + 1, detail);
      if (docs.isEmpty()) {
        docs = analysis.documentation("new " + piece + "(", piece.length() + 5, detail);
      }
    }
    StringBuilder sb = new StringBuilder();
    for (SourceCodeAnalysis.Documentation d : docs) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(d.signature());
      if (detail && d.javadoc() != null && !d.javadoc().isBlank()) {
        sb.append('\n').append(d.javadoc()).append('\n');
      }
    }
    return sb.toString();
  }
}

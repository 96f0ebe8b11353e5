package org.scalinglab.kernel;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/**
 * Splits a cell into JShell snippets with {@link SourceCodeAnalysis#analyzeCompletion}, keeping
 * where each snippet starts in the cell so that errors can name the cell line.
 */
public final class SnippetSplitter {
  private SnippetSplitter() {}

  public static List<CellSnippet> split(SourceCodeAnalysis analysis, String code) {
    List<CellSnippet> out = new ArrayList<>();
    String rest = code;
    while (!rest.isBlank()) {
      int restStart = code.length() - rest.length();
      CompletionInfo info = analysis.analyzeCompletion(rest);
      Completeness c = info.completeness();
      if (c == Completeness.EMPTY) {
        break; // only blanks and comments remain
      }
      if (c == Completeness.COMPLETE || c == Completeness.COMPLETE_WITH_SEMI) {
        String source = info.source();
        int lead = leadingBlanks(source);
        int offset = restStart + indexInRest(rest, source, lead);
        out.add(new CellSnippet(source.substring(lead), offset, LineIndex.lineOf(code, offset), true));
        String next = info.remaining();
        if (next.length() >= rest.length()) {
          break; // no progress: never loop forever
        }
        rest = next;
      } else {
        // unfinished or unknown: hand the rest to the compiler as one piece to get its message
        int lead = leadingBlanks(rest);
        int offset = restStart + lead;
        out.add(new CellSnippet(rest.substring(lead).stripTrailing(), offset, LineIndex.lineOf(code, offset), false));
        break;
      }
    }
    return out;
  }

  /** Where the snippet (after its leading blanks) starts inside {@code rest}. */
  private static int indexInRest(String rest, String source, int lead) {
    // JShell hands back the consumed text itself (leading blanks included); verify, else search
    String body = source.substring(lead);
    String probe = body.endsWith(";") ? body.substring(0, body.length() - 1) : body;
    if (rest.startsWith(probe, lead)) {
      return lead;
    }
    int found = rest.indexOf(probe.strip());
    return found >= 0 ? found : leadingBlanks(rest);
  }

  static int leadingBlanks(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}

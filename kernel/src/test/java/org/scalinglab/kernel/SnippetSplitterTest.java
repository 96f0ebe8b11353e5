package org.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SnippetSplitterTest {
  private static JShell jshell;

  @BeforeAll
  static void start() {
    jshell = JShell.builder().executionEngine("local").build();
  }

  @AfterAll
  static void stop() {
    jshell.close();
  }

  private static List<CellSnippet> split(String code) {
    return SnippetSplitter.split(jshell.sourceCodeAnalysis(), code);
  }

  @Test
  void splitsStatementsAndKeepsCellLines() {
    String code = "int x = 1;\n\n  int y = x + 1;\nx + y";
    List<CellSnippet> s = split(code);
    assertEquals(3, s.size());
    assertEquals("int x = 1;", s.get(0).source());
    assertEquals(1, s.get(0).line());
    assertEquals("int y = x + 1;", s.get(1).source());
    assertEquals(3, s.get(1).line());
    assertEquals(code.indexOf("int y"), s.get(1).offset());
    assertTrue(s.get(2).source().startsWith("x + y"), s.get(2).source());
    assertEquals(4, s.get(2).line());
  }

  @Test
  void aMethodSpanningLinesIsOneSnippet() {
    List<CellSnippet> s = split("double half(double v) {\n  return v / 2;\n}\nhalf(3)");
    assertEquals(2, s.size());
    assertEquals(1, s.get(0).line());
    assertEquals(4, s.get(1).line());
  }

  @Test
  void leadingCommentsStayWithTheirSnippet() {
    List<CellSnippet> s = split("// the answer\nint a = 42;\n/* more */\nint b = a;");
    assertEquals(2, s.size());
    assertEquals(1, s.get(0).line()); // the comment line starts the snippet
    assertTrue(s.get(0).source().startsWith("// the answer"));
    assertEquals(3, s.get(1).line());
  }

  @Test
  void trailingCommentsAndBlanksAreNotSnippets() {
    assertEquals(1, split("int a = 1;\n// done\n\n").size());
    assertTrue(split("   \n// nothing\n").isEmpty());
    assertTrue(split("").isEmpty());
  }

  @Test
  void anUnfinishedTailIsKeptForTheCompiler() {
    List<CellSnippet> s = split("int a = 1;\nfor (int i = 0; i < 3; i++) {\n  a += i;\n");
    assertEquals(2, s.size());
    assertTrue(s.get(0).complete());
    assertFalse(s.get(1).complete());
    assertEquals(2, s.get(1).line());
    assertTrue(s.get(1).source().startsWith("for"));
  }

  @Test
  void lineIndexArithmetic() {
    String text = "a\nbb\n\nccc";
    assertEquals(1, LineIndex.lineOf(text, 0));
    assertEquals(2, LineIndex.lineOf(text, 2));
    assertEquals(4, LineIndex.lineOf(text, text.length()));
    assertEquals("bb", LineIndex.line(text, 2));
    assertEquals("", LineIndex.line(text, 3));
    assertEquals("", LineIndex.line(text, 9));
    assertEquals(2, LineIndex.lineStart(text, 3));
  }
}

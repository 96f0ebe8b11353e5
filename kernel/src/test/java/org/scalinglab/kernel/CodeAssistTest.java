package org.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CodeAssistTest {
  private static JShell jshell;
  private static CodeAssist assist;

  @BeforeAll
  static void start() {
    jshell = JShell.builder().executionEngine("local").build();
    jshell.eval("String greeting = \"hi\";");
    assist = new CodeAssist(jshell.sourceCodeAnalysis());
  }

  @AfterAll
  static void stop() {
    jshell.close();
  }

  @Test
  void completesInTheSnippetUnderTheCursor() {
    String code = "int a = 1;\ngreeting.toUpp";
    CodeAssist.Completion c = assist.complete(code, code.length());
    assertTrue(c.matches().contains("toUpperCase("), c.matches().toString());
    assertEquals(code.indexOf("toUpp"), c.start());
    assertEquals(code.length(), c.end());
    CodeAssist.Completion m = assist.complete("Math.ma", 7);
    assertTrue(m.matches().contains("max("), m.matches().toString());
    assertEquals(5, m.start());
  }

  @Test
  void tellsCompleteFromUnfinishedCode() {
    assertEquals("complete", assist.isComplete("int x = 1;\nx + 1").status());
    assertEquals("incomplete", assist.isComplete("for (int i = 0; i < 3; i++) {").status());
    assertEquals("complete", assist.isComplete("   ").status());
  }

  @Test
  void inspectsSignatures() {
    assertTrue(assist.inspect("Math.max(1, 2)", 6, false).contains("Math.max(int a, int b)"));
    assertEquals("", assist.inspect("", 0, false));
  }

  @Test
  void inspectsABareName() {
    // Shift-Tab with the cursor at the end of a name, no "(" typed yet
    String max = assist.inspect("Math.max", 8, false);
    assertTrue(max.contains("Math.max(int a, int b)"), max);
    String mid = assist.inspect("var m = Math.max", 14, false);
    assertTrue(mid.contains("Math.max(double a, double b)"), mid);
    String type = assist.inspect("StringBuilder", 13, false);
    assertTrue(type.contains("java.lang.StringBuilder"), type);
    assertEquals("", assist.inspect("noSuchNameAnywhere", 18, false));
  }
}

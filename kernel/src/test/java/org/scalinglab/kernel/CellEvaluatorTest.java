package org.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The evaluator on a real in-process JShell (no Jupyter): values, display decisions, error lines.
 * The test classes folder is the session's class path, so the stand-in Display and
 * CheckFailedException are loaded through the notebook's class loader, as the library would be.
 */
class CellEvaluatorTest {
  private static KernelSession session;
  private static final List<Object> displayed = new CopyOnWriteArrayList<>();
  private static int count;

  @BeforeAll
  static void start() throws Exception {
    Path testClasses = Path.of(CellEvaluatorTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    session = KernelSession.start(new ClassPathEntries(List.of(testClasses)), displayed::add, System.err);
  }

  @AfterAll
  static void stop() {
    session.close();
  }

  private static CellOutcome eval(String code) {
    return session.evaluator().evaluate(code, ++count, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void finalExpressionReturnsTheLiveValue() {
    CellOutcome o = eval("int a = 20;\na + 22");
    assertTrue(o.hasValue());
    assertEquals(42, o.value());
    Object list = eval("new java.util.ArrayList<>(List.of(1, 2))").value();
    assertInstanceOf(java.util.ArrayList.class, list); // the object itself, not its text
    assertTrue(eval("String nothing = null;\nnothing").hasValue());
    assertNull(eval("nothing").value());
  }

  @Test
  void declarationsStatementsAndImportsShowNothing() {
    assertFalse(eval("var x = 5;").hasValue());
    assertFalse(eval("int twice(int v) { return 2 * v; }").hasValue());
    assertFalse(eval("import java.time.*;").hasValue());
    assertFalse(eval("System.out.print(\"\");").hasValue());
    assertFalse(eval("record P(int a) {}").hasValue());
    assertFalse(eval("x = 7").hasValue()); // an assignment is not shown
    assertEquals(7, eval("x").value()); // a bare variable is
    assertEquals(14, eval("twice(x)").value());
  }

  @Test
  void defaultImportsOfTheJshellToolArePresent() {
    assertEquals(3, eval("new ArrayList<>(List.of(1, 2, 3)).size()").value());
    assertEquals(true, eval("Pattern.matches(\"a+\", \"aaa\")").value());
  }

  @Test
  void compileErrorNamesTheCellLineAndSource() {
    CellOutcome o = eval("int ok = 1;\n\nString s = 42;\nint never = 3;");
    ErrorReport e = o.error();
    assertNotNull(e);
    assertEquals("CompileError", e.ename());
    assertTrue(e.evalue().startsWith("cell line 3: incompatible types"), e.evalue());
    assertTrue(e.plainText().contains("   3 | String s = 42;"), e.plainText());
    assertTrue(e.plainText().contains("|            ^"), e.plainText());
    // evaluation stopped at the error: 'never' does not exist, 'ok' does
    assertEquals("CompileError", eval("never").error().ename());
    assertEquals(1, eval("ok").value());
  }

  @Test
  void unfinishedCodeIsACompileError() {
    ErrorReport e = eval("int z = 1;\nfor (int i = 0; i < 2; i++) {").error();
    assertEquals("CompileError", e.ename());
    assertTrue(e.evalue().startsWith("cell line 2"), e.evalue());
  }

  @Test
  void runtimeErrorNamesClassMessageAndCellLineWithoutJShellFrames() {
    ErrorReport e = eval("int p = 1;\nint q = 0;\nint r = p / q;").error();
    assertEquals("ArithmeticException", e.ename());
    assertEquals("/ by zero", e.evalue());
    String text = e.plainText();
    assertTrue(text.startsWith("java.lang.ArithmeticException: / by zero"), text);
    assertTrue(text.contains("at cell line 3"), text);
    assertTrue(text.contains("--> cell line 3: int r = p / q;"), text);
    assertFalse(text.contains("jdk.jshell") || text.contains("jdk.internal") || text.contains("do_it$"), text);
  }

  @Test
  void framesInMethodsOfEarlierCellsNameThatCell() {
    eval("// helper\nint fail(int v) {\n  return 10 / v;\n}");
    int helperCell = count;
    ErrorReport e = eval("int w = 0;\nfail(w)").error();
    String text = e.plainText();
    assertTrue(text.contains("at fail (cell [" + helperCell + "] line 3)"), text);
    assertTrue(text.contains("--> cell line 2: fail(w)"), text);
  }

  @Test
  void causesAreListed() {
    ErrorReport e = eval("throw new RuntimeException(\"outer\", new IllegalStateException(\"inner\"));").error();
    assertEquals("RuntimeException", e.ename());
    assertTrue(e.plainText().contains("Caused by: java.lang.IllegalStateException: inner"), e.plainText());
  }

  @Test
  void checkFailuresShowTheirMessageFirst() {
    ErrorReport e = eval("int v = 5;\nthrow new org.scalinglab.check.CheckFailedException(\"check failed: v: expected 4, got 5\");").error();
    assertEquals("CheckFailedException", e.ename());
    assertEquals("check failed: v: expected 4, got 5", e.evalue());
    assertTrue(e.plainText().startsWith("check failed: v: expected 4, got 5"), e.plainText());
    assertTrue(e.plainText().contains("--> cell line 2"), e.plainText());
  }

  @Test
  void stackOverflowDoesNotKillTheSession() {
    ErrorReport e = eval("int down(int n) { return down(n + 1) + 1; }\ndown(0)").error();
    assertEquals("StackOverflowError", e.ename());
    assertEquals(2, eval("1 + 1").value());
  }

  @Test
  void displayHookIsInstalledThroughTheNotebookLoader() {
    displayed.clear();
    assertFalse(eval("org.scalinglab.notebook.Display.show(\"shown\");").hasValue());
    assertEquals(List.of("shown"), displayed);
  }

  @Test
  @Timeout(120) // a lost interrupt must fail this test, not hang the build
  void interruptStopsABusyLoop() throws Exception {
    Thread stopper = new Thread(() -> {
      long deadline = System.currentTimeMillis() + 10_000;
      while (!session.control().isRunning() && System.currentTimeMillis() < deadline) {
        Thread.onSpinWait();
      }
      session.control().interruptRunning(200);
    });
    stopper.start();
    ErrorReport e = eval("long spin = 0;\nwhile (true) { spin++; }").error();
    stopper.join();
    assertEquals("Interrupted", e.ename());
    assertEquals(3, eval("1 + 2").value()); // the session goes on
  }

  /**
   * Interrupts {@code code} once it runs, with a grace period far longer than the limit, so that
   * only the interrupt checks (never Thread.stop) can stop it in time; returns the milliseconds
   * from the interrupt to the cell's end.
   */
  private static long millisToStop(String code) throws Exception {
    long[] interruptedAt = new long[1];
    Thread stopper = new Thread(() -> {
      long deadline = System.currentTimeMillis() + 10_000;
      while (!session.control().isRunning() && System.currentTimeMillis() < deadline) {
        Thread.onSpinWait();
      }
      try {
        Thread.sleep(300); // let it get going
      } catch (InterruptedException e) {
        return;
      }
      interruptedAt[0] = System.nanoTime();
      session.control().interruptRunning(600_000);
    });
    stopper.start();
    ErrorReport e = eval(code).error();
    long millis = (System.nanoTime() - interruptedAt[0]) / 1_000_000;
    stopper.join();
    assertNotNull(e, "the cell ended without an error: " + code);
    assertEquals("Interrupted", e.ename(), e.evalue());
    return millis;
  }

  @Test
  @Timeout(120)
  void interruptStopsAnyCellWithinTwoSecondsWithoutThreadStop() throws Exception {
    eval("int kept = 41;");
    for (String code : List.of(
        "long s = 0; for (long i = 0; ; i++) s += i;", // the cell
        "while (true) { try { Math.sqrt(2); } catch (Throwable t) { } }", // swallows everything
        "long spinIn(long n) { long s = 0; while (true) { s += n; } }\nspinIn(3)", // a loop in a method
        "long deep(int n) { return n == 0 ? 1 : deep(n - 1) + deep(n - 1); }\ndeep(62)", // recursion, no loop: 2^62 calls, 62 deep (unbounded depth overflowed the stack before the interrupt)
        "Thread.sleep(600_000);", // blocking: Thread.interrupt
        "java.util.stream.LongStream.range(0, Long.MAX_VALUE).parallel().map(i -> { long s = 0; for (int k = 0; k < 100; k++) s += k; return s; }).sum()")) {
      long ms = millisToStop(code);
      assertTrue(ms < 2000, ms + " ms to stop " + code);
      assertEquals(42, eval("kept + 1").value(), "the session goes on after " + code);
    }
  }

  @Test
  void displaysOnlyExpressions() {
    assertTrue(eval("1 + 1").hasValue());
    assertFalse(eval("int[] arr = {1, 2};").hasValue());
    assertEquals("[1, 2]", ValueRenderer.text(eval("arr").value()));
  }
}

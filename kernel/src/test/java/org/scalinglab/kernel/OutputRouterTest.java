package org.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputRouterTest {
  /** Records what the router sends, as "context|out:text" / "context|display:mime". */
  private static final class Recorder implements OutputRouter.Sink {
    final List<String> events = new ArrayList<>();

    @Override
    public synchronized void stream(Object context, boolean stderr, String text) {
      events.add(context + "|" + (stderr ? "err" : "out") + ":" + text);
    }

    @Override
    public synchronized void display(Object context, MimeBundle bundle) {
      events.add(context + "|display:" + bundle.data().keySet());
    }

    synchronized List<String> snapshot() {
      return new ArrayList<>(events);
    }
  }

  @Test
  void keepsTheOrderOfTextAndDisplaysWithinACell() {
    Recorder r = new Recorder();
    OutputRouter router = new OutputRouter(r, NoiseFilter.standard(), 10_000); // no periodic flush
    router.beginCell("c1");
    router.out().println("one");
    router.out().print("two");
    router.display(new MimeBundle().put("image/png", "x"));
    router.err().println("three");
    router.endCell(5000);
    assertEquals(List.of("c1|out:one\ntwo", "c1|display:[image/png]", "c1|err:three\n"), r.snapshot());
    router.close();
  }

  @Test
  void sendsTextWhileTheCellStillRuns() throws InterruptedException {
    Recorder r = new Recorder();
    OutputRouter router = new OutputRouter(r, NoiseFilter.standard(), 20);
    router.beginCell("c");
    router.out().println("progress 1");
    long deadline = System.currentTimeMillis() + 5000;
    while (r.snapshot().isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(List.of("c|out:progress 1\n"), r.snapshot()); // before endCell
    router.endCell(5000);
    router.close();
  }

  @Test
  void outputAfterACellGoesToTheNextCellOnlyOnceItBegins() {
    Recorder r = new Recorder();
    OutputRouter router = new OutputRouter(r, NoiseFilter.standard(), 10_000);
    router.beginCell("a");
    router.out().print("late from a");
    router.beginCell("b"); // flushes what belonged to a
    router.out().print("for b");
    router.endCell(5000);
    assertEquals(List.of("a|out:late from a", "b|out:for b"), r.snapshot());
    router.close();
  }

  @Test
  void dropsNoiseLines() {
    Recorder r = new Recorder();
    OutputRouter router = new OutputRouter(r, NoiseFilter.standard(), 10_000);
    router.beginCell("c");
    router.out().println("Added differentiated op matmul");
    router.err().println("SLF4J: Failed to load class \"org.slf4j.impl.StaticLoggerBinder\".");
    router.out().println("kept");
    router.endCell(5000);
    assertEquals(List.of("c|out:kept\n"), r.snapshot());
    router.close();
  }

  @Test
  void streamBufferTakesOnlyWholeUtf8Characters() {
    StreamBuffer b = new StreamBuffer(new NoiseFilter(List.of()));
    byte[] check = "✓ ok".getBytes(StandardCharsets.UTF_8); // ✓ is 3 bytes
    b.write(check, 0, 1);
    assertEquals("", b.take(false)); // a lone lead byte waits for the rest
    b.write(check, 1, check.length - 1);
    assertEquals("✓ ok", b.take(false));
    assertTrue(b.isEmpty());
  }

  @Test
  void utf8Boundaries() {
    byte[] e = "é".getBytes(StandardCharsets.UTF_8); // 2 bytes
    byte[] s = "a€".getBytes(StandardCharsets.UTF_8); // 1 + 3 bytes
    assertEquals(0, StreamBuffer.completeUtf8Prefix(e, 1));
    assertEquals(2, StreamBuffer.completeUtf8Prefix(e, 2));
    assertEquals(1, StreamBuffer.completeUtf8Prefix(s, 3));
    assertEquals(4, StreamBuffer.completeUtf8Prefix(s, 4));
    assertEquals(0, StreamBuffer.completeUtf8Prefix(s, 0));
  }

  @Test
  void holdsBackAPartialLineThatMayBeNoise() {
    StreamBuffer b = new StreamBuffer(NoiseFilter.standard());
    byte[] text = "x\nAdded diff".getBytes(StandardCharsets.UTF_8);
    b.write(text, 0, text.length);
    assertEquals("x\n", b.take(false));
    byte[] rest = "erentiated op add\nnext".getBytes(StandardCharsets.UTF_8);
    b.write(rest, 0, rest.length);
    assertEquals("next", b.take(false));
  }
}

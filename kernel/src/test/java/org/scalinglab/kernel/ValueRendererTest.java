package org.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ValueRendererTest {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private final ValueRenderer renderer = new ValueRenderer(3);

  private static void assertPng(String base64) {
    byte[] bytes = Base64.getDecoder().decode(base64);
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, 8));
  }

  @Test
  void xchartChartsBecomePngWithATitleFallback() {
    XYChart chart = new XYChartBuilder().width(200).height(150).title("Loss").build();
    chart.addSeries("s", new double[] {1, 2}, new double[] {2, 1});
    assertEquals(ValueRenderer.Kind.CHART, ValueRenderer.kindOf(chart));
    MimeBundle b = renderer.render(chart);
    assertPng(b.get("image/png"));
    assertEquals("XYChart: Loss", b.get("text/plain"));
    CategoryChart bars = new CategoryChart(100, 80); // any Chart subclass
    bars.addSeries("n", new double[] {1, 2}, new double[] {3, 4});
    assertEquals(ValueRenderer.Kind.CHART, ValueRenderer.kindOf(bars));
    assertEquals("CategoryChart: (untitled)", renderer.render(bars).get("text/plain"));
  }

  @Test
  void tablesawTablesBecomeEscapedHtmlWithARowCap() {
    Table t = Table.create("runs <1>",
        DoubleColumn.create("N", 1, 2, 3, 4, 5),
        StringColumn.create("note", "<script>", "a & b", "\"q\" it's", "d", "e"));
    assertEquals(ValueRenderer.Kind.TABLE, ValueRenderer.kindOf(t));
    MimeBundle b = renderer.render(t);
    String html = b.get("text/html");
    assertTrue(html.startsWith("<table"), html);
    assertTrue(html.contains("<caption>runs &lt;1&gt;</caption>"), html);
    assertTrue(html.contains("<th>N</th><th>note</th>"), html);
    assertTrue(html.contains("&lt;script&gt;") && html.contains("a &amp; b") && html.contains("&quot;q&quot;")
        && html.contains("it&#39;s"), html);
    assertFalse(html.contains("<script>"), html);
    assertTrue(html.contains("… 2 more rows (5 rows × 2 columns)"), html); // cap of 3 rows
    assertTrue(html.contains("<td style=\"text-align:right\">"), html); // numbers right-aligned
    assertEquals(t.print(), b.get("text/plain"));
  }

  @Test
  void aChartThatCannotBeDrawnFallsBackToTextWithTheReason() {
    CategoryChart empty = new CategoryChart(100, 80); // XChart cannot draw a category chart without series
    MimeBundle b = renderer.render(empty);
    assertFalse(b.has("image/png"));
    assertTrue(b.get("text/plain").contains("rendering failed"), b.get("text/plain"));
    assertFalse(b.get("text/plain").contains("InvocationTargetException"), b.get("text/plain"));
  }

  @Test
  void imagesBecomePng() {
    MimeBundle b = renderer.render(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB));
    assertPng(b.get("image/png"));
    assertEquals("image 4×3", b.get("text/plain"));
  }

  @Test
  void everythingElseIsText() {
    assertEquals(List.of("text/plain"), List.copyOf(renderer.render("plain <b>").data().keySet()));
    assertEquals("plain <b>", renderer.render("plain <b>").get("text/plain"));
    assertEquals("null", renderer.render(null).get("text/plain"));
    assertEquals("[1.5, 2.0]", renderer.render(new double[] {1.5, 2}).get("text/plain"));
    assertEquals("[[a], [b, c]]", renderer.render(new String[][] {{"a"}, {"b", "c"}}).get("text/plain"));
  }

  @Test
  void aFailingToStringDoesNotBreakRendering() {
    Object bad = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("boom");
      }
    };
    assertTrue(renderer.render(bad).get("text/plain").contains("toString failed"));
  }

  @Test
  void htmlEscaping() {
    assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;", HtmlTable.escape("<a href=\"x\">&'</a>"));
    assertEquals("", HtmlTable.escape(null));
    String html = new HtmlTable("", List.of("a"), List.of(false), List.of(List.of("1")), 1).toHtml();
    assertFalse(html.contains("<caption>"));
    assertFalse(html.contains("more row"));
  }
}

package org.scalinglab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Building blocks shared by the figure classes of this package ({@code LawCharts}, {@code FitCharts},
 * …): one house style, log–log axes, line and scatter series, and PNG export. Each figure class has
 * one method per figure that returns an {@link XYChart}; a notebook shows it by making it the last
 * expression of a cell.
 */
public final class Charts {
  /** Default figure size in pixels. */
  public static final int WIDTH = 640;
  public static final int HEIGHT = 420;

  private Charts() {}

  /** An empty chart in the house style with linear axes. */
  public static XYChart linear(String title, String xLabel, String yLabel) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    XYStyler st = chart.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setLegendPosition(Styler.LegendPosition.OutsideS);
    st.setLegendLayout(Styler.LegendLayout.Horizontal);
    st.setLegendBorderColor(Color.WHITE);
    st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    st.setPlotBorderVisible(false);
    st.setPlotGridLinesColor(new Color(230, 230, 230));
    st.setPlotGridLinesStroke(new BasicStroke(0.8f));
    st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    return chart;
  }

  /** An empty chart in the house style with logarithmic x and y axes. */
  public static XYChart logLog(String title, String xLabel, String yLabel) {
    XYChart chart = linear(title, xLabel, yLabel);
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmic(true);
    return chart;
  }

  /**
   * Puts the legend where it fits: below the plot in one row when the series are few and their names
   * short, otherwise to the right in a column (XChart does not wrap a horizontal legend). Figure
   * methods with a variable number of series end with {@code return Charts.tidyLegend(chart);}.
   */
  public static XYChart tidyLegend(XYChart chart) {
    int names = 0;
    for (String name : chart.getSeriesMap().keySet()) names += name.length() + 6;
    if (chart.getSeriesMap().size() > 5 || names > 75) {
      chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
      chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
      chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    }
    return chart;
  }

  /** Adds a line without markers. */
  public static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }

  /** Adds points without a line. */
  public static XYSeries points(XYChart chart, String name, double[] x, double[] y) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
    return s;
  }

  /** n points spaced evenly in log space between lo and hi (both > 0). */
  public static double[] logSpace(double lo, double hi, int n) {
    if (!(lo > 0 && hi > lo) || n < 2) {
      throw new IllegalArgumentException("logSpace needs 0 < lo < hi and n ≥ 2, got " + lo + ", " + hi + ", " + n);
    }
    double[] x = new double[n];
    double a = Math.log(lo), b = Math.log(hi);
    for (int i = 0; i < n; i++) x[i] = Math.exp(a + (b - a) * i / (n - 1));
    return x;
  }

  /** Writes the chart as a PNG file (creating parent folders) and returns the path. */
  public static Path savePng(XYChart chart, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    return file;
  }
}

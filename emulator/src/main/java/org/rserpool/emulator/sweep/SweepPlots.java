package org.rserpool.emulator.sweep;

import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Plots in the form of RSPSIM's plotter (toolchain/plotter.R): x = the swept parameter, y = a metric's
 * mean over the replications, one curve per value of the curve parameter, error bars = the 95 %
 * confidence interval. One PNG and one SVG per metric and per combination of the values of the other
 * swept keys (RSPSIM's further grouping variables), named {@code <metric>[-<key>=<value>...]}.
 */
public final class SweepPlots {
  static {
    // Plots are drawn on servers and in CI: no display, and no AWT window may ever open.
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
  }

  private static final int WIDTH = 800;
  private static final int HEIGHT = 600;

  /**
   * What was drawn: the files, and the plots left out because no grid point of theirs has a value.
   */
  public record Written(List<Path> files, List<String> empty) {}

  private SweepPlots() {}

  /**
   * Draws a throwaway chart with everything a real one has (title, axes, legend, error bars) as PNG and
   * SVG. Called before the runs: a machine whose headless AWT cannot draw (no fonts) fails now, not
   * after hours of runs; and AWT's font manager, which registers a JVM shutdown hook when it first
   * opens a font file, is up before a Ctrl-C could make it start during shutdown and fail.
   */
  public static void warmUp() throws IOException {
    XYChart chart = new XYChartBuilder().width(200).height(150).title("warm-up").xAxisTitle("x").yAxisTitle("y").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.addSeries("curve", new double[] {1, 2}, new double[] {1, 2}, new double[] {0.5, 0.5});
    BitmapEncoder.saveBitmap(chart, OutputStream.nullOutputStream(), BitmapEncoder.BitmapFormat.PNG);
    VectorGraphicsEncoder.saveVectorGraphic(chart, OutputStream.nullOutputStream(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
  }

  public static Written write(Path folder, String scenarioName, SweepPlan plan, SweepStatistics statistics) throws IOException {
    PlotSpec spec = plan.definition().plot();
    List<Path> files = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    if (spec == null) return new Written(files, empty);
    SweepDefinition def = plan.definition();
    SweptParameter xParameter = def.parameter(spec.x());
    XAxis xAxis = XAxis.of(xParameter);
    List<ConfigValue> curveValues = spec.curves() == null ? List.of() : def.parameter(spec.curves()).values();
    List<String> others = def.keys().stream().filter(k -> !k.equals(spec.x()) && !k.equals(spec.curves())).toList();
    Map<String, String> shortNames = SweptParameter.shortNames(def.keys());

    // The grid points of each combination of the other keys' values, in grid order.
    Map<String, List<GridPoint>> groups = new LinkedHashMap<>();
    for (GridPoint p : plan.points()) {
      StringBuilder suffix = new StringBuilder();
      for (String k : others) suffix.append('-').append(shortNames.get(k)).append('=').append(p.text(k));
      groups.computeIfAbsent(suffix.toString(), s -> new ArrayList<>()).add(p);
    }

    for (String metric : spec.metrics()) {
      for (Map.Entry<String, List<GridPoint>> group : groups.entrySet()) {
        String name = fileName(metric + group.getKey());
        String title = scenarioName + ": " + metric + (others.isEmpty() ? "" : " (" + otherLabel(group.getValue().get(0), others, shortNames) + ")");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle(axisTitle(spec.x(), xAxis.unit())).yAxisTitle(axisTitle(metric, unit(metric))).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendVisible(spec.curves() != null);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setMarkerSize(8);
        int series = 0;
        if (spec.curves() == null) {
          series += addSeries(chart, metric, metric, group.getValue(), spec.x(), xParameter, xAxis, null, null, statistics);
        } else {
          for (ConfigValue c : curveValues) {
            String curve = SweptParameter.text(c);
            series += addSeries(chart, metric, shortNames.get(spec.curves()) + " = " + curve, group.getValue(), spec.x(), xParameter, xAxis,
                spec.curves(), curve, statistics);
          }
        }
        if (series == 0) {
          empty.add(name);
          continue;
        }
        // Handling speeds (calculations/s) run to 10^6: XChart would write "8E5"; whole numbers read better.
        if (largest(chart) >= 1e4) chart.getStyler().setYAxisDecimalPattern("#,##0");
        Path png = folder.resolve(name + ".png");
        try (OutputStream out = Files.newOutputStream(png)) {
          BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        Path svg = folder.resolve(name + ".svg");
        try (OutputStream out = Files.newOutputStream(svg)) {
          VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        }
        files.add(png);
        files.add(svg);
      }
    }
    return new Written(files, empty);
  }

  /** One curve: the points of the group on this curve, in the x parameter's order; 1 when drawn, 0 when it has no value. */
  private static int addSeries(XYChart chart, String metric, String seriesName, List<GridPoint> group, String xKey, SweptParameter xParameter, XAxis xAxis,
      String curveKey, String curve, SweepStatistics statistics) {
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    List<Double> error = new ArrayList<>();
    for (int i = 0; i < xParameter.values().size(); i++) {
      String xText = SweptParameter.text(xParameter.values().get(i));
      for (GridPoint p : group) {
        if (!p.text(xKey).equals(xText) || (curveKey != null && !p.text(curveKey).equals(curve))) continue;
        SampleSummary s = statistics.summary(p, metric);
        if (s.n() == 0) continue;
        x.add(xAxis.values()[i]);
        y.add(s.mean());
        error.add(Double.isNaN(s.ci95HalfWidth()) ? 0.0 : s.ci95HalfWidth());
      }
    }
    if (x.isEmpty()) return 0;
    chart.addSeries(seriesName, x, y, error);
    return 1;
  }

  private static double largest(XYChart chart) {
    double max = 0;
    for (org.knowm.xchart.XYSeries series : chart.getSeriesMap().values()) {
      for (double y : series.getYData()) max = Math.max(max, Math.abs(y));
    }
    return max;
  }

  private static String otherLabel(GridPoint p, List<String> others, Map<String, String> shortNames) {
    List<String> parts = new ArrayList<>();
    for (String k : others) parts.add(shortNames.get(k) + " = " + p.text(k));
    return String.join(", ", parts);
  }

  static String axisTitle(String name, String unit) {
    return unit.isEmpty() ? name : name + " [" + unit + "]";
  }

  /** The unit of a results key where its RSPSIM name says it (rspsim-model.md §4.6). */
  static String unit(String metric) {
    if (metric.endsWith("Percent")) return "%";
    if (metric.endsWith("PerSecond")) return "1/s";
    if (metric.endsWith("Speed")) return "calculations/s";
    if (metric.endsWith("Delay") || metric.endsWith("Time")) return "s";
    return "";
  }

  /** Letters, digits and ._=- kept, anything else '_'. */
  static String fileName(String s) {
    return s.replaceAll("[^A-Za-z0-9._=-]", "_");
  }
}

package dev.encore.bench.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The reports' line and bar charts as PNG, drawn by XChart. */
public final class Charts {
    private static final int W = 900;
    private static final int H = 520;

    private Charts() {
    }

    /** A named series of points. */
    public record Series(String name, double[] x, double[] y) {
    }

    /** Lines with markers; {@code logX} for rates and latencies spanning decades. */
    public static void lines(Path file, String title, String xLabel, String yLabel, List<Series> series, boolean logX) throws IOException {
        XYChart chart = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setMarkerSize(7);
        for (Series s : series) {
            // Markers on the steps of a short series; a long one (a latency CDF) is a line.
            chart.addSeries(s.name(), s.x(), s.y()).setMarker(s.x().length <= 50 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        save(chart, file);
    }

    /** One bar per label, the value printed on each. */
    public static void bars(Path file, String title, String xLabel, List<String> labels, double[] values) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(W).height(H + 180).title(title).xAxisTitle("").yAxisTitle(xLabel).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsRotation(90);
        chart.getStyler().setYAxisDecimalPattern("0.0000");
        chart.addSeries(xLabel, labels, java.util.Arrays.stream(values).boxed().toList());
        save(chart, file);
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}

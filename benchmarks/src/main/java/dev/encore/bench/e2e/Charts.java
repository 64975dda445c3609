package dev.encore.bench.e2e;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Plain line and bar charts as PNG, drawn with Java2D so that the reports need nothing outside the JDK. */
public final class Charts {
    private static final int W = 900;
    private static final int H = 520;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
            new Color(0x9467bd), new Color(0x8c564b)};

    private Charts() {
    }

    /** A named series of points. */
    public record Series(String name, double[] x, double[] y) {
    }

    /** Lines; {@code logX} for rates and latencies spanning decades. */
    public static void lines(Path file, String title, String xLabel, String yLabel, List<Series> series, boolean logX) throws IOException {
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = 0;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                double x = logX ? Math.log10(Math.max(1e-9, s.x()[i])) : s.x()[i];
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, s.y()[i]);
            }
        }
        if (minX == maxX) {
            maxX = minX + 1;
        }
        maxY = maxY <= 0 ? 1 : maxY * 1.05;
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame(image, title, xLabel, yLabel);
        axes(g, minX, maxX, maxY, logX);
        int k = 0;
        for (Series s : series) {
            g.setColor(COLORS[k % COLORS.length]);
            g.setStroke(new BasicStroke(2f));
            for (int i = 1; i < s.x().length; i++) {
                g.drawLine(px(s.x()[i - 1], minX, maxX, logX), py(s.y()[i - 1], maxY), px(s.x()[i], minX, maxX, logX), py(s.y()[i], maxY));
            }
            for (int i = 0; i < s.x().length; i++) {
                g.fillOval(px(s.x()[i], minX, maxX, logX) - 3, py(s.y()[i], maxY) - 3, 6, 6);
            }
            g.drawString(s.name(), LEFT + 15, TOP + 20 + 18 * k);
            k++;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** Horizontal bars, one per label. */
    public static void bars(Path file, String title, String xLabel, List<String> labels, double[] values) throws IOException {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame(image, title, xLabel, "");
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        int band = (H - TOP - BOTTOM) / Math.max(1, labels.size());
        int labelWidth = 260;
        for (int i = 0; i < labels.size(); i++) {
            int y = TOP + i * band + band / 4;
            int w = (int) ((W - labelWidth - RIGHT - 60) * values[i] / max);
            g.setColor(COLORS[i % COLORS.length]);
            g.fillRect(labelWidth, y, w, band / 2);
            g.setColor(Color.BLACK);
            g.drawString(labels.get(i), 10, y + band / 3);
            g.drawString(String.format("%.4f", values[i]), labelWidth + w + 5, y + band / 3);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static Graphics2D frame(BufferedImage image, String title, String xLabel, String yLabel) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(xLabel, W / 2 - 60, H - 20);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -H / 2 - 60, 20);
        g.rotate(Math.PI / 2);
        return g;
    }

    private static void axes(Graphics2D g, double minX, double maxX, double maxY, boolean logX) {
        g.setColor(Color.GRAY);
        g.drawLine(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM);
        g.drawLine(LEFT, TOP, LEFT, H - BOTTOM);
        for (int i = 0; i <= 5; i++) {
            double y = maxY * i / 5;
            int py = py(y, maxY);
            g.drawLine(LEFT - 4, py, LEFT, py);
            g.drawString(String.format("%.3g", y), 10, py + 4);
            double x = minX + (maxX - minX) * i / 5;
            int px = LEFT + (int) ((W - LEFT - RIGHT) * (double) i / 5);
            g.drawLine(px, H - BOTTOM, px, H - BOTTOM + 4);
            g.drawString(String.format("%.3g", logX ? Math.pow(10, x) : x), px - 15, H - BOTTOM + 18);
        }
    }

    private static int px(double x, double minX, double maxX, boolean logX) {
        double v = logX ? Math.log10(Math.max(1e-9, x)) : x;
        return LEFT + (int) ((W - LEFT - RIGHT) * (v - minX) / (maxX - minX));
    }

    private static int py(double y, double maxY) {
        return H - BOTTOM - (int) ((H - TOP - BOTTOM) * y / maxY);
    }
}

package io.perfsweep.report;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import javax.imageio.ImageIO;

import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;
import org.knowm.xchart.XYChart;

/** Charts of one size drawn side by side as one figure: an SVG document, an inline SVG element or a PNG. */
final class PlotPanels {

    private final List<XYChart> panels;
    private final int panelWidth;
    private final int height;

    PlotPanels(List<XYChart> panels, int panelWidth, int height) {
        this.panels = List.copyOf(panels);
        this.panelWidth = panelWidth;
        this.height = height;
    }

    /** The figure as an SVG document. */
    String svgDocument() {
        return canvas().getSVGDocument();
    }

    /** The figure as an inline, scalable {@code <svg>} element, for the HTML report. */
    String svgElement() {
        return canvas().getSVGElement(null, false, new ViewBox(0, 0, width(), height), null, null);
    }

    /** The figure as PNG bytes. */
    byte[] pngBytes() throws IOException {
        var bytes = new ByteArrayOutputStream();
        ImageIO.write(png(), "png", bytes);
        return bytes.toByteArray();
    }

    BufferedImage png() {
        BufferedImage image = new BufferedImage(width(), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            paint(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    private int width() {
        return panelWidth * panels.size();
    }

    private SVGGraphics2D canvas() {
        SVGGraphics2D g = new SVGGraphics2D(width(), height);
        // text is drawn as outlines: two decimals of a pixel keep it sharp at about half the size
        g.setGeomDoubleConverter(value -> Double.toString(Math.round(value * 100) / 100.0));
        paint(g);
        return g;
    }

    private void paint(Graphics2D g) {
        for (int i = 0; i < panels.size(); i++) {
            Graphics2D panel = (Graphics2D) g.create(i * panelWidth, 0, panelWidth, height);
            try {
                panels.get(i).paint(panel, panelWidth, height);
            } finally {
                panel.dispose();
            }
        }
    }
}

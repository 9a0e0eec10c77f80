package io.perfsweep.report;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Renders a {@link ReportPage} as one self-contained HTML page (styles inline, plots inline as SVG, no script, nothing
 * fetched from elsewhere: the page works offline and saved to a file). The template is
 * {@code templates/ReportHtml/report.html}; Qute checks its expressions against {@link ReportPage} at build time and
 * escapes every value, so names, tags and error messages (user input) can never become markup.
 */
@CheckedTemplate(basePath = "ReportHtml")
public final class ReportHtml {

    private ReportHtml() {
    }

    static native TemplateInstance report(ReportPage page);

    /** The page as HTML text. */
    public static String render(ReportPage page) {
        return report(page).render();
    }
}

package dev.vigil.collector.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The report page must keep working under a Content-Security-Policy without 'unsafe-inline': no inline scripts,
 * styles or event handlers in its markup, and its scripts set no style attributes, handlers or HTML strings.
 */
class ReportPageContentPolicyTest {
    private static String resource(String path) throws IOException {
        try (InputStream in = ReportPageContentPolicyTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vigil-dashboard/report.html"})
    void markup_hasNoInlineScriptStyleOrHandler(String path) throws IOException {
        String html = resource(path);
        assertThat(html).containsPattern("<script type=\"module\" src=\"[^\"]+\"></script>");
        assertThat(html)
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                .doesNotContainPattern("<style")
                .doesNotContainPattern("\\sstyle=")
                .doesNotContainPattern("\\son[a-z]+=")
                .doesNotContain("javascript:")
                .doesNotContainPattern("(src|href)=\"(https?:)?//");
    }

    @ParameterizedTest
    @ValueSource(strings = {"vigil-dashboard/js/report/report-page.js", "vigil-dashboard/js/report/bars.js"})
    void scripts_setNoInlineStylesHandlersOrHtml(String path) throws IOException {
        String js = resource(path);
        assertThat(js)
                .doesNotContain("innerHTML")
                .doesNotContain("'style'")
                .doesNotContain(".style.")
                .doesNotContainPattern("setAttribute\\(\\s*'on")
                .doesNotContain("eval(")
                .doesNotContainPattern("https?://(?!www\\.w3\\.org/2000/svg)");
    }
}

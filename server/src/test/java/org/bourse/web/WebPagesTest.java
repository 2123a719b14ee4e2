package org.bourse.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.bourse.testsupport.HttpApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What the server answers for the terminal's files, over plain HTTP (no browser needed). */
@TerminalServer
class WebPagesTest {

    @LocalServerPort
    int port;

    @Test
    void theTerminalIsServedAtTheRootWithAPolicyThatAllowsNoInlineScript() {
        HttpApi.Reply page = HttpApi.onPort(port).get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/app/main.js\"></script>");
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.body()).as("no inline script in the page").doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
    }

    @Test
    void theTerminalsScriptsAreServedAsJavaScriptUnderTheSamePolicy() {
        for (String path : new String[] {"/app/main.js",
                "/vendor/lightweight-charts-5.3.0/lightweight-charts.standalone.production.mjs"}) {
            HttpApi.Reply script = HttpApi.onPort(port).get(path);
            assertThat(script.status()).as(path).isEqualTo(200);
            assertThat(script.header("Content-Type")).as("a module script needs a JavaScript type: %s", path)
                    .startsWith("text/javascript");
            assertThat(script.header("Content-Security-Policy")).isNotNull();
        }
    }

    @Test
    void theApiAndSwaggerUiKeepTheirOwnHeaders() {
        HttpApi caller = HttpApi.onPort(port);
        HttpApi.Reply markets = caller.get("/api/v1/markets");
        assertThat(markets.status()).isEqualTo(200);
        assertThat(markets.header("Content-Security-Policy")).isNull();
        HttpApi.Reply swagger = caller.get("/swagger-ui/index.html");
        assertThat(swagger.status()).isEqualTo(200);
        assertThat(swagger.header("Content-Security-Policy")).isNull();
    }
}

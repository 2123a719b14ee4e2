package org.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The command line and the mix, as someone running a benchmark meets them. */
class LoadOptionsTest {

    @Test
    void everyOptionHasADefault() {
        LoadOptions options = LoadOptions.parse();

        assertThat(options).isEqualTo(LoadOptions.defaults());
        assertThat(options.describe()).contains("http://localhost:8080", "closed loop, 64 clients", "BTC-USD");
    }

    @Test
    void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() {
        LoadOptions options = LoadOptions.parse("--mode", "open", "--rate=5000", "--duration", "2m", "--warmup=500ms",
                "--order-check", "by-id", "--mid", "123.45");

        assertThat(options.mode()).isEqualTo(LoadOptions.Mode.OPEN);
        assertThat(options.rate()).isEqualTo(5000);
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.orderCheck()).isEqualTo(LoadOptions.OrderCheck.BY_ID);
        assertThat(options.mid()).isEqualByComparingTo("123.45");
    }

    @Test
    void aMistakeIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> LoadOptions.parse("--users", "many")).hasMessageContaining("--users");
        assertThatThrownBy(() -> LoadOptions.parse("--mode", "sideways")).hasMessageContaining("--mode")
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> LoadOptions.parse("--duraton", "5s")).hasMessageContaining("--duraton");
        assertThatThrownBy(() -> LoadOptions.parse("--mode", "open", "--requests", "10"))
                .hasMessageContaining("--requests");
    }

    @Test
    void theGeneratorsOwnHttpClientIsTheDefaultAndTheJdksCanBeChosenToCompare() {
        assertThat(LoadOptions.defaults().client()).isEqualTo(BourseHttp.Client.RAW);
        assertThat(LoadOptions.parse().describe()).containsPattern("client +raw");

        LoadOptions jdk = LoadOptions.parse("--client", "jdk");

        assertThat(jdk.client()).isEqualTo(BourseHttp.Client.JDK);
        assertThat(jdk.describe()).containsPattern("client +jdk");
        assertThat(LoadOptions.parse("--client=RAW").client()).isEqualTo(BourseHttp.Client.RAW);
        assertThat(LoadOptions.USAGE).contains("--client raw|jdk");
    }

    @Test
    void anUnknownClientOrTheRawOneForHttpsIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> LoadOptions.parse("--client", "netty")).hasMessageContaining("--client")
                .hasMessageContaining("raw").hasMessageContaining("jdk");
        assertThatThrownBy(() -> LoadOptions.parse("--url", "https://bourse.example")).hasMessageContaining("--client jdk");
        assertThat(LoadOptions.parse("--url", "https://bourse.example", "--client", "jdk").client())
                .isEqualTo(BourseHttp.Client.JDK);
    }

    @Test
    void readSplitsEvenlyOverBookTickerBalancesAndOrders() {
        Mix mix = Mix.parse("limit=50,read=20,book=5");

        assertThat(mix.weights()).containsEntry(RequestKind.LIMIT, 50.0).containsEntry(RequestKind.BOOK, 10.0)
                .containsEntry(RequestKind.TICKER, 5.0).containsEntry(RequestKind.BALANCES, 5.0)
                .containsEntry(RequestKind.ORDERS, 5.0).doesNotContainKey(RequestKind.MARKET);
    }

    @Test
    void aMissingEndpointsShareGoesToTheOtherKinds() {
        Mix mix = Mix.parse("limit=50,book=50").without(Set.of(RequestKind.BOOK));

        assertThat(mix.draw(0.0)).isEqualTo(RequestKind.LIMIT);
        assertThat(mix.draw(0.99)).isEqualTo(RequestKind.LIMIT);
    }

    @Test
    void drawsFollowTheWeights() {
        Mix mix = Mix.parse("limit=75,cancel=25");

        assertThat(mix.draw(0.74)).isEqualTo(RequestKind.LIMIT);
        assertThat(mix.draw(0.76)).isEqualTo(RequestKind.CANCEL);
    }

    @Test
    void jsonAmountsStayExactDecimals() {
        Map<String, Object> order = Json.object("{\"id\":\"7\",\"price\":0.10000000000000000001,\"tags\":[\"a\\\"b\"],"
                + "\"done\":false,\"reason\":null}");

        assertThat(order.get("price")).isEqualTo(new BigDecimal("0.10000000000000000001"));
        assertThat(order.get("tags")).isEqualTo(List.of("a\"b"));
        assertThat(Json.text(order, "reason")).isNull();
        assertThat(Json.object(Json.write(order))).isEqualTo(order);
    }
}

package org.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The fan-out benchmark's command line, as someone running it meets it. */
class FanoutOptionsTest {

    @Test
    void everyOptionHasADefault() {
        FanoutOptions options = FanoutOptions.parse();

        assertThat(options).isEqualTo(FanoutOptions.defaults());
        assertThat(options.subscribers()).isEqualTo(100);
        assertThat(options.describe()).contains("ws://localhost:8080/ws", "book:BTC-USD and trades:BTC-USD");
    }

    @Test
    void theScriptsThreeOptionsTakeTheirValueAfterASpaceOrAnEqualsSign() {
        FanoutOptions options = FanoutOptions.parse("--subscribers", "1000", "--rate=50", "--duration", "2m",
                "--market", "eth-usd");

        assertThat(options.subscribers()).isEqualTo(1000);
        assertThat(options.rate()).isEqualTo(50);
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.market()).isEqualTo("ETH-USD");
    }

    @Test
    void subscribersOutsideOneToAThousandAndOtherMistakesAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> FanoutOptions.parse("--subscribers", "0")).hasMessageContaining("--subscribers");
        assertThatThrownBy(() -> FanoutOptions.parse("--subscribers", "1001")).hasMessageContaining("1..1000");
        assertThatThrownBy(() -> FanoutOptions.parse("--subscribers", "lots")).hasMessageContaining("--subscribers");
        assertThatThrownBy(() -> FanoutOptions.parse("--rate", "0")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> FanoutOptions.parse("--duration", "soon")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> FanoutOptions.parse("--crossing", "0")).hasMessageContaining("--crossing");
        assertThatThrownBy(() -> FanoutOptions.parse("--subscriber", "5")).hasMessageContaining("--subscriber");
        assertThatThrownBy(() -> FanoutOptions.parse("--rate")).hasMessageContaining("needs a value");
    }

    @Test
    void theWebSocketAddressFollowsTheServersScheme() {
        assertThat(FanoutOptions.parse("--url", "https://bourse.example/").webSocket())
                .isEqualTo(URI.create("wss://bourse.example/ws"));
        assertThat(FanoutOptions.parse("--url", "http://localhost:9000").webSocket())
                .isEqualTo(URI.create("ws://localhost:9000/ws"));
    }

    @Test
    void theOrderFlowIsTheLoadGeneratorsOpenLoopOfLimitOrdersAndCancels() {
        LoadOptions flow = FanoutOptions.parse("--rate", "300", "--users", "6").orderFlow();

        assertThat(flow.mode()).isEqualTo(LoadOptions.Mode.OPEN);
        assertThat(flow.rate()).isEqualTo(300);
        assertThat(flow.users()).isEqualTo(6);
        assertThat(flow.mix().weights()).containsOnlyKeys(RequestKind.LIMIT, RequestKind.CANCEL);
        assertThat(flow.crossing()).isEqualTo(0.5);
    }

    @Test
    void theOrdersGoThroughTheGeneratorsOwnHttpClientExceptOverHttps() {
        assertThat(FanoutOptions.parse().orderFlow().client()).isEqualTo(BourseHttp.Client.RAW);
        assertThat(FanoutOptions.parse("--url", "https://bourse.example").orderFlow().client())
                .isEqualTo(BourseHttp.Client.JDK);
    }

    @Test
    void thereAreNeverMoreProbesThanSubscribers() {
        assertThat(FanoutOptions.parse("--subscribers", "5", "--probes", "20").probeCount()).isEqualTo(5);
    }
}

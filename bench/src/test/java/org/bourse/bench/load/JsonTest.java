package org.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The load generator's JSON reader on the shapes the server answers with, and on text it must refuse. */
class JsonTest {

    @Test
    void readsAnOrderAnswer() {
        Map<String, Object> order = Json.object("""
                {"id":"1234","status":"open","price":"30000.50","filled":0.25,"post_only":false,
                 "failure_reason":null,"fills":[{"trade_id":"7"}]}""");

        assertThat(Json.text(order, "id")).isEqualTo("1234");
        assertThat(Json.text(order, "status")).isEqualTo("open");
        assertThat(order.get("filled")).isEqualTo(new BigDecimal("0.25"));
        assertThat(order.get("post_only")).isEqualTo(false);
        assertThat(Json.text(order, "failure_reason")).isNull();
        assertThat(Json.objects(order, "fills")).containsExactly(Map.of("trade_id", "7"));
    }

    @Test
    void decodesEscapesWhereverTheyAreInAString() {
        assertThat(Json.parse("\"plain\"")).isEqualTo("plain");
        assertThat(Json.parse("\"\"")).isEqualTo("");
        assertThat(Json.parse("\"a\\\"b\"")).isEqualTo("a\"b");
        assertThat(Json.parse("\"\\\\ends with a backslash\\\\\"")).isEqualTo("\\ends with a backslash\\");
        assertThat(Json.parse("\"caf\\u00e9 \\n\\t/\\/\"")).isEqualTo("café \n\t//");
        assertThat(Json.array("[\"x\",\"y\\\"\",\"z\"]")).isEqualTo(List.of("x", "y\"", "z"));
    }

    @Test
    void refusesUnterminatedStringsAndTrailingText() {
        assertThatThrownBy(() -> Json.parse("\"no end")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("\"escaped end\\\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("{\"a\":1} x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.object("[1]")).isInstanceOf(IllegalArgumentException.class);
    }
}

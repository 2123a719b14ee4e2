package org.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The server's CPU time is read from its Prometheus page in either unit Micrometer may name it in. */
class ServerCpuTest {

    @Test
    void readsNanosecondsAsSeconds() {
        String page = """
                # HELP process_cpu_time_ns_total The "cpu time" used by the Java Virtual Machine process
                # TYPE process_cpu_time_ns_total counter
                process_cpu_time_ns_total 1.234E10
                process_cpu_usage 0.5
                """;

        assertThat(ServerCpu.parse(page)).hasValue(12.34);
    }

    @Test
    void readsSeconds() {
        assertThat(ServerCpu.parse("process_cpu_usage 0.5\nprocess_cpu_time_seconds_total 7.5\n")).hasValue(7.5);
    }

    @Test
    void aPageWithoutItGivesNothing() {
        assertThat(ServerCpu.parse("process_cpu_usage 0.5\n")).isEmpty();
    }
}

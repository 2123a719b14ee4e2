package org.bourse.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * The server process's CPU time, read from its own metrics ({@code process.cpu.time} on
 * {@code /actuator/prometheus}), so the generator needs neither the server's pid nor to run on its machine.
 * Two readings around the measured window give the server's CPU per acknowledged placement: a figure that
 * can be compared across machines of different speeds, where placements per second cannot.
 */
final class ServerCpu {

    private ServerCpu() {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * The server's CPU time so far in seconds, or empty when it does not publish it. Through the JDK's client,
     * not the generator's: the metrics page is plain text of any length, and one request a run costs nothing.
     */
    static OptionalDouble seconds(URI server) {
        try {
            HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(server.resolve("/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return reply.statusCode() == 200 ? parse(reply.body()) : OptionalDouble.empty();
        } catch (IOException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }

    /** From a Prometheus text page: {@code process_cpu_time_ns_total} (or {@code _seconds_total}), in seconds. */
    static OptionalDouble parse(String page) {
        for (String line : page.split("\n")) {
            if (line.startsWith("process_cpu_time_ns_total ")) {
                return OptionalDouble.of(Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim()) / 1e9);
            }
            if (line.startsWith("process_cpu_time_seconds_total ")) {
                return OptionalDouble.of(Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim()));
            }
        }
        return OptionalDouble.empty();
    }

    /** A reading at the start of the measured window, taken by a thread that waits out the warm-up. */
    static final class Window {
        private final Thread sampler;
        private volatile OptionalDouble start = OptionalDouble.empty();

        Window(URI server, Duration warmup) {
            sampler = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(warmup);
                    start = seconds(server);
                } catch (InterruptedException e) {
                    // the run ended before the window began
                }
            });
        }

        /** The server's CPU seconds spent since the window began, once the drive is over; empty if unknown. */
        OptionalDouble spent(URI server) {
            sampler.interrupt();
            OptionalDouble begin = start;
            OptionalDouble end = seconds(server);
            return begin.isPresent() && end.isPresent() ? OptionalDouble.of(end.getAsDouble() - begin.getAsDouble())
                    : OptionalDouble.empty();
        }
    }
}

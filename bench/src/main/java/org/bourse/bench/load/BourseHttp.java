package org.bourse.bench.load;

import java.net.URI;

/**
 * The server's HTTP API over HTTP/1.1 with at most {@code connections} requests on the wire at once. A caller
 * blocks (a virtual thread parks) for a free connection, and in the open loop that wait is part of the
 * measured latency. Two transports carry the requests, so that a run can compare them: {@link RawHttp}, the
 * default, and the JDK's {@code HttpClient} ({@link JdkHttp}).
 */
final class BourseHttp implements AutoCloseable {

    /**
     * Which client carries the requests. The generator shares the machine's cores with the server it measures,
     * so the client's own CPU time is taken from the server: {@code RAW} spends far less per request.
     */
    enum Client { RAW, JDK }

    /** What came back: the status, or {@link #NO_RESPONSE} with the I/O failure's text as the body. */
    record Reply(int status, String body) {

        static final int NO_RESPONSE = 0;

        /** No answer because of {@code failure}: named by its class, and its message when it has one. */
        static Reply failed(Exception failure) {
            String name = failure.getClass().getSimpleName();
            return new Reply(NO_RESPONSE, failure.getMessage() == null ? name : name + ": " + failure.getMessage());
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The problem+json {@code code}, without parsing the whole body; null when there is none. */
        String problemCode() {
            int key = body.indexOf("\"code\":\"");
            if (key < 0) {
                return null;
            }
            int start = key + 8;
            int end = body.indexOf('"', start);
            return end < 0 ? null : body.substring(start, end);
        }

        /** {@code 201}, {@code 409 ORDER_NOT_CANCELLABLE}, {@code no response}: how the report names it. */
        String outcome() {
            if (status == NO_RESPONSE) {
                return "no response";
            }
            String code = ok() ? null : problemCode();
            return code == null ? Integer.toString(status) : status + " " + code;
        }
    }

    /** Carries requests; a failure to get an answer is a {@link Reply#NO_RESPONSE} reply, never an exception. */
    sealed interface Transport extends AutoCloseable permits RawHttp, JdkHttp {

        Reply get(String path, String token);

        Reply post(String path, String json, String token);

        @Override
        void close();
    }

    private final Transport transport;

    BourseHttp(URI base, int connections, Client client) {
        this.transport = switch (client) {
            case RAW -> new RawHttp(base, connections);
            case JDK -> new JdkHttp(base, connections);
        };
    }

    Reply get(String path, String token) {
        return transport.get(path, token);
    }

    Reply post(String path, String json, String token) {
        return transport.post(path, json, token);
    }

    @Override
    public void close() {
        transport.close();
    }
}

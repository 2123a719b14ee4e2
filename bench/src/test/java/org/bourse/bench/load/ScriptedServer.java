package org.bourse.bench.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP/1.1 server on a free loopback port that answers each request with what a script says, byte for
 * byte, so that a test controls what a real server only sometimes does: chunked bodies, {@code Connection:
 * close}, a kept-alive connection closed behind the client's back, no answer at all. It records every request
 * it received and every connection it accepted.
 */
final class ScriptedServer implements AutoCloseable {

    /** A request as it arrived: on which connection (0, 1, ... in order of acceptance), and its exact bytes. */
    record Received(int connection, String text) {
    }

    /** What to send back, and whether to close the connection afterwards (without saying so). */
    record Answer(String raw, boolean thenClose) {

        /** Say nothing: the client is left waiting. */
        static final Answer NONE = new Answer(null, false);

        static Answer keepOpen(String raw) {
            return new Answer(raw, false);
        }

        static Answer thenClose(String raw) {
            return new Answer(raw, true);
        }
    }

    @FunctionalInterface
    interface Script {
        Answer answer(Received request) throws InterruptedException;
    }

    private final ServerSocket listener;
    private final Script script;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Socket> sockets = new ConcurrentLinkedQueue<>();
    /** A permit each time the server closed a connection itself. */
    private final Semaphore closedByServer = new Semaphore(0);
    private final Thread acceptor;

    ScriptedServer(Script script) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        this.acceptor = Thread.ofVirtual().start(this::accept);
    }

    /** Always the same answer, the connection kept open. */
    static ScriptedServer answering(String raw) throws IOException {
        return new ScriptedServer(request -> Answer.keepOpen(raw));
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    String hostHeader() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Returns once the server has closed {@code count} more connections of its own accord. */
    void awaitClosedByServer(int count) throws InterruptedException {
        closedByServer.acquire(count);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        acceptor.interrupt();
    }

    private void accept() {
        try {
            while (true) {
                Socket socket = listener.accept();
                sockets.add(socket);
                int connection = accepted.getAndIncrement();
                Thread.ofVirtual().start(() -> serve(socket, connection));
            }
        } catch (IOException e) {
            // closed: the test is over
        }
    }

    private void serve(Socket socket, int connection) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (String request; (request = readRequest(in)) != null; ) {
                Received r = new Received(connection, request);
                received.add(r);
                Answer answer = script.answer(r);
                if (answer.raw() != null) {
                    socket.getOutputStream().write(answer.raw().getBytes(StandardCharsets.UTF_8));
                }
                if (answer.thenClose()) {
                    socket.close();
                    closedByServer.release();
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the test is over
        }
    }

    /** The head up to the blank line, then as many body bytes as its Content-Length says; null at the end. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            request.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        String head = request.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        request.write(in.readNBytes(length));
        return request.toString(StandardCharsets.UTF_8);
    }
}

package org.bourse.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bourse.bench.load.BourseHttp.Reply;

/**
 * One kept-alive HTTP/1.1 connection of {@link RawHttp}, used by one caller at a time: the request goes out in
 * one write, the answer is read through a buffer of its own. The request, read and body buffers live as long as
 * the connection, so a request costs no garbage but the reply's String.
 */
final class RawHttpConnection implements AutoCloseable {

    /** Also the longest status or header line accepted. */
    private static final int READ_BUFFER_BYTES = 16 * 1024;
    /** A length beyond this is a broken answer, not a body to allocate. */
    private static final int MAX_BODY_BYTES = 256 * 1024 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Request request = new Request();
    private final byte[] buffer = new byte[READ_BUFFER_BYTES];
    /** Unread bytes of the answer are buffer[position, limit). */
    private int position;
    private int limit;
    /** The last line read by {@link #readLine()} starts here. */
    private int lineStart;
    private byte[] body = new byte[4096];
    private int bodyLength;
    /** Bytes of the current answer read from the socket: none means the server may never have seen the request. */
    private long received;
    private boolean reusable;
    private boolean used;
    private long idleSince;

    private RawHttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawHttpConnection open(InetSocketAddress server, int connectTimeoutMillis, int readTimeoutMillis)
            throws IOException {
        Socket socket = new Socket();
        try {
            // a request is written in one piece and then answered: nothing to gain from Nagle's delay
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(readTimeoutMillis);
            socket.connect(server, connectTimeoutMillis);
            return new RawHttpConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The next request's bytes, empty: fill it, then {@link #exchange()}. */
    Request request() {
        request.length = 0;
        return request;
    }

    /**
     * Writes the request and reads the answer. Afterwards {@link #reusable()} says whether the connection may
     * carry another request; after an exception it may not.
     *
     * @throws IOException when the request could not be written or the answer not read in full
     */
    Reply exchange() throws IOException {
        used = true;
        reusable = false;
        received = 0;
        position = 0;
        limit = 0;
        out.write(request.bytes, 0, request.length);
        return readAnswer();
    }

    /** True when this connection carried an earlier request: the server may have closed it since. */
    boolean used() {
        return used;
    }

    /** True when not a byte of the last answer arrived. */
    boolean nothingReceived() {
        return received == 0;
    }

    boolean reusable() {
        return reusable;
    }

    void idleFrom(long nanoTime) {
        idleSince = nanoTime;
    }

    long idleNanos(long nanoTime) {
        return nanoTime - idleSince;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    private Reply readAnswer() throws IOException {
        int end = readLine();
        if (end - lineStart < 12 || !startsWith(lineStart, "HTTP/1.") || buffer[lineStart + 8] != ' ') {
            throw new ProtocolException("not an HTTP/1.x status line: " + ascii(lineStart, end));
        }
        boolean keepAlive = buffer[lineStart + 7] == '1';
        int status = threeDigits(lineStart + 9);
        long contentLength = -1;
        boolean chunked = false;
        while ((end = readLine()) > lineStart) {
            int colon = indexOf(':', lineStart, end);
            if (colon < 0) {
                throw new ProtocolException("not a header line: " + ascii(lineStart, end));
            }
            int value = skipSpaces(colon + 1, end);
            if (nameIs(lineStart, colon, "content-length")) {
                contentLength = decimal(value, end);
            } else if (nameIs(lineStart, colon, "transfer-encoding")) {
                chunked = containsIgnoringCase(value, end, "chunked");
            } else if (nameIs(lineStart, colon, "connection")) {
                keepAlive = containsIgnoringCase(value, end, "keep-alive")
                        || keepAlive && !containsIgnoringCase(value, end, "close");
            }
        }
        bodyLength = 0;
        if (status < 200 || status == 204 || status == 304) {
            // no body, whatever the headers say
        } else if (chunked) {
            readChunks();
        } else if (contentLength >= 0) {
            readBody(contentLength);
        } else {
            readToEnd();
            keepAlive = false;
        }
        // bytes beyond the answer would be taken for the start of the next one
        reusable = keepAlive && position == limit;
        return new Reply(status, new String(body, 0, bodyLength, StandardCharsets.UTF_8));
    }

    /** Chunk sizes in hex, each possibly followed by {@code ;extensions} (ignored); then trailers, ignored. */
    private void readChunks() throws IOException {
        while (true) {
            int end = readLine();
            int size = hexadecimal(lineStart, end);
            if (size == 0) {
                break;
            }
            readBody(size);
            if (readLine() != lineStart) {
                throw new ProtocolException("a chunk not followed by CRLF");
            }
        }
        while (readLine() > lineStart) {
            // a trailer field
        }
    }

    /** Appends {@code length} bytes to the body: those already buffered, the rest straight from the socket. */
    private void readBody(long length) throws IOException {
        if (length > MAX_BODY_BYTES - bodyLength) {
            throw new ProtocolException("a body longer than " + MAX_BODY_BYTES + " bytes");
        }
        int wanted = (int) length;
        growBody(bodyLength + wanted);
        int buffered = Math.min(wanted, limit - position);
        System.arraycopy(buffer, position, body, bodyLength, buffered);
        position += buffered;
        bodyLength += buffered;
        int rest = wanted - buffered;
        int read = in.readNBytes(body, bodyLength, rest);
        received += read;
        bodyLength += read;
        if (read < rest) {
            throw new EOFException("the connection closed " + (rest - read) + " bytes before the end of the body");
        }
    }

    /** An answer without a length ends when the server closes the connection. */
    private void readToEnd() throws IOException {
        readBody(limit - position);
        while (true) {
            if (bodyLength > MAX_BODY_BYTES - buffer.length) {
                throw new ProtocolException("a body longer than " + MAX_BODY_BYTES + " bytes");
            }
            growBody(bodyLength + buffer.length);
            int read = in.read(body, bodyLength, body.length - bodyLength);
            if (read < 0) {
                return;
            }
            received += read;
            bodyLength += read;
        }
    }

    private void growBody(int needed) {
        if (needed > body.length) {
            body = Arrays.copyOf(body, Math.max(needed, Math.min(MAX_BODY_BYTES, body.length * 2)));
        }
    }

    /**
     * Reads up to the next LF. The line is buffer[{@link #lineStart}, returned end), without its CR LF; the
     * position moves past it.
     */
    private int readLine() throws IOException {
        int from = position;
        while (true) {
            for (int i = from; i < limit; i++) {
                if (buffer[i] == '\n') {
                    lineStart = position;
                    position = i + 1;
                    return i > lineStart && buffer[i - 1] == '\r' ? i - 1 : i;
                }
            }
            int before = position;
            from = limit;
            fill();
            from -= before - position;
        }
    }

    /** Reads more after the unread bytes, moving them to the front of the buffer when it is full. */
    private void fill() throws IOException {
        if (limit == buffer.length) {
            if (position == 0) {
                throw new ProtocolException("a status or header line longer than " + buffer.length + " bytes");
            }
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            throw new EOFException(received == 0 ? "the server closed the connection without answering"
                    : "the connection closed in the middle of an answer");
        }
        received += read;
        limit += read;
    }

    private boolean startsWith(int from, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (buffer[from + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Header names are case-insensitive: {@code lowerCase} is compared with the bytes folded to lower case. */
    private boolean nameIs(int from, int to, String lowerCase) {
        if (to - from != lowerCase.length()) {
            return false;
        }
        for (int i = 0; i < lowerCase.length(); i++) {
            if (lowerAscii(buffer[from + i]) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean containsIgnoringCase(int from, int to, String lowerCase) {
        for (int start = from; start + lowerCase.length() <= to; start++) {
            if (nameIs(start, start + lowerCase.length(), lowerCase)) {
                return true;
            }
        }
        return false;
    }

    private static int lowerAscii(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    private int indexOf(char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private int skipSpaces(int from, int to) {
        while (from < to && (buffer[from] == ' ' || buffer[from] == '\t')) {
            from++;
        }
        return from;
    }

    private int threeDigits(int from) throws ProtocolException {
        int status = 0;
        for (int i = from; i < from + 3; i++) {
            if (buffer[i] < '0' || buffer[i] > '9') {
                throw new ProtocolException("not a status code: " + ascii(from, from + 3));
            }
            status = status * 10 + buffer[i] - '0';
        }
        return status;
    }

    private long decimal(int from, int to) throws ProtocolException {
        int end = to;
        while (end > from && (buffer[end - 1] == ' ' || buffer[end - 1] == '\t')) {
            end--;
        }
        long value = 0;
        for (int i = from; i < end; i++) {
            if (buffer[i] < '0' || buffer[i] > '9' || value > MAX_BODY_BYTES) {
                throw new ProtocolException("not a usable Content-Length: " + ascii(from, to));
            }
            value = value * 10 + buffer[i] - '0';
        }
        if (end == from) {
            throw new ProtocolException("an empty Content-Length");
        }
        return value;
    }

    /** A chunk size: hex digits, ended by the line, a {@code ;} before extensions, or spaces. */
    private int hexadecimal(int from, int to) throws ProtocolException {
        int size = 0;
        int i = from;
        for (; i < to && Character.digit(buffer[i], 16) >= 0; i++) {
            size = size * 16 + Character.digit(buffer[i], 16);
            if (size > MAX_BODY_BYTES) {
                throw new ProtocolException("a chunk longer than " + MAX_BODY_BYTES + " bytes");
            }
        }
        if (i == from || i < to && buffer[i] != ';' && buffer[i] != ' ' && buffer[i] != '\t') {
            throw new ProtocolException("not a chunk size: " + ascii(from, to));
        }
        return size;
    }

    private String ascii(int from, int to) {
        return new String(buffer, from, Math.max(0, Math.min(to, limit) - from), StandardCharsets.ISO_8859_1);
    }

    /** A request's bytes, built in place: the request line and headers are ASCII, the body is bytes. */
    static final class Request {

        private byte[] bytes = new byte[1024];
        private int length;

        Request ascii(String text) {
            grow(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= 0x80 || c == '\r' || c == '\n') {
                    throw new IllegalArgumentException("not a request line or header value: " + text);
                }
                bytes[length++] = (byte) c;
            }
            return this;
        }

        Request bytes(byte[] more) {
            grow(more.length);
            System.arraycopy(more, 0, bytes, length, more.length);
            length += more.length;
            return this;
        }

        /** A length, written digit by digit rather than through a String. */
        Request number(int value) {
            int digits = 1;
            for (int rest = value; rest >= 10; rest /= 10) {
                digits++;
            }
            grow(digits);
            for (int i = length + digits - 1; i >= length; i--) {
                bytes[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            length += digits;
            return this;
        }

        private void grow(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
            }
        }
    }
}

package io.perfsweep.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 message read off a socket by hand (the tests' raw servers and clients): its head and its
 * {@code Content-Length} body, so a socket closed afterwards never resets unread bytes.
 *
 * @param head the start line and headers, through the blank line
 * @param body the body ({@code Content-Length} bytes, none without the header)
 */
public record RawHttpMessage(String head, byte[] body) {

    /** Reads one message; null if the stream ends before its head or body is whole. */
    public static RawHttpMessage read(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || head.lastIndexOf("\r\n\r\n") != head.length() - 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return body.length == length ? new RawHttpMessage(head.toString(), body) : null;
    }

    /** The request or status line. */
    public String startLine() {
        return head.substring(0, head.indexOf("\r\n"));
    }

    /** Head and body as text. */
    public String text() {
        return head + new String(body, StandardCharsets.UTF_8);
    }
}

package dev.envops.bookings;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON writer into one reusable byte array per event-loop thread, with no generator or stream
 * objects per answer. Strings are escaped as Jackson's default generator does ({@code \"}, {@code
 * \\}, {@code \b \t \n \f \r}, other control characters as {@code \\u00XX}), each half of a
 * character outside the BMP as {@code \\uXXXX}; everything else is UTF-8.
 */
final class JsonBytes {

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final ThreadLocal<JsonBytes> PER_THREAD = ThreadLocal.withInitial(JsonBytes::new);

  /** 0: written as is; 1: a two-character escape; 2: {@code \\u00XX}. */
  private static final byte[] ESCAPE = new byte[128];

  private static final byte[] SHORT_ESCAPE = new byte[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPE[c] = 2;
    }
    shortEscape('"', '"');
    shortEscape('\\', '\\');
    shortEscape('\b', 'b');
    shortEscape('\t', 't');
    shortEscape('\n', 'n');
    shortEscape('\f', 'f');
    shortEscape('\r', 'r');
  }

  private static void shortEscape(char c, char letter) {
    ESCAPE[c] = 1;
    SHORT_ESCAPE[c] = (byte) letter;
  }

  private byte[] bytes = new byte[4096];
  private int length;

  private JsonBytes() {}

  /** This thread's writer, emptied. */
  static JsonBytes start() {
    JsonBytes out = PER_THREAD.get();
    out.length = 0;
    return out;
  }

  /**
   * What was written, as a buffer of its own (the writer may then be reused). A plain heap array
   * that the collector frees: Netty copies it once into its pooled direct buffer for the socket.
   */
  Buffer toBuffer() {
    Buffer out = BufferInternal.buffer(Unpooled.wrappedBuffer(Arrays.copyOf(bytes, length)));
    if (bytes.length > 256 * 1024) {
      bytes = new byte[4096]; // do not keep one huge answer's array for ever
    }
    return out;
  }

  /** Bytes written as they are: JSON punctuation and pre-encoded keys ({@code ,"Name":}). */
  JsonBytes raw(byte[] text) {
    ensure(text.length);
    System.arraycopy(text, 0, bytes, length, text.length);
    length += text.length;
    return this;
  }

  JsonBytes raw(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  /** An ASCII text without anything to escape (numbers). */
  JsonBytes ascii(String text) {
    int n = text.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) text.charAt(i);
    }
    return this;
  }

  JsonBytes number(long value) {
    return ascii(Long.toString(value));
  }

  /** A JSON string, or {@code null}. */
  JsonBytes string(String value) {
    if (value == null) {
      return raw(NULL);
    }
    int n = value.length();
    // Worst case: 6 bytes per char (\\u00XX), plus the quotes.
    ensure(n * 6 + 2);
    byte[] b = bytes;
    int at = length;
    b[at++] = '"';
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        byte kind = ESCAPE[c];
        if (kind == 0) {
          b[at++] = (byte) c;
        } else if (kind == 1) {
          b[at++] = '\\';
          b[at++] = SHORT_ESCAPE[c];
        } else {
          b[at++] = '\\';
          b[at++] = 'u';
          b[at++] = '0';
          b[at++] = '0';
          b[at++] = HEX[c >> 4];
          b[at++] = HEX[c & 0xF];
        }
      } else if (c < 0x800) {
        b[at++] = (byte) (0xC0 | (c >> 6));
        b[at++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        // As Jackson 2 writes characters outside the BMP: each UTF-16 half as \\uXXXX.
        b[at++] = '\\';
        b[at++] = 'u';
        b[at++] = HEX[c >> 12];
        b[at++] = HEX[(c >> 8) & 0xF];
        b[at++] = HEX[(c >> 4) & 0xF];
        b[at++] = HEX[c & 0xF];
      } else {
        b[at++] = (byte) (0xE0 | (c >> 12));
        b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[at++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    b[at++] = '"';
    length = at;
    return this;
  }

  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}

package org.rserpool.emulator.protocol.codec;

import java.util.Arrays;
import org.rserpool.emulator.protocol.param.Bytes;

/**
 * A growing big-endian byte buffer for one message, with the TLV framing of RFC 5354 §3: a parameter's
 * Length is written when it is finished, then the parameter is padded with zeros to 4 bytes.
 *
 * <p>It remembers where the content ended before the last padding ({@link #contentEnd()}): RFC 5354 §4
 * says Message Length does not count the final padding.
 */
final class WireWriter {
  private static final int MAX_LENGTH = 0xffff;

  private byte[] buffer;
  private int position;
  private int contentEnd;

  WireWriter(int initialCapacity) {
    buffer = new byte[Math.max(16, initialCapacity)];
  }

  int position() {
    return position;
  }

  /** Where the content written so far ends, not counting the padding after it. */
  int contentEnd() {
    return contentEnd;
  }

  void u8(int value) {
    ensure(1);
    buffer[position++] = (byte) value;
    contentEnd = position;
  }

  void u16(int value) {
    ensure(2);
    buffer[position] = (byte) (value >>> 8);
    buffer[position + 1] = (byte) value;
    position += 2;
    contentEnd = position;
  }

  void u32(int value) {
    ensure(4);
    buffer[position] = (byte) (value >>> 24);
    buffer[position + 1] = (byte) (value >>> 16);
    buffer[position + 2] = (byte) (value >>> 8);
    buffer[position + 3] = (byte) value;
    position += 4;
    contentEnd = position;
  }

  /** The low 32 bits of an unsigned value held in a {@code long}. */
  void u32(long value) {
    u32((int) value);
  }

  void u64(long value) {
    u32((int) (value >>> 32));
    u32((int) value);
  }

  void bytes(Bytes value) {
    ensure(value.length());
    value.copyTo(buffer, position);
    position += value.length();
    contentEnd = position;
  }

  /** Zero bytes that are content (counted by the lengths around them), unlike {@link #pad()}. */
  void zeros(int count) {
    ensure(count);
    Arrays.fill(buffer, position, position + count, (byte) 0); // a reused buffer holds old bytes
    position += count;
    contentEnd = position;
  }

  /** Pads to a multiple of 4 with zeros that no length counts (RFC 5354 §3, §4: at most 3 bytes). */
  void pad() {
    int padding = -position & 3;
    ensure(padding);
    Arrays.fill(buffer, position, position + padding, (byte) 0);
    position += padding;
  }

  /** Empties the writer for the next message, keeping its buffer. */
  void reset() {
    position = 0;
    contentEnd = 0;
  }

  /** Writes the common message header of RFC 5354 §4 with a placeholder length ({@link #endMessage}). */
  void beginMessage(int type, int flags) {
    u8(type);
    u8(flags);
    u16(0);
  }

  /**
   * Pads the message to 4 bytes (RFC 5354 §4), writes its Message Length by the convention and returns
   * the bytes to send.
   */
  byte[] endMessage(WireConvention convention) {
    pad();
    int length = convention.messageLengthIncludesPadding() ? position : contentEnd;
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException("a message of " + length + " bytes does not fit the 16-bit Message Length");
    }
    set16(2, length);
    return toArray();
  }

  /** Starts a parameter: writes its type and a placeholder length; returns its start for {@link #endTlv}. */
  int beginTlv(int type) {
    int start = position;
    u16(type);
    u16(0);
    return start;
  }

  /**
   * Finishes the parameter begun at {@code start}: its Length is everything written since, including the
   * padding of nested parameters but not its own (RFC 5354 §3); then pads it.
   */
  void endTlv(int start) {
    int length = position - start;
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException(String.format(
          "%s parameter of %d bytes does not fit the 16-bit Parameter Length", ParameterType.name(type(start)), length));
    }
    set16(start + 2, length);
    contentEnd = position;
    pad();
  }

  /** Writes {@code value} at {@code at}, which must already have been written. */
  void set16(int at, int value) {
    buffer[at] = (byte) (value >>> 8);
    buffer[at + 1] = (byte) value;
  }

  /** A copy of the bytes written, padding included. */
  byte[] toArray() {
    return Arrays.copyOf(buffer, position);
  }

  private int type(int start) {
    return (buffer[start] & 0xff) << 8 | buffer[start + 1] & 0xff;
  }

  private void ensure(int more) {
    if (position + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + more));
    }
  }
}

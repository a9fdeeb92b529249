package org.rserpool.emulator.protocol.codec;

import java.util.ArrayList;
import java.util.List;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.ErrorCause;

/**
 * The message being decoded: bounds-checked big-endian reads at offsets from the message start, what is
 * known of the message so far (for the error reply), the skipped parameters to report, and the
 * construction of every {@link CodecException} with its cause code.
 */
final class DecodeContext {
  private final PayloadProtocol protocol;
  private final byte[] buffer;
  private final int base;
  private final int available;
  private int messageType = CodecException.NO_TYPE;
  private int senderServerId;
  private List<ErrorCause> reports;

  DecodeContext(PayloadProtocol protocol, byte[] buffer, int offset, int length) {
    this.protocol = protocol;
    this.buffer = buffer;
    this.base = offset;
    this.available = length;
  }

  PayloadProtocol protocol() {
    return protocol;
  }

  /** How many bytes were received. */
  int available() {
    return available;
  }

  /**
   * Checks the common header of RFC 5354 §4 and returns the Message Length. The bytes received may end
   * at the Message Length or after the padding to 4 that follows it (RFC-strict senders do not count
   * that padding, rsplib counts it, and a sender may omit it); anything beyond is refused.
   */
  int messageLength() throws CodecException {
    if (available < 4) throw unspecified(0, "%d byte(s), shorter than the 4-byte message header", available);
    messageType = u8(0);
    int length = u16(2);
    if (length < 4) throw unspecified(2, "Message Length %d is shorter than the 4-byte header", length);
    if (length > available) throw unspecified(2, "Message Length %d runs past the %d bytes received", length, available);
    int padded = length + 3 & ~3;
    if (available > padded) {
      throw unspecified(padded, "%d byte(s) follow the message and its padding (Message Length %d)", available - padded, length);
    }
    return length;
  }

  /** Records the Sending Server's ID of an ENRP message, for the reply. */
  void senderServerId(int id) {
    senderServerId = id;
  }

  int u8(int offset) {
    return buffer[base + offset] & 0xff;
  }

  int u16(int offset) {
    return (buffer[base + offset] & 0xff) << 8 | buffer[base + offset + 1] & 0xff;
  }

  int u32(int offset) {
    int at = base + offset;
    return (buffer[at] & 0xff) << 24 | (buffer[at + 1] & 0xff) << 16 | (buffer[at + 2] & 0xff) << 8 | buffer[at + 3] & 0xff;
  }

  long u32Unsigned(int offset) {
    return u32(offset) & 0xffffffffL;
  }

  long u64(int offset) {
    return (long) u32(offset) << 32 | u32Unsigned(offset + 4);
  }

  Bytes bytes(int offset, int length) {
    return Bytes.copyOf(buffer, base + offset, length);
  }

  /** Remembers a skipped parameter whose action bits ask for a report. */
  void report(Tlv skipped) {
    if (reports == null) reports = new ArrayList<>(2);
    reports.add(new ErrorCause(CauseCode.UNRECOGNIZED_PARAMETER, bytes(skipped.start(), skipped.length())));
  }

  List<ErrorCause> reports() {
    return reports == null ? List.of() : reports;
  }

  /** A fault in no parameter: header, length, fixed fields, a missing mandatory parameter. */
  CodecException unspecified(int offset, String format, Object... args) {
    return failure(CauseCode.UNSPECIFIED_ERROR, offset, null, true, String.format(format, args));
  }

  /** A fault inside {@code parameter}, which the reply quotes (Invalid Values, RFC 5354 §3.12). */
  CodecException invalid(Tlv parameter, int offset, String format, Object... args) {
    return failure(CauseCode.INVALID_VALUES, offset, bytes(parameter.start(), parameter.length()), true,
        String.format(format, args));
  }

  /**
   * A fault found while reading the content of {@code container}: quoted as Invalid Values when it is a
   * parameter, and an Unspecified Error when it is the message itself ({@code null}).
   */
  CodecException fault(Tlv container, int offset, String format, Object... args) {
    return container == null ? unspecified(offset, format, args) : invalid(container, offset, format, args);
  }

  /** A parameter type the codec does not know, whose action bits say "stop" (RFC 5354 §3). */
  CodecException unrecognizedParameter(Tlv parameter, boolean report) {
    return failure(CauseCode.UNRECOGNIZED_PARAMETER, parameter.start(), bytes(parameter.start(), parameter.length()), report,
        String.format("parameter type 0x%04x is not one the codec knows, and its action bits say %s",
            parameter.type(), report ? "stop and report" : "stop and discard silently"));
  }

  /**
   * A message type the codec does not know. Its two high bits say what to do (RFC 5354 §4): 01 report
   * it with the message as cause information; 00 discard it silently; 10 and 11 are reserved, and are
   * discarded silently too, since the RFC defines no report for them.
   */
  CodecException unrecognizedMessage(int messageLength) {
    boolean report = messageType >>> 6 == 1;
    return failure(CauseCode.UNRECOGNIZED_MESSAGE, 0, bytes(0, messageLength), report,
        String.format("message type 0x%02x is not one the codec knows, and its action bits say %s",
            messageType, report ? "stop and report" : "discard silently"));
  }

  private CodecException failure(int cause, int offset, Bytes offending, boolean report, String detail) {
    // CalcApp has no error message: its faults are never reported to the sender.
    boolean reportable = report && protocol != PayloadProtocol.CALCAPP;
    return new CodecException(protocol, messageType, senderServerId, cause, offset, offending, reportable, detail);
  }
}

package org.rserpool.emulator.protocol.codec;

import java.util.List;
import java.util.Optional;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.ErrorCause;
import org.rserpool.emulator.protocol.param.Identifiers;

/**
 * Bytes that are not a valid message: the only exception {@link MessageCodec#decode} throws.
 *
 * <p>It carries what RFC 5354 wants in the error reply: the cause code (§3.12), and as cause-specific
 * information the offending parameter (Unrecognized Parameter, Invalid Values) or message (Unrecognized
 * Message); and whether the RFC wants a reply at all ({@link #reportable()}: an unrecognized type whose
 * action bits say "stop" without "report" is discarded silently). {@link #errorReply} builds that
 * ASAP_ERROR / ENRP_ERROR. The codec's choice of cause:
 *
 * <ul>
 *   <li>Unrecognized Parameter (0x1), with the parameter: a parameter type the codec does not know whose
 *       action bits say "stop" (RFC 5354 §3).
 *   <li>Unrecognized Message (0x2), with the message: an unknown message type (RFC 5354 §4).
 *   <li>Invalid Values (0x3), with the innermost complete parameter at fault: a bad value or length in
 *       a parameter, a parameter inside it that is malformed or missing, or a known parameter where the
 *       message's layout has no place for it.
 *   <li>Unspecified Error (0x0), without information: the fault lies in no parameter: the message header,
 *       its length, its fixed fields, a mandatory parameter missing from the message, or a top-level
 *       parameter whose own length is impossible (the RFC wants no cause information then, and quoting a
 *       parameter whose length lies would make the reply itself malformed).
 * </ul>
 *
 * <p>There is no stack trace: the exception describes input, not a code path, and fuzzing throws
 * millions of them.
 */
public final class CodecException extends Exception {
  /** {@link #messageType()} when the bytes ended before the type. */
  public static final int NO_TYPE = -1;
  /** How many offending bytes {@link #getMessage()} shows. */
  private static final int MAX_SHOWN = 256;

  private final PayloadProtocol protocol;
  private final int messageType;
  private final int causeCode;
  private final int offset;
  private final Bytes offendingBytes;
  private final boolean reportable;
  private final int senderServerId;
  private final String detail;

  CodecException(PayloadProtocol protocol, int messageType, int senderServerId,
      int causeCode, int offset, Bytes offendingBytes, boolean reportable, String detail) {
    super(null, null, false, false);
    this.protocol = protocol;
    this.messageType = messageType;
    this.senderServerId = senderServerId;
    this.causeCode = causeCode;
    this.offset = offset;
    this.offendingBytes = offendingBytes == null ? Bytes.EMPTY : offendingBytes;
    this.reportable = reportable;
    this.detail = detail;
  }

  /** The protocol the bytes were decoded as. */
  public PayloadProtocol protocol() {
    return protocol;
  }

  /** The type byte of the failed message, or {@link #NO_TYPE}. */
  public int messageType() {
    return messageType;
  }

  /** The RFC 5354 §3.12 cause code, one of the {@link CauseCode} constants 0x0-0x3. */
  public int causeCode() {
    return causeCode;
  }

  /** Where the fault is, in bytes from the start of the message. */
  public int offset() {
    return offset;
  }

  /**
   * The cause-specific information the RFC wants in the reply: the offending parameter (its Length bytes,
   * without padding) or the unrecognized message; empty for Unspecified Error.
   */
  public Bytes offendingBytes() {
    return offendingBytes;
  }

  /** Whether RFC 5354 wants the sender told (an ERROR reply), rather than the message dropped silently. */
  public boolean reportable() {
    return reportable;
  }

  /** The error cause for the reply: the code with its information. */
  public ErrorCause cause() {
    return new ErrorCause(causeCode, offendingBytes);
  }

  /** What is wrong, in words, without the cause and the offset. */
  public String detail() {
    return detail;
  }

  /**
   * The ASAP_ERROR or ENRP_ERROR to send back, or empty when no reply is due: the fault is not
   * reportable, the failed message was itself an ERROR (answering it could loop; rsplib does not either,
   * rspregistrar-core.c), or the protocol (CalcApp) has no error message. An ENRP reply is addressed to
   * the failed message's sender when its ID could be read, else to 0.
   *
   * @param ownServerId the replying registrar's ID (ENRP's Sending Server's ID; unused for ASAP)
   */
  public Optional<Message> errorReply(int ownServerId) {
    if (!reportable || messageType == MessageTypes.errorType(protocol)) return Optional.empty();
    return ErrorReplies.of(protocol, ownServerId, senderServerId, List.of(cause()));
  }

  @Override
  public String getMessage() {
    String in = messageType == NO_TYPE ? protocol + " message" : MessageTypes.name(protocol, messageType);
    StringBuilder s = new StringBuilder()
        .append(CauseCode.describe(causeCode)).append(" at offset ").append(offset).append(" of ").append(in).append(": ")
        .append(detail);
    if (offendingBytes.length() > 0) {
      // A quoted message may be 64 KiB: a log line shows its start.
      Bytes shown = offendingBytes.length() <= MAX_SHOWN ? offendingBytes : Bytes.copyOf(offendingBytes.array(), 0, MAX_SHOWN);
      s.append(" [offending bytes ").append(shown.toHex()).append(shown == offendingBytes ? "" : "...").append(']');
    }
    if (!reportable) s.append(" (no error reply)");
    return s.toString();
  }

  @Override
  public String toString() {
    return "CodecException: " + getMessage() + (protocol == PayloadProtocol.ENRP && senderServerId != 0
        ? " (from ENRP server " + Identifiers.hex(senderServerId) + ")" : "");
  }
}

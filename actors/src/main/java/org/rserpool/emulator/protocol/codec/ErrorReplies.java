package org.rserpool.emulator.protocol.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.ErrorCause;
import org.rserpool.emulator.protocol.param.OperationError;

/**
 * The ERROR message of a protocol (ASAP_ERROR, RFC 5352 §2.2.14; ENRP_ERROR, RFC 5353 §2.10) carrying
 * given causes, for replies to input that could not be processed.
 */
public final class ErrorReplies {
  private ErrorReplies() {}

  /** The largest message both conventions can encode: rsplib's Message Length counts the padding. */
  private static final int MAX_MESSAGE = 0xfffc;

  /**
   * The error message carrying {@code causes} in one Operation Error, or empty for a protocol without an
   * error message (CalcApp) or when there are no causes. Causes that would make the message too long for
   * its 16-bit length have their information cut to what fits (a whole quoted message may be 64 KiB,
   * and the reply needs room for its own headers), or are left out when nothing fits.
   *
   * @param ownServerId the sending registrar's ID (ENRP only)
   * @param peerServerId the ID of the server that sent the offending message, 0 when unknown (ENRP only)
   */
  public static Optional<Message> of(PayloadProtocol protocol, int ownServerId, int peerServerId, List<ErrorCause> causes) {
    if (causes.isEmpty() || protocol == PayloadProtocol.CALCAPP) return Optional.empty();
    OperationError error = new OperationError(fitting(causes, MAX_MESSAGE - (protocol == PayloadProtocol.ENRP ? 12 : 4) - 4));
    return switch (protocol) {
      case ASAP -> Optional.of(new AsapMessage.Error(error));
      case ENRP -> Optional.of(new EnrpMessage.Error(ownServerId, peerServerId, error));
      case CALCAPP -> Optional.empty();
    };
  }

  private static List<ErrorCause> fitting(List<ErrorCause> causes, int room) {
    List<ErrorCause> kept = new ArrayList<>(causes.size());
    for (ErrorCause cause : causes) {
      int info = room - 4;
      if (info < 0) break;
      ErrorCause fitted = cause.info().length() <= info
          ? cause
          : new ErrorCause(cause.code(), Bytes.copyOf(cause.info().array(), 0, info & ~3));
      kept.add(fitted);
      room -= 4 + fitted.info().length() + 3 & ~3;
    }
    return kept;
  }
}

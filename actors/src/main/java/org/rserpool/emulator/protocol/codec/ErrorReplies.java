package org.rserpool.emulator.protocol.codec;

import java.util.List;
import java.util.Optional;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.param.ErrorCause;
import org.rserpool.emulator.protocol.param.OperationError;

/**
 * The ERROR message of a protocol (ASAP_ERROR, RFC 5352 §2.2.14; ENRP_ERROR, RFC 5353 §2.10) carrying
 * given causes, for replies to input that could not be processed.
 */
public final class ErrorReplies {
  private ErrorReplies() {}

  /**
   * The error message carrying {@code causes} in one Operation Error, or empty for a protocol without an
   * error message (CalcApp) or when there are no causes.
   *
   * @param ownServerId the sending registrar's ID (ENRP only)
   * @param peerServerId the ID of the server that sent the offending message, 0 when unknown (ENRP only)
   */
  public static Optional<Message> of(PayloadProtocol protocol, int ownServerId, int peerServerId, List<ErrorCause> causes) {
    if (causes.isEmpty()) return Optional.empty();
    OperationError error = new OperationError(causes);
    return switch (protocol) {
      case ASAP -> Optional.of(new AsapMessage.Error(error));
      case ENRP -> Optional.of(new EnrpMessage.Error(ownServerId, peerServerId, error));
      case CALCAPP -> Optional.empty();
    };
  }
}

package org.rserpool.emulator.protocol.codec;

import java.util.List;
import java.util.Optional;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.param.ErrorCause;

/**
 * A decoded message, with the parameters the decoder skipped whose action bits ask for a report
 * (RFC 5354 §3, "11": skip, continue, and report in an "Unrecognized Parameter" error).
 *
 * @param message the message
 * @param unrecognizedParameters one Unrecognized Parameter cause per skipped-and-reported parameter, in
 *     the order met; empty when there is nothing to report
 */
public record Decoded(Message message, List<ErrorCause> unrecognizedParameters) {

  public Decoded {
    unrecognizedParameters = List.copyOf(unrecognizedParameters);
  }

  /**
   * The ASAP_ERROR / ENRP_ERROR reporting the skipped parameters, or empty when there are none (or the
   * message was itself an ERROR, or is CalcApp). An ENRP reply goes to the message's sender.
   *
   * @param ownServerId the replying registrar's ID (ENRP only)
   */
  public Optional<Message> errorReply(int ownServerId) {
    if (message.type() == MessageTypes.errorType(message.protocol())) return Optional.empty();
    int peer = message instanceof EnrpMessage e ? e.senderServerId() : 0;
    return ErrorReplies.of(message.protocol(), ownServerId, peer, unrecognizedParameters);
  }
}

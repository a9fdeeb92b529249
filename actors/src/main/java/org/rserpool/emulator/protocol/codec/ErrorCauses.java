package org.rserpool.emulator.protocol.codec;

import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.ErrorCause;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TransportParameter;

/**
 * Error causes whose cause-specific information is a parameter (RFC 5354 §3.12): the codec writes that
 * parameter, so that senders need not. Wireshark decodes the information of these causes as a parameter
 * and flags the message as malformed when it is missing (reference §13.4), as rsplib sends cause 0x5.
 */
public final class ErrorCauses {
  private ErrorCauses() {}

  /** Inconsistent Pooling Policy (0x5, §3.12.6): the pool's overall policy as a Pool Member Selection Policy parameter. */
  public static ErrorCause inconsistentPoolingPolicy(SelectionPolicy poolPolicy) {
    WireWriter w = new WireWriter(16);
    ParameterEncoder.policy(w, poolPolicy);
    return new ErrorCause(CauseCode.INCONSISTENT_POOLING_POLICY, parameter(w));
  }

  /** Inconsistent Transport Type (0x7, §3.12.8): the pool's transport as a transport parameter. */
  public static ErrorCause inconsistentTransportType(TransportParameter poolTransport) {
    WireWriter w = new WireWriter(32);
    ParameterEncoder.transport(w, poolTransport);
    return new ErrorCause(CauseCode.INCONSISTENT_TRANSPORT_TYPE, parameter(w));
  }

  /** The parameter written, without its padding: cause information counts only the Length's bytes. */
  private static Bytes parameter(WireWriter w) {
    byte[] padded = w.toArray();
    return Bytes.copyOf(padded, 0, w.contentEnd());
  }
}

package org.rserpool.emulator.protocol.codec;

import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.ErrorCause;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
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

  /**
   * Invalid Values (0x3, §3.12.4) quoting the offending parameter, {@code code} being 0x3 or the rsplib
   * code sent in its place (rsplib quotes the parameter for its 0x11 too). Wireshark reads 0x3's
   * information as a parameter and flags the message as malformed without one.
   */
  public static ErrorCause invalidValues(int code, PoolHandle handle) {
    WireWriter w = new WireWriter(40);
    ParameterEncoder.poolHandle(w, handle);
    return new ErrorCause(code, parameter(w));
  }

  /** Invalid Values quoting a Pool Element parameter (e.g. one with PE identifier 0). */
  public static ErrorCause invalidValues(int code, PoolElementParameter poolElement) {
    WireWriter w = new WireWriter(64);
    ParameterEncoder.poolElement(w, poolElement);
    return new ErrorCause(code, parameter(w));
  }

  /** Invalid Values quoting a transport parameter (e.g. a user transport without a usable address). */
  public static ErrorCause invalidValues(int code, TransportParameter transport) {
    WireWriter w = new WireWriter(32);
    ParameterEncoder.transport(w, transport);
    return new ErrorCause(code, parameter(w));
  }

  /** The parameter written, without its padding: cause information counts only the Length's bytes. */
  private static Bytes parameter(WireWriter w) {
    byte[] padded = w.toArray();
    return Bytes.copyOf(padded, 0, w.contentEnd());
  }
}

package org.rserpool.emulator.handlespace;

import org.rserpool.emulator.protocol.param.DccpTransport;
import org.rserpool.emulator.protocol.param.OpaqueTransport;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.TcpTransport;
import org.rserpool.emulator.protocol.param.TransportParameter;
import org.rserpool.emulator.protocol.param.TransportUse;
import org.rserpool.emulator.protocol.param.UdpLiteTransport;
import org.rserpool.emulator.protocol.param.UdpTransport;

/**
 * What the first pool element of a pool fixes for every later one (RFC 5352 §3.1): the transport type
 * and the data/control configuration; the policy type is the pool's own. The first element's user
 * transport is kept as the cause information of "Inconsistent Transport Type" (RFC 5354 §3.12), which
 * carries a transport parameter of the pool.
 */
record PoolConsistency(Class<? extends TransportParameter> transportType, TransportUse transportUse, TransportParameter referenceTransport) {
  /** rsplib MAX_PE_TRANSPORTADDRESSES. */
  static final int MAX_ADDRESSES = SctpTransport.MAX_ADDRESSES;

  static PoolConsistency of(PoolElementParameter first) {
    TransportParameter t = first.userTransport();
    return new PoolConsistency(t.getClass(), transportUse(t), t);
  }

  /**
   * The transport use: SCTP carries it (RFC 5354 §3.4); rsplib and Wireshark also read it from TCP's
   * reserved bytes; every other transport is data only.
   */
  static TransportUse transportUse(TransportParameter t) {
    if (t instanceof SctpTransport s) return s.transportUse();
    if (t instanceof TcpTransport tcp) return tcp.transportUse();
    return TransportUse.DATA_ONLY;
  }

  /**
   * rsplib's address checks for a user transport: 1 to 64 addresses and a port other than 0. An opaque
   * transport has neither, so nothing is checked (rsplib cannot parse it at all).
   */
  static boolean validUserTransport(TransportParameter t) {
    if (t instanceof SctpTransport s) return validSctp(s);
    if (t instanceof TcpTransport tcp) return tcp.port() != 0;
    if (t instanceof UdpTransport udp) return udp.port() != 0;
    if (t instanceof UdpLiteTransport lite) return lite.port() != 0;
    if (t instanceof DccpTransport dccp) return dccp.port() != 0;
    return t instanceof OpaqueTransport;
  }

  /** rsplib's registrator check: SCTP, data only, 1 to 64 addresses, port other than 0. */
  static boolean validAsapTransport(SctpTransport t) {
    return t.transportUse() == TransportUse.DATA_ONLY && validSctp(t);
  }

  private static boolean validSctp(SctpTransport s) {
    int n = s.addresses().size();
    return n >= 1 && n <= MAX_ADDRESSES && s.port() != 0;
  }
}

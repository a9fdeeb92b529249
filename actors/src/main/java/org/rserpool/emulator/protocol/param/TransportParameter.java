package org.rserpool.emulator.protocol.param;

/**
 * The transport parameters of RFC 5354 §3.3-§3.7 and §3.16: where a pool element's users (or its
 * registrar) reach it. A pool fixes the transport type of its first pool element (RFC 5352 §3.1).
 */
public sealed interface TransportParameter
    permits SctpTransport, TcpTransport, UdpTransport, UdpLiteTransport, DccpTransport, OpaqueTransport {

  /** The parameter type code (RFC 5354 §3, Table 1). */
  int parameterType();
}

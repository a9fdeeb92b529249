package org.rserpool.emulator.protocol.param;

import java.util.List;

/**
 * SCTP Transport parameter (RFC 5354 §3.4, type 0x4): a port, the transport use and one or more
 * addresses (a multi-homed endpoint). rsplib accepts at most 64 addresses.
 */
public record SctpTransport(int port, TransportUse transportUse, List<AddressParameter> addresses)
    implements TransportParameter {
  public static final int TYPE = 0x0004;
  /** rsplib's MAX_PE_TRANSPORTADDRESSES. */
  public static final int MAX_ADDRESSES = 64;

  public SctpTransport {
    Ports.check(port);
    if (transportUse == null) throw new IllegalArgumentException("transport use is required");
    addresses = List.copyOf(addresses);
  }

  public static SctpTransport of(AddressParameter address, int port, TransportUse use) {
    return new SctpTransport(port, use, List.of(address));
  }

  @Override
  public int parameterType() {
    return TYPE;
  }
}

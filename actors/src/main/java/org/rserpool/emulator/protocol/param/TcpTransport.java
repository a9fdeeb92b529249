package org.rserpool.emulator.protocol.param;

/**
 * TCP Transport parameter (RFC 5354 §3.5, type 0x5): one address and a port. The RFC reserves bytes
 * 6-7 and treats TCP as data only; rsplib and Wireshark carry the transport use there, so the record
 * keeps it (DATA_ONLY encodes as the RFC's zero).
 */
public record TcpTransport(int port, TransportUse transportUse, AddressParameter address) implements TransportParameter {
  public static final int TYPE = 0x0005;

  public TcpTransport {
    Ports.check(port);
    if (transportUse == null || address == null) throw new IllegalArgumentException("transport use and address are required");
  }

  @Override
  public int parameterType() {
    return TYPE;
  }
}

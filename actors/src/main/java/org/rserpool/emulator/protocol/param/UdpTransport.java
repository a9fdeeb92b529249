package org.rserpool.emulator.protocol.param;

/** UDP Transport parameter (RFC 5354 §3.6, type 0x6): one address and a port; bytes 6-7 are reserved. */
public record UdpTransport(int port, AddressParameter address) implements TransportParameter {
  public static final int TYPE = 0x0006;

  public UdpTransport {
    Ports.check(port);
    if (address == null) throw new IllegalArgumentException("address is required");
  }

  @Override
  public int parameterType() {
    return TYPE;
  }
}

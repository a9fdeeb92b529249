package org.rserpool.emulator.protocol.param;

/** UDP-Lite Transport parameter (RFC 5354 §3.7, type 0x7): one address and a port; bytes 6-7 are reserved. */
public record UdpLiteTransport(int port, AddressParameter address) implements TransportParameter {
  public static final int TYPE = 0x0007;

  public UdpLiteTransport {
    Ports.check(port);
    if (address == null) throw new IllegalArgumentException("address is required");
  }

  @Override
  public int parameterType() {
    return TYPE;
  }
}

package org.rserpool.emulator.protocol.param;

/**
 * DCCP Transport parameter (RFC 5354 §3.3, type 0x3): a port, a 32-bit service code and one address;
 * always "data only". (Wireshark 4.0 decodes the service code as 16 bits; the RFC field is 32.)
 */
public record DccpTransport(int port, long serviceCode, AddressParameter address) implements TransportParameter {
  public static final int TYPE = 0x0003;

  public DccpTransport {
    Ports.check(port);
    if (serviceCode < 0 || serviceCode > 0xffffffffL) throw new IllegalArgumentException("DCCP service code is 32 bits unsigned: " + serviceCode);
    if (address == null) throw new IllegalArgumentException("address is required");
  }

  @Override
  public int parameterType() {
    return TYPE;
  }
}

package org.rserpool.emulator.protocol.param;

/** Opaque Transport parameter (RFC 5354 §3.16, type 0x10): a transport address ASAP does not interpret. */
public record OpaqueTransport(Bytes value) implements TransportParameter {
  public static final int TYPE = 0x0010;

  public OpaqueTransport {
    if (value == null) throw new IllegalArgumentException("value is required");
  }

  @Override
  public int parameterType() {
    return TYPE;
  }
}

package org.rserpool.emulator.protocol.param;

/**
 * Server Information parameter (RFC 5354 §3.11, type 0xb): a registrar's ID and the SCTP transport
 * on which its peers reach it over ENRP.
 */
public record ServerInformation(int serverIdentifier, SctpTransport serverTransport) {
  public static final int TYPE = 0x000b;

  public ServerInformation {
    if (serverTransport == null) throw new IllegalArgumentException("server transport is required");
  }
}

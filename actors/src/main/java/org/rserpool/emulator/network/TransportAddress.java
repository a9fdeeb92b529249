package org.rserpool.emulator.network;

import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.serialization.ClusterSerializable;

/**
 * An emulated transport endpoint: an IPv4 address and a port, as in the RFC 5354 transport
 * parameters. Components know each other only by these; the {@link Network} maps them to actors.
 */
public record TransportAddress(Ipv4Address address, int port) implements Comparable<TransportAddress>, ClusterSerializable {

  public TransportAddress {
    if (address == null) throw new IllegalArgumentException("address is required");
    if (port < 0 || port > 0xffff) throw new IllegalArgumentException("port out of range 0..65535: " + port);
  }

  /** Parses {@code a.b.c.d:port}. */
  public static TransportAddress parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) throw new IllegalArgumentException("expected address:port, got '" + text + "'");
    try {
      return new TransportAddress(Ipv4Address.parse(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1).trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected address:port, got '" + text + "'");
    }
  }

  // equals and hashCode written out (the values a record's generated ones give): the network looks
  // addresses up for every packet, and the generated ones go through method handles.
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof TransportAddress t && t.port == port && t.address.value() == address.value();
  }

  @Override
  public int hashCode() {
    return 31 * address.value() + port;
  }

  public TransportAddress withPort(int newPort) {
    return new TransportAddress(address, newPort);
  }

  @Override
  public int compareTo(TransportAddress other) {
    int c = address.compareTo(other.address);
    return c != 0 ? c : Integer.compare(port, other.port);
  }

  @Override
  public String toString() {
    return address + ":" + port;
  }
}

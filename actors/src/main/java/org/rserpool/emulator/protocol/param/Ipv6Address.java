package org.rserpool.emulator.protocol.param;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** IPv6 Address parameter (RFC 5354 §3.2, type 0x2): the 128-bit address as two big-endian halves. */
public record Ipv6Address(long high, long low) implements AddressParameter {
  public static final int TYPE = 0x0002;


  public static Ipv6Address fromBytes(byte[] sixteen) {
    if (sixteen.length != 16) throw new IllegalArgumentException("an IPv6 address has 16 bytes, not " + sixteen.length);
    ByteBuffer b = ByteBuffer.wrap(sixteen);
    return new Ipv6Address(b.getLong(), b.getLong());
  }

  /** Parses a literal such as {@code 2001:db8::1} (no name lookup: only literals are accepted). */
  public static Ipv6Address parse(String literal) {
    if (!literal.contains(":")) throw new IllegalArgumentException("not an IPv6 literal: '" + literal + "'");
    try {
      InetAddress a = InetAddress.getByName(literal);
      if (!(a instanceof Inet6Address)) throw new IllegalArgumentException("not an IPv6 literal: '" + literal + "'");
      return fromBytes(a.getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IPv6 literal: '" + literal + "'", e);
    }
  }

  public byte[] toBytes() {
    return ByteBuffer.allocate(16).putLong(high).putLong(low).array();
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(toBytes()).getHostAddress();
    } catch (UnknownHostException e) {
      throw new AssertionError("16 bytes are always a valid IPv6 address", e);
    }
  }
}

package org.rserpool.emulator.protocol.param;

/** IPv4 Address parameter (RFC 5354 §3.1, type 0x1): the address in network order as a 32-bit value. */
public record Ipv4Address(int value) implements AddressParameter, Comparable<Ipv4Address> {
  public static final int TYPE = 0x0001;

  // equals and hashCode written out (the values a record's generated ones give): the network looks
  // addresses up for every packet, and the generated ones go through method handles.
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof Ipv4Address a && a.value == value;
  }

  @Override
  public int hashCode() {
    return value;
  }


  public static Ipv4Address of(int a, int b, int c, int d) {
    for (int octet : new int[] {a, b, c, d}) {
      if (octet < 0 || octet > 255) throw new IllegalArgumentException("IPv4 octet out of range 0..255: " + octet);
    }
    return new Ipv4Address(a << 24 | b << 16 | c << 8 | d);
  }

  /** Parses dotted-quad notation, e.g. {@code 10.1.0.1}. */
  public static Ipv4Address parse(String dotted) {
    String[] parts = dotted.trim().split("\\.", -1);
    if (parts.length != 4) throw new IllegalArgumentException("not an IPv4 address: '" + dotted + "'");
    int[] o = new int[4];
    for (int i = 0; i < 4; i++) {
      try {
        o[i] = Integer.parseInt(parts[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an IPv4 address: '" + dotted + "'");
      }
    }
    return of(o[0], o[1], o[2], o[3]);
  }

  /** Whether this is a multicast (class D, 224.0.0.0/4) address. */
  public boolean isMulticast() {
    return (value >>> 28) == 0xe;
  }

  public int octet(int index) {
    return value >>> (24 - 8 * index) & 0xff;
  }

  @Override
  public int compareTo(Ipv4Address other) {
    return Integer.compareUnsigned(value, other.value);
  }

  @Override
  public String toString() {
    return octet(0) + "." + octet(1) + "." + octet(2) + "." + octet(3);
  }
}

package org.rserpool.emulator.protocol.pcap;

/** The 16-bit one's complement checksum of IPv4 headers and UDP (RFC 1071, RFC 791, RFC 768). */
final class InternetChecksum {
  private InternetChecksum() {}

  /**
   * The checksum of {@code data[offset, offset + length)} (an odd last byte is padded with zero), added to
   * {@code initialSum}, a running sum of 16-bit words such as {@link #pseudoHeaderSum}.
   */
  static int of(long initialSum, byte[] data, int offset, int length) {
    long sum = initialSum;
    int end = offset + length;
    int i = offset;
    for (; i + 1 < end; i += 2) sum += (data[i] & 0xff) << 8 | data[i + 1] & 0xff;
    if (i < end) sum += (data[i] & 0xff) << 8;
    while (sum >>> 16 != 0) sum = (sum & 0xffff) + (sum >>> 16);
    return (int) ~sum & 0xffff;
  }

  /** The sum of the IPv4 pseudo-header's words (RFC 768): addresses, protocol, transport length. */
  static long pseudoHeaderSum(int source, int destination, int protocol, int length) {
    return (source >>> 16) + (source & 0xffff) + (destination >>> 16) + (destination & 0xffff) + protocol + length;
  }
}

package org.rserpool.emulator.protocol.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.rserpool.emulator.protocol.param.Ipv4Address;

/**
 * Writes emulated traffic as a libpcap capture that Wireshark and tshark open directly: every message
 * becomes an Ethernet frame carrying IPv4 and either SCTP (common header plus one DATA chunk with the
 * message's Payload Protocol Identifier: ASAP 11, ENRP 12, CalcApp 34) or UDP (for what travels over
 * UDP, such as ASAP_SERVER_ANNOUNCE and ENRP_PRESENCE to their multicast groups).
 *
 * <p>Usage:
 *
 * <pre>{@code
 * try (PcapWriter pcap = new PcapWriter(Files.newOutputStream(path))) {
 *   pcap.writeSctp(time, Ipv4Address.parse("10.1.16.1"), 3863, Ipv4Address.parse("10.1.0.1"), 3863,
 *       PayloadProtocol.ASAP.ppid(), MessageCodec.encode(registration));
 *   pcap.writeUdp(time, Ipv4Address.parse("10.1.0.1"), 3863, Ipv4Address.parse("239.0.0.50"), 3863, announceBytes);
 * }
 * }</pre>
 *
 * <p>What the frames contain, so that dissectors and their checks are satisfied:
 *
 * <ul>
 *   <li>File header: libpcap 2.4 with nanosecond timestamps (magic 0xa1b23c4d), link type Ethernet.
 *   <li>Ethernet: locally administered MAC addresses derived from the IPv4 addresses ({@code 02:00:a:b:c:d});
 *       IPv4 multicast goes to {@code 01:00:5e} plus the group's low 23 bits (RFC 1112 §6.4).
 *   <li>IPv4: no options, Don't Fragment, TTL 64, a per-file identification counter, a correct header
 *       checksum.
 *   <li>SCTP (RFC 9260): one DATA chunk per packet, stream 0, ordered; per direction of an association
 *       (addresses and ports) a verification tag, and TSN and stream sequence numbers that count up, so
 *       that Wireshark's association analysis follows; a correct CRC32c checksum (RFC 9260 Appendix A).
 *       A message too large for one IPv4 packet is split into DATA chunks with the B and E flags, one
 *       per packet, as an SCTP stack would.
 *   <li>UDP: a correct checksum (RFC 768).
 * </ul>
 *
 * <p>Timestamps are the caller's: an emulation passes its emulated time (e.g. an epoch plus the emulation
 * clock's nanoseconds). Thread-safe: writes are serialized, so several components may share one writer.
 * The stream is buffered; {@link #flush()} pushes what was written to it, {@link #close()} closes it.
 */
public final class PcapWriter implements Closeable, Flushable {
  /** libpcap's magic for nanosecond timestamps, written big-endian. */
  static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
  static final int LINKTYPE_ETHERNET = 1;
  static final int SNAPLEN = 262_144;
  static final int IP_PROTOCOL_SCTP = 132;
  static final int IP_PROTOCOL_UDP = 17;
  private static final int ETHERNET_HEADER = 14;
  private static final int IPV4_HEADER = 20;
  private static final int SCTP_COMMON_HEADER = 12;
  private static final int DATA_CHUNK_HEADER = 16;
  private static final int UDP_HEADER = 8;
  private static final int MAX_IPV4_PACKET = 0xffff;
  /** The most user data one DATA chunk carries in one IPv4 packet (a multiple of 4). */
  static final int MAX_CHUNK_DATA = (MAX_IPV4_PACKET - IPV4_HEADER - SCTP_COMMON_HEADER - DATA_CHUNK_HEADER) & ~3;
  static final int MAX_UDP_PAYLOAD = MAX_IPV4_PACKET - IPV4_HEADER - UDP_HEADER;

  private final OutputStream out;
  private final Map<Direction, SctpStream> streams = new HashMap<>();
  private int ipIdentification;
  private boolean closed;

  /** One direction of an SCTP association: what its TSN and stream sequence numbers count in. */
  private record Direction(int source, int sourcePort, int destination, int destinationPort) {}

  private static final class SctpStream {
    final int verificationTag;
    int nextTsn;
    int nextSsn;

    SctpStream(int verificationTag, int initialTsn) {
      this.verificationTag = verificationTag;
      this.nextTsn = initialTsn;
    }
  }

  /**
   * The bytes on the wire (Ethernet frames, without preamble and FCS) that {@link #writeSctp} writes for
   * a payload of {@code payloadLength} bytes: per DATA chunk the Ethernet, IPv4, SCTP and chunk headers,
   * plus the payload padded to 4 bytes. The emulated network charges links with a rate this much.
   */
  public static int sctpFrameBytes(int payloadLength) {
    int chunks = Math.max(1, (payloadLength + MAX_CHUNK_DATA - 1) / MAX_CHUNK_DATA);
    return chunks * (ETHERNET_HEADER + IPV4_HEADER + SCTP_COMMON_HEADER + DATA_CHUNK_HEADER) + ((payloadLength + 3) & ~3);
  }

  /** Starts a capture on {@code out}: writes the libpcap file header. */
  public PcapWriter(OutputStream out) throws IOException {
    this.out = new BufferedOutputStream(out, 1 << 16);
    ByteBuffer header = ByteBuffer.allocate(24);
    header.putInt(MAGIC_NANOSECONDS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN).putInt(LINKTYPE_ETHERNET);
    this.out.write(header.array());
  }

  /**
   * Writes one message sent over SCTP.
   *
   * @param time when it was sent (between 1970 and 2106: pcap timestamps are unsigned 32-bit seconds)
   * @param ppid the Payload Protocol Identifier (ASAP 11, ENRP 12, CalcApp 34)
   * @param payload the message, e.g. from {@code MessageCodec.encode}
   */
  public synchronized void writeSctp(Instant time, Ipv4Address source, int sourcePort, Ipv4Address destination,
      int destinationPort, int ppid, byte[] payload) throws IOException {
    checkOpen();
    checkPort(sourcePort);
    checkPort(destinationPort);
    checkTime(time);
    Direction direction = new Direction(source.value(), sourcePort, destination.value(), destinationPort);
    SctpStream stream = streams.computeIfAbsent(direction, d -> new SctpStream(
        // The tag in A->B packets is the one B chose: the same for every packet of the direction.
        nonZero(mix(d.destination, d.destinationPort, d.source, d.sourcePort)),
        mix(d.source, d.sourcePort, d.destination, d.destinationPort)));
    int ssn = stream.nextSsn++;
    int offset = 0;
    do {
      int length = Math.min(MAX_CHUNK_DATA, payload.length - offset);
      int flags = (offset == 0 ? 0x02 : 0) | (offset + length == payload.length ? 0x01 : 0); // B, E
      byte[] sctp = sctpPacket(sourcePort, destinationPort, stream.verificationTag, stream.nextTsn++, ssn, ppid, flags,
          payload, offset, length);
      writeFrame(time, source, destination, IP_PROTOCOL_SCTP, sctp);
      offset += length;
    } while (offset < payload.length);
  }

  /**
   * Writes one datagram sent over UDP.
   *
   * @throws IllegalArgumentException when the payload exceeds a UDP datagram's 65,507 bytes
   */
  public synchronized void writeUdp(Instant time, Ipv4Address source, int sourcePort, Ipv4Address destination,
      int destinationPort, byte[] payload) throws IOException {
    checkOpen();
    checkPort(sourcePort);
    checkPort(destinationPort);
    checkTime(time);
    if (payload.length > MAX_UDP_PAYLOAD) {
      throw new IllegalArgumentException("a UDP datagram carries at most " + MAX_UDP_PAYLOAD + " bytes, not " + payload.length);
    }
    int length = UDP_HEADER + payload.length;
    ByteBuffer udp = ByteBuffer.allocate(length);
    udp.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) length).putShort((short) 0).put(payload);
    byte[] datagram = udp.array();
    int checksum = InternetChecksum.of(InternetChecksum.pseudoHeaderSum(source.value(), destination.value(), IP_PROTOCOL_UDP, length),
        datagram, 0, length);
    if (checksum == 0) checksum = 0xffff; // RFC 768: a computed 0 is sent as all ones; 0 means "no checksum"
    datagram[6] = (byte) (checksum >>> 8);
    datagram[7] = (byte) checksum;
    writeFrame(time, source, destination, IP_PROTOCOL_UDP, datagram);
  }

  @Override
  public synchronized void flush() throws IOException {
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) return;
    closed = true;
    out.close();
  }

  private static byte[] sctpPacket(int sourcePort, int destinationPort, int tag, int tsn, int ssn, int ppid, int flags,
      byte[] payload, int offset, int length) {
    int chunkLength = DATA_CHUNK_HEADER + length;
    ByteBuffer b = ByteBuffer.allocate(SCTP_COMMON_HEADER + (chunkLength + 3 & ~3));
    b.putShort((short) sourcePort).putShort((short) destinationPort).putInt(tag).putInt(0);
    // DATA chunk (RFC 9260 §3.3.1): type 0, flags U/B/E, length without padding, TSN, stream 0, SSN, PPID.
    b.put((byte) 0).put((byte) flags).putShort((short) chunkLength).putInt(tsn).putShort((short) 0).putShort((short) ssn).putInt(ppid);
    b.put(payload, offset, length);
    byte[] packet = b.array();
    CRC32C crc = new CRC32C();
    crc.update(packet, 0, packet.length);
    // RFC 9260 Appendix A: the CRC32c goes into the checksum field least significant byte first.
    int value = (int) crc.getValue();
    packet[8] = (byte) value;
    packet[9] = (byte) (value >>> 8);
    packet[10] = (byte) (value >>> 16);
    packet[11] = (byte) (value >>> 24);
    return packet;
  }

  private void writeFrame(Instant time, Ipv4Address source, Ipv4Address destination, int protocol, byte[] transport)
      throws IOException {
    int ipLength = IPV4_HEADER + transport.length;
    int frameLength = ETHERNET_HEADER + ipLength;
    ByteBuffer frame = ByteBuffer.allocate(16 + frameLength);
    frame.putInt((int) time.getEpochSecond()).putInt(time.getNano()).putInt(frameLength).putInt(frameLength);
    frame.put(mac(destination)).put(mac(source)).putShort((short) 0x0800);
    int ip = frame.position();
    frame.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) ipIdentification++)
        .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0)
        .putInt(source.value()).putInt(destination.value());
    byte[] bytes = frame.array();
    int checksum = InternetChecksum.of(0, bytes, ip, IPV4_HEADER);
    bytes[ip + 10] = (byte) (checksum >>> 8);
    bytes[ip + 11] = (byte) checksum;
    frame.put(transport);
    out.write(bytes);
  }

  /** 02:00 plus the address for unicast (locally administered); 01:00:5e plus 23 bits for multicast. */
  static byte[] mac(Ipv4Address address) {
    int a = address.value();
    if (a == -1) return new byte[] {-1, -1, -1, -1, -1, -1};
    if (address.octet(0) >= 224 && address.octet(0) <= 239) {
      return new byte[] {0x01, 0x00, 0x5e, (byte) (a >>> 16 & 0x7f), (byte) (a >>> 8), (byte) a};
    }
    return new byte[] {0x02, 0x00, (byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
  }

  /** A deterministic scramble of an association's endpoints (tags and initial TSNs need only differ). */
  private static int mix(int a, int aPort, int b, int bPort) {
    long h = (a & 0xffffffffL) * 0x9e3779b97f4a7c15L ^ (aPort * 0xc2b2ae3d27d4eb4fL) ^ Long.rotateLeft(b * 0x165667b19e3779f9L, 17) ^ bPort;
    h ^= h >>> 31;
    h *= 0xbf58476d1ce4e5b9L;
    return (int) (h ^ h >>> 29);
  }

  private static int nonZero(int tag) {
    return tag == 0 ? 1 : tag; // RFC 9260 §8.5: only an INIT carries tag 0
  }

  private void checkOpen() throws IOException {
    if (closed) throw new IOException("the capture is closed");
  }

  private static void checkPort(int port) {
    if (port < 0 || port > 0xffff) throw new IllegalArgumentException("port out of range 0..65535: " + port);
  }

  private static void checkTime(Instant time) {
    if (time.getEpochSecond() < 0 || time.getEpochSecond() > 0xffffffffL) {
      throw new IllegalArgumentException("a pcap timestamp is seconds since 1970 in 32 bits unsigned: " + time);
    }
  }
}

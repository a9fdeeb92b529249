package org.rserpool.emulator.protocol.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.protocol.param.Ipv4Address;

/** The capture format byte by byte, without tshark (WiresharkConformanceTest checks it with tshark). */
class PcapWriterTest {
  static final Ipv4Address PE = Ipv4Address.parse("10.1.16.1");
  static final Ipv4Address PR = Ipv4Address.parse("10.1.0.1");
  static final byte[] ANNOUNCE = HexFormat.of().parseHex("0a0000080a0b0c0d");

  /** A capture whose checksums tshark 4.0.17 reported good (sctp/ip/udp.checksum.status = 1). */
  static final String VERIFIED_BY_TSHARK =
      "a1b23c4d00020004000000000000000000040000000000016955b9010000007b000000460000004602000a01000102000a0110010800"
          + "45000038000040004084163f0a0110010a0100010f170f17b8166a92f19bd29e00030018ea3f396f000000000000000b0a0000080a0b0c0d"
          + "6955b90200000000000000320000003201005e00003202000a0100010800"
          + "4500002400014000401141940a010001ef0000320f170f170010c84b0a0000080a0b0c0d";

  record Record(long seconds, long nanos, byte[] frame) {}

  static List<Record> records(byte[] capture) {
    ByteBuffer b = ByteBuffer.wrap(capture);
    b.position(24);
    List<Record> records = new ArrayList<>();
    while (b.hasRemaining()) {
      long seconds = b.getInt() & 0xffffffffL;
      long nanos = b.getInt();
      int included = b.getInt();
      assertEquals(included, b.getInt(), "whole frames are captured");
      byte[] frame = new byte[included];
      b.get(frame);
      records.add(new Record(seconds, nanos, frame));
    }
    return records;
  }

  static byte[] capture(WriterAction action) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PcapWriter writer = new PcapWriter(out)) {
      action.run(writer);
    }
    return out.toByteArray();
  }

  interface WriterAction {
    void run(PcapWriter writer) throws IOException;
  }

  @Test
  void theCaptureIsTheOneTsharkVerified() throws IOException {
    byte[] capture = capture(w -> {
      w.writeSctp(Instant.parse("2026-01-01T00:00:01.000000123Z"), PE, 3863, PR, 3863, 11, ANNOUNCE);
      w.writeUdp(Instant.parse("2026-01-01T00:00:02Z"), PR, 3863, Ipv4Address.parse("239.0.0.50"), 3863, ANNOUNCE);
    });
    assertEquals(VERIFIED_BY_TSHARK, HexFormat.of().formatHex(capture));
  }

  @Test
  void theFileHeaderIsLibpcapWithNanosecondsOverEthernet() throws IOException {
    byte[] capture = capture(w -> { });
    assertEquals("a1b23c4d000200040000000000000000" + "00040000" + "00000001", HexFormat.of().formatHex(capture));
  }

  @Test
  void sctpFramesCarryTheMessageInOneDataChunkWithAValidCrc32c() throws IOException {
    byte[] payload = HexFormat.of().parseHex("0500000d000900094563686f31000000"); // 16 bytes
    Instant time = Instant.ofEpochSecond(1_700_000_000L, 42);
    List<Record> records = records(capture(w -> w.writeSctp(time, PE, 40000, PR, 3863, 11, payload)));
    assertEquals(1, records.size());
    assertEquals(1_700_000_000L, records.get(0).seconds());
    assertEquals(42, records.get(0).nanos());
    ByteBuffer f = ByteBuffer.wrap(records.get(0).frame());
    assertEquals("02000a010001" + "02000a011001" + "0800", HexFormat.of().formatHex(records.get(0).frame(), 0, 14));
    assertEquals(0xffff, onesComplementSum(records.get(0).frame(), 14, 20), "IPv4 header checksum");
    assertEquals(132, records.get(0).frame()[14 + 9] & 0xff);
    int sctp = 34;
    assertEquals(40000, f.getShort(sctp) & 0xffff);
    assertEquals(3863, f.getShort(sctp + 2) & 0xffff);
    byte[] packet = java.util.Arrays.copyOfRange(records.get(0).frame(), sctp, records.get(0).frame().length);
    int stored = ByteBuffer.wrap(packet, 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    packet[8] = packet[9] = packet[10] = packet[11] = 0;
    CRC32C crc = new CRC32C();
    crc.update(packet);
    assertEquals((int) crc.getValue(), stored, "CRC32c, least significant byte first");
    // DATA chunk: type 0, flags B|E, length 16 + payload, stream 0, SSN 0, PPID 11, then the message.
    assertEquals(0, packet[12]);
    assertEquals(0x03, packet[13]);
    assertEquals(32, ByteBuffer.wrap(packet).getShort(14));
    assertEquals(0, ByteBuffer.wrap(packet).getShort(20));
    assertEquals(0, ByteBuffer.wrap(packet).getShort(22));
    assertEquals(11, ByteBuffer.wrap(packet).getInt(24));
    assertArrayEquals(payload, java.util.Arrays.copyOfRange(packet, 28, 44));
  }

  @Test
  void eachDirectionCountsItsOwnTsnAndStreamSequence() throws IOException {
    List<Record> records = records(capture(w -> {
      w.writeSctp(Instant.EPOCH, PE, 3863, PR, 3863, 11, ANNOUNCE);
      w.writeSctp(Instant.EPOCH, PR, 3863, PE, 3863, 11, ANNOUNCE);
      w.writeSctp(Instant.EPOCH, PE, 3863, PR, 3863, 11, ANNOUNCE);
    }));
    ByteBuffer first = ByteBuffer.wrap(records.get(0).frame());
    ByteBuffer reply = ByteBuffer.wrap(records.get(1).frame());
    ByteBuffer third = ByteBuffer.wrap(records.get(2).frame());
    int sctp = 34;
    assertEquals(first.getInt(sctp + 4), third.getInt(sctp + 4), "same verification tag in one direction");
    assertEquals(first.getInt(sctp + 16) + 1, third.getInt(sctp + 16), "TSN counts up");
    assertEquals(first.getShort(sctp + 22) + 1, third.getShort(sctp + 22), "SSN counts up");
    assertEquals(0, reply.getShort(sctp + 22), "the other direction has its own SSN");
  }

  @Test
  void aMessageLargerThanOnePacketIsSplitIntoBeginAndEndChunks() throws IOException {
    byte[] payload = new byte[PcapWriter.MAX_CHUNK_DATA + 100];
    for (int i = 0; i < payload.length; i++) payload[i] = (byte) i;
    List<Record> records = records(capture(w -> w.writeSctp(Instant.EPOCH, PE, 3863, PR, 3863, 11, payload)));
    assertEquals(2, records.size());
    ByteBuffer begin = ByteBuffer.wrap(records.get(0).frame());
    ByteBuffer end = ByteBuffer.wrap(records.get(1).frame());
    int chunk = 34 + 12;
    assertEquals(0x02, begin.get(chunk + 1));
    assertEquals(0x01, end.get(chunk + 1));
    assertEquals(begin.getInt(chunk + 4) + 1, end.getInt(chunk + 4), "consecutive TSNs");
    assertEquals(begin.getShort(chunk + 10), end.getShort(chunk + 10), "one SSN for the whole message");
    assertEquals(16 + 100, end.getShort(chunk + 2));
    assertEquals(20 + 12 + 16 + PcapWriter.MAX_CHUNK_DATA, begin.getShort(16) & 0xffff, "the first packet is full");
    assertEquals(0xfffc, 20 + 12 + 16 + PcapWriter.MAX_CHUNK_DATA, "as large as IPv4 allows with 4-byte aligned chunk data");
  }

  @Test
  void udpFramesToAMulticastGroupUseItsMacAndAValidChecksum() throws IOException {
    List<Record> records = records(capture(w -> w.writeUdp(Instant.EPOCH, PR, 3863, Ipv4Address.parse("239.0.0.50"), 3863, ANNOUNCE)));
    byte[] frame = records.get(0).frame();
    assertEquals("01005e000032", HexFormat.of().formatHex(frame, 0, 6), "RFC 1112 §6.4");
    assertEquals(17, frame[14 + 9]);
    // The UDP checksum over pseudo-header, header and data sums to all ones.
    long pseudo = InternetChecksum.pseudoHeaderSum(PR.value(), Ipv4Address.parse("239.0.0.50").value(), 17, 8 + ANNOUNCE.length);
    assertEquals(0, InternetChecksum.of(pseudo, frame, 34, 8 + ANNOUNCE.length));
    assertArrayEquals(ANNOUNCE, java.util.Arrays.copyOfRange(frame, 42, frame.length));
  }

  @Test
  void badArgumentsAreRefusedAndAClosedWriterWritesNothing() throws IOException {
    PcapWriter writer = new PcapWriter(new ByteArrayOutputStream());
    assertThrows(IllegalArgumentException.class, () -> writer.writeUdp(Instant.EPOCH, PR, 1, PE, 1, new byte[PcapWriter.MAX_UDP_PAYLOAD + 1]));
    assertThrows(IllegalArgumentException.class, () -> writer.writeSctp(Instant.EPOCH, PR, 70000, PE, 1, 11, ANNOUNCE));
    assertThrows(IllegalArgumentException.class, () -> writer.writeSctp(Instant.ofEpochSecond(-1), PR, 1, PE, 1, 11, ANNOUNCE));
    writer.close();
    assertThrows(IOException.class, () -> writer.writeSctp(Instant.EPOCH, PR, 1, PE, 1, 11, ANNOUNCE));
  }

  private static int onesComplementSum(byte[] data, int offset, int length) {
    return ~InternetChecksum.of(0, data, offset, length) & 0xffff;
  }
}

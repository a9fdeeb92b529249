package org.rserpool.emulator.protocol.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.ProtocolSamples;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.protocol.codec.CodecException;
import org.rserpool.emulator.protocol.codec.MessageCodec;
import org.rserpool.emulator.protocol.codec.WireConvention;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.DccpTransport;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.Ipv6Address;
import org.rserpool.emulator.protocol.param.OpaqueTransport;
import org.rserpool.emulator.protocol.param.PeIdentifier;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolEntry;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TcpTransport;
import org.rserpool.emulator.protocol.param.TransportParameter;
import org.rserpool.emulator.protocol.param.TransportUse;
import org.rserpool.emulator.protocol.param.UdpLiteTransport;
import org.rserpool.emulator.protocol.param.UdpTransport;

/**
 * Every message type, with realistic content, in both wire conventions, over SCTP and (where rsplib uses
 * it) UDP multicast, written with {@link PcapWriter} and dissected by Wireshark's own dissectors (tshark).
 * Requires: no malformed or expert-flagged frame; correct IPv4, UDP and SCTP CRC32c checksums; and
 * per frame the message type, pool handles and PE identifiers that were encoded, as tshark reads them.
 *
 * <p>Skipped, saying why, when tshark is not installed ({@code .ci/run} installs it). The capture is
 * left in {@code target/wireshark/} for a look in Wireshark.
 */
class WiresharkConformanceTest {
  static final Path DIRECTORY = Path.of("target", "wireshark");
  static final Ipv4Address PE = Ipv4Address.parse("10.1.16.1");
  static final Ipv4Address PR = Ipv4Address.parse("10.1.0.1");
  static final Ipv4Address PR2 = Ipv4Address.parse("10.2.0.1");
  static final Ipv4Address PU = Ipv4Address.parse("10.1.128.1");
  static final Ipv4Address ASAP_ANNOUNCE_GROUP = Ipv4Address.parse("239.0.0.50");
  static final Ipv4Address ENRP_ANNOUNCE_GROUP = Ipv4Address.parse("239.0.0.51");

  /** One frame: what was sent and how. */
  record Frame(Message message, WireConvention convention, boolean udp) {}

  static final String NO_TSHARK = Tshark.MISSING;
  static String tshark;

  @BeforeAll
  static void findTshark() {
    tshark = tsharkVersion();
    // Surefire's console shows only the count of skipped tests: say why where it is seen.
    if (tshark == null) System.err.println("WiresharkConformanceTest: SKIPPED: " + NO_TSHARK);
  }

  /** Per test, not in @BeforeAll, so that the tests are reported as skipped (with the reason) rather than absent. */
  @BeforeEach
  void requireTshark() {
    Assumptions.assumeTrue(tshark != null, NO_TSHARK);
  }

  @Test
  void everyMessageIsDissectedWithoutErrorsAndWithTheEncodedFields() throws Exception {
    List<Frame> frames = frames();
    Path pcap = write(frames, "conformance.pcap");

    List<String> bad = tshark(pcap, "-Y", "_ws.malformed || _ws.expert", "-T", "fields",
        "-e", "frame.number", "-e", "_ws.col.Info", "-e", "_ws.expert.message");
    assertEquals(List.of(), bad, "malformed or expert-flagged frames (frame number, info, expert message)");

    List<String> rows = tshark(pcap, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,",
        "-e", "frame.number", "-e", "ip.checksum.status", "-e", "sctp.checksum.status", "-e", "udp.checksum.status",
        "-e", "asap.message_type", "-e", "enrp.message_type", "-e", "calcappprotocol.message_type",
        "-e", "asap.pool_handle_pool_handle", "-e", "enrp.pool_handle_pool_handle",
        "-e", "asap.pe_identifier", "-e", "enrp.pe_identifier",
        "-e", "asap.pool_element_pe_identifier", "-e", "enrp.pool_element_pe_identifier",
        "-e", "calcappprotocol.message_jobid");
    assertEquals(frames.size(), rows.size(), "one row per frame");
    for (int i = 0; i < frames.size(); i++) {
      Frame frame = frames.get(i);
      Message m = frame.message();
      String[] f = (rows.get(i) + "\t").split("\t", -1);
      String what = "frame " + (i + 1) + " (" + m + ", " + frame.convention() + "): ";
      assertEquals("1", f[1], what + "IPv4 header checksum status (1 = good)");
      assertEquals("1", frame.udp() ? f[3] : f[2], what + (frame.udp() ? "UDP" : "SCTP CRC32c") + " checksum status");
      int typeColumn = switch (m.protocol()) {
        case ASAP -> 4;
        case ENRP -> 5;
        case CALCAPP -> 6;
      };
      // The first value is the message's own type (an error quoting a message shows the quoted type too).
      assertEquals(String.valueOf(m.type()), f[typeColumn].split(",")[0], what + "message type");
      Expected expected = Expected.of(m);
      int offset = m.protocol() == PayloadProtocol.ENRP ? 1 : 0;
      assertEquals(String.join(",", expected.poolHandles), f[7 + offset], what + "pool handles");
      assertEquals(String.join(",", expected.peIdentifiers), f[9 + offset], what + "PE Identifier parameters");
      assertEquals(String.join(",", expected.poolElementIdentifiers), f[11 + offset], what + "pool elements' PE identifiers");
      if (m instanceof CalcAppMessage c) assertEquals(String.valueOf(Integer.toUnsignedLong(c.jobId())), f[13], what + "job ID");
    }
  }

  /**
   * A message too large for one IPv4 packet travels as two DATA chunks (B, then E), which tshark puts
   * back together when SCTP reassembly is on (it is off by default).
   */
  @Test
  void aMessageLargerThanOnePacketIsSplitIntoDataChunksThatReassemble() throws Exception {
    AsapMessage.Cookie cookie = new AsapMessage.Cookie(new Bytes(new byte[65_520]));
    Path pcap = write(List.of(new Frame(cookie, WireConvention.RFC_5354, false)), "fragmented.pcap");
    assertEquals(List.of("1\t0x02\t" + (16 + PcapWriter.MAX_CHUNK_DATA), "2\t0x01\t" + (16 + 65_528 - PcapWriter.MAX_CHUNK_DATA)),
        tshark(pcap, "-T", "fields", "-e", "frame.number", "-e", "sctp.chunk_flags", "-e", "sctp.chunk_length"),
        "two DATA chunks, B and E");
    List<String> rows = tshark(pcap, "-o", "sctp.reassembly:TRUE", "-Y", "asap", "-T", "fields",
        "-e", "asap.message_type", "-e", "asap.message_length", "-e", "_ws.malformed");
    assertEquals(List.of("11\t65528\t"), rows, "one reassembled ASAP_COOKIE of 65,528 bytes, not malformed");
  }

  static List<Frame> frames() throws CodecException {
    List<Frame> frames = new ArrayList<>();
    List<Message> messages = new ArrayList<>(ProtocolSamples.all());
    messages.addAll(variants());
    messages.addAll(errorReplies());
    for (WireConvention convention : WireConvention.values()) {
      for (Message m : messages) frames.add(new Frame(m, convention, false));
    }
    // rsplib announces registrars over UDP multicast (reference §5).
    frames.add(new Frame(new AsapMessage.ServerAnnounce(ProtocolSamples.PR_A, List.of()), WireConvention.RSPLIB, true));
    frames.add(new Frame(ProtocolSamples.enrp().get(0), WireConvention.RFC_5354, true));
    return frames;
  }

  /** Every transport, every policy, IPv6, optional parameters absent, a full handle table. */
  static List<Message> variants() {
    List<Message> m = new ArrayList<>();
    PoolElementParameter base = ProtocolSamples.poolElement();
    Ipv6Address v6 = Ipv6Address.parse("2001:db8::10");
    List<TransportParameter> transports = List.of(
        new SctpTransport(9000, TransportUse.DATA_PLUS_CONTROL, List.of(Ipv4Address.parse("10.1.16.1"), v6)),
        new TcpTransport(80, TransportUse.DATA_ONLY, v6),
        new UdpTransport(5000, Ipv4Address.parse("10.1.16.1")),
        new UdpLiteTransport(5001, Ipv4Address.parse("10.1.16.1")));
    for (TransportParameter t : transports) {
      m.add(new AsapMessage.Registration(ProtocolSamples.POOL, new PoolElementParameter(0x0000abcd, 0, 30000, t, base.policy(), null)));
    }
    m.add(new AsapMessage.Registration(ProtocolSamples.POOL, new PoolElementParameter(0x0000abce, 0, 30000,
        new DccpTransport(5002, 0x12345678L, Ipv4Address.parse("10.1.16.1")), base.policy(), null)));
    m.add(new AsapMessage.Registration(ProtocolSamples.POOL, new PoolElementParameter(0x0000abcf, 0, 30000,
        new OpaqueTransport(Bytes.fromHex("0102030405")), base.policy(), null)));
    // Every policy; Wireshark 4.0 shows the values of rsplib's 0xb0001001-4 and 0xb0002003-5 as raw
    // bytes (reference §14 item 19) but does not flag them.
    for (PolicyType type : PolicyType.values()) {
      long[] words = new long[type.valueWords().size()];
      for (int i = 0; i < words.length; i++) words[i] = 0x10000000L * (i + 1);
      m.add(new AsapMessage.Registration(PoolHandle.of("Policy" + type.rspsimName()),
          base.withPolicy(SelectionPolicy.fromWords(type, words)).withHome(ProtocolSamples.PR_A)
              .withAsapTransport(SctpTransport.of(Ipv4Address.parse("10.1.16.1"), 3863, TransportUse.DATA_ONLY))));
    }
    m.add(new AsapMessage.EndpointKeepAlive(false, ProtocolSamples.PR_B, ProtocolSamples.POOL, null));
    m.add(new AsapMessage.BusinessCard(PoolHandle.of("x"), null, List.of(base)));
    m.add(new AsapMessage.CookieEcho(Bytes.EMPTY));
    m.add(new EnrpMessage.Presence(false, ProtocolSamples.PR_B, ProtocolSamples.PR_A, null, null));
    m.add(new EnrpMessage.ListResponse(true, ProtocolSamples.PR_B, ProtocolSamples.PR_A, List.of()));
    List<PoolElementParameter> table = new ArrayList<>();
    for (int i = 1; i <= 128; i++) {
      PoolElementParameter owned = ProtocolSamples.ownedPoolElement();
      table.add(new PoolElementParameter(i, owned.homeEnrpServerIdentifier(), owned.registrationLife(), owned.userTransport(),
          owned.policy(), owned.asapTransport()));
    }
    m.add(new EnrpMessage.HandleTableResponse(false, true, ProtocolSamples.PR_A, ProtocolSamples.PR_B, List.of(
        new PoolEntry(ProtocolSamples.POOL, table.subList(0, 100)), new PoolEntry(PoolHandle.of("Scripting"), table.subList(100, 128)))));
    return m;
  }

  /** The replies the codec builds for bad input: what a registrar would send back. */
  static List<Message> errorReplies() throws CodecException {
    List<Message> replies = new ArrayList<>();
    byte[] registration = MessageCodec.encode(ProtocolSamples.asap().get(0));
    // An unknown parameter with action bits 01 (stop and report) after the pool handle.
    byte[] unknown = insert(registration, 16, new byte[] {0x41, 0x23, 0, 9, 1, 2, 3, 4, 5, 0, 0, 0});
    replies.add(replyTo(PayloadProtocol.ASAP, unknown));
    // A transport use of 7 inside the pool element's SCTP transport.
    byte[] badUse = registration.clone();
    badUse[16 + 16 + 7] = 7;
    replies.add(replyTo(PayloadProtocol.ASAP, badUse));
    // An unknown ENRP message type with action bits 01.
    replies.add(replyTo(PayloadProtocol.ENRP, new byte[] {0x4c, 0, 0, 12, 1, 2, 3, 4, 0, 0, 0, 0}));
    // A skipped-and-reported parameter (action bits 11).
    byte[] skipped = insert(registration, 16, new byte[] {(byte) 0xc1, 0x23, 0, 6, 1, 2, 0, 0});
    replies.add(MessageCodec.decodeReporting(PayloadProtocol.ASAP, skipped).errorReply(0).orElseThrow());
    return replies;
  }

  static Message replyTo(PayloadProtocol protocol, byte[] bytes) {
    try {
      MessageCodec.decode(protocol, bytes);
      throw new AssertionError("expected a CodecException");
    } catch (CodecException e) {
      return e.errorReply(ProtocolSamples.PR_A).orElseThrow();
    }
  }

  static byte[] insert(byte[] message, int at, byte[] parameter) {
    byte[] b = new byte[message.length + parameter.length];
    System.arraycopy(message, 0, b, 0, at);
    System.arraycopy(parameter, 0, b, at, parameter.length);
    System.arraycopy(message, at, b, at + parameter.length, message.length - at);
    int length = ((message[2] & 0xff) << 8 | message[3] & 0xff) + parameter.length;
    b[2] = (byte) (length >>> 8);
    b[3] = (byte) length;
    return b;
  }

  static Path write(List<Frame> frames, String name) throws IOException {
    Files.createDirectories(DIRECTORY);
    Path pcap = DIRECTORY.resolve(name);
    Instant time = Instant.parse("2026-01-01T00:00:00Z");
    try (PcapWriter writer = new PcapWriter(Files.newOutputStream(pcap))) {
      for (Frame frame : frames) {
        Message m = frame.message();
        byte[] payload = MessageCodec.encode(m, frame.convention());
        time = time.plusMillis(1);
        if (frame.udp()) {
          Ipv4Address group = m.protocol() == PayloadProtocol.ASAP ? ASAP_ANNOUNCE_GROUP : ENRP_ANNOUNCE_GROUP;
          writer.writeUdp(time, PR, m.protocol().wellKnownPort(), group, m.protocol().wellKnownPort(), payload);
        } else if (m.protocol() == PayloadProtocol.CALCAPP) {
          writer.writeSctp(time, PU, 1800, PE, 1024, m.protocol().ppid(), payload);
        } else {
          Ipv4Address to = m.protocol() == PayloadProtocol.ENRP ? PR2 : PR;
          writer.writeSctp(time, PE, m.protocol().wellKnownPort(), to, m.protocol().wellKnownPort(), m.protocol().ppid(), payload);
        }
      }
    }
    return pcap;
  }

  /** The pool handles (hex) and PE identifiers (0x%08x) a message carries, in wire order. */
  record Expected(List<String> poolHandles, List<String> peIdentifiers, List<String> poolElementIdentifiers) {
    static Expected of(Message m) {
      Expected e = new Expected(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      e.walk(m);
      return e;
    }

    /** Record components are declared in wire order, so a walk meets the fields as tshark does. */
    private void walk(Object value) {
      if (value instanceof PoolHandle h) {
        poolHandles.add(h.value().toHex());
      } else if (value instanceof PoolElementParameter pe) {
        poolElementIdentifiers.add(String.format("0x%08x", pe.identifier()));
      } else if (value instanceof PeIdentifier id) {
        peIdentifiers.add(String.format("0x%08x", id.value()));
      } else if (value instanceof List<?> list) {
        list.forEach(this::walk);
      } else if (value instanceof Record r && !(value instanceof CalcAppMessage)) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
          Object v = get(c, r);
          // Most messages hold the PE Identifier parameter as a bare int named peIdentifier.
          if (c.getName().equals("peIdentifier") && v instanceof Integer i) peIdentifiers.add(String.format("0x%08x", i));
          else walk(v);
        }
      }
    }

    private static Object get(RecordComponent c, Record r) {
      try {
        return c.getAccessor().invoke(r);
      } catch (ReflectiveOperationException ex) {
        throw new IllegalStateException(ex);
      }
    }
  }

  static String tsharkVersion() {
    return Tshark.version();
  }

  /** Runs tshark on the capture with checksum verification on; returns its output lines. */
  static List<String> tshark(Path pcap, String... arguments) throws IOException, InterruptedException {
    return Tshark.run(pcap, arguments);
  }
}

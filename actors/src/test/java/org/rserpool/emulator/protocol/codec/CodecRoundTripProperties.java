package org.rserpool.emulator.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.ProtocolArbitraries;
import org.rserpool.emulator.protocol.ProtocolSamples;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.param.AddressParameter;
import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.Ipv6Address;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolEntry;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.TransportUse;

/** decode(encode(m)) == m for generated messages of every type, in both conventions, and at the edges. */
class CodecRoundTripProperties {

  @Provide
  Arbitrary<Message> messages() {
    return ProtocolArbitraries.anyMessage();
  }

  @Property(tries = 3000)
  @StatisticsReport(onFailureOnly = true)
  void everyMessageRoundTripsInBothConventions(@ForAll("messages") Message m) throws CodecException {
    Statistics.label("type").collect(MessageTypes.name(m.protocol(), m.type()));
    byte[] rfc = MessageCodec.encode(m, WireConvention.RFC_5354);
    byte[] rsplib = MessageCodec.encode(m, WireConvention.RSPLIB);
    assertEquals(m, MessageCodec.decode(m.protocol(), rfc));
    assertEquals(m, MessageCodec.decode(m.protocol(), rsplib));

    // Both are padded to 4; rsplib's Message Length counts that padding, the RFC's does not.
    assertEquals(0, rfc.length % 4);
    assertEquals(rsplib.length, messageLength(rsplib));
    assertTrue(messageLength(rfc) > rfc.length - 4 && messageLength(rfc) <= rfc.length);
    if (!hasOperationError(m)) {
      // Without error causes the conventions differ in the Message Length only.
      assertArrayEquals(Arrays.copyOfRange(rsplib, 4, rsplib.length), Arrays.copyOfRange(rfc, 4, rfc.length));
    }
    // Nothing in a message the codec wrote is "unrecognized".
    assertTrue(MessageCodec.decodeReporting(m.protocol(), rfc).unrecognizedParameters().isEmpty());
  }

  /** Every type of every protocol is generated (a generator that never produced a type would prove nothing). */
  @Property(tries = 3000)
  @StatisticsReport(onFailureOnly = true)
  void everyTypeIsGenerated(@ForAll("messages") Message m) {
    Statistics.label("type").collect(m.getClass().getName());
    Statistics.label("type").coverage(coverage -> {
      for (Message sample : ProtocolSamples.all()) coverage.check(sample.getClass().getName()).count(c -> c > 0);
    });
  }

  @Example
  void poolHandlesOfOneAndThirtyTwoBytes() throws CodecException {
    for (int length : new int[] {1, 32}) {
      byte[] name = new byte[length];
      Arrays.fill(name, (byte) 'h');
      AsapMessage.Registration m = new AsapMessage.Registration(new PoolHandle(new Bytes(name)), ProtocolSamples.poolElement());
      assertRoundTrips(m);
    }
  }

  @Example
  void anSctpTransportOfSixtyFourAddresses() throws CodecException {
    List<AddressParameter> addresses = new ArrayList<>();
    for (int i = 0; i < 64; i++) addresses.add(new Ipv6Address(0x20010db800000000L, i));
    SctpTransport sctp = new SctpTransport(3863, TransportUse.DATA_PLUS_CONTROL, addresses);
    PoolElementParameter pe = ProtocolSamples.ownedPoolElement().withAsapTransport(sctp);
    assertRoundTrips(new EnrpMessage.HandleUpdate(true, 1, 2, org.rserpool.emulator.protocol.enrp.UpdateAction.DEL_PE,
        ProtocolSamples.POOL, pe));
  }

  @Example
  void aHandleTableResponseOf128PoolElements() throws CodecException {
    List<PoolElementParameter> pes = new ArrayList<>();
    for (int i = 0; i < 128; i++) {
      PoolElementParameter owned = ProtocolSamples.ownedPoolElement();
      pes.add(new PoolElementParameter(i + 1, owned.homeEnrpServerIdentifier(), owned.registrationLife(),
          owned.userTransport(), owned.policy(), owned.asapTransport()));
    }
    EnrpMessage.HandleTableResponse m = new EnrpMessage.HandleTableResponse(false, true, 1, 2, List.of(
        new PoolEntry(ProtocolSamples.POOL, pes.subList(0, 100)), new PoolEntry(PoolHandle.of("Other"), pes.subList(100, 128))));
    assertRoundTrips(m);
  }

  @Example
  void emptyAndTheLargestCookies() throws CodecException {
    assertRoundTrips(new AsapMessage.Cookie(Bytes.EMPTY));
    // 4 header + 4 parameter header + 65527 = 65535, the largest Message Length.
    AsapMessage.CookieEcho largest = new AsapMessage.CookieEcho(new Bytes(new byte[65527]));
    assertEquals(largest, MessageCodec.decode(largest.protocol(), MessageCodec.encode(largest)));
    assertThrows(IllegalArgumentException.class, () -> MessageCodec.encode(largest, WireConvention.RSPLIB),
        "rsplib's Message Length would count the padding: 65536");
    AsapMessage.Cookie largestRsplib = new AsapMessage.Cookie(new Bytes(new byte[65524]));
    assertEquals(largestRsplib, MessageCodec.decode(largestRsplib.protocol(), MessageCodec.encode(largestRsplib, WireConvention.RSPLIB)));
    assertThrows(IllegalArgumentException.class, () -> MessageCodec.encode(new AsapMessage.Cookie(new Bytes(new byte[65528]))));
  }

  private static void assertRoundTrips(Message m) throws CodecException {
    for (WireConvention convention : WireConvention.values()) {
      assertEquals(m, MessageCodec.decode(m.protocol(), MessageCodec.encode(m, convention)), convention.name());
    }
  }

  private static int messageLength(byte[] bytes) {
    return (bytes[2] & 0xff) << 8 | bytes[3] & 0xff;
  }

  private static boolean hasOperationError(Message m) {
    return m instanceof AsapMessage.Error || m instanceof EnrpMessage.Error
        || m instanceof AsapMessage.RegistrationResponse r && r.error() != null
        || m instanceof AsapMessage.DeregistrationResponse d && d.error() != null
        || m instanceof AsapMessage.HandleResolutionResponse h && h.error() != null;
  }
}

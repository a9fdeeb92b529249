package org.rserpool.emulator.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.ProtocolSamples;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.enrp.UpdateAction;
import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.ErrorCause;
import org.rserpool.emulator.protocol.param.HandleResolutionOption;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.OperationError;
import org.rserpool.emulator.protocol.param.PeChecksum;
import org.rserpool.emulator.protocol.param.PeIdentifier;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.ServerInformation;
import org.rserpool.emulator.protocol.param.TransportUse;

/**
 * Byte-exact examples: the worked REGISTRATION and PRESENCE of rserpool-protocol.md §4.x, the messages
 * of its TShark recipe (§13.2-§13.3, built there the way rsplib's creator builds them), and the padding
 * variants of §13.6, in both conventions.
 */
class WireExamplesTest {
  static final int PR_ID = 0x0a0b0c0d;
  static final int PEER_ID = 0x01020304;
  static final PoolHandle ECHO_POOL = PoolHandle.of("EchoPool");
  static final SelectionPolicy LU_25 = SelectionPolicy.fromWords(PolicyType.LEAST_USED, 0x40000000L);
  static final SctpTransport USER = new SctpTransport(7, TransportUse.DATA_ONLY, List.of(ip("10.0.0.1"), ip("10.0.0.2")));

  static Ipv4Address ip(String dotted) {
    return Ipv4Address.parse(dotted);
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  /** Messages whose parameters are all multiples of 4 bytes: both conventions give the same bytes. */
  static Stream<Arguments> referenceMessages() {
    PoolElementParameter pe = new PoolElementParameter(0x12345678, 0, 30000, USER, LU_25, null);
    SctpTransport oneAddress = SctpTransport.of(ip("10.0.0.1"), 7, TransportUse.DATA_ONLY);
    return Stream.of(
        Arguments.of("asap_registration (§4.x)", PayloadProtocol.ASAP,
            "01000044 0009000c 4563686f506f6f6c 000a0034 12345678 00000000 00007530"
                + " 00040018 00070000 00010008 0a000001 00010008 0a000002 0008000c 40000001 40000000",
            new AsapMessage.Registration(ECHO_POOL, pe)),
        Arguments.of("asap_registration_response", PayloadProtocol.ASAP,
            "030000180009000c4563686f506f6f6c000e000812345678",
            new AsapMessage.RegistrationResponse(false, ECHO_POOL, 0x12345678, null)),
        Arguments.of("asap_registration_response_reject (cause 0x5 with the pool's policy)", PayloadProtocol.ASAP,
            "030100280009000c4563686f506f6f6c000e000812345678000c00100005000c0008000800000001",
            new AsapMessage.RegistrationResponse(true, ECHO_POOL, 0x12345678,
                OperationError.of(ErrorCauses.inconsistentPoolingPolicy(SelectionPolicy.of(PolicyType.ROUND_ROBIN))))),
        Arguments.of("rsplib_reject_cause5_without_info", PayloadProtocol.ASAP,
            "030100200009000c4563686f506f6f6c000e000812345678000c000800050004",
            new AsapMessage.RegistrationResponse(true, ECHO_POOL, 0x12345678, OperationError.of(CauseCode.INCONSISTENT_POOLING_POLICY))),
        Arguments.of("asap_handle_resolution (rsplib option, items 3)", PayloadProtocol.ASAP,
            "050000180009000c4563686f506f6f6c803f000800000003",
            new AsapMessage.HandleResolution(false, ECHO_POOL, new HandleResolutionOption(3))),
        Arguments.of("asap_handle_resolution_response", PayloadProtocol.ASAP,
            "060000500009000c4563686f506f6f6c0008000c4000000140000000000a0034123456780a0b0c0d00007530"
                + "0004001800070000000100080a000001000100080a0000020008000c4000000140000000",
            new AsapMessage.HandleResolutionResponse(false, ECHO_POOL, LU_25, List.of(pe.withHome(PR_ID)), null)),
        Arguments.of("asap_endpoint_keep_alive (H, rsplib PE Identifier)", PayloadProtocol.ASAP,
            "0701001c0a0b0c0d0009000c4563686f506f6f6c000e000812345678",
            new AsapMessage.EndpointKeepAlive(true, PR_ID, ECHO_POOL, new PeIdentifier(0x12345678))),
        Arguments.of("asap_server_announce (rsplib: no transports)", PayloadProtocol.ASAP,
            "0a0000080a0b0c0d",
            new AsapMessage.ServerAnnounce(PR_ID, List.of())),
        Arguments.of("asap_error (unrecognized parameter 0x4123)", PayloadProtocol.ASAP,
            "0e000014000c00100001000c41230008deadbeef",
            new AsapMessage.Error(OperationError.of(new ErrorCause(CauseCode.UNRECOGNIZED_PARAMETER, Bytes.fromHex("41230008deadbeef"))))),
        Arguments.of("enrp_presence (§4.x, checksum 0x53c8 as given)", PayloadProtocol.ENRP,
            "0101002c 0a0b0c0d 00000000 000f0006 53c80000 000b0018 0a0b0c0d 00040010 26ad0000 00010008 0a000064",
            new EnrpMessage.Presence(true, PR_ID, 0, new PeChecksum(0x53c8),
                new ServerInformation(PR_ID, SctpTransport.of(ip("10.0.0.100"), 9901, TransportUse.DATA_ONLY)))),
        Arguments.of("enrp_handle_update", PayloadProtocol.ENRP,
            "040000540a0b0c0d01020304000000000009000c4563686f506f6f6c000a0038123456780a0b0c0d00007530"
                + "0004001000070000000100080a0000010008000800000001000400109c400000000100080a000001",
            new EnrpMessage.HandleUpdate(false, PR_ID, PEER_ID, UpdateAction.ADD_PE, ECHO_POOL,
                new PoolElementParameter(0x12345678, PR_ID, 30000, oneAddress, SelectionPolicy.of(PolicyType.ROUND_ROBIN),
                    SctpTransport.of(ip("10.0.0.1"), 40000, TransportUse.DATA_ONLY)))),
        Arguments.of("enrp_init_takeover", PayloadProtocol.ENRP,
            "070000100a0b0c0d0102030405060708",
            new EnrpMessage.InitTakeover(PR_ID, PEER_ID, 0x05060708)),
        Arguments.of("calcapp_complete (calcapppackets.h)", PayloadProtocol.CALCAPP,
            "05000018 00000001 0000000000989680 0000000000989680",
            new CalcAppMessage.Complete(1, 10_000_000L, 10_000_000L)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("referenceMessages")
  void referenceBytesAreProducedByBothConventionsAndDecodeBack(String name, PayloadProtocol protocol, String wire, Message message)
      throws CodecException {
    byte[] bytes = hex(wire);
    assertEquals(HexFormat.of().formatHex(bytes), HexFormat.of().formatHex(MessageCodec.encode(message, WireConvention.RFC_5354)));
    assertEquals(HexFormat.of().formatHex(bytes), HexFormat.of().formatHex(MessageCodec.encode(message, WireConvention.RSPLIB)));
    assertEquals(message, MessageCodec.decode(protocol, bytes));
  }

  /** §13.6: a 5-byte handle; RFC Length 13 with the 3 pad bytes sent, rsplib Length 16. */
  @Test
  void messageLengthExcludesTheFinalPaddingByTheRfcAndIncludesItByRsplib() throws CodecException {
    AsapMessage.HandleResolution echo1 = new AsapMessage.HandleResolution(false, PoolHandle.of("Echo1"), null);
    byte[] rfc = hex("0500000d 00090009 4563686f 31000000");
    byte[] rsplib = hex("05000010 00090009 4563686f 31000000");
    assertEquals(HexFormat.of().formatHex(rfc), HexFormat.of().formatHex(MessageCodec.encode(echo1)));
    assertEquals(HexFormat.of().formatHex(rsplib), HexFormat.of().formatHex(MessageCodec.encode(echo1, WireConvention.RSPLIB)));
    assertEquals(echo1, MessageCodec.decode(PayloadProtocol.ASAP, rfc));
    assertEquals(echo1, MessageCodec.decode(PayloadProtocol.ASAP, rsplib));
    // A sender may leave the final padding out altogether.
    assertEquals(echo1, MessageCodec.decode(PayloadProtocol.ASAP, hex("0500000d 00090009 4563686f 31")));
  }

  /** The encoder reuses its buffer per thread: padding must be zeros even after a message full of ones. */
  @Test
  void paddingIsZeroAfterAnEarlierMessageFilledTheReusedBuffer() {
    byte[] ones = new byte[300];
    java.util.Arrays.fill(ones, (byte) 0xff);
    MessageCodec.encode(new AsapMessage.Cookie(new Bytes(ones)));
    AsapMessage.Error error = new AsapMessage.Error(new OperationError(List.of(
        new ErrorCause(CauseCode.UNRECOGNIZED_PARAMETER, Bytes.fromHex("c1230005ff")), ErrorCause.of(CauseCode.LACK_OF_RESOURCES))));
    assertEquals("0e000018000c001400010009c1230005ff00000000060004", HexFormat.of().formatHex(MessageCodec.encode(error)));
    assertEquals("0500000d000900094563686f31000000",
        HexFormat.of().formatHex(MessageCodec.encode(new AsapMessage.HandleResolution(false, PoolHandle.of("Echo1"), null))));
  }

  /** §13.6: an error cause quoting a 9-byte parameter; padded inside the Operation Error by the RFC, not by rsplib. */
  @Test
  void errorCausesArePaddedByTheRfcAndNotByRsplib() throws CodecException {
    AsapMessage.Error error = new AsapMessage.Error(OperationError.of(
        new ErrorCause(CauseCode.UNRECOGNIZED_PARAMETER, Bytes.fromHex("41230009deadbeef01"))));
    byte[] rfc = hex("0e000018 000c0014 0001000d 41230009 deadbeef 01000000");
    byte[] rsplib = hex("0e000018 000c0011 0001000d 41230009 deadbeef 01000000");
    assertEquals(HexFormat.of().formatHex(rfc), HexFormat.of().formatHex(MessageCodec.encode(error)));
    assertEquals(HexFormat.of().formatHex(rsplib), HexFormat.of().formatHex(MessageCodec.encode(error, WireConvention.RSPLIB)));
    assertEquals(error, MessageCodec.decode(PayloadProtocol.ASAP, rfc));
    assertEquals(error, MessageCodec.decode(PayloadProtocol.ASAP, rsplib));
  }

  @Test
  void severalCausesArePaddedBetweenEachOtherInBothConventions() throws CodecException {
    AsapMessage.Error error = new AsapMessage.Error(new OperationError(List.of(
        new ErrorCause(CauseCode.UNRECOGNIZED_PARAMETER, Bytes.fromHex("c1230005ff")),
        ErrorCause.of(CauseCode.LACK_OF_RESOURCES))));
    byte[] rsplib = MessageCodec.encode(error, WireConvention.RSPLIB);
    assertEquals("0e000018000c001400010009c1230005ff00000000060004", HexFormat.of().formatHex(rsplib));
    assertEquals(error, MessageCodec.decode(PayloadProtocol.ASAP, rsplib));
    assertEquals(error, MessageCodec.decode(PayloadProtocol.ASAP, MessageCodec.encode(error)));
  }

  /** rsplib's BUSINESS_CARD carries a policy between the handle and the pool elements (reference §2). */
  @Test
  void businessCardWithAndWithoutRsplibsPolicy() throws CodecException {
    PoolElementParameter pe = ProtocolSamples.poolElement();
    for (SelectionPolicy policy : new SelectionPolicy[] {null, LU_25}) {
      AsapMessage.BusinessCard card = new AsapMessage.BusinessCard(ECHO_POOL, policy, List.of(pe, pe.withPolicy(LU_25)));
      assertEquals(card, MessageCodec.decode(PayloadProtocol.ASAP, MessageCodec.encode(card)));
    }
  }

  /** The samples every other test uses: each one round-trips in both conventions. */
  @Test
  void everySampleRoundTrips() throws CodecException {
    for (Message m : ProtocolSamples.all()) {
      for (WireConvention convention : WireConvention.values()) {
        byte[] bytes = MessageCodec.encode(m, convention);
        assertEquals(0, bytes.length % 4, m + " is padded to 4");
        assertEquals(m, MessageCodec.decode(m.protocol(), bytes), m + " in " + convention);
      }
    }
  }
}

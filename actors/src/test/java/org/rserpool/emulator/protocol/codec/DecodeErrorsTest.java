package org.rserpool.emulator.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.ErrorCause;
import org.rserpool.emulator.protocol.param.OperationError;

/** What the decoder does with bad and unusual input: the cause, the offset, the quoted bytes, the reply. */
class DecodeErrorsTest {
  static final String HANDLE = "0009000c4563686f506f6f6c"; // Pool Handle "EchoPool", at offset 4
  static final String SCTP = "00040010000700000001000800000000".replace("00000000", "0a000001"); // port 7, 10.0.0.1
  static final String POLICY = "0008000800000001"; // round robin
  static final String PE = "000a0028123456780000000000007530" + SCTP + POLICY;

  /** A message of {@code type} whose value is the concatenated hex {@code parts}; the length is filled in. */
  static byte[] message(int type, int flags, String... parts) {
    byte[] value = HexFormat.of().parseHex(String.join("", parts));
    byte[] m = new byte[4 + value.length];
    m[0] = (byte) type;
    m[1] = (byte) flags;
    m[2] = (byte) (m.length >>> 8);
    m[3] = (byte) m.length;
    System.arraycopy(value, 0, m, 4, value.length);
    return m;
  }

  static CodecException failure(PayloadProtocol protocol, byte[] bytes) {
    return assertThrows(CodecException.class, () -> MessageCodec.decode(protocol, bytes));
  }

  @Test
  void theBaseRegistrationIsValid() throws CodecException {
    Message m = MessageCodec.decode(PayloadProtocol.ASAP, message(1, 0, HANDLE, PE));
    assertInstanceOf(AsapMessage.Registration.class, m);
  }

  // --- framing: Unspecified Error, nothing quoted ------------------------------------------------

  @Test
  void aTopLevelParameterOverrunningTheMessageIsAnUnspecifiedErrorAtItsLengthField() {
    byte[] bytes = message(1, 0, HANDLE, PE);
    bytes[16 + 2] = 0x01; // Pool Element Length 0x0128 (reference §13.4, malformed frame 1)
    CodecException e = failure(PayloadProtocol.ASAP, bytes);
    assertEquals(CauseCode.UNSPECIFIED_ERROR, e.causeCode());
    assertEquals(18, e.offset());
    assertEquals(0, e.offendingBytes().length());
    assertTrue(e.reportable());
    assertTrue(e.getMessage().contains("Pool Element parameter has Parameter Length 296"), e.getMessage());
  }

  @Test
  void aParameterShorterThanItsHeaderIsAnUnspecifiedError() {
    byte[] bytes = message(1, 0, HANDLE, PE);
    bytes[7] = 0x02; // Pool Handle Length 2 (§13.4 frame 2)
    CodecException e = failure(PayloadProtocol.ASAP, bytes);
    assertEquals(CauseCode.UNSPECIFIED_ERROR, e.causeCode());
    assertEquals(6, e.offset());
  }

  @Test
  void aMessageLengthBeyondTheBytesReceivedIsAnUnspecifiedError() {
    CodecException e = failure(PayloadProtocol.ASAP, HexFormat.of().parseHex("010000500009000c4563686f")); // §13.4 frame 4
    assertEquals(CauseCode.UNSPECIFIED_ERROR, e.causeCode());
    assertEquals(2, e.offset());
    assertTrue(e.getMessage().contains("Message Length 80 runs past the 12 bytes received"), e.getMessage());
  }

  @Test
  void bytesBeyondThePaddingAreRefused() {
    byte[] bytes = message(1, 0, HANDLE, PE);
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 4);
    CodecException e = failure(PayloadProtocol.ASAP, longer);
    assertEquals(CauseCode.UNSPECIFIED_ERROR, e.causeCode());
    assertEquals(bytes.length, e.offset());
  }

  @Test
  void inputShorterThanAHeaderHasNoType() {
    CodecException e = failure(PayloadProtocol.ENRP, new byte[] {1, 0});
    assertEquals(CodecException.NO_TYPE, e.messageType());
    assertEquals(0, e.offset());
  }

  @Test
  void aMissingMandatoryParameterIsAnUnspecifiedErrorWhereItShouldStart() {
    byte[] bytes = message(1, 0, HANDLE);
    CodecException e = failure(PayloadProtocol.ASAP, bytes);
    assertEquals(CauseCode.UNSPECIFIED_ERROR, e.causeCode());
    assertEquals(16, e.offset());
    assertTrue(e.getMessage().contains("the Pool Element parameter is missing"), e.getMessage());
  }

  @Test
  void anEnrpMessageTooShortForItsServerIdsIsAnUnspecifiedError() {
    CodecException e = failure(PayloadProtocol.ENRP, message(5, 0, "0a0b0c0d"));
    assertEquals(CauseCode.UNSPECIFIED_ERROR, e.causeCode());
    assertEquals(EnrpMessage.ListRequest.TYPE, e.messageType());
  }

  @Test
  void anUndefinedUpdateActionIsRefused() {
    CodecException e = failure(PayloadProtocol.ENRP, message(4, 0, "0a0b0c0d01020304", "00070000", HANDLE, PE));
    assertEquals(CauseCode.UNSPECIFIED_ERROR, e.causeCode());
    assertEquals(12, e.offset());
  }

  // --- faults inside parameters: Invalid Values, quoting the innermost complete parameter ---------

  @Test
  void aKnownParameterOutOfPlaceIsInvalidValuesQuotingIt() {
    CodecException e = failure(PayloadProtocol.ASAP, message(1, 0, PE, HANDLE));
    assertEquals(CauseCode.INVALID_VALUES, e.causeCode());
    assertEquals(4, e.offset());
    assertEquals(PE, e.offendingBytes().toHex());
    assertTrue(e.reportable());
  }

  @Test
  void anEmptyPoolHandleIsInvalidValuesQuotingIt() {
    // RFC 5354 §3.9 and rsplib's parser: a pool handle has at least one byte.
    for (int type : new int[] {1, 5}) {
      CodecException e = failure(PayloadProtocol.ASAP, type == 1 ? message(1, 0, "00090004", PE) : message(5, 0, "00090004"));
      assertEquals(CauseCode.INVALID_VALUES, e.causeCode());
      assertEquals(6, e.offset());
      assertEquals("00090004", e.offendingBytes().toHex());
      assertTrue(e.reportable());
    }
    CodecException enrp = failure(PayloadProtocol.ENRP, message(4, 0, "0102030405060708", "00000000", "00090004", PE));
    assertEquals(CauseCode.INVALID_VALUES, enrp.causeCode());
    assertEquals("00090004", enrp.offendingBytes().toHex());
  }

  @Test
  void aRepeatedParameterIsInvalidValuesQuotingTheSecond() {
    CodecException e = failure(PayloadProtocol.ASAP, message(1, 0, HANDLE, PE, HANDLE));
    assertEquals(CauseCode.INVALID_VALUES, e.causeCode());
    assertEquals(4 + 12 + 40, e.offset());
    assertEquals(HANDLE, e.offendingBytes().toHex());
  }

  @Test
  void aBadTransportUseQuotesTheTransportParameter() {
    String badSctp = SCTP.substring(0, 12) + "0005" + SCTP.substring(16);
    CodecException e = failure(PayloadProtocol.ASAP, message(1, 0, HANDLE, PE.replace(SCTP, badSctp)));
    assertEquals(CauseCode.INVALID_VALUES, e.causeCode());
    assertEquals(16 + 16 + 6, e.offset());
    assertEquals(badSctp, e.offendingBytes().toHex());
    assertTrue(e.getMessage().contains("Transport Use 0x0005"), e.getMessage());
  }

  @Test
  void anAddressOverrunningItsTransportQuotesTheTransport() {
    String badSctp = SCTP.substring(0, 20) + "0009" + SCTP.substring(24); // IPv4 Address Length 9 > 8 left
    CodecException e = failure(PayloadProtocol.ASAP, message(1, 0, HANDLE, PE.replace(SCTP, badSctp)));
    assertEquals(CauseCode.INVALID_VALUES, e.causeCode());
    assertEquals(badSctp, e.offendingBytes().toHex());
  }

  @Test
  void anUnknownPolicyTypeQuotesThePolicy() {
    String badPolicy = "00080008b0002009";
    CodecException e = failure(PayloadProtocol.ASAP, message(1, 0, HANDLE, PE.replace(POLICY, badPolicy)));
    assertEquals(CauseCode.INVALID_VALUES, e.causeCode());
    assertEquals(badPolicy, e.offendingBytes().toHex());
  }

  @Test
  void aPolicyWithTheWrongNumberOfValueWordsIsRefused() {
    String luWithoutLoad = "0008000840000001";
    CodecException e = failure(PayloadProtocol.ASAP, message(1, 0, HANDLE, PE.replace(POLICY, luWithoutLoad)));
    assertEquals(CauseCode.INVALID_VALUES, e.causeCode());
    assertTrue(e.getMessage().contains("its Parameter Length must be 12, not 8"), e.getMessage());
  }

  @Test
  void aFixedSizeParameterOfAnotherSizeIsRefused() {
    CodecException e = failure(PayloadProtocol.ASAP, message(2, 0, HANDLE, "000e000c1234567800000000"));
    assertEquals(CauseCode.INVALID_VALUES, e.causeCode());
    assertEquals("000e000c1234567800000000", e.offendingBytes().toHex());
  }

  @Test
  void aPoolElementWithoutPolicyQuotesThePoolElement() {
    String noPolicy = "000a0020123456780000000000007530" + SCTP;
    CodecException e = failure(PayloadProtocol.ASAP, message(1, 0, HANDLE, noPolicy));
    assertEquals(CauseCode.INVALID_VALUES, e.causeCode());
    assertEquals(noPolicy, e.offendingBytes().toHex());
    assertEquals(16 + 0x20, e.offset());
  }

  @Test
  void anEmptyOperationErrorIsRefused() {
    CodecException e = failure(PayloadProtocol.ASAP, message(14, 0, "000c0004"));
    assertEquals(CauseCode.INVALID_VALUES, e.causeCode());
    // The failed message is an ASAP_ERROR: no reply to an error, or two registrars could loop.
    assertTrue(e.errorReply(0).isEmpty());
  }

  // --- unrecognized parameter types: their action bits (RFC 5354 §3) -----------------------------

  @Test
  void actionBits00StopSilently() {
    CodecException e = failure(PayloadProtocol.ASAP, message(1, 0, HANDLE, "01230008cafebabe", PE));
    assertEquals(CauseCode.UNRECOGNIZED_PARAMETER, e.causeCode());
    assertEquals(16, e.offset());
    assertEquals("01230008cafebabe", e.offendingBytes().toHex());
    assertFalse(e.reportable());
    assertTrue(e.errorReply(0).isEmpty());
  }

  @Test
  void actionBits01StopAndReportTheParameter() {
    CodecException e = failure(PayloadProtocol.ASAP, message(1, 0, HANDLE, "41230008cafebabe", PE));
    assertTrue(e.reportable());
    Message reply = e.errorReply(0).orElseThrow();
    assertEquals(new AsapMessage.Error(OperationError.of(new ErrorCause(CauseCode.UNRECOGNIZED_PARAMETER,
        Bytes.fromHex("41230008cafebabe")))), reply);
  }

  @Test
  void actionBits10SkipTheParameterIncludingItsPadding() throws CodecException {
    Decoded d = MessageCodec.decodeReporting(PayloadProtocol.ASAP, message(1, 0, HANDLE, "81230005ff000000", PE));
    assertInstanceOf(AsapMessage.Registration.class, d.message());
    assertTrue(d.unrecognizedParameters().isEmpty());
    assertTrue(d.errorReply(0).isEmpty());
  }

  @Test
  void actionBits11SkipAndReportEveryOneInAnErrorReply() throws CodecException {
    String inside = "c0010006abcd0000"; // nested in the pool element, after the policy
    String pe = "000a0030123456780000000000007530" + SCTP + POLICY + inside;
    Decoded d = MessageCodec.decodeReporting(PayloadProtocol.ASAP, message(1, 0, HANDLE, "c1230008cafebabe", pe));
    assertInstanceOf(AsapMessage.Registration.class, d.message());
    List<ErrorCause> expected = List.of(
        new ErrorCause(CauseCode.UNRECOGNIZED_PARAMETER, Bytes.fromHex("c1230008cafebabe")),
        new ErrorCause(CauseCode.UNRECOGNIZED_PARAMETER, Bytes.fromHex("c0010006abcd")));
    assertEquals(expected, d.unrecognizedParameters());
    assertEquals(new AsapMessage.Error(new OperationError(expected)), d.errorReply(0).orElseThrow());
  }

  @Test
  void aKnownTypeWithActionBitsSetIsAnotherType() {
    // 0x4009 is not a Pool Handle: RFC 5354 types are 16 bits; its action bits say stop and report.
    CodecException e = failure(PayloadProtocol.ASAP, message(5, 0, "4009000c4563686f506f6f6c"));
    assertEquals(CauseCode.UNRECOGNIZED_PARAMETER, e.causeCode());
    assertTrue(e.reportable());
  }

  // --- unrecognized message types (RFC 5354 §4) --------------------------------------------------

  @Test
  void anUnknownMessageTypeWithActionBits00IsDroppedSilently() {
    CodecException e = failure(PayloadProtocol.ASAP, message(0x0f, 0, HANDLE));
    assertEquals(CauseCode.UNRECOGNIZED_MESSAGE, e.causeCode());
    assertFalse(e.reportable());
  }

  @Test
  void anUnknownEnrpMessageTypeWithActionBits01IsReportedToItsSender() {
    byte[] bytes = message(0x4b, 0, "0a0b0c0d00000000");
    CodecException e = failure(PayloadProtocol.ENRP, bytes);
    assertEquals(CauseCode.UNRECOGNIZED_MESSAGE, e.causeCode());
    assertTrue(e.reportable());
    assertEquals(HexFormat.of().formatHex(bytes), e.offendingBytes().toHex());
    EnrpMessage.Error reply = (EnrpMessage.Error) e.errorReply(0x01020304).orElseThrow();
    assertEquals(0x01020304, reply.senderServerId());
    assertEquals(0x0a0b0c0d, reply.receiverServerId());
    assertEquals(e.cause(), reply.error().causes().get(0));
  }

  @Test
  void aReplyQuotingTheLargestMessageIsCutToFitItsOwnLength() throws CodecException {
    byte[] huge = new byte[0xffff];
    huge[0] = 0x4f; // unknown ASAP type, action bits 01
    huge[2] = (byte) 0xff;
    huge[3] = (byte) 0xff;
    CodecException e = failure(PayloadProtocol.ASAP, huge);
    assertEquals(0xffff, e.offendingBytes().length());
    AsapMessage.Error reply = (AsapMessage.Error) e.errorReply(0).orElseThrow();
    ErrorCause quoted = reply.error().causes().get(0);
    assertEquals(CauseCode.UNRECOGNIZED_MESSAGE, quoted.code());
    assertTrue(quoted.info().length() < 0xffff);
    for (WireConvention convention : WireConvention.values()) {
      byte[] bytes = MessageCodec.encode(reply, convention);
      assertEquals(reply, MessageCodec.decode(PayloadProtocol.ASAP, bytes));
    }
  }

  @Test
  void calcAppFaultsAreNeverReplied() {
    CodecException e = failure(PayloadProtocol.CALCAPP, message(1, 0, "00000001"));
    assertEquals(CauseCode.UNSPECIFIED_ERROR, e.causeCode());
    assertFalse(e.reportable());
    assertTrue(e.errorReply(0).isEmpty());
    CodecException unknown = failure(PayloadProtocol.CALCAPP, message(9, 0, "00000001" + "00".repeat(16)));
    assertEquals(CauseCode.UNRECOGNIZED_MESSAGE, unknown.causeCode());
    assertFalse(unknown.reportable());
  }

  @Test
  void theMessageNamesCauseOffsetAndBytes() {
    CodecException e = failure(PayloadProtocol.ASAP, message(1, 0, PE, HANDLE));
    assertEquals("Invalid Values (0x0003) at offset 4 of ASAP_REGISTRATION: Pool Element parameter in the message where "
        + "the layout expects the Pool Handle parameter [offending bytes " + PE + "]", e.getMessage());
  }
}

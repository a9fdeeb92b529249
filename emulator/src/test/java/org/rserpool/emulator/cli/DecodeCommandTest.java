package org.rserpool.emulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.cli.EmulatorMainTest.Run;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.ProtocolSamples;
import org.rserpool.emulator.protocol.codec.MessageCodec;
import org.rserpool.emulator.protocol.codec.MessageTypes;

class DecodeCommandTest {
  /** The worked example of rserpool-protocol.md §4.x, as Wireshark's "Copy as hex" with colons gives it. */
  static final String REGISTRATION = "01:00:00:44:00:09:00:0c:45:63:68:6f:50:6f:6f:6c:00:0a:00:34:12:34:56:78:00:00:00:00"
      + ":00:00:75:30:00:04:00:18:00:07:00:00:00:01:00:08:0a:00:00:01:00:01:00:08:0a:00:00:02:00:08:00:0c:40:00:00:01:40:00:00:00";

  @Test
  void aRegistrationIsPrintedFieldByField() {
    Run r = EmulatorMainTest.run("decode", "--protocol", "asap", REGISTRATION);
    assertEquals(0, r.code(), r.err());
    String out = r.out();
    assertTrue(out.startsWith("ASAP_REGISTRATION (ASAP type 0x01, flags 0x00, Message Length 68, 68 bytes)"), out);
    assertTrue(out.contains("  Pool Handle: \"EchoPool\" (8 bytes: 4563686f506f6f6c)\n"), out);
    assertTrue(out.contains("    PE Identifier: 0x12345678\n"), out);
    assertTrue(out.contains("    Home ENRP Server Identifier: 0x00000000\n"), out);
    assertTrue(out.contains("    Registration Life: 30000 ms\n"), out);
    assertTrue(out.contains("    User Transport: SCTP port 7, DATA_ONLY, 2 address(es) 10.0.0.1, 10.0.0.2\n"), out);
    assertTrue(out.contains("    Policy: LeastUsed (0x40000001), Load 25.00 % (0x40000000)\n"), out);
    assertTrue(out.contains("    ASAP Transport: (absent)\n"), out);
    assertEquals("", r.err());
  }

  @Test
  void hexMaySpanArgumentsWithSpacesAndPrefixes() {
    Run r = EmulatorMainTest.run("decode", "--protocol", "12", "0x07000010 0a0b0c0d", "01020304", "05-06-07-08");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("ENRP_INIT_TAKEOVER"), r.out());
    assertTrue(r.out().contains("  Target Server ID: 0x05060708\n"), r.out());
  }

  @Test
  void everySampleDecodesAndNamesItsType() {
    for (Message m : ProtocolSamples.all()) {
      Run r = EmulatorMainTest.run("decode", "--protocol", m.protocol().name().toLowerCase(),
          HexFormat.of().formatHex(MessageCodec.encode(m)));
      assertEquals(0, r.code(), m + ": " + r.err());
      assertTrue(r.out().startsWith(MessageTypes.name(m.protocol(), m.type()) + " "), r.out());
    }
  }

  @Test
  void malformedBytesGetTheCauseOffsetAndExitCode2() {
    // rserpool-protocol.md §13.4 frame 1: the Pool Element's Length 0x0100 overruns the message.
    Run r = EmulatorMainTest.run("decode", "--protocol", "asap",
        "010000380009000c4563686f506f6f6c000a01001234567800000000000075300004001000070000000100080a0000010008000800000001");
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertTrue(r.err().contains("decode: not a valid ASAP message (56 bytes)"), r.err());
    assertTrue(r.err().contains("  message type:    ASAP_REGISTRATION\n"), r.err());
    assertTrue(r.err().contains("  cause:           Unspecified Error (0x0000)\n"), r.err());
    assertTrue(r.err().contains("  offset:          18\n"), r.err());
    assertTrue(r.err().contains("Pool Element parameter has Parameter Length 256, but the message has only 40 byte(s) left"), r.err());
    assertTrue(r.err().contains("  reply:           ASAP_ERROR 0e00000c000c000800000004\n"), r.err());
  }

  @Test
  void anUnrecognizedParameterShowsTheQuotedBytesAndTheReply() {
    Run r = EmulatorMainTest.run("decode", "--protocol", "asap", "05000014 0009000c 4563686f506f6f6c 41230004");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("  cause:           Unrecognized Parameter (0x0001)\n"), r.err());
    assertTrue(r.err().contains("  offending bytes: 41230004\n"), r.err());
    assertTrue(r.err().contains("  reply:           ASAP_ERROR 0e000010000c000c0001000841230004\n"), r.err());
  }

  @Test
  void aParameterToSkipAndReportIsListedWithTheReply() {
    Run r = EmulatorMainTest.run("decode", "--protocol", "asap", "05000014 0009000c 4563686f506f6f6c c1230004");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Skipped parameters whose action bits ask for a report (RFC 5354 §3):\n  c1230004\n"), r.out());
    assertTrue(r.out().contains("  reply:           ASAP_ERROR 0e000010000c000c00010008c1230004\n"), r.out());
  }

  @Test
  void badHexAndUnknownProtocolsAreUsageErrors() {
    Run odd = EmulatorMainTest.run("decode", "--protocol", "asap", "0a00000");
    assertEquals(2, odd.code());
    assertTrue(odd.err().contains("7 hex digits: an odd number does not make whole bytes"), odd.err());
    Run notHex = EmulatorMainTest.run("decode", "--protocol", "asap", "0a0000zz");
    assertEquals(2, notHex.code());
    assertTrue(notHex.err().contains("'z' is not a hex digit"), notHex.err());
    Run protocol = EmulatorMainTest.run("decode", "--protocol", "sctp", "0a000008");
    assertEquals(2, protocol.code());
    assertTrue(protocol.err().contains("'sctp' is not a protocol: asap, enrp, calcapp"), protocol.err());
  }
}

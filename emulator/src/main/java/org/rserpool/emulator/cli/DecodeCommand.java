package org.rserpool.emulator.cli;

import java.io.PrintStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.codec.CodecException;
import org.rserpool.emulator.protocol.codec.Decoded;
import org.rserpool.emulator.protocol.codec.MessageCodec;
import org.rserpool.emulator.protocol.codec.MessageTypes;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.ErrorCause;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./emulate decode --protocol asap|enrp|calcapp HEX...}: decodes one message from a hex dump with
 * the emulator's codec and prints it field by field, or says precisely why it is not a valid message.
 * Starts no actor system.
 */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = {
      "Decodes one ASAP, ENRP or CalcApp message from hex (e.g. copied from Wireshark)",
      "and prints every field, or the precise error: RFC 5354 cause, byte offset,",
      "offending bytes, and the error reply a registrar would send.",
      "Exit code 0 when the bytes are a message, 2 when they are not."
    },
    sortOptions = false)
final class DecodeCommand implements Callable<Integer> {

  @ParentCommand
  EmulatorMain parent;

  @Option(names = "--protocol", required = true, paramLabel = "PROTOCOL", converter = ProtocolConverter.class,
      description = "asap, enrp or calcapp (or the SCTP PPID: 11, 12, 34): the type byte alone is ambiguous.")
  PayloadProtocol protocol;

  @Parameters(arity = "1..*", paramLabel = "HEX",
      description = "The message's bytes in hex; spaces, colons, dashes and 0x prefixes are ignored, e.g. 05:00:00:10 ...")
  List<String> hex;

  @Override
  public Integer call() {
    PrintStream out = parent.out();
    PrintStream err = parent.err();
    byte[] bytes;
    try {
      bytes = parseHex(hex);
    } catch (IllegalArgumentException e) {
      err.println("decode: " + e.getMessage());
      return EmulatorMain.EXIT_BAD_INPUT;
    }
    try {
      Decoded decoded = MessageCodec.decodeReporting(protocol, bytes);
      out.print(describe(decoded, bytes));
      out.flush();
      return 0;
    } catch (CodecException e) {
      err.print(describe(e, bytes));
      err.flush();
      return EmulatorMain.EXIT_BAD_INPUT;
    }
  }

  static String describe(Decoded decoded, byte[] bytes) {
    Message m = decoded.message();
    StringBuilder s = new StringBuilder()
        .append(MessageTypes.name(m.protocol(), m.type()))
        .append(String.format(" (%s type 0x%02x, flags 0x%02x, %s)%n", m.protocol(), m.type(), bytes[1] & 0xff, length(bytes)))
        .append(MessagePrinter.fields(m));
    if (!decoded.unrecognizedParameters().isEmpty()) {
      s.append("Skipped parameters whose action bits ask for a report (RFC 5354 §3):\n");
      for (ErrorCause c : decoded.unrecognizedParameters()) s.append("  ").append(c.info().toHex()).append('\n');
      decoded.errorReply(0).ifPresent(reply -> s.append(reply(reply)));
    }
    return s.toString();
  }

  static String describe(CodecException e, byte[] bytes) {
    StringBuilder s = new StringBuilder()
        .append("decode: not a valid ").append(e.protocol()).append(" message (").append(bytes.length).append(" bytes)\n")
        .append("  message type:    ").append(e.messageType() == CodecException.NO_TYPE
            ? "(none: too short)" : MessageTypes.name(e.protocol(), e.messageType())).append('\n')
        .append("  cause:           ").append(CauseCode.describe(e.causeCode())).append('\n')
        .append("  offset:          ").append(e.offset()).append('\n')
        .append("  problem:         ").append(e.detail()).append('\n');
    if (e.offendingBytes().length() > 0) s.append("  offending bytes: ").append(e.offendingBytes().toHex()).append('\n');
    Optional<Message> reply = e.errorReply(0);
    if (reply.isPresent()) {
      s.append(reply(reply.get()));
    } else {
      s.append("  reply:           none (").append(!e.reportable()
          ? (e.protocol() == PayloadProtocol.CALCAPP ? "CalcApp has no error message" : "RFC 5354 says discard silently")
          : "the failed message is itself an error report").append(")\n");
    }
    return s.toString();
  }

  private static String reply(Message reply) {
    return "  reply:           " + MessageTypes.name(reply.protocol(), reply.type()) + " " + HexFormat.of().formatHex(MessageCodec.encode(reply)) + "\n";
  }

  private static String length(byte[] bytes) {
    return "Message Length " + ((bytes[2] & 0xff) << 8 | bytes[3] & 0xff) + ", " + bytes.length + " bytes";
  }

  /** The bytes of hex tokens that may contain spaces, colons, dashes and {@code 0x} prefixes. */
  static byte[] parseHex(List<String> tokens) {
    StringBuilder digits = new StringBuilder();
    for (String token : tokens) {
      for (String part : token.trim().split("[\\s:\\-]+")) {
        String p = part.startsWith("0x") || part.startsWith("0X") ? part.substring(2) : part;
        digits.append(p);
      }
    }
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), 16) < 0) {
        throw new IllegalArgumentException("'" + digits.charAt(i) + "' is not a hex digit (at hex digit " + (i + 1) + ")");
      }
    }
    if (digits.length() == 0) throw new IllegalArgumentException("no hex digits given");
    if (digits.length() % 2 != 0) throw new IllegalArgumentException(digits.length() + " hex digits: an odd number does not make whole bytes");
    return HexFormat.of().parseHex(digits);
  }

  static final class ProtocolConverter implements CommandLine.ITypeConverter<PayloadProtocol> {
    @Override
    public PayloadProtocol convert(String value) {
      String v = value.trim();
      try {
        PayloadProtocol byPpid = PayloadProtocol.fromPpid(Integer.parseInt(v));
        if (byPpid != null) return byPpid;
      } catch (NumberFormatException notANumber) {
        for (PayloadProtocol p : PayloadProtocol.values()) {
          if (p.name().equals(v.toUpperCase(Locale.ROOT))) return p;
        }
      }
      throw new CommandLine.TypeConversionException("'" + value + "' is not a protocol: asap, enrp, calcapp (or PPID 11, 12, 34)");
    }
  }
}

package org.rserpool.emulator.protocol.codec;

import java.util.Objects;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.RawMessage;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;

/**
 * The wire codec: every ASAP (RFC 5352), ENRP (RFC 5353) and CalcApp message record to the exact bytes
 * RFC 5354 defines (rsplib's calcapppackets.h for CalcApp), and back.
 *
 * <p>Encoding follows RFC 5354 to the letter unless told to follow rsplib's conventions
 * ({@link WireConvention}). Decoding accepts both conventions and needs the protocol, which on the wire
 * only the SCTP PPID tells (ASAP 11, ENRP 12, CalcApp 34: the type byte is ambiguous). It throws nothing
 * but {@link CodecException}, for any input; the parameters it skipped and should report come back in
 * {@link Decoded}.
 *
 * <p>Thread-safe.
 */
public final class MessageCodec {
  private MessageCodec() {}

  /**
   * One writer per thread, reused, so that encoding allocates only the returned array (a capture tap
   * encodes every message). Its buffer grows to the largest message the thread encoded (at most 128 KiB).
   */
  private static final ThreadLocal<WireWriter> SCRATCH = ThreadLocal.withInitial(() -> new WireWriter(1024));

  /** The bytes of {@code message} as RFC 5354 writes them. */
  public static byte[] encode(Message message) {
    return encode(message, WireConvention.RFC_5354);
  }

  /**
   * The bytes of {@code message}, padded to a multiple of 4, with the length conventions given. A
   * {@link RawMessage} is its bytes as they are, unpadded and whatever the convention: it stands for
   * input nobody has checked.
   *
   * @throws IllegalArgumentException when the message is too large for a 16-bit length field
   */
  public static byte[] encode(Message message, WireConvention convention) {
    Objects.requireNonNull(convention, "convention");
    if (message instanceof RawMessage raw) return raw.bytes().array();
    WireWriter w = SCRATCH.get();
    w.reset();
    if (message instanceof AsapMessage asap) {
      AsapCodec.encode(w, asap, convention);
    } else if (message instanceof EnrpMessage enrp) {
      EnrpCodec.encode(w, enrp, convention);
    } else if (message instanceof CalcAppMessage calcApp) {
      CalcAppCodec.encode(w, calcApp);
    } else {
      throw new IllegalArgumentException("no wire format for " + message);
    }
    return w.endMessage(convention);
  }

  /** Decodes one message of {@code protocol}; the parameters to report (if any) are dropped. */
  public static Message decode(PayloadProtocol protocol, byte[] bytes) throws CodecException {
    return decodeReporting(protocol, bytes, 0, bytes.length).message();
  }

  /** Decodes one message of {@code protocol}, with the skipped parameters it should report. */
  public static Decoded decodeReporting(PayloadProtocol protocol, byte[] bytes) throws CodecException {
    return decodeReporting(protocol, bytes, 0, bytes.length);
  }

  /**
   * Decodes the message in {@code bytes[offset, offset + length)}, which must hold exactly one message and
   * at most its padding (an SCTP DATA chunk's payload, a UDP datagram). Offsets in a {@link CodecException}
   * count from {@code offset}.
   */
  public static Decoded decodeReporting(PayloadProtocol protocol, byte[] bytes, int offset, int length) throws CodecException {
    Objects.requireNonNull(protocol, "protocol");
    Objects.checkFromIndexSize(offset, length, bytes.length);
    DecodeContext context = new DecodeContext(protocol, bytes, offset, length);
    Message message = switch (protocol) {
      case ASAP -> AsapCodec.decode(context);
      case ENRP -> EnrpCodec.decode(context);
      case CALCAPP -> CalcAppCodec.decode(context);
    };
    return new Decoded(message, context.reports());
  }
}

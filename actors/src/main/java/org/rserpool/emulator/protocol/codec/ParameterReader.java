package org.rserpool.emulator.protocol.codec;

import java.util.function.IntPredicate;

/**
 * Reads the parameters of one container (the message, or a parameter holding parameters) in the order
 * its layout defines.
 *
 * <p>Every header is checked before use. A parameter type the codec does not know is handled by its
 * action bits (RFC 5354 §3): skipped, skipped and reported, or the message stopped. A known parameter
 * where the layout has no place for it is an error (Invalid Values, quoting it): rsplib's parser would
 * apply that parameter's action bits instead, i.e. drop the message silently, which hides the mistake
 * from both ends; the RFC lists each message's parameters in order and defines no other treatment.
 *
 * <p>Padding: the next parameter starts after the previous one's padding to 4 bytes, or at the end of
 * the container when the container's length stops short of that padding (RFC-strict Message Length,
 * rsplib's unpadded last error cause). Padding bytes are ignored, as RFC 5354 §3 tells receivers.
 */
final class ParameterReader {
  private final DecodeContext context;
  private final Tlv container;
  private final int end;
  private int position;
  private Tlv current;

  /**
   * @param container the parameter whose value is read, or {@code null} for the message itself
   * @param from where the first parameter starts
   * @param to where the container's content ends
   */
  ParameterReader(DecodeContext context, Tlv container, int from, int to) {
    this.context = context;
    this.container = container;
    this.position = from;
    this.end = to;
  }

  /** The next parameter of a known type, without consuming it, or {@code null} at the end. */
  Tlv peek() throws CodecException {
    while (current == null && position < end) {
      int left = end - position;
      if (left < 4) throw context.fault(container, position, "%d byte(s) left in %s, too few for a parameter header", left, where());
      int type = context.u16(position);
      int length = context.u16(position + 2);
      if (length < 4) {
        throw context.fault(container, position + 2, "%s parameter has Parameter Length %d, shorter than its 4-byte header",
            ParameterType.name(type), length);
      }
      if (length > left) {
        throw context.fault(container, position + 2, "%s parameter has Parameter Length %d, but %s has only %d byte(s) left",
            ParameterType.name(type), length, where(), left);
      }
      Tlv tlv = new Tlv(position, type, length);
      if (ParameterType.isKnown(type)) {
        current = tlv;
      } else {
        ParameterType.Action action = ParameterType.Action.of(type);
        if (action.stops()) throw context.unrecognizedParameter(tlv, action.reports());
        if (action.reports()) context.report(tlv);
        position = after(tlv);
      }
    }
    return current;
  }

  boolean atEnd() throws CodecException {
    return peek() == null;
  }

  /** Whether the next parameter is of {@code type}. */
  boolean at(int type) throws CodecException {
    Tlv next = peek();
    return next != null && next.type() == type;
  }

  /** Consumes the next parameter, which the layout requires to be of {@code type}. */
  Tlv take(int type) throws CodecException {
    return take(t -> t == type, "the " + ParameterType.name(type) + " parameter");
  }

  /** Consumes the next parameter, which the layout requires to be one {@code accepted} matches ({@code what}). */
  Tlv take(IntPredicate accepted, String what) throws CodecException {
    Tlv next = peek();
    if (next == null) throw context.fault(container, end, "%s is missing at the end of %s", what, where());
    if (!accepted.test(next.type())) throw unexpected(next, what);
    current = null;
    position = after(next);
    return next;
  }

  /** Consumes the next parameter if it is of {@code type}; {@code null} otherwise. */
  Tlv takeIf(int type) throws CodecException {
    return at(type) ? take(type) : null;
  }

  /** Requires that no parameter is left. */
  void finish() throws CodecException {
    Tlv next = peek();
    if (next != null) throw unexpected(next, "nothing (the layout ends here)");
  }

  private CodecException unexpected(Tlv found, String expected) {
    return context.invalid(found, found.start(), "%s parameter in %s where the layout expects %s", found.name(), where(), expected);
  }

  private String where() {
    return container == null ? "the message" : "its " + container.name() + " parameter";
  }

  private int after(Tlv tlv) {
    return Math.min(tlv.start() + (tlv.length() + 3 & ~3), end);
  }
}

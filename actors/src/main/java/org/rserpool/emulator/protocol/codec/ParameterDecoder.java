package org.rserpool.emulator.protocol.codec;

import java.util.ArrayList;
import java.util.List;
import org.rserpool.emulator.protocol.param.AddressParameter;
import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.DccpTransport;
import org.rserpool.emulator.protocol.param.ErrorCause;
import org.rserpool.emulator.protocol.param.HandleResolutionOption;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.Ipv6Address;
import org.rserpool.emulator.protocol.param.OpaqueTransport;
import org.rserpool.emulator.protocol.param.OperationError;
import org.rserpool.emulator.protocol.param.PeChecksum;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.ServerInformation;
import org.rserpool.emulator.protocol.param.TcpTransport;
import org.rserpool.emulator.protocol.param.TransportParameter;
import org.rserpool.emulator.protocol.param.TransportUse;
import org.rserpool.emulator.protocol.param.UdpLiteTransport;
import org.rserpool.emulator.protocol.param.UdpTransport;

/**
 * Reads the parameters of RFC 5354 §3 from checked TLV headers ({@link Tlv}). Fixed-size parameters must
 * have exactly their size; every value is checked before a record is built, so that a bad value becomes
 * an Invalid Values error quoting the parameter, never an exception from a record's constructor.
 */
final class ParameterDecoder {
  private ParameterDecoder() {}

  /**
   * RFC 5354 §3.9: a pool handle has at least one byte; rsplib's parser refuses an empty one with Invalid
   * Values (0x0003) quoting the parameter. The upper limit (rsplib's 32 bytes) is a handlespace rule,
   * not framing: a longer handle decodes and its registration is refused with 0xf004.
   */
  static PoolHandle poolHandle(DecodeContext c, Tlv t) throws CodecException {
    if (t.valueLength() == 0) throw c.invalid(t, t.start() + 2, "Pool Handle parameter of length 4: a pool handle has at least one byte (RFC 5354 section 3.9)");
    return new PoolHandle(c.bytes(t.valueStart(), t.valueLength()));
  }

  /** RFC 5354 §3.13: opaque, any length. */
  static Bytes cookie(DecodeContext c, Tlv t) {
    return c.bytes(t.valueStart(), t.valueLength());
  }

  /** RFC 5354 §3.14. */
  static int peIdentifier(DecodeContext c, Tlv t) throws CodecException {
    exactLength(c, t, 8);
    return c.u32(t.valueStart());
  }

  /** RFC 5354 §3.15: Length 6 (two bytes of value, then padding). */
  static PeChecksum peChecksum(DecodeContext c, Tlv t) throws CodecException {
    exactLength(c, t, 6);
    return new PeChecksum(c.u16(t.valueStart()));
  }

  /** rsplib's Handle Resolution option: the number of items wanted. */
  static HandleResolutionOption handleResolutionOption(DecodeContext c, Tlv t) throws CodecException {
    exactLength(c, t, 8);
    return new HandleResolutionOption(c.u32Unsigned(t.valueStart()));
  }

  /** RFC 5354 §3.1, §3.2. */
  static AddressParameter address(DecodeContext c, Tlv t) throws CodecException {
    if (t.type() == Ipv4Address.TYPE) {
      exactLength(c, t, 8);
      return new Ipv4Address(c.u32(t.valueStart()));
    }
    exactLength(c, t, 20);
    return new Ipv6Address(c.u64(t.valueStart()), c.u64(t.valueStart() + 8));
  }

  /** A transport parameter of RFC 5354 §3.3-§3.7 or §3.16; {@code t} is one ({@link ParameterType#isTransport}). */
  static TransportParameter transport(DecodeContext c, Tlv t) throws CodecException {
    int v = t.valueStart();
    switch (t.type()) {
      case ParameterType.SCTP_TRANSPORT:
        return sctpTransport(c, t);
      case ParameterType.TCP_TRANSPORT:
        minimumValue(c, t, 4);
        // RFC 5354 §3.5 reserves bytes 6-7; rsplib and Wireshark read the transport use there.
        return new TcpTransport(c.u16(v), transportUse(c, t, v + 2), singleAddress(c, t, v + 4));
      case ParameterType.UDP_TRANSPORT:
        minimumValue(c, t, 4);
        return new UdpTransport(c.u16(v), singleAddress(c, t, v + 4));
      case ParameterType.UDP_LITE_TRANSPORT:
        minimumValue(c, t, 4);
        return new UdpLiteTransport(c.u16(v), singleAddress(c, t, v + 4));
      case ParameterType.DCCP_TRANSPORT:
        minimumValue(c, t, 8);
        return new DccpTransport(c.u16(v), c.u32Unsigned(v + 4), singleAddress(c, t, v + 8));
      default:
        return new OpaqueTransport(c.bytes(v, t.valueLength()));
    }
  }

  /** RFC 5354 §3.4: port, transport use, one or more addresses. */
  static SctpTransport sctpTransport(DecodeContext c, Tlv t) throws CodecException {
    minimumValue(c, t, 4);
    int v = t.valueStart();
    TransportUse use = transportUse(c, t, v + 2);
    ParameterReader r = new ParameterReader(c, t, v + 4, t.end());
    List<AddressParameter> addresses = new ArrayList<>(2);
    while (!r.atEnd()) addresses.add(address(c, r.take(ParameterType::isAddress, "an IPv4 or IPv6 Address parameter")));
    if (addresses.isEmpty()) throw c.invalid(t, t.end(), "SCTP Transport parameter without an address");
    return new SctpTransport(c.u16(v), use, addresses);
  }

  /** RFC 5354 §3.8 with the value words of RFC 5356 and rsplib (rserpoolmessage.h). */
  static SelectionPolicy policy(DecodeContext c, Tlv t) throws CodecException {
    minimumValue(c, t, 4);
    int v = t.valueStart();
    int code = c.u32(v);
    PolicyType type = PolicyType.fromCode(code);
    if (type == null) throw c.invalid(t, v, "policy type 0x%08x is neither an RFC 5356 nor an rsplib policy", code);
    int words = type.valueWords().size();
    if (t.valueLength() != 4 + 4 * words) {
      throw c.invalid(t, t.start() + 2, "%s policy has %d value word(s), so its Parameter Length must be %d, not %d",
          type, words, 8 + 4 * words, t.length());
    }
    long[] values = new long[words];
    for (int i = 0; i < words; i++) values[i] = c.u32Unsigned(v + 4 + 4 * i);
    return SelectionPolicy.fromWords(type, values);
  }

  /**
   * RFC 5354 §3.10: identifier, home ENRP server, registration life (signed; ms as in rsplib), then the
   * user transport, the policy and, optionally, the ASAP transport (an SCTP transport).
   */
  static PoolElementParameter poolElement(DecodeContext c, Tlv t) throws CodecException {
    minimumValue(c, t, 12);
    int v = t.valueStart();
    ParameterReader r = new ParameterReader(c, t, v + 12, t.end());
    TransportParameter user = transport(c, r.take(ParameterType::isTransport, "a user transport parameter"));
    SelectionPolicy policy = policy(c, r.take(ParameterType.SELECTION_POLICY));
    Tlv asap = r.takeIf(ParameterType.SCTP_TRANSPORT);
    SctpTransport asapTransport = asap == null ? null : sctpTransport(c, asap);
    r.finish();
    return new PoolElementParameter(c.u32(v), c.u32(v + 4), c.u32(v + 8), user, policy, asapTransport);
  }

  static List<PoolElementParameter> poolElements(DecodeContext c, ParameterReader r) throws CodecException {
    List<PoolElementParameter> pes = new ArrayList<>();
    while (r.at(ParameterType.POOL_ELEMENT)) pes.add(poolElement(c, r.take(ParameterType.POOL_ELEMENT)));
    return pes;
  }

  /** RFC 5354 §3.11: server ID, then the server's SCTP transport. */
  static ServerInformation serverInformation(DecodeContext c, Tlv t) throws CodecException {
    minimumValue(c, t, 4);
    ParameterReader r = new ParameterReader(c, t, t.valueStart() + 4, t.end());
    SctpTransport transport = sctpTransport(c, r.take(ParameterType.SCTP_TRANSPORT));
    r.finish();
    return new ServerInformation(c.u32(t.valueStart()), transport);
  }

  /**
   * RFC 5354 §3.12: one or more causes. A cause is followed by its padding to 4 bytes unless the
   * parameter ends first (rsplib does not pad its single cause).
   */
  static OperationError operationError(DecodeContext c, Tlv t) throws CodecException {
    List<ErrorCause> causes = new ArrayList<>(1);
    int p = t.valueStart();
    while (p < t.end()) {
      if (t.end() - p < 4) throw c.invalid(t, p, "%d byte(s) left, too few for an error cause header", t.end() - p);
      int length = c.u16(p + 2);
      if (length < 4) throw c.invalid(t, p + 2, "Cause Length %d is shorter than the 4-byte cause header", length);
      if (length > t.end() - p) {
        throw c.invalid(t, p + 2, "Cause Length %d runs past the Operation Error parameter (%d byte(s) left)", length, t.end() - p);
      }
      causes.add(new ErrorCause(c.u16(p), c.bytes(p + 4, length - 4)));
      p = Math.min(p + (length + 3 & ~3), t.end());
    }
    if (causes.isEmpty()) throw c.invalid(t, t.start(), "Operation Error parameter without an error cause");
    return new OperationError(causes);
  }

  private static TransportUse transportUse(DecodeContext c, Tlv t, int offset) throws CodecException {
    int code = c.u16(offset);
    TransportUse use = TransportUse.fromCode(code);
    if (use == null) {
      throw c.invalid(t, offset, "Transport Use 0x%04x is neither DATA ONLY (0) nor DATA PLUS CONTROL (1)", code);
    }
    return use;
  }

  /** The one address of a TCP, UDP, UDP-Lite or DCCP transport, from {@code from} to the parameter's end. */
  private static AddressParameter singleAddress(DecodeContext c, Tlv t, int from) throws CodecException {
    ParameterReader r = new ParameterReader(c, t, from, t.end());
    AddressParameter address = address(c, r.take(ParameterType::isAddress, "an IPv4 or IPv6 Address parameter"));
    r.finish();
    return address;
  }

  private static void exactLength(DecodeContext c, Tlv t, int length) throws CodecException {
    if (t.length() != length) {
      throw c.invalid(t, t.start() + 2, "%s parameter has Parameter Length %d; it must be %d", t.name(), t.length(), length);
    }
  }

  private static void minimumValue(DecodeContext c, Tlv t, int bytes) throws CodecException {
    if (t.valueLength() < bytes) {
      throw c.invalid(t, t.start() + 2, "%s parameter has Parameter Length %d, too short for its %d fixed value bytes",
          t.name(), t.length(), bytes);
    }
  }
}

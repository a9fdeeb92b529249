package org.rserpool.emulator.protocol.codec;

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
import org.rserpool.emulator.protocol.param.PolicyValue;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.ServerInformation;
import org.rserpool.emulator.protocol.param.TcpTransport;
import org.rserpool.emulator.protocol.param.TransportParameter;
import org.rserpool.emulator.protocol.param.UdpLiteTransport;
import org.rserpool.emulator.protocol.param.UdpTransport;

/** Writes the parameters of RFC 5354 §3 (and rsplib's Handle Resolution option) as TLVs. */
final class ParameterEncoder {
  private ParameterEncoder() {}

  /** RFC 5354 §3.1, §3.2. */
  static void address(WireWriter w, AddressParameter address) {
    if (address instanceof Ipv4Address v4) {
      int start = w.beginTlv(Ipv4Address.TYPE);
      w.u32(v4.value());
      w.endTlv(start);
    } else if (address instanceof Ipv6Address v6) {
      int start = w.beginTlv(Ipv6Address.TYPE);
      w.u64(v6.high());
      w.u64(v6.low());
      w.endTlv(start);
    } else {
      throw new IllegalArgumentException("not an address parameter: " + address);
    }
  }

  /**
   * RFC 5354 §3.3-§3.7, §3.16. The TCP parameter carries the transport use in its reserved bytes 6-7 as
   * rsplib and Wireshark read them; DATA ONLY is 0 there, which is what the RFC's reserved field holds.
   */
  static void transport(WireWriter w, TransportParameter transport) {
    int start = w.beginTlv(transport.parameterType());
    if (transport instanceof SctpTransport sctp) {
      w.u16(sctp.port());
      w.u16(sctp.transportUse().code());
      for (AddressParameter a : sctp.addresses()) address(w, a);
    } else if (transport instanceof TcpTransport tcp) {
      w.u16(tcp.port());
      w.u16(tcp.transportUse().code());
      address(w, tcp.address());
    } else if (transport instanceof UdpTransport udp) {
      w.u16(udp.port());
      w.u16(0);
      address(w, udp.address());
    } else if (transport instanceof UdpLiteTransport udpLite) {
      w.u16(udpLite.port());
      w.u16(0);
      address(w, udpLite.address());
    } else if (transport instanceof DccpTransport dccp) {
      w.u16(dccp.port());
      w.u16(0);
      w.u32(dccp.serviceCode());
      address(w, dccp.address());
    } else if (transport instanceof OpaqueTransport opaque) {
      w.bytes(opaque.value());
    }
    w.endTlv(start);
  }

  /** RFC 5354 §3.8: the type word, then the value words the type defines (RFC 5356, rsplib). */
  static void policy(WireWriter w, SelectionPolicy policy) {
    int start = w.beginTlv(SelectionPolicy.TYPE);
    w.u32(policy.type().code());
    List<PolicyValue> words = policy.type().valueWords();
    for (int i = 0; i < words.size(); i++) w.u32(policy.value(words.get(i)));
    w.endTlv(start);
  }

  /** RFC 5354 §3.9. */
  static void poolHandle(WireWriter w, PoolHandle handle) {
    opaque(w, PoolHandle.TYPE, handle.value());
  }

  /** RFC 5354 §3.10. Registration Life in milliseconds, as rsplib and Wireshark have it (§14 of the reference). */
  static void poolElement(WireWriter w, PoolElementParameter pe) {
    int start = w.beginTlv(PoolElementParameter.TYPE);
    w.u32(pe.identifier());
    w.u32(pe.homeEnrpServerIdentifier());
    w.u32(pe.registrationLife());
    transport(w, pe.userTransport());
    policy(w, pe.policy());
    if (pe.asapTransport() != null) transport(w, pe.asapTransport());
    w.endTlv(start);
  }

  static void poolElements(WireWriter w, List<PoolElementParameter> pes) {
    for (PoolElementParameter pe : pes) poolElement(w, pe);
  }

  /** RFC 5354 §3.11. */
  static void serverInformation(WireWriter w, ServerInformation info) {
    int start = w.beginTlv(ServerInformation.TYPE);
    w.u32(info.serverIdentifier());
    transport(w, info.serverTransport());
    w.endTlv(start);
  }

  /**
   * RFC 5354 §3.12: each cause is code, Cause Length (code, length and information, not padding) and the
   * information, padded to 4 bytes, except the last one under rsplib's convention (createErrorParameter).
   */
  static void operationError(WireWriter w, OperationError error, WireConvention convention) {
    int start = w.beginTlv(OperationError.TYPE);
    List<ErrorCause> causes = error.causes();
    for (int i = 0; i < causes.size(); i++) {
      ErrorCause cause = causes.get(i);
      int length = 4 + cause.info().length();
      if (length > 0xffff) {
        throw new IllegalArgumentException("error cause " + cause.code() + " with " + cause.info().length()
            + " bytes of information does not fit the 16-bit Cause Length");
      }
      w.u16(cause.code());
      w.u16(length);
      w.bytes(cause.info());
      if (i < causes.size() - 1 || convention.padLastErrorCause()) w.zeros(-length & 3);
    }
    w.endTlv(start);
  }

  /** RFC 5354 §3.13. */
  static void cookie(WireWriter w, Bytes cookie) {
    opaque(w, ParameterType.COOKIE, cookie);
  }

  /** RFC 5354 §3.14. */
  static void peIdentifier(WireWriter w, int identifier) {
    int start = w.beginTlv(ParameterType.PE_IDENTIFIER);
    w.u32(identifier);
    w.endTlv(start);
  }

  /** RFC 5354 §3.15: Length 6, then two bytes of the parameter's own padding. */
  static void peChecksum(WireWriter w, PeChecksum checksum) {
    int start = w.beginTlv(PeChecksum.TYPE);
    w.u16(checksum.value());
    w.endTlv(start);
  }

  /** rsplib's Handle Resolution option (draft-dreibholz-rserpool-asap-hropt), type 0x803f. */
  static void handleResolutionOption(WireWriter w, HandleResolutionOption option) {
    int start = w.beginTlv(HandleResolutionOption.TYPE);
    w.u32(option.items());
    w.endTlv(start);
  }

  private static void opaque(WireWriter w, int type, Bytes value) {
    int start = w.beginTlv(type);
    w.bytes(value);
    w.endTlv(start);
  }
}

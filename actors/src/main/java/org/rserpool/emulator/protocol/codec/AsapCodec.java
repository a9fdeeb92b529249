package org.rserpool.emulator.protocol.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.asap.AsapMessage.BusinessCard;
import org.rserpool.emulator.protocol.asap.AsapMessage.Cookie;
import org.rserpool.emulator.protocol.asap.AsapMessage.CookieEcho;
import org.rserpool.emulator.protocol.asap.AsapMessage.Deregistration;
import org.rserpool.emulator.protocol.asap.AsapMessage.DeregistrationResponse;
import org.rserpool.emulator.protocol.asap.AsapMessage.EndpointKeepAlive;
import org.rserpool.emulator.protocol.asap.AsapMessage.EndpointKeepAliveAck;
import org.rserpool.emulator.protocol.asap.AsapMessage.EndpointUnreachable;
import org.rserpool.emulator.protocol.asap.AsapMessage.HandleResolution;
import org.rserpool.emulator.protocol.asap.AsapMessage.HandleResolutionResponse;
import org.rserpool.emulator.protocol.asap.AsapMessage.Registration;
import org.rserpool.emulator.protocol.asap.AsapMessage.RegistrationResponse;
import org.rserpool.emulator.protocol.asap.AsapMessage.ServerAnnounce;
import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.OperationError;
import org.rserpool.emulator.protocol.param.PeIdentifier;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TransportParameter;

/**
 * The 14 ASAP messages (RFC 5352 §2.2) on the wire, with rsplib's additions: the Handle Resolution
 * option in HANDLE_RESOLUTION, the PE Identifier in ENDPOINT_KEEP_ALIVE and the policy in
 * BUSINESS_CARD (reference §14 items 4, 5, 7). Parameters are read in the order of each layout.
 */
final class AsapCodec {
  private AsapCodec() {}

  /** Flag bits (bit 0 = 0x01) of RFC 5352 §2.2.3, §2.2.5, §2.2.6 and §2.2.7. */
  private static final int R_REJECT = 0x01;
  private static final int S_REQUEST_UPDATES = 0x01;
  private static final int A_ACCEPTS_UPDATES = 0x01;
  private static final int H_HOME = 0x01;

  static void encode(WireWriter w, AsapMessage m, WireConvention convention) {
    w.beginMessage(m.type(), flags(m));
    if (m instanceof Registration r) {
      ParameterEncoder.poolHandle(w, r.poolHandle());
      ParameterEncoder.poolElement(w, r.poolElement());
    } else if (m instanceof Deregistration d) {
      handleAndPeIdentifier(w, d.poolHandle(), d.peIdentifier());
    } else if (m instanceof RegistrationResponse r) {
      handleAndPeIdentifier(w, r.poolHandle(), r.peIdentifier());
      if (r.error() != null) ParameterEncoder.operationError(w, r.error(), convention);
    } else if (m instanceof DeregistrationResponse d) {
      handleAndPeIdentifier(w, d.poolHandle(), d.peIdentifier());
      if (d.error() != null) ParameterEncoder.operationError(w, d.error(), convention);
    } else if (m instanceof HandleResolution h) {
      ParameterEncoder.poolHandle(w, h.poolHandle());
      if (h.option() != null) ParameterEncoder.handleResolutionOption(w, h.option());
    } else if (m instanceof HandleResolutionResponse h) {
      ParameterEncoder.poolHandle(w, h.poolHandle());
      if (h.overallPolicy() != null) ParameterEncoder.policy(w, h.overallPolicy());
      ParameterEncoder.poolElements(w, h.poolElements());
      if (h.error() != null) ParameterEncoder.operationError(w, h.error(), convention);
    } else if (m instanceof EndpointKeepAlive k) {
      w.u32(k.serverIdentifier());
      ParameterEncoder.poolHandle(w, k.poolHandle());
      if (k.peIdentifier() != null) ParameterEncoder.peIdentifier(w, k.peIdentifier().value());
    } else if (m instanceof EndpointKeepAliveAck k) {
      handleAndPeIdentifier(w, k.poolHandle(), k.peIdentifier());
    } else if (m instanceof EndpointUnreachable u) {
      handleAndPeIdentifier(w, u.poolHandle(), u.peIdentifier());
    } else if (m instanceof ServerAnnounce a) {
      w.u32(a.serverIdentifier());
      for (TransportParameter t : a.transports()) ParameterEncoder.transport(w, t);
    } else if (m instanceof Cookie k) {
      ParameterEncoder.cookie(w, k.cookie());
    } else if (m instanceof CookieEcho k) {
      ParameterEncoder.cookie(w, k.cookie());
    } else if (m instanceof BusinessCard b) {
      ParameterEncoder.poolHandle(w, b.poolHandle());
      if (b.overallPolicy() != null) ParameterEncoder.policy(w, b.overallPolicy());
      ParameterEncoder.poolElements(w, b.poolElements());
    } else if (m instanceof AsapMessage.Error e) {
      ParameterEncoder.operationError(w, e.error(), convention);
    }
  }

  private static int flags(AsapMessage m) {
    if (m instanceof RegistrationResponse r) return r.reject() ? R_REJECT : 0;
    if (m instanceof HandleResolution h) return h.requestUpdates() ? S_REQUEST_UPDATES : 0;
    if (m instanceof HandleResolutionResponse h) return h.acceptsUpdates() ? A_ACCEPTS_UPDATES : 0;
    if (m instanceof EndpointKeepAlive k) return k.home() ? H_HOME : 0;
    return 0;
  }

  private static void handleAndPeIdentifier(WireWriter w, PoolHandle handle, int peIdentifier) {
    ParameterEncoder.poolHandle(w, handle);
    ParameterEncoder.peIdentifier(w, peIdentifier);
  }

  static AsapMessage decode(DecodeContext c) throws CodecException {
    int length = c.messageLength();
    int type = c.u8(0);
    boolean flag = (c.u8(1) & 0x01) != 0;
    return switch (type) {
      case Registration.TYPE -> {
        ParameterReader r = new ParameterReader(c, null, 4, length);
        PoolHandle handle = poolHandle(c, r);
        Registration m = new Registration(handle, ParameterDecoder.poolElement(c, r.take(ParameterType.POOL_ELEMENT)));
        r.finish();
        yield m;
      }
      case Deregistration.TYPE -> handleAndPeIdentifier(c, length, Deregistration::new);
      case RegistrationResponse.TYPE -> {
        ParameterReader r = new ParameterReader(c, null, 4, length);
        PoolHandle handle = poolHandle(c, r);
        int pe = peIdentifier(c, r);
        yield new RegistrationResponse(flag, handle, pe, optionalError(c, r));
      }
      case DeregistrationResponse.TYPE -> {
        ParameterReader r = new ParameterReader(c, null, 4, length);
        PoolHandle handle = poolHandle(c, r);
        int pe = peIdentifier(c, r);
        yield new DeregistrationResponse(handle, pe, optionalError(c, r));
      }
      case HandleResolution.TYPE -> {
        ParameterReader r = new ParameterReader(c, null, 4, length);
        PoolHandle handle = poolHandle(c, r);
        var option = r.takeIf(ParameterType.HANDLE_RESOLUTION_OPTION);
        r.finish();
        yield new HandleResolution(flag, handle, option == null ? null : ParameterDecoder.handleResolutionOption(c, option));
      }
      case HandleResolutionResponse.TYPE -> {
        ParameterReader r = new ParameterReader(c, null, 4, length);
        PoolHandle handle = poolHandle(c, r);
        SelectionPolicy policy = optionalPolicy(c, r);
        var pes = ParameterDecoder.poolElements(c, r);
        yield new HandleResolutionResponse(flag, handle, policy, pes, optionalError(c, r));
      }
      case EndpointKeepAlive.TYPE -> {
        requireFixedFields(c, length, 8, "its Server Identifier");
        ParameterReader r = new ParameterReader(c, null, 8, length);
        PoolHandle handle = poolHandle(c, r);
        var pe = r.takeIf(ParameterType.PE_IDENTIFIER);
        r.finish();
        yield new EndpointKeepAlive(flag, c.u32(4), handle, pe == null ? null : new PeIdentifier(ParameterDecoder.peIdentifier(c, pe)));
      }
      case EndpointKeepAliveAck.TYPE -> handleAndPeIdentifier(c, length, EndpointKeepAliveAck::new);
      case EndpointUnreachable.TYPE -> handleAndPeIdentifier(c, length, EndpointUnreachable::new);
      case ServerAnnounce.TYPE -> {
        requireFixedFields(c, length, 8, "its Server Identifier");
        ParameterReader r = new ParameterReader(c, null, 8, length);
        List<TransportParameter> transports = new ArrayList<>(2);
        while (!r.atEnd()) transports.add(ParameterDecoder.transport(c, r.take(ParameterType::isTransport, "a transport parameter")));
        yield new ServerAnnounce(c.u32(4), transports);
      }
      case Cookie.TYPE -> cookie(c, length, Cookie::new);
      case CookieEcho.TYPE -> cookie(c, length, CookieEcho::new);
      case BusinessCard.TYPE -> {
        ParameterReader r = new ParameterReader(c, null, 4, length);
        PoolHandle handle = poolHandle(c, r);
        SelectionPolicy policy = optionalPolicy(c, r);
        List<PoolElementParameter> pes = new ArrayList<>();
        pes.add(ParameterDecoder.poolElement(c, r.take(ParameterType.POOL_ELEMENT))); // RFC 5352 §2.2.13: one or more
        pes.addAll(ParameterDecoder.poolElements(c, r));
        r.finish();
        yield new BusinessCard(handle, policy, pes);
      }
      case AsapMessage.Error.TYPE -> {
        ParameterReader r = new ParameterReader(c, null, 4, length);
        AsapMessage.Error m = new AsapMessage.Error(ParameterDecoder.operationError(c, r.take(ParameterType.OPERATION_ERROR)));
        r.finish();
        yield m;
      }
      default -> throw c.unrecognizedMessage(length);
    };
  }

  /** The layout Pool Handle, PE Identifier (RFC 5352 §2.2.2, §2.2.8, §2.2.9). */
  private static AsapMessage handleAndPeIdentifier(DecodeContext c, int length, BiFunction<PoolHandle, Integer, AsapMessage> message)
      throws CodecException {
    ParameterReader r = new ParameterReader(c, null, 4, length);
    AsapMessage m = message.apply(poolHandle(c, r), peIdentifier(c, r));
    r.finish();
    return m;
  }

  /** The layout of ASAP_COOKIE and ASAP_COOKIE_ECHO: one Cookie parameter (RFC 5352 §2.2.11, §2.2.12). */
  private static AsapMessage cookie(DecodeContext c, int length, Function<Bytes, AsapMessage> message) throws CodecException {
    ParameterReader r = new ParameterReader(c, null, 4, length);
    AsapMessage m = message.apply(ParameterDecoder.cookie(c, r.take(ParameterType.COOKIE)));
    r.finish();
    return m;
  }

  /** Requires room for the fixed fields after the header (e.g. ENDPOINT_KEEP_ALIVE's Server Identifier). */
  static void requireFixedFields(DecodeContext c, int length, int needed, String what) throws CodecException {
    if (length < needed) {
      throw c.unspecified(4, "Message Length %d leaves no room for %s (the message needs at least %d bytes)", length, what, needed);
    }
  }

  static PoolHandle poolHandle(DecodeContext c, ParameterReader r) throws CodecException {
    return ParameterDecoder.poolHandle(c, r.take(ParameterType.POOL_HANDLE));
  }

  private static int peIdentifier(DecodeContext c, ParameterReader r) throws CodecException {
    return ParameterDecoder.peIdentifier(c, r.take(ParameterType.PE_IDENTIFIER));
  }

  private static SelectionPolicy optionalPolicy(DecodeContext c, ParameterReader r) throws CodecException {
    var t = r.takeIf(ParameterType.SELECTION_POLICY);
    return t == null ? null : ParameterDecoder.policy(c, t);
  }

  /** The optional Operation Error that ends a response; nothing may follow it. */
  static OperationError optionalError(DecodeContext c, ParameterReader r) throws CodecException {
    var t = r.takeIf(ParameterType.OPERATION_ERROR);
    OperationError error = t == null ? null : ParameterDecoder.operationError(c, t);
    r.finish();
    return error;
  }
}

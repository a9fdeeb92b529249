package org.rserpool.emulator.protocol;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.enrp.UpdateAction;
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
import org.rserpool.emulator.protocol.param.PeIdentifier;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolEntry;
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
 * jqwik generators for every message record and parameter, sized so that every message fits its 16-bit
 * length: pool handles of 1-32 bytes (rsplib's range, both ends included) and now and then of any length,
 * SCTP transports of 1-64 addresses, up to 128 pool elements in a handle table response, empty to large
 * cookies.
 */
public final class ProtocolArbitraries {
  private ProtocolArbitraries() {}

  static final int MAX_ADDRESSES = SctpTransport.MAX_ADDRESSES;

  public static Arbitrary<Bytes> bytes(int minLength, int maxLength) {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(minLength).ofMaxSize(maxLength).map(Bytes::new);
  }

  public static Arbitrary<Integer> id() {
    return Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  static Arbitrary<Long> u32() {
    return Arbitraries.longs().between(0, 0xffffffffL);
  }

  static Arbitrary<Integer> port() {
    return Arbitraries.integers().between(0, 0xffff);
  }

  public static Arbitrary<PoolHandle> poolHandle() {
    return Arbitraries.frequencyOf(
        Tuple.of(9, bytes(1, PoolHandle.MAX_LENGTH)),
        Tuple.of(1, bytes(1, 300))).map(PoolHandle::new); // an empty handle is refused (RFC 5354 §3.9)
  }

  public static Arbitrary<AddressParameter> address() {
    return Arbitraries.oneOf(
        id().map(Ipv4Address::new),
        Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(Ipv6Address::new));
  }

  public static Arbitrary<SctpTransport> sctpTransport(int maxAddresses) {
    return Combinators.combine(port(), Arbitraries.of(TransportUse.class), address().list().ofMinSize(1).ofMaxSize(maxAddresses))
        .as(SctpTransport::new);
  }

  public static Arbitrary<TransportParameter> transport(int maxAddresses) {
    return Arbitraries.oneOf(
        sctpTransport(maxAddresses),
        Combinators.combine(port(), Arbitraries.of(TransportUse.class), address()).as(TcpTransport::new),
        Combinators.combine(port(), address()).as(UdpTransport::new),
        Combinators.combine(port(), address()).as(UdpLiteTransport::new),
        Combinators.combine(port(), u32(), address()).as(DccpTransport::new),
        bytes(0, 40).map(OpaqueTransport::new));
  }

  /** Every policy type, with random value words. */
  public static Arbitrary<SelectionPolicy> policy() {
    return Arbitraries.of(PolicyType.class).flatMap(type -> u32().array(long[].class).ofSize(type.valueWords().size())
        .map(words -> SelectionPolicy.fromWords(type, words)));
  }

  public static Arbitrary<PoolElementParameter> poolElement(int maxAddresses) {
    return Combinators.combine(id(), id(), id(), transport(maxAddresses), policy(),
            sctpTransport(maxAddresses).injectNull(0.4))
        .as(PoolElementParameter::new);
  }

  public static Arbitrary<ServerInformation> serverInformation() {
    return Combinators.combine(id(), sctpTransport(4)).as(ServerInformation::new);
  }

  public static Arbitrary<OperationError> operationError() {
    Arbitrary<ErrorCause> cause = Combinators.combine(Arbitraries.integers().between(0, 0xffff), bytes(0, 24)).as(ErrorCause::new);
    return cause.list().ofMinSize(1).ofMaxSize(3).map(OperationError::new);
  }

  /** Mostly small cookies, sometimes empty, now and then large (up to 60,000 bytes). */
  public static Arbitrary<Bytes> cookie() {
    return Arbitraries.frequencyOf(Tuple.of(10, bytes(0, 64)), Tuple.of(1, bytes(1000, 60_000)));
  }

  /** Up to {@code maxPoolElements} pool elements, grouped into pool entries of one or more each. */
  public static Arbitrary<List<PoolEntry>> poolEntries(int maxPoolElements) {
    return Combinators.combine(poolElement(2).list().ofMaxSize(maxPoolElements), poolHandle().list().ofMinSize(1).ofMaxSize(8),
            Arbitraries.randoms())
        .as((pes, handles, random) -> {
          List<PoolEntry> entries = new ArrayList<>();
          int i = 0;
          while (i < pes.size()) {
            int n = 1 + random.nextInt(pes.size() - i);
            entries.add(new PoolEntry(handles.get(entries.size() % handles.size()), pes.subList(i, i + n)));
            i += n;
          }
          return entries;
        });
  }

  public static Arbitrary<AsapMessage> asap() {
    Arbitrary<Boolean> flag = Arbitraries.of(true, false);
    Arbitrary<PoolHandle> ph = poolHandle();
    return Arbitraries.oneOf(List.of(
        Combinators.combine(ph, poolElement(MAX_ADDRESSES)).as(AsapMessage.Registration::new),
        Combinators.combine(ph, id()).as(AsapMessage.Deregistration::new),
        Combinators.combine(flag, ph, id(), operationError().injectNull(0.5)).as(AsapMessage.RegistrationResponse::new),
        Combinators.combine(ph, id(), operationError().injectNull(0.5)).as(AsapMessage.DeregistrationResponse::new),
        Combinators.combine(flag, ph, u32().map(HandleResolutionOption::new).injectNull(0.5)).as(AsapMessage.HandleResolution::new),
        Combinators.combine(flag, ph, policy().injectNull(0.3), poolElement(8).list().ofMaxSize(8), operationError().injectNull(0.5))
            .as(AsapMessage.HandleResolutionResponse::new),
        Combinators.combine(flag, id(), ph, id().map(PeIdentifier::new).injectNull(0.3)).as(AsapMessage.EndpointKeepAlive::new),
        Combinators.combine(ph, id()).as(AsapMessage.EndpointKeepAliveAck::new),
        Combinators.combine(ph, id()).as(AsapMessage.EndpointUnreachable::new),
        Combinators.combine(id(), transport(4).list().ofMaxSize(4)).as(AsapMessage.ServerAnnounce::new),
        cookie().map(AsapMessage.Cookie::new),
        cookie().map(AsapMessage.CookieEcho::new),
        Combinators.combine(ph, policy().injectNull(0.5), poolElement(8).list().ofMinSize(1).ofMaxSize(8)).as(AsapMessage.BusinessCard::new),
        operationError().map(AsapMessage.Error::new)));
  }

  public static Arbitrary<EnrpMessage> enrp() {
    Arbitrary<Boolean> flag = Arbitraries.of(true, false);
    return Arbitraries.oneOf(List.of(
        Combinators.combine(flag, id(), id(), Arbitraries.integers().between(0, 0xffff).map(PeChecksum::new).injectNull(0.3),
            serverInformation().injectNull(0.3)).as(EnrpMessage.Presence::new),
        Combinators.combine(flag, id(), id()).as(EnrpMessage.HandleTableRequest::new),
        Combinators.combine(flag, flag, id(), id(), poolEntries(128)).as(EnrpMessage.HandleTableResponse::new),
        Combinators.combine(flag, id(), id(), Arbitraries.of(UpdateAction.class), poolHandle(), poolElement(MAX_ADDRESSES))
            .as(EnrpMessage.HandleUpdate::new),
        Combinators.combine(id(), id()).as(EnrpMessage.ListRequest::new),
        Combinators.combine(flag, id(), id(), serverInformation().list().ofMaxSize(16)).as(EnrpMessage.ListResponse::new),
        Combinators.combine(id(), id(), id()).as(EnrpMessage.InitTakeover::new),
        Combinators.combine(id(), id(), id()).as(EnrpMessage.InitTakeoverAck::new),
        Combinators.combine(id(), id(), id()).as(EnrpMessage.TakeoverServer::new),
        Combinators.combine(id(), id(), operationError()).as(EnrpMessage.Error::new)));
  }

  public static Arbitrary<CalcAppMessage> calcApp() {
    Arbitrary<Long> size = Arbitraries.longs();
    return Arbitraries.oneOf(List.of(
        Combinators.combine(id(), size).as(CalcAppMessage.Request::new),
        Combinators.combine(id(), size).as(CalcAppMessage.Accept::new),
        id().map(CalcAppMessage.Reject::new),
        id().map(CalcAppMessage.Abort::new),
        Combinators.combine(id(), size, size).as(CalcAppMessage.Complete::new),
        id().map(CalcAppMessage.KeepAlive::new),
        id().map(CalcAppMessage.KeepAliveAck::new)));
  }

  public static Arbitrary<Message> anyMessage() {
    return Arbitraries.oneOf(asap(), enrp(), calcApp());
  }
}

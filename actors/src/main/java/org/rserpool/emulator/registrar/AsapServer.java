package org.rserpool.emulator.registrar;

import java.util.ArrayList;
import java.util.List;
import org.rserpool.emulator.handlespace.Pool;
import org.rserpool.emulator.handlespace.PoolElementEntry;
import org.rserpool.emulator.handlespace.RegistrationResult;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.enrp.UpdateAction;
import org.rserpool.emulator.protocol.param.AddressParameter;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.DccpTransport;
import org.rserpool.emulator.protocol.param.HandleResolutionOption;
import org.rserpool.emulator.protocol.param.Identifiers;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.OpaqueTransport;
import org.rserpool.emulator.protocol.param.OperationError;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.TcpTransport;
import org.rserpool.emulator.protocol.param.TransportParameter;
import org.rserpool.emulator.protocol.param.TransportUse;
import org.rserpool.emulator.protocol.param.UdpLiteTransport;
import org.rserpool.emulator.protocol.param.UdpTransport;

/**
 * The registrar's ASAP server side (RFC 5352 §3; rsplib rspregistrar-asap.c; RSPSIM registrarprocess.cc):
 * what it does with REGISTRATION, DEREGISTRATION, HANDLE_RESOLUTION and ENDPOINT_UNREACHABLE, and its
 * SERVER_ANNOUNCEs. Keep-alives and their acknowledgements belong to {@link PoolElementSupervision}.
 */
final class AsapServer {
  private final RegistrarContext c;
  private final PoolElementSupervision supervision;
  private final HandleUpdates updates;
  private final StartupPhase startup;
  private final RateLimiter handleResolutionRate;
  private final RateLimiter endpointUnreachableRate;

  AsapServer(RegistrarContext c, PoolElementSupervision supervision, HandleUpdates updates, StartupPhase startup) {
    this.c = c;
    this.supervision = supervision;
    this.updates = updates;
    this.startup = startup;
    this.handleResolutionRate = new RateLimiter(c.settings().handleResolutionRate());
    this.endpointUnreachableRate = new RateLimiter(c.settings().endpointUnreachableRate());
  }

  /** RSPSIM asapNoServiceDuringStartup: refuse service while the handlespace may still be incomplete. */
  private boolean refusingService() {
    return c.settings().noServiceDuringStartup() && startup.active();
  }

  /**
   * ASAP_REGISTRATION (RFC 5352 §3.1; rsplib registrarHandleASAPRegistration). The registrar becomes the
   * home of the pool element whatever home it named; its ASAP transport is where the request came from
   * (rsplib takes the association's addresses); its user transport keeps only addresses the request came
   * from (rsplib's subset rule); a DPF policy's distance is set from the round trip to it ({@link
   * Distances}). On success it is supervised by keep-alives, and every peer hears ADD_PE.
   */
  void onRegistration(Packet packet, AsapMessage.Registration m) {
    c.metrics().registrations.increment();
    PoolElementParameter requested = m.poolElement();
    OperationError refusal;
    if (refusingService()) {
      // RSPSIM answers with only the reject flag; a cause tells the pool element why.
      refusal = OperationError.of(CauseCode.UNSPECIFIED_ERROR);
      c.log().debug("{}: refusing registration of {} during the startup phase", c.name(), Identifiers.hex(requested.identifier()));
    } else {
      refusal = register(packet, m.poolHandle(), requested);
    }
    if (refusal != null) c.metrics().refusedRegistrations.increment();
    c.sockets().asap(packet.source(), new AsapMessage.RegistrationResponse(refusal != null, m.poolHandle(), requested.identifier(), refusal));
  }

  /** Registers the pool element; returns the cause when refused, {@code null} when accepted. */
  private OperationError register(Packet packet, PoolHandle handle, PoolElementParameter requested) {
    Ipv4Address source = packet.source().address();
    TransportParameter user = usableUserTransport(requested.userTransport(), source);
    if (user == null) {
      c.log().info("{}: refused registration of {} in {}: no user transport address is the sender's {}",
          c.name(), Identifiers.hex(requested.identifier()), handle, source);
      return RefusalCauses.noUsableUserAddress(c.settings().errorCauses(), requested.userTransport());
    }
    PoolElementParameter pe = new PoolElementParameter(requested.identifier(), c.serverId(), requested.registrationLife(), user,
        requested.policy(), SctpTransport.of(source, packet.source().port(), TransportUse.DATA_ONLY));
    // rsplib registrarHandleASAPRegistration: the DPF distance is this association's, not the PE's word.
    pe = Distances.set(pe, Distances.of(c.sockets().roundTripNanos(packet.receiver(), packet.source()), c.settings().distanceStep()));
    long now = c.now();
    RegistrationResult result = c.handlespace().register(handle, pe, now);
    if (!result.accepted()) {
      OperationError error = RefusalCauses.of(result, handle, pe);
      c.log().info("{}: refused registration of {} in {}: {}", c.name(), Identifiers.hex(pe.identifier()), handle, error.causes());
      return error;
    }
    PoolElementEntry e = result.entry();
    if (result.previousOwner() != 0 && result.previousOwner() != c.serverId()) {
      c.log().debug("{}: pool element {} moved here from {}", c.name(), Identifiers.hex(pe.identifier()), Identifiers.hex(result.previousOwner()));
    }
    supervision.supervise(e, now);
    updates.send(UpdateAction.ADD_PE, handle, e.parameter());
    return null;
  }

  /**
   * The user transport with only the addresses the registration came from (rsplib
   * transportAddressBlockFilter: an address of the association, ports not compared), or {@code null}
   * when none is left. Emulated components are single-homed, so that is the packet's source address. An
   * opaque transport has no address to check (rsplib cannot parse one at all).
   */
  static TransportParameter usableUserTransport(TransportParameter t, Ipv4Address source) {
    if (t instanceof SctpTransport s) {
      List<AddressParameter> kept = new ArrayList<>();
      for (AddressParameter a : s.addresses()) {
        if (a.equals(source)) kept.add(a);
      }
      if (kept.isEmpty()) return null;
      return kept.size() == s.addresses().size() ? s : new SctpTransport(s.port(), s.transportUse(), kept);
    }
    if (t instanceof TcpTransport tcp) return source.equals(tcp.address()) ? t : null;
    if (t instanceof UdpTransport udp) return source.equals(udp.address()) ? t : null;
    if (t instanceof UdpLiteTransport lite) return source.equals(lite.address()) ? t : null;
    if (t instanceof DccpTransport dccp) return source.equals(dccp.address()) ? t : null;
    if (t instanceof OpaqueTransport) return t;
    throw new IllegalStateException("unknown transport " + t);
  }

  /**
   * ASAP_DEREGISTRATION (RFC 5352 §3.2): answered without error even when the pool element is unknown.
   * Peers hear DEL_PE with this registrar as home, whoever owned it (rsplib; RSPSIM takes ownership first).
   */
  void onDeregistration(Packet packet, AsapMessage.Deregistration m) {
    c.metrics().deregistrations.increment();
    PoolElementEntry e = c.handlespace().find(m.poolHandle(), m.peIdentifier());
    if (e != null) {
      updates.send(UpdateAction.DEL_PE, m.poolHandle(), e.parameter().withHome(c.serverId()));
      c.handlespace().remove(e);
    }
    c.sockets().asap(packet.source(), new AsapMessage.DeregistrationResponse(m.poolHandle(), m.peIdentifier(), null));
  }

  /**
   * ASAP_HANDLE_RESOLUTION (RFC 5352 §3.3; rsplib registrarHandleASAPHandleResolution). Up to the items
   * the request's Handle Resolution option asks for, or MaxHandleResolutionItems when it has none or asks
   * for 0, at most 128. Like rsplib, a positive response carries a copy of the first selected element's
   * policy as the overall policy, and the pool elements without their ASAP transport. A pool user over
   * MaxHRRate gets no answer (RSPSIM) or Unknown Pool Handle (rsplib), as configured.
   */
  void onHandleResolution(Packet packet, AsapMessage.HandleResolution m) {
    c.metrics().handleResolutions.increment();
    if (!handleResolutionRate.permits(packet.source(), m.poolHandle(), 0, c.now())) {
      c.metrics().refusedHandleResolutions.increment();
      c.log().debug("{}: handle resolution of {} over the rate limit", c.name(), packet.source());
      if (c.settings().answerRefusedHandleResolutions()) {
        c.sockets().asap(packet.source(), negative(m, CauseCode.UNKNOWN_POOL_HANDLE));
      }
      return;
    }
    if (refusingService()) {
      c.sockets().asap(packet.source(), negative(m, CauseCode.UNSPECIFIED_ERROR));
      return;
    }
    List<PoolElementEntry> selected = c.handlespace().select(m.poolHandle(), items(m), c.settings().maxIncrement());
    if (selected.isEmpty()) {
      // An unknown pool; or, rarely, a pool whose policy selects nothing (weighted random with every
      // weight 0), where rsplib cannot build a response and aborts the association.
      c.sockets().asap(packet.source(), negative(m, CauseCode.UNKNOWN_POOL_HANDLE));
      return;
    }
    List<PoolElementParameter> withoutAsap = new ArrayList<>(selected.size());
    for (PoolElementEntry e : selected) withoutAsap.add(e.parameter().withAsapTransport(null));
    c.sockets().asap(packet.source(), new AsapMessage.HandleResolutionResponse(false, m.poolHandle(), withoutAsap.get(0).policy(), withoutAsap, null));
  }

  private int items(AsapMessage.HandleResolution m) {
    HandleResolutionOption option = m.option();
    long asked = option == null || option.items() == 0 ? c.settings().maxHandleResolutionItems() : option.items();
    int items = (int) Math.min(asked, RegistrarSettings.MAX_ITEMS);
    if (c.settings().randomizeHandleResolutionItems()) {
      // RSPSIM randomizeMaxHandleResolutionItems: m = min(pool size, items + 1); m - 1 if m > 1; uniform 1..m.
      Pool pool = c.handlespace().pool(m.poolHandle());
      int max = Math.min(pool == null ? 0 : pool.size(), items + 1);
      max = max > 1 ? max - 1 : 1;
      items = 1 + c.random().nextInt(max);
    }
    return items;
  }

  private static AsapMessage.HandleResolutionResponse negative(AsapMessage.HandleResolution m, int cause) {
    return new AsapMessage.HandleResolutionResponse(false, m.poolHandle(), null, List.of(), OperationError.of(cause));
  }

  /**
   * ASAP_ENDPOINT_UNREACHABLE (RFC 5352 §3.5): every report counts against the pool element; at
   * MaxBadPEReports it is removed, and if this registrar owns it its peers hear DEL_PE. As rsplib, no
   * keep-alive probe is sent first and the count is "at least" rather than the RFC's "exceeds". Reports
   * over MaxEURate are ignored (counted, as RSPSIM counts them, before the limit applies).
   */
  void onEndpointUnreachable(Packet packet, AsapMessage.EndpointUnreachable m) {
    c.metrics().endpointUnreachables.increment();
    if (!endpointUnreachableRate.permits(packet.source(), m.poolHandle(), 0, c.now())) {
      c.metrics().refusedEndpointUnreachables.increment();
      c.log().debug("{}: unreachability report of {} over the rate limit", c.name(), packet.source());
      return;
    }
    PoolElementEntry e = c.handlespace().find(m.poolHandle(), m.peIdentifier());
    if (e == null) return;
    int reports = e.reportUnreachable();
    if (reports >= c.settings().maxBadPeReports()) {
      c.log().info("{}: pool element {} of {} reported unreachable {} times; removing it",
          c.name(), Identifiers.hex(e.identifier()), m.poolHandle(), reports);
      supervision.remove(e);
    }
  }

  /** ASAP_SERVER_ANNOUNCE as rsplib sends it: the server ID only; receivers take the sender's address. */
  void announce() {
    c.sockets().announce(new AsapMessage.ServerAnnounce(c.serverId(), List.of()));
  }
}

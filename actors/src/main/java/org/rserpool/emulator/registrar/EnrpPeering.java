package org.rserpool.emulator.registrar;

import java.util.ArrayList;
import java.util.List;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.param.AddressParameter;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.ServerInformation;

/**
 * A registrar among its peers (RFC 5353 §3.1-§3.4; rsplib rspregistrar-enrp.c): the heartbeat
 * PRESENCEs, what a received PRESENCE does (learn or refresh the peer, choose a mentor during startup,
 * audit, answer a reply-required one), and the peer list exchange (LIST_REQUEST / LIST_RESPONSE).
 */
final class EnrpPeering {
  private final RegistrarContext c;
  private final Presences presences;
  private final HandlespaceSync sync;
  private final StartupPhase startup;

  EnrpPeering(RegistrarContext c, Presences presences, HandlespaceSync sync, StartupPhase startup) {
    this.c = c;
    this.presences = presences;
    this.sync = sync;
    this.startup = startup;
  }

  /**
   * At start: greet every configured peer with a reply-required PRESENCE, so that a mentor answers at
   * once (RSPSIM startupService; rsplib's first PRESENCE waits for the end of mentor discovery and relies
   * on its peers' heartbeats reaching it within that time).
   */
  void start() {
    for (Peer p : c.peers().all()) presences.send(p, true);
  }

  /**
   * The ENRP announce timer (rsplib registrarHandleENRPAnnounceTimer): it first fires at the end of
   * mentor discovery, which ends a startup phase still running ("alone"); then every heartbeat cycle it
   * sends a PRESENCE to the ENRP group and to every peer.
   */
  void onHeartbeat() {
    if (startup.active()) startup.end(false);
    presences.sendToAll();
  }

  /**
   * ENRP_PRESENCE (rsplib registrarHandleENRPPresence; RFC 5353 §3.4): learns or refreshes the peer (its
   * ENRP transport is the sender's address with the port of its Server Information, as rsplib takes
   * from a multicast PRESENCE) and restarts its last-heard timer. A new peer is greeted. During startup
   * without a mentor the peer becomes the mentor. A PRESENCE that came unicast (rsplib: over SCTP, not
   * the multicast socket) is audited, asks once for the peer's list, and is answered when it requires a
   * reply.
   *
   * @return the peer, or {@code null} when the PRESENCE was unusable (sender ID 0)
   */
  Peer onPresence(Packet packet, EnrpMessage.Presence m) {
    ServerInformation info = m.serverInformation();
    int port = info != null ? info.serverTransport().port() : packet.source().port();
    PeerList.Registration r = c.peers().register(m.senderServerId(), new TransportAddress(packet.source().address(), port));
    if (r == null) {
      c.log().debug("{}: presence from server ID {} ignored", c.name(), m.senderServerId());
      return null;
    }
    Peer peer = r.peer();
    boolean unicast = !packet.multicast();
    if (r.isNew()) c.log().info("{}: new {}", c.name(), peer);
    if (m.replyRequired() && unicast) {
      c.metrics().requestedPresences.increment();
      presences.send(peer, false);
    } else if (r.isNew()) {
      // RSPSIM greets a new peer with R=0; rsplib registrarHandleENRPPresence with R=1 (greet-with-reply-required).
      presences.send(peer, c.settings().greetWithReplyRequired());
    }
    sync.abandonStalled(peer);
    if (startup.wantsMentor() && !peer.handleTableSync) {
      startup.chooseMentor(peer.id);
      requestList(peer);
      sync.downloadFrom(peer);
    }
    if (unicast) {
      sync.audit(peer, m.checksum());
      if (!peer.listSync) requestList(peer);
    }
    c.peers().setTimer(peer, Peer.Timer.MAX_TIME_LAST_HEARD, c.now() + c.settings().peerMaxTimeLastHeard().toNanos());
    return peer;
  }

  /** rsplib PLNS_LISTSYNC: each peer is asked for its list once (the flag is never cleared, as in rsplib). */
  private void requestList(Peer peer) {
    peer.listSync = true;
    c.metrics().peerListRequests.increment();
    c.sockets().enrp(peer.address, new EnrpMessage.ListRequest(c.serverId(), peer.id));
  }

  /** ENRP_LIST_REQUEST (RFC 5353 §3.2): every peer this registrar knows, never rejected (rsplib). */
  void onListRequest(Packet packet, EnrpMessage.ListRequest m) {
    List<ServerInformation> servers = new ArrayList<>();
    for (Peer p : c.peers().all()) servers.add(Presences.serverInformation(p.id, p.address));
    c.sockets().enrp(packet.source(), new EnrpMessage.ListResponse(false, c.serverId(), m.senderServerId(), servers));
  }

  /**
   * ENRP_LIST_RESPONSE (rsplib registrarHandleENRPListResponse): every listed server with an ID becomes a
   * peer; a new one gets a PRESENCE and a last-heard timer.
   */
  void onListResponse(EnrpMessage.ListResponse m) {
    if (m.reject()) {
      c.log().info("{}: server {} rejected the list request", c.name(), m.senderServerId());
      return;
    }
    for (ServerInformation s : m.servers()) {
      TransportAddress address = address(s);
      if (s.serverIdentifier() == 0 || address == null) continue;
      PeerList.Registration r = c.peers().register(s.serverIdentifier(), address);
      if (r == null || !r.isNew()) continue;
      c.log().info("{}: new {} (from the list of {})", c.name(), r.peer(), m.senderServerId());
      c.peers().setTimer(r.peer(), Peer.Timer.MAX_TIME_LAST_HEARD, c.now() + c.settings().peerMaxTimeLastHeard().toNanos());
      presences.send(r.peer(), false);
    }
  }

  private static TransportAddress address(ServerInformation s) {
    for (AddressParameter a : s.serverTransport().addresses()) {
      if (a instanceof Ipv4Address v4) return new TransportAddress(v4, s.serverTransport().port());
    }
    return null;
  }

  /** ENRP_INIT_TAKEOVER naming this registrar (RFC 5353 §3.5.1 a): prove it is alive with PRESENCEs to all. */
  void defendAgainstTakeover(EnrpMessage.InitTakeover m) {
    c.log().warn("{}: server {} is trying to take this registrar over; answering with presences", c.name(), m.senderServerId());
    presences.sendToAll();
  }
}

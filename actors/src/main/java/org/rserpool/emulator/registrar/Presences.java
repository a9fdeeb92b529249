package org.rserpool.emulator.registrar;

import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.param.PeChecksum;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.ServerInformation;
import org.rserpool.emulator.protocol.param.TransportUse;

/**
 * The ENRP_PRESENCEs a registrar sends (RFC 5353 §2.1; rsplib registrarSendENRPPresence): always with
 * the PE checksum of the pool elements it owns (what its peers audit against, §3.6.1) and its Server
 * Information, both of which rsplib requires.
 */
final class Presences {
  private final RegistrarContext c;
  private final ServerInformation serverInformation;

  Presences(RegistrarContext c) {
    this.c = c;
    this.serverInformation = serverInformation(c.serverId(), c.sockets().enrpAddress());
  }

  /** A registrar's Server Information (RFC 5354 §3.11): its ID and its ENRP transport. */
  static ServerInformation serverInformation(int serverId, TransportAddress enrp) {
    return new ServerInformation(serverId, SctpTransport.of(enrp.address(), enrp.port(), TransportUse.DATA_ONLY));
  }

  ServerInformation serverInformation() {
    return serverInformation;
  }

  /** @param receiverId the peer's ID, 0 when unknown or group-cast (RFC 5353 §2.1) */
  EnrpMessage.Presence presence(boolean replyRequired, int receiverId) {
    return new EnrpMessage.Presence(replyRequired, c.serverId(), receiverId,
        new PeChecksum(c.handlespace().ownershipChecksum(c.serverId())), serverInformation);
  }

  void send(Peer peer, boolean replyRequired) {
    c.sockets().enrp(peer.address, presence(replyRequired, peer.id));
  }

  /**
   * rsplib registrarHandleENRPAnnounceTimer / registrarSendENRPPresenceToAllPeers: one to the ENRP group
   * (when multicast is on) and one to every peer, static ones whose ID is unknown included.
   */
  void sendToAll() {
    if (c.sockets().enrpMulticast()) c.sockets().enrpMulticast(presence(false, 0));
    for (Peer p : c.peers().all()) send(p, false);
  }
}

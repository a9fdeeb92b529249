package org.rserpool.emulator.registrar;

import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.enrp.UpdateAction;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;

/**
 * Sends ENRP_HANDLE_UPDATE (RFC 5353 §2.4, §3.3) to the peers on every change of a pool element this
 * registrar owns: ADD_PE on (re-)registration, DEL_PE on deregistration and removal. One unicast per
 * peer whose ID is known (RSPSIM sendENRPHandleUpdates; rsplib also sends to static peers not yet heard,
 * which cannot use it before they sync anyway).
 *
 * <p>Takeover Suggestion (RSPSIM asapUseTakeoverSuggestion, draft-dreibholz-rserpool-enrp-takeover): the
 * ADD_PE to the peer whose (ID xor PE identifier) is largest, if larger than this registrar's own, carries
 * the T flag, asking that peer to take the pool element over. RSPSIM sets the flag on that peer's one
 * update; rsplib sends it a second copy with the flag.
 */
final class HandleUpdates {
  private final RegistrarContext c;

  HandleUpdates(RegistrarContext c) {
    this.c = c;
  }

  /** @param poolElement the pool element with its home and ASAP transport (rsplib's parser requires both) */
  void send(UpdateAction action, PoolHandle handle, PoolElementParameter poolElement) {
    Peer suggested = action == UpdateAction.ADD_PE && c.settings().takeoverSuggestion() && poolElement.homeEnrpServerIdentifier() == c.serverId()
        ? usefulPeerFor(poolElement.identifier()) : null;
    for (Peer p : c.peers().known()) {
      c.sockets().enrp(p.address, new EnrpMessage.HandleUpdate(p == suggested, c.serverId(), p.id, action, handle, poolElement));
    }
  }

  /** rsplib peerListManagementGetUsefulPeerForPE: the metric is ID xor PE identifier, unsigned. */
  private Peer usefulPeerFor(int peIdentifier) {
    Peer best = null;
    long bestMetric = Integer.toUnsignedLong(c.serverId() ^ peIdentifier);
    for (Peer p : c.peers().known()) {
      long metric = Integer.toUnsignedLong(p.id ^ peIdentifier);
      if (metric > bestMetric) {
        best = p;
        bestMetric = metric;
      }
    }
    return best;
  }
}

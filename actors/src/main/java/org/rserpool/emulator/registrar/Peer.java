package org.rserpool.emulator.registrar;

import org.rserpool.emulator.handlespace.HandleTableExtraction;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.param.Identifiers;

/**
 * One entry of a registrar's peer list (rsplib peerlistnode-template.h): another registrar, its ENRP
 * transport, and what this registrar is doing with it: synchronisation flags, its one monitoring timer,
 * takeover state, and the handle table being sent to it in chunks.
 *
 * <p>A static peer (from the configured peer list, RSPSIM's enrpStaticPeersList) starts with ID 0 and
 * learns the ID from the first PRESENCE from its address; a dynamic one is learnt from a PRESENCE or
 * LIST_RESPONSE. Owned by the registrar actor; not thread-safe.
 */
final class Peer {
  /** The peer timers of rsplib (PLNT_*); a peer has at most one running. */
  enum Timer {
    /** PLNT_MAX_TIME_LAST_HEARD: no PRESENCE for PeerMaxTimeLastHeard; ask for one. */
    MAX_TIME_LAST_HEARD,
    /** PLNT_MAX_TIME_NO_RESPONSE: the PRESENCE asked for did not come; the peer is dead. */
    MAX_TIME_NO_RESPONSE,
    /** PLNT_TAKEOVER_EXPIRY: this registrar's takeover of the peer waited long enough for acknowledgements. */
    TAKEOVER_EXPIRY
  }

  /** Stable for the entry's life: keys its actor timer. */
  final int key;
  final boolean isStatic;
  int id;
  TransportAddress address;

  // rsplib PLNS_LISTSYNC, PLNS_HTSYNC, PLNS_MENTOR
  boolean listSync;
  boolean handleTableSync;
  boolean mentor;
  /** When the running handle table transfer from this peer last made progress (request sent, response received). */
  long handleTableSyncNanos;

  Timer timer;
  long timerNanos;

  /** rsplib TakeoverRegistrarID: another registrar announced it takes this peer over; 0 for none. */
  int takeoverRegistrarId;
  /** This registrar's own takeover of the peer, or null. */
  TakeoverProcess takeover;

  /** The handle table this registrar is sending to the peer in chunks (rsplib keeps it in the peer's UserData). */
  HandleTableExtraction extraction;
  boolean extractionOwnedOnly;
  long extractionNanos;

  Peer(int key, int id, TransportAddress address, boolean isStatic) {
    this.key = key;
    this.id = id;
    this.address = address;
    this.isStatic = isStatic;
  }

  boolean known() {
    return id != 0;
  }

  @Override
  public String toString() {
    return "peer " + (id == 0 ? "(ID unknown)" : Identifiers.hex(id)) + " at " + address + (isStatic ? " (static)" : "");
  }
}

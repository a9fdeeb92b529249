package org.rserpool.emulator.registrar;

import org.rserpool.emulator.network.Endpoint;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;

/**
 * Where a registrar sends from, as rsplib's registrar has its sockets: ASAP from its ASAP address
 * (the IANA port 3863), ENRP from its ENRP address (9901), and the announcements to their multicast
 * groups from the same addresses (rsplib sends them over UDP from those ports).
 */
final class RegistrarSockets {
  private final Endpoint endpoint;
  private final TransportAddress asap;
  private final TransportAddress enrp;
  private final TransportAddress asapAnnounceGroup;
  private final TransportAddress enrpGroup;

  /**
   * @param asapAnnounceGroup where ASAP_SERVER_ANNOUNCEs go, or {@code null} for none
   * @param enrpGroup where multicast ENRP_PRESENCEs go, or {@code null} for none
   */
  RegistrarSockets(Endpoint endpoint, TransportAddress asap, TransportAddress enrp, TransportAddress asapAnnounceGroup, TransportAddress enrpGroup) {
    this.endpoint = endpoint;
    this.asap = asap;
    this.enrp = enrp;
    this.asapAnnounceGroup = asapAnnounceGroup;
    this.enrpGroup = enrpGroup;
  }

  TransportAddress asapAddress() {
    return asap;
  }

  TransportAddress enrpAddress() {
    return enrp;
  }

  /**
   * The smoothed round-trip time of the association between this registrar's {@code from} address and
   * {@code peer}, as rsplib reads it with getsockopt(SCTP_STATUS) (spinfo_srtt). The emulated network
   * has no SCTP, so it is the round trip of the links between the two addresses (see
   * {@link org.rserpool.emulator.network.Network#idleRoundTripNanos}).
   */
  long roundTripNanos(TransportAddress from, TransportAddress peer) {
    return endpoint.network().idleRoundTripNanos(from, peer);
  }

  /** Aborts the ASAP association with {@code peer}. */
  void abort(TransportAddress peer) {
    endpoint.abort(asap, peer);
  }

  void asap(TransportAddress to, AsapMessage message) {
    endpoint.send(asap, to, message);
  }

  void enrp(TransportAddress to, EnrpMessage message) {
    endpoint.send(enrp, to, message);
  }

  boolean announces() {
    return asapAnnounceGroup != null;
  }

  void announce(AsapMessage.ServerAnnounce announce) {
    if (asapAnnounceGroup != null) endpoint.send(asap, asapAnnounceGroup, announce);
  }

  boolean enrpMulticast() {
    return enrpGroup != null;
  }

  void enrpMulticast(EnrpMessage.Presence presence) {
    if (enrpGroup != null) endpoint.send(enrp, enrpGroup, presence);
  }
}

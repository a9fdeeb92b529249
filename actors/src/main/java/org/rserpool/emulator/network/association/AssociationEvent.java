package org.rserpool.emulator.network.association;

import org.rserpool.emulator.network.TransportAddress;

/**
 * What an endpoint's SCTP stack tells its application about one of its associations
 * (SCTP_ASSOC_CHANGE, RFC 6458 §6.1.1): the association with {@code peer}, from {@code local}, is gone.
 *
 * @param local the endpoint's own address of the association
 * @param peer the other end
 */
public record AssociationEvent(TransportAddress local, TransportAddress peer, Cause cause) {
  public enum Cause {
    /**
     * SCTP_COMM_LOST after Association.Max.Retrans consecutive retransmissions went unacknowledged
     * (RFC 4960 §8.1): the peer is dead, or unreachable.
     */
    RETRANSMISSIONS_EXHAUSTED,
    /** SCTP_COMM_LOST on an ABORT from the peer (RFC 4960 §9.1), e.g. a registrar's keep-alive timeout (rsplib). */
    ABORTED,
    /**
     * SCTP_COMM_LOST on an ABORT from a peer that restarted: its new incarnation answers the old
     * association's DATA with an ABORT (RFC 4960 §8.4, out of the blue).
     */
    PEER_RESTARTED
  }
}

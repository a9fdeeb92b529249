package org.rserpool.emulator.registrar;

import java.util.List;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.param.Identifiers;

/**
 * Who a registrar is and whom it knows when it starts.
 *
 * @param name for logs and for the label of its own gauges, e.g. {@code registrar-1-2}
 * @param serverId its ENRP server ID: random, non-zero, fixed for its lifetime (RFC 5353 §2.1)
 * @param asapAddress where pool elements and pool users reach it (port 3863)
 * @param enrpAddress where its peers reach it (port 9901)
 * @param staticPeers the ENRP addresses of the registrars it knows from the start, with IDs unknown until
 *     heard (RSPSIM enrpStaticPeersList, rsplib -peer); its own address is ignored
 */
public record RegistrarIdentity(String name, int serverId, TransportAddress asapAddress, TransportAddress enrpAddress, List<TransportAddress> staticPeers) {

  public RegistrarIdentity {
    if (name == null || asapAddress == null || enrpAddress == null) throw new IllegalArgumentException("name and addresses are required");
    if (serverId == 0) throw new IllegalArgumentException("server ID 0 means \"undefined\" in ENRP (RFC 5353 §2.1)");
    staticPeers = List.copyOf(staticPeers);
  }

  /** A registrar without static peers, its ENRP address the ASAP address's host at the IANA ENRP port. */
  public static RegistrarIdentity standalone(int serverId, TransportAddress asapAddress) {
    return new RegistrarIdentity("registrar-" + Identifiers.hex(serverId), serverId, asapAddress,
        asapAddress.withPort(PayloadProtocol.ENRP.wellKnownPort()), List.of());
  }
}

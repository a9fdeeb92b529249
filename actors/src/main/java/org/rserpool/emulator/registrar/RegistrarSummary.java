package org.rserpool.emulator.registrar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import org.rserpool.emulator.handlespace.Handlespace;
import org.rserpool.emulator.handlespace.Pool;
import org.rserpool.emulator.handlespace.PoolElementEntry;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.param.Identifiers;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.serialization.ClusterSerializable;

/**
 * What a registrar holds, as it answers {@link Registrar.GetSummary}: every pool element with its home,
 * the PE checksum (RFC 5353 §3.6.2) and count per owner, its peers, and the handlespace digest. Two
 * registrars whose handlespaces agree (same pool elements, same owners) have equal {@link #poolElements()},
 * {@link #owners()} and {@link #digest()}.
 *
 * @param poolElements sorted by pool handle, then PE identifier (unsigned)
 * @param owners sorted by server ID (unsigned)
 * @param peers in peer list order
 */
public record RegistrarSummary(
    String name,
    int serverId,
    boolean startupPhase,
    List<PoolElementRecord> poolElements,
    List<OwnerRecord> owners,
    List<PeerRecord> peers,
    long digest) implements ClusterSerializable {

  public RegistrarSummary {
    poolElements = List.copyOf(poolElements);
    owners = List.copyOf(owners);
    peers = List.copyOf(peers);
  }

  /** One pool element: its pool, identifier and home registrar. */
  public record PoolElementRecord(PoolHandle poolHandle, int identifier, int home) implements ClusterSerializable {}

  /** A registrar that owns pool elements here: how many, and their PE checksum. */
  public record OwnerRecord(int serverId, int poolElements, int checksum) implements ClusterSerializable {}

  /**
   * A peer list entry.
   *
   * @param serverId 0 while a static peer has not been heard
   * @param timer the running peer timer (MAX_TIME_LAST_HEARD, MAX_TIME_NO_RESPONSE, TAKEOVER_EXPIRY), or {@code null}
   * @param takingOver whether this registrar is taking the peer over
   */
  public record PeerRecord(int serverId, TransportAddress address, boolean isStatic, String timer, boolean takingOver)
      implements ClusterSerializable {}

  /** The count of pool elements owned by {@code owner}. */
  public int ownedBy(int owner) {
    for (OwnerRecord o : owners) {
      if (o.serverId() == owner) return o.poolElements();
    }
    return 0;
  }

  /** The registrar's own PE checksum, as it sends it in its PRESENCEs. */
  public int ownChecksum() {
    for (OwnerRecord o : owners) {
      if (o.serverId() == serverId) return o.checksum();
    }
    return 0xffff;
  }

  /** The peers whose ID is known. */
  public List<Integer> knownPeers() {
    List<Integer> ids = new ArrayList<>();
    for (PeerRecord p : peers) {
      if (p.serverId() != 0) ids.add(p.serverId());
    }
    return ids;
  }

  static RegistrarSummary of(String name, int serverId, boolean startupPhase, Handlespace hs, PeerList peers) {
    List<PoolElementRecord> pes = new ArrayList<>(hs.poolElementCount());
    for (Pool pool : hs.pools()) {
      for (PoolElementEntry e : pool.entries()) pes.add(new PoolElementRecord(pool.handle(), e.identifier(), e.owner()));
    }
    pes.sort(Comparator.comparing((PoolElementRecord r) -> r.poolHandle().toString())
        .thenComparing(r -> r.identifier(), Integer::compareUnsigned));
    List<PeerRecord> peerRecords = new ArrayList<>();
    for (Peer p : peers.all()) {
      peerRecords.add(new PeerRecord(p.id, p.address, p.isStatic, p.timer == null ? null : p.timer.name(), p.takeover != null));
    }
    return new RegistrarSummary(name, serverId, startupPhase, pes, owners(hs), peerRecords, digest(hs));
  }

  private static List<OwnerRecord> owners(Handlespace hs) {
    List<OwnerRecord> owners = new ArrayList<>();
    for (int owner : hs.owners()) owners.add(new OwnerRecord(owner, hs.ownedCount(owner), hs.ownershipChecksum(owner)));
    owners.sort(Comparator.comparing(OwnerRecord::serverId, Integer::compareUnsigned));
    return owners;
  }

  /**
   * A 32-bit digest of who owns what: the sum over owners of a mix of the owner's ID, its count and its
   * PE checksum, so it does not depend on order. Registrars that agree on every pool element and its
   * owner have the same digest; it is what a dashboard compares across registrars.
   */
  static long digest(Handlespace hs) {
    long sum = 0;
    for (int owner : hs.owners()) {
      long key = (long) owner << 32 ^ (long) hs.ownedCount(owner) << 16 ^ hs.ownershipChecksum(owner);
      sum += mix(key);
    }
    return (sum ^ sum >>> 32) & 0xffffffffL;
  }

  /** SplitMix64's finalizer. */
  private static long mix(long z) {
    z = (z ^ z >>> 30) * 0xbf58476d1ce4e5b9L;
    z = (z ^ z >>> 27) * 0x94d049bb133111ebL;
    return z ^ z >>> 31;
  }

  /** One line for the log: size, owners with counts and checksums, digest. */
  static String describe(Handlespace hs) {
    StringJoiner owners = new StringJoiner(", ", "{", "}");
    for (OwnerRecord o : owners(hs)) {
      owners.add(Identifiers.hex(o.serverId()) + ": " + o.poolElements() + " (PE checksum " + String.format("0x%04x", o.checksum()) + ")");
    }
    return String.format("handlespace %d pool elements in %d pools, owners %s, digest 0x%08x",
        hs.poolElementCount(), hs.poolCount(), owners, digest(hs));
  }
}

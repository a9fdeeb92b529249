package org.rserpool.emulator.registrar;

import org.rserpool.emulator.handlespace.EntryTimer;
import org.rserpool.emulator.handlespace.HandleTableExtraction;
import org.rserpool.emulator.handlespace.PoolElementEntry;
import org.rserpool.emulator.handlespace.RegistrationResult;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.protocol.codec.ParameterSizes;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.enrp.UpdateAction;
import org.rserpool.emulator.protocol.param.Identifiers;
import org.rserpool.emulator.protocol.param.PeChecksum;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolEntry;
import org.rserpool.emulator.protocol.param.PoolHandle;

/**
 * Keeps the registrar's copy of the pool elements its peers own in step with them (RFC 5353 §3.3, §3.6;
 * rsplib rspregistrar-enrp.c): ENRP_HANDLE_UPDATEs as they come, the audit of each peer's PE checksum,
 * and handle table transfers, both ways: requesting (mentor download at startup, resynchronisation after
 * a checksum mismatch) and answering (in chunks with the M flag, continued per peer).
 */
final class HandlespaceSync {
  /** rsplib allows 1400 bytes per ENRP_HANDLE_TABLE_RESPONSE (registrarHandleENRPHandleTableRequest). */
  static final int RESPONSE_BYTES = 1400;

  private final RegistrarContext c;
  private final PoolElementSupervision supervision;
  private final StartupPhase startup;

  HandlespaceSync(RegistrarContext c, PoolElementSupervision supervision, StartupPhase startup) {
    this.c = c;
    this.supervision = supervision;
    this.startup = startup;
  }

  // ---------------------------------------------------------------------------------------------
  // ENRP_HANDLE_UPDATE

  /**
   * ENRP_HANDLE_UPDATE (RFC 5353 §3.3.2; rsplib registrarHandleENRPHandleUpdate), from any sender, peer
   * or not, as rsplib accepts them. ADD_PE adds or updates a pool element of another registrar, which
   * then expires after its registration life unless updated again; one claiming this registrar as home
   * is ignored. DEL_PE removes the pool element, whoever sent it. With Takeover Suggestion on, an ADD_PE
   * with the T flag makes this registrar ask the pool element to move here (a keep-alive with the H bit).
   * RSPSIM's update loss probability drops updates before they count.
   */
  void onHandleUpdate(Packet packet, EnrpMessage.HandleUpdate m) {
    double loss = c.settings().updateLossProbability();
    if (loss > 0 && c.random().nextDouble() < loss) {
      c.log().debug("{}: dropping a handle update (update loss probability {})", c.name(), loss);
      return;
    }
    c.metrics().handleUpdates.increment();
    PoolElementParameter pe = m.poolElement();
    if (m.updateAction() == UpdateAction.DEL_PE) {
      PoolElementEntry e = c.handlespace().find(m.poolHandle(), pe.identifier());
      if (e != null) c.handlespace().remove(e);
      return;
    }
    PoolElementEntry e = registerForeign(m.poolHandle(), pe, distanceTo(packet), false, Identifiers.hex(m.senderServerId()) + "'s handle update");
    if (e != null && m.takeoverSuggested() && c.settings().takeoverSuggestion()) {
      c.log().debug("{}: {} suggests taking over pool element {}", c.name(), Identifiers.hex(m.senderServerId()), Identifiers.hex(pe.identifier()));
      supervision.sendKeepAlive(e, true);
    }
  }

  /**
   * Adds or updates a pool element another registrar owns, as ADD_PE and handle table entries do, and
   * (re)starts its expiry. ADD_PE always restarts it (rsplib, RSPSIM); a handle table entry restarts it
   * with restart-expiry-on-handle-table-and-takeover (RSPSIM), otherwise arms it only when no expiry runs
   * (rsplib registrarHandleENRPHandleTableResponse: only when the entry has no timer). A DPF distance grows by this
   * registrar's {@code distance} to the sender (rsplib registrarUpdateDistance with addDistance).
   * Returns the entry, or {@code null} when it was not taken.
   */
  private PoolElementEntry registerForeign(PoolHandle handle, PoolElementParameter received, long distance, boolean fromHandleTable, String from) {
    PoolElementParameter pe = Distances.add(received, distance);
    if (pe.homeEnrpServerIdentifier() == c.serverId()) {
      c.log().warn("{}: {} names this registrar as home of pool element {}; ignored", c.name(), from, Identifiers.hex(pe.identifier()));
      return null;
    }
    if (pe.homeEnrpServerIdentifier() == 0) {
      c.log().warn("{}: {} has pool element {} without a home; ignored", c.name(), from, Identifiers.hex(pe.identifier()));
      return null;
    }
    long now = c.now();
    RegistrationResult r = c.handlespace().register(handle, pe, now);
    if (!r.accepted()) {
      c.log().warn("{}: cannot take pool element {} of {} from {}: {}", c.name(), Identifiers.hex(pe.identifier()), handle, from, r.refusal());
      return null;
    }
    if (!fromHandleTable || c.settings().restartExpiryOnHandleTableAndTakeover() || r.entry().timer() != EntryTimer.EXPIRY) {
      supervision.expireLater(r.entry(), now);
    }
    return r.entry();
  }

  /** This registrar's DPF distance to the sender of an ENRP message (its association's SRTT / 2). */
  private long distanceTo(Packet packet) {
    return Distances.of(c.sockets().roundTripNanos(packet.receiver(), packet.source()), c.settings().distanceStep());
  }

  // ---------------------------------------------------------------------------------------------
  // Requesting handle tables: mentor download and audit

  /**
   * Startup with a mentor (rsplib: PLNS_LISTSYNC|HTSYNC|MENTOR, HANDLE_TABLE_REQUEST without W): the
   * whole handle table, every registrar's pool elements.
   */
  void downloadFrom(Peer mentor) {
    mentor.mentor = true;
    request(mentor, false);
  }

  /**
   * The audit (RFC 5353 §3.6.1; rsplib registrarHandleENRPPresence): a peer's PRESENCE carries the PE
   * checksum of what it owns; when the checksum of what this registrar has as the peer's differs, it
   * resynchronises (§3.6.3): marks the peer's pool elements, asks for the peer's own ones (W flag), and
   * purges what is still marked after the last response. At most one transfer per peer runs at a time.
   */
  void audit(Peer peer, PeChecksum checksum) {
    if (checksum == null) return; // RFC 5353 §2.1: SHOULD, not MUST
    abandonStalled(peer);
    if (peer.handleTableSync) return;
    c.metrics().audits.increment();
    int mine = c.handlespace().ownershipChecksum(peer.id);
    if (mine == checksum.value()) return;
    c.metrics().resynchronisations.increment();
    int marked = c.handlespace().markOwnedBy(peer.id);
    c.log().info("{}: PE checksum of {} is {}, here {} ({} pool elements); resynchronising",
        c.name(), peer, checksum, new PeChecksum(mine), marked);
    request(peer, true);
  }

  /**
   * rsplib relies on SCTP never losing a response and keeps PLNS_HTSYNC until one comes; over the
   * emulated network it may be lost (loss, a partition), and the peer would never be audited again. A
   * transfer without progress for the sync timeout is given up here; the next PRESENCE audits anew.
   */
  void abandonStalled(Peer peer) {
    if (!peer.handleTableSync || c.now() - peer.handleTableSyncNanos <= c.settings().handleTableSyncTimeout().toNanos()) return;
    c.log().info("{}: handle table transfer from {} stalled; giving it up", c.name(), peer);
    peer.handleTableSync = false;
    peer.mentor = false;
  }

  private void request(Peer peer, boolean ownChildrenOnly) {
    peer.handleTableSync = true;
    peer.handleTableSyncNanos = c.now();
    c.metrics().handleTableRequests.increment();
    c.sockets().enrp(peer.address, new EnrpMessage.HandleTableRequest(ownChildrenOnly, c.serverId(), peer.id));
  }

  /**
   * ENRP_HANDLE_TABLE_RESPONSE (rsplib registrarHandleENRPHandleTableResponse): its pool elements are
   * added or updated (a pool element claiming this registrar as home is skipped); M asks for the next
   * chunk (W unless from the mentor); the last chunk ends the transfer, purges the peer's pool elements
   * still marked, and, from the mentor during startup, ends the startup phase.
   */
  void onHandleTableResponse(Packet packet, EnrpMessage.HandleTableResponse m) {
    Peer peer = c.peers().find(m.senderServerId());
    if (peer == null) {
      c.log().warn("{}: handle table response from {}, which is not a peer; ignored", c.name(), Identifiers.hex(m.senderServerId()));
      return;
    }
    if (m.reject()) {
      c.log().info("{}: {} rejected the handle table request", c.name(), peer);
      peer.handleTableSync = false;
      peer.mentor = false;
      return;
    }
    peer.handleTableSyncNanos = c.now();
    String from = peer + "'s handle table";
    // rsplib measures the distance to the sender once per response, for all its entries.
    long distance = distanceTo(packet);
    for (PoolEntry pool : m.poolEntries()) {
      for (PoolElementParameter pe : pool.poolElements()) registerForeign(pool.poolHandle(), pe, distance, true, from);
    }
    if (m.moreToSend()) {
      request(peer, !peer.mentor);
      return;
    }
    boolean fromMentor = peer.mentor;
    peer.handleTableSync = false;
    peer.mentor = false;
    int purged = c.handlespace().purgeMarked(peer.id).size();
    if (purged > 0) {
      c.metrics().purgedPoolElements.increment(purged);
      c.log().info("{}: purged {} pool elements {} no longer lists", c.name(), purged, peer);
    }
    if (fromMentor && startup.active() && startup.mentorId() == peer.id) startup.end(true);
  }

  // ---------------------------------------------------------------------------------------------
  // Answering handle table requests

  /**
   * ENRP_HANDLE_TABLE_REQUEST (RFC 5353 §3.7; rsplib registrarHandleENRPHandleTableRequest): a request from
   * a registrar that is not a peer is rejected (R flag). Otherwise the answer is the next chunk of the
   * table (own pool elements only with W): at most MaxElementsPerHTRequest pool elements and 1400 bytes,
   * with M while more remain. The rest waits in the peer's continuation for its next request; a
   * continuation idle for half the sync timeout is dropped (a requester gives up after the whole timeout),
   * so that a new transfer never resumes an abandoned one.
   */
  void onHandleTableRequest(Packet packet, EnrpMessage.HandleTableRequest m) {
    Peer peer = c.peers().find(m.senderServerId());
    if (peer == null) {
      c.log().info("{}: handle table request from {}, which is not a peer; rejecting it", c.name(), Identifiers.hex(m.senderServerId()));
      c.sockets().enrp(packet.source(), new EnrpMessage.HandleTableResponse(true, false, c.serverId(), m.senderServerId(), java.util.List.of()));
      return;
    }
    long now = c.now();
    if (peer.extraction == null || peer.extractionOwnedOnly != m.ownChildrenOnly()
        || now - peer.extractionNanos > c.settings().handleTableSyncTimeout().toNanos() / 2) {
      peer.extraction = m.ownChildrenOnly() ? c.handlespace().extractOwnedBy(c.serverId()) : c.handlespace().extractAll();
      peer.extractionOwnedOnly = m.ownChildrenOnly();
    }
    HandleTableExtraction.HandleTableChunk chunk = peer.extraction.next(c.settings().maxElementsPerHandleTableRequest(), new ByteBudget());
    if (chunk.moreToSend()) {
      peer.extractionNanos = now;
    } else {
      peer.extraction = null;
    }
    c.sockets().enrp(packet.source(),
        new EnrpMessage.HandleTableResponse(false, chunk.moreToSend(), c.serverId(), m.senderServerId(), chunk.poolEntries()));
  }

  /** Counts the encoded bytes of a chunk as it grows, against rsplib's 1400-byte response buffer. */
  private static final class ByteBudget implements HandleTableExtraction.Budget {
    private int bytes = ParameterSizes.ENRP_HEADER;

    @Override
    public boolean fits(PoolHandle handle, boolean newPool, PoolElementParameter poolElement) {
      bytes += (newPool ? ParameterSizes.poolHandle(handle) : 0) + ParameterSizes.poolElement(poolElement);
      return bytes <= RESPONSE_BYTES;
    }
  }
}

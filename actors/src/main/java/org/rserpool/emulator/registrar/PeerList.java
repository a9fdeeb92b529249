package org.rserpool.emulator.registrar;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rserpool.emulator.network.TransportAddress;

/**
 * A registrar's peer list (rsplib peerlistmanagement-template_impl.h): the static peers it was
 * configured with and the peers it has learnt, by server ID and ENRP address, each with its one timer.
 *
 * <p>The registrar actor arms one Akka timer per peer; this list remembers which peers' timers changed
 * since the actor last looked ({@link #takeTimerChanges()}). Not thread-safe.
 */
final class PeerList {
  /** The outcome of {@link #register}: the entry, and whether the peer is new (rsplib PLNF_NEW). */
  record Registration(Peer peer, boolean isNew) {}

  private final int ownId;
  private final Map<Integer, Peer> byKey = new LinkedHashMap<>();
  private final Map<Integer, Peer> byId = new HashMap<>();
  private final Set<Peer> timerChanges = new LinkedHashSet<>();
  private int nextKey = 1;

  PeerList(int ownId) {
    this.ownId = ownId;
  }

  /** Adds a static peer with ID 0 (unknown until heard); the registrar's own address is left out by the caller. */
  Peer addStatic(TransportAddress address) {
    for (Peer p : byKey.values()) {
      if (p.isStatic && p.address.equals(address)) return p;
    }
    Peer p = new Peer(nextKey++, 0, address, true);
    byKey.put(p.key, p);
    return p;
  }

  /**
   * Registers or refreshes a peer heard of (rsplib peerListManagementRegisterPeerListNode with
   * PLNF_DYNAMIC): the entry with its ID; else a static entry at its address whose ID is still unknown,
   * which now learns it; else a new dynamic entry. A dynamic entry follows the peer to a new address.
   *
   * @return {@code null} for ID 0 or the registrar's own ID, which no peer can have
   */
  Registration register(int id, TransportAddress address) {
    if (id == 0 || id == ownId) return null;
    Peer p = byId.get(id);
    if (p != null) {
      if (!p.isStatic) p.address = address;
      return new Registration(p, false);
    }
    for (Peer s : byKey.values()) {
      if (s.isStatic && s.id == 0 && s.address.equals(address)) {
        s.id = id;
        byId.put(id, s);
        return new Registration(s, true);
      }
    }
    p = new Peer(nextKey++, id, address, false);
    byKey.put(p.key, p);
    byId.put(id, p);
    return new Registration(p, true);
  }

  Peer find(int id) {
    return id == 0 ? null : byId.get(id);
  }

  Peer byKey(int key) {
    return byKey.get(key);
  }

  /** Every entry, static ones with ID 0 included, in the order they were added (a read-only view). */
  Collection<Peer> all() {
    return Collections.unmodifiableCollection(byKey.values());
  }

  /** The entries with a known ID. */
  List<Peer> known() {
    List<Peer> list = new ArrayList<>(byId.size());
    for (Peer p : byKey.values()) {
      if (p.known()) list.add(p);
    }
    return list;
  }

  int knownCount() {
    return byId.size();
  }

  /**
   * Removes a peer (rsplib peerListManagementDeregisterPeerListNodeByPtr): a static entry stays as ID 0
   * with nothing running, so that it keeps receiving PRESENCEs and a restarted peer is found again; a
   * dynamic one is gone.
   */
  void remove(Peer p) {
    if (p.known()) byId.remove(p.id);
    clearTimer(p);
    p.listSync = p.handleTableSync = p.mentor = false;
    p.takeoverRegistrarId = 0;
    p.takeover = null;
    p.extraction = null;
    if (p.isStatic) {
      p.id = 0;
    } else {
      byKey.remove(p.key);
    }
  }

  void setTimer(Peer p, Peer.Timer timer, long atNanos) {
    p.timer = timer;
    p.timerNanos = atNanos;
    timerChanges.add(p);
  }

  void clearTimer(Peer p) {
    if (p.timer == null) return;
    p.timer = null;
    timerChanges.add(p);
  }

  /** The peers whose timer was set or cleared since the last call (removed peers included). */
  List<Peer> takeTimerChanges() {
    if (timerChanges.isEmpty()) return List.of();
    List<Peer> changed = new ArrayList<>(timerChanges);
    timerChanges.clear();
    return changed;
  }
}

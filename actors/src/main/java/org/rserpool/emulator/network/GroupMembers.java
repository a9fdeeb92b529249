package org.rserpool.emulator.network;

import akka.actor.typed.ActorRef;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The members of one multicast group in one site: those bound on this node ({@link #local()}) and
 * those on other nodes of a cluster ({@link #remote()}). A registrar announces once a second to every
 * member of its site, while members come and go rarely (start, crash, restart), so the local members
 * are read as an array that is rebuilt only after a change, each with the actor bound to its address
 * (kept by {@link #bound}), so that handing a copy over needs no lookup of the address.
 *
 * <p>Thread-safe.
 */
final class GroupMembers {
  private static final Member[] NONE = new Member[0];

  /** A member bound on this node, with the actor its address is bound to now ({@code null}: unbound). */
  static final class Member {
    final TransportAddress address;
    /** The address's IPv4 address and port, here so that comparing a member with the sender reads nothing else. */
    private final int ip;
    private final int port;
    volatile ActorRef<Packet> receiver;

    Member(TransportAddress address) {
      this.address = address;
      this.ip = address.address().value();
      this.port = address.port();
    }

    boolean is(TransportAddress other) {
      return port == other.port() && ip == other.address().value();
    }
  }

  private final ConcurrentMap<TransportAddress, Member> local = new ConcurrentHashMap<>();
  private final Set<TransportAddress> remote = ConcurrentHashMap.newKeySet();
  /** Counts changes of {@link #local}; a snapshot is valid while it has the current count. */
  private final AtomicLong changes = new AtomicLong();
  private volatile Snapshot snapshot = new Snapshot(-1, NONE);

  private record Snapshot(long changes, Member[] members) {}

  /**
   * @param receiver the actor bound to {@code member} now, or {@code null}
   * @return whether it was not a member yet
   */
  boolean addLocal(TransportAddress member, ActorRef<Packet> receiver) {
    Member m = new Member(member);
    if (local.putIfAbsent(member, m) != null) return false;
    m.receiver = receiver;
    changes.incrementAndGet();
    return true;
  }

  /** @return whether it was a member */
  boolean removeLocal(TransportAddress member) {
    if (local.remove(member) == null) return false;
    changes.incrementAndGet();
    return true;
  }

  /** {@code address} was bound to {@code receiver} ({@code null}: unbound): its membership, if any, follows. */
  void bound(TransportAddress address, ActorRef<Packet> receiver) {
    Member m = local.get(address);
    if (m != null) m.receiver = receiver;
  }

  void addRemote(TransportAddress member) {
    remote.add(member);
  }

  void removeRemote(TransportAddress member) {
    remote.remove(member);
  }

  /** Removes every member, here or elsewhere, that {@code doomed} matches. */
  void removeIf(Predicate<TransportAddress> doomed) {
    if (local.keySet().removeIf(doomed)) changes.incrementAndGet();
    remote.removeIf(doomed);
  }

  boolean isLocal(TransportAddress member) {
    return local.containsKey(member);
  }

  /** The members bound on this node, now (the array is shared: do not change it). */
  Member[] local() {
    Snapshot s = snapshot;
    long now = changes.get();
    if (s.changes() == now) return s.members();
    // Read after the count: a change that races with the copy leaves the count ahead of the snapshot,
    // so the next reader copies again; none is missed.
    Member[] members = local.values().toArray(NONE);
    snapshot = new Snapshot(now, members);
    return members;
  }

  /** The members on other nodes (a live view). */
  Set<TransportAddress> remote() {
    return remote;
  }
}

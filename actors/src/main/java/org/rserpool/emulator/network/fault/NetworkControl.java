package org.rserpool.emulator.network.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.network.link.Link;
import org.rserpool.emulator.network.link.LinkProfile;
import org.rserpool.emulator.network.link.Transmission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's public network control API: impairments and partitions injected while the emulation
 * runs, each an object with an id that can be listed and removed (Toxiproxy's toxics, Chaos Mesh's
 * experiments). The REST endpoint calls it; tests and scenarios may too.
 *
 * <p>Thread-safe. Changes are serialised under a lock and published as one immutable snapshot, so
 * every packet sent after a call returns sees the change, and a packet sees either all of a change
 * or none of it. Bad arguments raise {@link IllegalArgumentException} saying what is wrong.
 */
public final class NetworkControl {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkControl.class);

  /** An impairment with the state of its two directions. */
  private record Active(Fault.Impairment fault, Link forward, Link backward) {}

  private record Snapshot(List<Fault> faults, Fault.Partition[] partitions, Active[] impairments, boolean rates) {
    static final Snapshot EMPTY = new Snapshot(List.of(), new Fault.Partition[0], new Active[0], false);
  }

  private final Object lock = new Object();
  private final AtomicLong nextId = new AtomicLong(1);
  private final LongSupplier clockNanos;
  private final long seed;
  private volatile Snapshot snapshot = Snapshot.EMPTY;
  private volatile String idPrefix = "fault-";
  private volatile Replica replica;

  /**
   * Where faults added or removed on this node go so that they hold cluster-wide: the other nodes'
   * controls, through {@link #addReplicated} and {@link #removeReplicated}.
   */
  public interface Replica {
    void added(Fault fault);

    void removed(String id);
  }

  /**
   * Makes this control one node's part of a cluster-wide one: ids get a prefix unique to the node (so
   * faults from different nodes never share an id) and every local change goes to {@code replica}.
   */
  public void replicate(String idPrefix, Replica replica) {
    this.idPrefix = idPrefix;
    this.replica = replica;
  }

  /** A fault another node added: it holds here too (this node applies it to the packets it sends). */
  public void addReplicated(Fault f) {
    synchronized (lock) {
      if (fault(f.id()).isPresent()) return;
      if (f instanceof Fault.Impairment i) {
        add(i, f.id().hashCode());
      } else {
        add((Fault.Partition) f);
      }
      LOG.info("network: added {} (from another node)", f.describe());
    }
  }

  /** A fault another node removed. */
  public void removeReplicated(String id) {
    removeIf(f -> f.id().equals(id), false);
  }

  /**
   * @param clockNanos the emulation clock (faults record when they were created)
   * @param seed seeds the random generators of impairments (each its own stream)
   */
  public NetworkControl(LongSupplier clockNanos, long seed) {
    this.clockNanos = clockNanos;
    this.seed = seed;
  }

  /** Adds an impairment for packets from {@code from} to {@code to} ({@code direction} BOTH: and back). */
  public Fault.Impairment impair(String name, Selector from, Selector to, Direction direction, LinkProfile link) {
    synchronized (lock) {
      long n = nextId.getAndIncrement();
      Fault.Impairment f = new Fault.Impairment(idPrefix + n, name == null ? "" : name, clockNanos.getAsLong(), from, to, direction, link);
      add(f, n);
      LOG.info("network: added {}", f.describe());
      Replica r = replica;
      if (r != null) r.added(f);
      return f;
    }
  }

  /** Cuts packets from {@code a} to {@code b} ({@code direction} BOTH: and back). */
  public Fault.Partition partition(String name, Selector a, Selector b, Direction direction) {
    synchronized (lock) {
      Fault.Partition f = new Fault.Partition(idPrefix + nextId.getAndIncrement(), name == null ? "" : name, clockNanos.getAsLong(), a, b, direction);
      add(f);
      LOG.info("network: added {}", f.describe());
      Replica r = replica;
      if (r != null) r.added(f);
      return f;
    }
  }

  /** Every active fault, oldest first. */
  public List<Fault> faults() {
    return snapshot.faults();
  }

  public Optional<Fault> fault(String id) {
    return snapshot.faults().stream().filter(f -> f.id().equals(id)).findFirst();
  }

  /** Removes one fault; false if no fault has that id. */
  public boolean remove(String id) {
    return removeIf(f -> f.id().equals(id)) > 0;
  }

  /** Removes every impairment; returns how many. */
  public int clearImpairments() {
    return removeIf(f -> f instanceof Fault.Impairment);
  }

  /** Heals every partition; returns how many were removed. */
  public int heal() {
    return removeIf(f -> f instanceof Fault.Partition);
  }

  /** Removes every fault (Toxiproxy's {@code /reset}); returns how many. */
  public int reset() {
    return removeIf(f -> true);
  }

  public int activeImpairments() {
    return snapshot.impairments().length;
  }

  public int activePartitions() {
    return snapshot.partitions().length;
  }

  private int removeIf(Predicate<Fault> doomed) {
    return removeIf(doomed, true);
  }

  private int removeIf(Predicate<Fault> doomed, boolean tellReplica) {
    synchronized (lock) {
      Snapshot s = snapshot;
      List<Fault> kept = s.faults().stream().filter(doomed.negate()).toList();
      int removed = s.faults().size() - kept.size();
      if (removed == 0) return 0;
      publish(kept,
          List.of(s.partitions()).stream().filter(doomed.negate()).toArray(Fault.Partition[]::new),
          List.of(s.impairments()).stream().filter(a -> !doomed.test(a.fault())).toArray(Active[]::new));
      s.faults().stream().filter(doomed).forEach(f -> LOG.info("network: removed {}", f.describe()));
      Replica r = replica;
      if (tellReplica && r != null) s.faults().stream().filter(doomed).forEach(f -> r.removed(f.id()));
      return removed;
    }
  }

  /** Puts an impairment in force (under the lock); {@code n} seeds the random state of its two directions. */
  private void add(Fault.Impairment f, long n) {
    Active a = new Active(f, new Link(f.link(), seed ^ (n * 0x9e3779b97f4a7c15L)), new Link(f.link(), seed ^ (n * 0xc2b2ae3d27d4eb4fL)));
    List<Active> list = new ArrayList<>(List.of(snapshot.impairments()));
    list.add(a);
    publish(with(f), snapshot.partitions(), list.toArray(Active[]::new));
  }

  /** Puts a partition in force (under the lock). */
  private void add(Fault.Partition f) {
    List<Fault.Partition> list = new ArrayList<>(List.of(snapshot.partitions()));
    list.add(f);
    publish(with(f), list.toArray(Fault.Partition[]::new), snapshot.impairments());
  }

  private List<Fault> with(Fault f) {
    List<Fault> list = new ArrayList<>(snapshot.faults());
    list.add(f);
    return List.copyOf(list);
  }

  private void publish(List<Fault> faults, Fault.Partition[] partitions, Active[] impairments) {
    boolean rates = false;
    for (Active a : impairments) rates |= a.fault().link().rate() != null;
    snapshot = new Snapshot(faults, partitions, impairments, rates);
  }

  // The two methods below are the network's own: it asks them for every packet.

  /** Whether a partition drops packets from {@code source} to {@code destination}. */
  public boolean partitioned(TransportAddress source, TransportAddress destination) {
    for (Fault.Partition p : snapshot.partitions()) {
      if (p.direction().forward() && p.a().matches(source) && p.b().matches(destination)) return true;
      if (p.direction().backward() && p.b().matches(source) && p.a().matches(destination)) return true;
    }
    return false;
  }

  /** Whether any impairment is active (the network skips {@link #impair(TransportAddress, TransportAddress, Transmission, long, int)} if not). */
  public boolean hasImpairments() {
    return snapshot.impairments().length > 0;
  }

  /** Whether an active impairment limits the rate (then packets need their wire size). */
  public boolean hasRates() {
    return snapshot.rates();
  }

  /** Sends a transmission across every impairment that matches, in the order they were added. */
  public void impair(TransportAddress source, TransportAddress destination, Transmission t, long nowNanos, int sizeBytes) {
    for (Active a : snapshot.impairments()) {
      Fault.Impairment f = a.fault();
      if (f.direction().forward() && f.from().matches(source) && f.to().matches(destination)) {
        t.cross(a.forward(), nowNanos, sizeBytes);
      } else if (f.direction().backward() && f.to().matches(source) && f.from().matches(destination)) {
        t.cross(a.backward(), nowNanos, sizeBytes);
      }
    }
  }
}

package org.rserpool.emulator.handlespace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TransportUse;

/**
 * A registrar's handlespace: pool handle to pool to pool elements (rsplib
 * poolhandlespacemanagement-template_impl.h), with everything a registrar needs around it:
 *
 * <ul>
 *   <li>registration with the pool consistency checks (RFC 5352 §3.1) in rsplib's order, re-registration
 *       as an update, deregistration; a pool exists while it has pool elements;
 *   <li>selection by the pool's member selection policy ({@link Pool#select});
 *   <li>ownership: every entry belongs to its home registrar; per owner the handlespace keeps the list of
 *       entries, their count and the PE checksum of RFC 5353 §3.6.2, updated incrementally;
 *   <li>mark and purge of an owner's entries for the ENRP resynchronisation (RFC 5353 §3.6.3);
 *   <li>one timer per entry (expiry by registration life, keep-alive transmission and timeout) in one
 *       queue, so that a registrar arms a single actor timer for {@link #nextTimerNanos()};
 *   <li>extraction of the handle table, all of it or one owner's, in chunks with a continuation.
 * </ul>
 *
 * <p>Every operation is O(log N) in the size of the pool or better, except those that visit a set
 * (purge, transfer, extraction). Not thread-safe: the registrar actor owns it.
 */
public final class Handlespace {
  /** The RFC 5354 §3.9 pool handle length rsplib accepts. */
  private static final int MAX_HANDLE_LENGTH = PoolHandle.MAX_LENGTH;

  /**
   * Behaviour choices where rsplib/RSPSIM and the RFCs differ.
   *
   * @param causes the cause codes of refused registrations
   * @param updateOnRelink rsplib's policy update on every re-link (default), or once per selection
   * @param keepRegistrationLife keep the registration life of an entry's first registration on every
   *     update, as rsplib's poolElementNodeUpdate does (and RSPSIM, whose life never changes); the RFC
   *     5352 §3.1 re-registration replaces it (default)
   */
  public record Options(CauseSet causes, boolean updateOnRelink, boolean keepRegistrationLife) {
    public Options {
      if (causes == null) throw new IllegalArgumentException("cause set is required");
    }

    public Options(CauseSet causes, boolean updateOnRelink) {
      this(causes, updateOnRelink, false);
    }

    /** RFC 5354 cause codes, rsplib's policy update behaviour. */
    public static Options defaults() {
      return new Options(CauseSet.RFC_5354, true);
    }
  }

  /** A timer that fired: the entry and which of its timers it was. */
  public record DueTimer(PoolElementEntry entry, EntryTimer kind) {}

  /** One registrar's pool elements: a doubly-linked list through the entries, their count and checksum sum. */
  private static final class Owner {
    PoolElementEntry head;
    int count;
    long checksumWords;
  }

  private final Options options;
  private final RandomGenerator random;
  private final Map<PoolHandle, Pool> pools = new HashMap<>();
  private final Map<Integer, Owner> owners = new HashMap<>();
  private final TimerQueue timers = new TimerQueue();
  private int poolElementCount;

  /**
   * @param random the draws of the random policies; seed it for reproducible selections
   */
  public Handlespace(Options options, RandomGenerator random) {
    if (options == null || random == null) throw new IllegalArgumentException("options and random source are required");
    this.options = options;
    this.random = random;
  }

  public Options options() {
    return options;
  }

  // ---------------------------------------------------------------------------------------------
  // Registration

  /**
   * Registers a pool element, or updates the entry that already has its (pool handle, identifier): a
   * re-registration or an ENRP ADD_PE update (RFC 5352 §3.1, RFC 5353 §2.5). The parameter is stored
   * as given: its home ENRP server identifier is the entry's owner, so a registrar sets itself as home
   * before it registers a pool element that registered with it. An accepted registration clears the
   * entry's resynchronisation mark; its timer keeps running (the registrar re-arms what it needs).
   */
  public RegistrationResult register(PoolHandle handle, PoolElementParameter pe, long nowNanos) {
    int length = handle.value().length();
    if (length < 1 || length > MAX_HANDLE_LENGTH) return refuse(RegistrationRefusal.INVALID_POOL_HANDLE, null);
    Pool pool = pools.get(handle);
    RegistrationRefusal refusal = check(pool, pe);
    if (refusal != null) return refuse(refusal, pool);
    if (pool == null) {
      pool = new Pool(handle, pe.policy().type(), random, options.updateOnRelink(), PoolConsistency.of(pe));
      pools.put(handle, pool);
    }
    PoolElementEntry existing = pool.find(pe.identifier());
    if (existing == null) {
      PoolElementEntry e = pool.add(pe, nowNanos);
      poolElementCount++;
      ownerAdd(e);
      return RegistrationResult.added(e);
    }
    int previousOwner = existing.owner();
    if (previousOwner != pe.homeEnrpServerIdentifier()) ownerRemove(existing);
    PoolElementParameter stored = options.keepRegistrationLife() ? pe.withRegistrationLife(existing.parameter().registrationLife()) : pe;
    boolean relinked = pool.update(existing, stored, nowNanos);
    if (previousOwner != pe.homeEnrpServerIdentifier()) ownerAdd(existing);
    return RegistrationResult.updated(existing, relinked, previousOwner);
  }

  /**
   * What a pool element checks before it sends a registration, as rsplib's asapInstanceRegister does with
   * its own handlespace (OwnPoolElements): the first registration ({@code previous} {@code null}) as the
   * first element of a new pool; a re-registration against the entry it registered before, which fixes
   * the transport type, data/control configuration and policy type as a pool's first element does
   * (RFC 5352 §3.1). Returns {@code null} when it may be sent.
   *
   * <p>rsplib's comment asks "are new settings compatible?", but its code passes the old entry to
   * poolNodeCheckPoolElementNodeCompatibility, which then always passes, so an incompatible
   * re-registration goes out and the registrar refuses it (or, alone in its pool, accepts it). Checked
   * here as the comment means it: the new settings against the old entry.
   */
  public static RegistrationRefusal checkOwn(PoolHandle handle, PoolElementParameter previous, PoolElementParameter pe) {
    int length = handle.value().length();
    if (length < 1 || length > MAX_HANDLE_LENGTH) return RegistrationRefusal.INVALID_POOL_HANDLE;
    if (previous != null && previous.identifier() != pe.identifier()) return RegistrationRefusal.INVALID_IDENTIFIER;
    return previous == null ? check(null, null, pe) : check(PoolConsistency.of(previous), previous.policy().type(), pe);
  }

  /** rsplib poolNodeCheckPoolElementNodeCompatibility, in its order, against the pool (or a new one). */
  private static RegistrationRefusal check(Pool pool, PoolElementParameter pe) {
    return pool == null ? check(null, null, pe) : check(pool.consistency(), pool.policyType(), pe);
  }

  private static RegistrationRefusal check(PoolConsistency fixed, PolicyType policyType, PoolElementParameter pe) {
    if (pe.identifier() == 0) return RegistrationRefusal.INVALID_IDENTIFIER;
    if (fixed != null && fixed.transportType() != pe.userTransport().getClass()) {
      return RegistrationRefusal.INCONSISTENT_TRANSPORT_TYPE;
    }
    if (pe.asapTransport() != null && !PoolConsistency.validAsapTransport(pe.asapTransport())) {
      return RegistrationRefusal.INVALID_ASAP_TRANSPORT;
    }
    if (!PoolConsistency.validUserTransport(pe.userTransport())) return RegistrationRefusal.INVALID_USER_TRANSPORT;
    TransportUse use = PoolConsistency.transportUse(pe.userTransport());
    if (fixed != null && fixed.transportUse() != use) return RegistrationRefusal.INCONSISTENT_DATA_CONTROL_CONFIGURATION;
    if (policyType != null && policyType != pe.policy().type()) return RegistrationRefusal.INCONSISTENT_POOLING_POLICY;
    return null;
  }

  private RegistrationResult refuse(RegistrationRefusal refusal, Pool pool) {
    SelectionPolicy poolPolicy = refusal == RegistrationRefusal.INCONSISTENT_POOLING_POLICY ? SelectionPolicy.of(pool.policyType()) : null;
    return RegistrationResult.refused(refusal, options.causes(), poolPolicy,
        refusal == RegistrationRefusal.INCONSISTENT_TRANSPORT_TYPE ? pool.consistency().referenceTransport() : null);
  }

  /** Removes a pool element; returns the removed entry, or {@code null} when it was not there. */
  public PoolElementEntry deregister(PoolHandle handle, int identifier) {
    Pool pool = pools.get(handle);
    if (pool == null) return null;
    PoolElementEntry e = pool.find(identifier);
    if (e != null) remove(e);
    return e;
  }

  /** Removes an entry (with its timer); its pool goes when it was the last (rsplib DeregisterPoolElementByPtr). */
  public void remove(PoolElementEntry e) {
    Pool pool = e.pool;
    if (pool == null) return;
    timers.stop(e);
    ownerRemove(e);
    pool.remove(e);
    poolElementCount--;
    if (pool.size() == 0) pools.remove(pool.handle());
  }

  /** Removes every pool element (a registrar that shuts down loses its handlespace). */
  public void clear() {
    for (Pool pool : List.copyOf(pools.values())) {
      for (PoolElementEntry e : List.copyOf(pool.entries())) remove(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Lookup and selection

  public Pool pool(PoolHandle handle) {
    return pools.get(handle);
  }

  public PoolElementEntry find(PoolHandle handle, int identifier) {
    Pool pool = pools.get(handle);
    return pool == null ? null : pool.find(identifier);
  }

  /** The pools, in no particular order (a read-only view). */
  public Collection<Pool> pools() {
    return Collections.unmodifiableCollection(pools.values());
  }

  public int poolCount() {
    return pools.size();
  }

  public int poolElementCount() {
    return poolElementCount;
  }

  /**
   * Selects up to {@code items} pool elements of a pool by its policy (rsplib
   * poolHandlespaceManagementHandleResolution); empty when the pool is unknown.
   *
   * @param maxIncrement how many of the selected entries advance the policy state; 0 = the policy's default
   */
  public List<PoolElementEntry> select(PoolHandle handle, int items, int maxIncrement) {
    Pool pool = pools.get(handle);
    return pool == null ? List.of() : pool.select(items, maxIncrement);
  }

  /** As {@link #select(PoolHandle, int, int)} into an array; returns the count (0 when the pool is unknown). */
  public int select(PoolHandle handle, int items, int maxIncrement, PoolElementEntry[] out) {
    Pool pool = pools.get(handle);
    return pool == null ? 0 : pool.select(items, maxIncrement, out);
  }

  // ---------------------------------------------------------------------------------------------
  // Ownership, checksums, resynchronisation

  private void ownerAdd(PoolElementEntry e) {
    Owner o = owners.computeIfAbsent(e.owner(), id -> new Owner());
    e.ownerPrevious = null;
    e.ownerNext = o.head;
    if (o.head != null) o.head.ownerPrevious = e;
    o.head = e;
    o.count++;
    o.checksumWords += OwnershipChecksum.contribution(e.pool.handleWords(), e.identifier);
  }

  private void ownerRemove(PoolElementEntry e) {
    Owner o = owners.get(e.owner());
    if (e.ownerPrevious != null) {
      e.ownerPrevious.ownerNext = e.ownerNext;
    } else {
      o.head = e.ownerNext;
    }
    if (e.ownerNext != null) e.ownerNext.ownerPrevious = e.ownerPrevious;
    e.ownerPrevious = e.ownerNext = null;
    o.checksumWords -= OwnershipChecksum.contribution(e.pool.handleWords(), e.identifier);
    if (--o.count == 0) owners.remove(e.owner());
  }

  /**
   * The PE checksum of the pool elements whose home registrar is {@code owner} (RFC 5353 §3.6.2), as
   * sent in ENRP_PRESENCE (a registrar's own) and compared with a peer's (the audit). O(1).
   */
  public int ownershipChecksum(int owner) {
    Owner o = owners.get(owner);
    return o == null ? OwnershipChecksum.EMPTY : OwnershipChecksum.finish(o.checksumWords);
  }

  /** How many pool elements have {@code owner} as home registrar. */
  public int ownedCount(int owner) {
    Owner o = owners.get(owner);
    return o == null ? 0 : o.count;
  }

  /** The registrars that own at least one pool element (a read-only view). */
  public Set<Integer> owners() {
    return Collections.unmodifiableSet(owners.keySet());
  }

  /** The entries owned by {@code owner}, most recently owned first. O(k). */
  public List<PoolElementEntry> ownedBy(int owner) {
    List<PoolElementEntry> list = new ArrayList<>();
    Owner o = owners.get(owner);
    if (o != null) for (PoolElementEntry e = o.head; e != null; e = e.ownerNext) list.add(e);
    return list;
  }

  /**
   * Makes {@code newOwner} the home registrar of an entry (e.g. of the pool elements a takeover moved,
   * RFC 5353 §3.8); the parameter's home ENRP server identifier changes with it.
   */
  public void changeOwner(PoolElementEntry e, int newOwner) {
    if (e.pool == null || e.owner() == newOwner) return;
    ownerRemove(e);
    e.parameter = e.parameter.withHome(newOwner);
    ownerAdd(e);
  }

  /** Moves every pool element of {@code from} to {@code to} (ENRP_TAKEOVER_SERVER); returns how many. O(k). */
  public int transferOwnership(int from, int to) {
    List<PoolElementEntry> moved = ownedBy(from);
    for (PoolElementEntry e : moved) changeOwner(e, to);
    return from == to ? 0 : moved.size();
  }

  /**
   * Marks every pool element of {@code owner} before a resynchronisation with it (RFC 5353 §3.6.3 step
   * 1; rsplib poolHandlespaceManagementMarkPoolElementNodes). A registration or update of an entry
   * clears its mark. Returns how many were marked.
   */
  public int markOwnedBy(int owner) {
    Owner o = owners.get(owner);
    if (o == null) return 0;
    for (PoolElementEntry e = o.head; e != null; e = e.ownerNext) e.marked = true;
    return o.count;
  }

  /**
   * Removes the pool elements of {@code owner} that are still marked: those the peer's handle table no
   * longer listed (RFC 5353 §3.6.3 step 5; rsplib poolHandlespaceManagementPurgeMarkedPoolElementNodes).
   */
  public List<PoolElementEntry> purgeMarked(int owner) {
    List<PoolElementEntry> purged = new ArrayList<>();
    Owner o = owners.get(owner);
    if (o == null) return purged;
    PoolElementEntry e = o.head;
    while (e != null) {
      PoolElementEntry next = e.ownerNext;
      if (e.marked) {
        remove(e);
        purged.add(e);
      }
      e = next;
    }
    return purged;
  }

  // ---------------------------------------------------------------------------------------------
  // Timers

  /** Starts (or restarts) the entry's one timer. */
  public void startTimer(PoolElementEntry e, EntryTimer kind, long atNanos) {
    if (e.pool == null) throw new IllegalArgumentException("entry has been removed: " + e);
    if (kind == null) throw new IllegalArgumentException("timer kind is required");
    timers.start(e, kind, atNanos);
  }

  /** Starts the entry's expiry timer at its last update + registration life (rsplib RestartPoolElementExpiryTimer). */
  public void startExpiryTimer(PoolElementEntry e) {
    startTimer(e, EntryTimer.EXPIRY, e.expiryNanos());
  }

  public void stopTimer(PoolElementEntry e) {
    timers.stop(e);
  }

  /** When the earliest running timer fires; {@link Long#MAX_VALUE} when none runs. */
  public long nextTimerNanos() {
    PoolElementEntry first = timers.first();
    return first == null ? Long.MAX_VALUE : first.timerNanos;
  }

  /** How many entries have a timer running. */
  public int timerCount() {
    return timers.size();
  }

  /**
   * Takes every timer due at {@code nowNanos}, earliest first. An {@link EntryTimer#EXPIRY} removes its
   * entry from the handlespace (rsplib PurgeExpiredPoolElements); the other kinds are only reported,
   * for the registrar to act on (and to re-arm).
   */
  public List<DueTimer> takeDueTimers(long nowNanos) {
    List<DueTimer> due = new ArrayList<>();
    PoolElementEntry e;
    while ((e = timers.first()) != null && e.timerNanos <= nowNanos) {
      EntryTimer kind = e.timer;
      timers.stop(e);
      if (kind == EntryTimer.EXPIRY) remove(e);
      due.add(new DueTimer(e, kind));
    }
    return due;
  }

  // ---------------------------------------------------------------------------------------------
  // Handle table

  /** The whole handle table (ENRP_HANDLE_TABLE_REQUEST without W), pools by handle, then by PE identifier. O(N log N). */
  public HandleTableExtraction extractAll() {
    List<PoolElementEntry> list = new ArrayList<>(poolElementCount);
    for (Pool pool : pools.values()) list.addAll(pool.entries());
    return extraction(list, false, 0);
  }

  /** The pool elements {@code owner} owns (ENRP_HANDLE_TABLE_REQUEST with W, "own children only"). */
  public HandleTableExtraction extractOwnedBy(int owner) {
    return extraction(ownedBy(owner), true, owner);
  }

  private static HandleTableExtraction extraction(List<PoolElementEntry> list, boolean ownedOnly, int owner) {
    PoolElementEntry[] entries = list.toArray(new PoolElementEntry[0]);
    Arrays.sort(entries, TABLE_ORDER);
    return new HandleTableExtraction(entries, ownedOnly, owner);
  }

  private static final Comparator<PoolElementEntry> TABLE_ORDER = (a, b) -> {
    int c = compareHandles(a.pool.handle(), b.pool.handle());
    return c != 0 ? c : Integer.compareUnsigned(a.identifier, b.identifier);
  };

  /** rsplib poolHandleComparison: shorter handles first, then bytes as unsigned (memcmp). */
  static int compareHandles(PoolHandle a, PoolHandle b) {
    Bytes x = a.value();
    Bytes y = b.value();
    if (x.length() != y.length()) return Integer.compare(x.length(), y.length());
    for (int i = 0; i < x.length(); i++) {
      int c = Integer.compare(x.get(i) & 0xff, y.get(i) & 0xff);
      if (c != 0) return c;
    }
    return 0;
  }

  /** Checks every internal invariant; throws on a violation. For tests: O(N). */
  void verify() {
    int total = 0;
    for (Pool pool : pools.values()) {
      pool.verify();
      if (pool.size() == 0) throw new IllegalStateException("empty " + pool);
      total += pool.size();
    }
    if (total != poolElementCount) throw new IllegalStateException("count " + poolElementCount + " but " + total + " entries");
    int owned = 0;
    for (Map.Entry<Integer, Owner> o : owners.entrySet()) {
      int n = 0;
      long words = 0;
      for (PoolElementEntry e = o.getValue().head; e != null; e = e.ownerNext) {
        if (e.owner() != o.getKey() || e.pool == null) throw new IllegalStateException("stray entry in owner list " + e);
        words += OwnershipChecksum.contribution(e.pool.handleWords(), e.identifier);
        n++;
      }
      if (n != o.getValue().count || words != o.getValue().checksumWords) throw new IllegalStateException("owner " + o.getKey() + " out of step");
      owned += n;
    }
    if (owned != poolElementCount) throw new IllegalStateException("owner lists hold " + owned + " of " + poolElementCount);
  }
}

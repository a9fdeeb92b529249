package org.rserpool.emulator.handlespace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SelectionPolicy;

/**
 * One pool: its pool elements, in the order or with the weights its member selection policy gives
 * them, and the policy's state. This is rsplib's PoolNode with its selection function
 * (poolnode-template_impl.h, poolpolicy-template_impl.h), reproduced with its quirks:
 *
 * <ul>
 *   <li>Linking an entry into the selection order runs the policy's update function
 *       (poolNodeLinkPoolElementNodeToSelection). So it runs once when an entry is added, once when an
 *       update changes it, and twice per selection (the explicit call and the re-link): LUD-type
 *       degradation starts at 1×LoadDegradation and grows by 2×LoadDegradation per selection, and WRR
 *       spends two credits per selection. {@code updateOnRelink = false} runs it only for selections,
 *       once per selected entry, which is what RFC 5356 §5.2 describes for LUD.
 *   <li>A re-registration whose policy values differ, or of an entry whose degradation is not 0,
 *       resets the degradation and re-links the entry with its old sequence number
 *       (poolElementNodeUpdate); a load update therefore keeps the entry's place among equals.
 *   <li>Sequence numbers (and WRR round counters) are unsigned 32-bit and start 16 below the wrap
 *       (rsplib SeqNumberStart); before they would wrap, the pool renumbers its entries in selection
 *       order (poolNodeResequence), which is visible when keys later become equal.
 * </ul>
 *
 * <p>A pool is also usable on its own, e.g. as a pool user's cache of handle resolution results, which
 * rsplib and RSPSIM select from with the same code and MaxIncrement 1,000,000,000 (see
 * {@link #standalone}). Not thread-safe: its owner (a registrar or pool user actor) is single-threaded.
 */
public final class Pool {
  /** rsplib SeqNumberStart: (~0) ^ 0xf as a 32-bit value. */
  static final long SEQUENCE_START = 0xfffffff0L;
  private static final long MAX = SelectionPolicy.MAX_VALUE;

  private final PoolHandle handle;
  private final PoolPolicy policy;
  private final RandomGenerator random;
  private final boolean updateOnRelink;
  private final SelectionTree tree;
  private final IdentifierIndex byIdentifier = new IdentifierIndex();
  private final long handleWords;
  private final PoolConsistency consistency;
  private long globalSequenceNumber = SEQUENCE_START;

  Pool(PoolHandle handle, PolicyType policyType, RandomGenerator random, boolean updateOnRelink, PoolConsistency consistency) {
    if (handle == null || policyType == null || random == null) throw new IllegalArgumentException("handle, policy type and random source are required");
    this.handle = handle;
    this.policy = PoolPolicy.of(policyType);
    this.random = random;
    this.updateOnRelink = updateOnRelink;
    this.tree = new SelectionTree(policy.byValue);
    this.handleWords = OwnershipChecksum.handleWords(handle);
    this.consistency = consistency;
  }

  /**
   * A pool outside any handlespace, e.g. a pool user's cache (RSPSIM pooluserasapprocess.cc selects
   * from its cache with {@code selectPoolElementsByPolicy(items 1, maxIncrement 1000000000)}).
   *
   * @param random the source of the random policies' draws; seed it for reproducible runs
   * @param updateOnRelink rsplib's behaviour ({@code true}) or the update once per selection ({@code false})
   */
  public static Pool standalone(PoolHandle handle, PolicyType policyType, RandomGenerator random, boolean updateOnRelink) {
    return new Pool(handle, policyType, random, updateOnRelink, null);
  }

  public PoolHandle handle() {
    return handle;
  }

  /** The member selection policy every pool element of this pool uses (fixed by the first one). */
  public PolicyType policyType() {
    return policy.type;
  }

  /** What MaxIncrement 0 stands for with this pool's policy (rsplib DefaultMaxIncrement). */
  public int defaultMaxIncrement() {
    return policy.defaultMaxIncrement;
  }

  /** The transport type, transport use and the creator's transport (null for a standalone pool). */
  PoolConsistency consistency() {
    return consistency;
  }

  long handleWords() {
    return handleWords;
  }

  public int size() {
    return byIdentifier.size();
  }

  public PoolElementEntry find(int identifier) {
    return byIdentifier.get(identifier);
  }

  /** The entries in no particular order (a read-only view). */
  public Collection<PoolElementEntry> entries() {
    return Collections.unmodifiableCollection(byIdentifier);
  }

  /** The entries in selection order: the order a sorted policy selects them, identifier order for the random ones. O(N). */
  public List<PoolElementEntry> inSelectionOrder() {
    List<PoolElementEntry> list = new ArrayList<>(tree.size());
    for (SelectionNode n = tree.first(); n != null; n = tree.next(n)) list.add(n.entry);
    return list;
  }

  /**
   * Adds a pool element to a standalone pool, or updates the entry that already has its identifier. A
   * handlespace's pools change only through the handlespace, which keeps owners and timers with them.
   *
   * @throws IllegalArgumentException if its policy type is not the pool's
   * @throws IllegalStateException if the pool belongs to a handlespace
   */
  public PoolElementEntry addOrUpdate(PoolElementParameter pe, long nowNanos) {
    requireStandalone();
    PoolElementEntry e = byIdentifier.get(pe.identifier());
    if (e == null) return add(pe, nowNanos);
    update(e, pe, nowNanos);
    return e;
  }

  /** Removes an entry from a standalone pool; returns {@code null} when the identifier is unknown. */
  public PoolElementEntry remove(int identifier) {
    requireStandalone();
    PoolElementEntry e = byIdentifier.get(identifier);
    if (e != null) remove(e);
    return e;
  }

  private void requireStandalone() {
    if (consistency != null) throw new IllegalStateException(this + " belongs to a handlespace; change it through the handlespace");
  }

  /**
   * Adds a new pool element at the end of the selection order (rsplib poolNodeAddPoolElementNode).
   *
   * @throws IllegalArgumentException if its policy type is not the pool's or its identifier is taken
   */
  PoolElementEntry add(PoolElementParameter pe, long nowNanos) {
    checkType(pe);
    if (byIdentifier.get(pe.identifier()) != null) {
      throw new IllegalArgumentException("pool " + handle + " already holds PE " + pe.identifier());
    }
    PoolElementEntry e = new PoolElementEntry(pe, nowNanos);
    if (((globalSequenceNumber + 1) & MAX) < globalSequenceNumber) resequence();
    e.node.sequenceNumber = nextSequenceNumber();
    if (policy == PoolPolicy.WEIGHTED_ROUND_ROBIN) {
      // weightedRoundRobinInitializePoolElementNode: join the current round with a full credit.
      e.roundCounter = currentRoundCounter();
      e.virtualCounter = pe.policy().weight();
    }
    e.pool = this;
    byIdentifier.put(e);
    link(e);
    return e;
  }

  /**
   * Replaces an entry's parameter (a re-registration or ENRP update). Re-links it when its policy
   * values changed or its degradation is not 0, which resets the degradation and caps the WRR credit
   * at the new weight (rsplib poolElementNodeUpdate). Clears a resynchronisation mark.
   *
   * <p>rsplib keeps the registration life of the first registration; the handlespace does so with
   * {@code keep-registration-life} (its caller passes the old life); otherwise the new one is taken, as
   * RFC 5352 §3.1 replaces a re-registering pool element's attributes (RSPSIM never changes it).
   *
   * @return whether the entry was re-linked
   */
  boolean update(PoolElementEntry e, PoolElementParameter pe, long nowNanos) {
    if (e.pool != this) throw new IllegalArgumentException("entry is not in pool " + handle);
    if (pe.identifier() != e.identifier) throw new IllegalArgumentException("identifier mismatch");
    checkType(pe);
    e.marked = false;
    boolean relink = !e.parameter.policy().equals(pe.policy()) || e.degradation != 0;
    e.parameter = pe;
    e.lastUpdateNanos = nowNanos;
    if (relink) {
      e.degradation = 0;
      if (e.virtualCounter > pe.policy().weight()) e.virtualCounter = pe.policy().weight();
      tree.remove(e.node);
      link(e);
    }
    return relink;
  }

  void remove(PoolElementEntry e) {
    byIdentifier.remove(e.identifier);
    tree.remove(e.node);
    e.pool = null;
  }

  private void checkType(PoolElementParameter pe) {
    if (pe.policy().type() != policy.type) {
      throw new IllegalArgumentException("pool " + handle + " uses " + policy.type + ", not " + pe.policy().type());
    }
  }

  private int nextSequenceNumber() {
    long s = globalSequenceNumber;
    globalSequenceNumber = (s + 1) & MAX;
    return (int) s;
  }

  private long currentRoundCounter() {
    SelectionNode first = tree.first();
    return first == null ? SEQUENCE_START : first.entry.roundCounter;
  }

  /** poolNodeLinkPoolElementNodeToSelection: the update function (rsplib quirk), then the sorted insert. */
  private void link(PoolElementEntry e) {
    if (updateOnRelink) policy.update(e);
    policy.place(e);
    tree.insert(e.node);
  }

  /** poolNodeResequence: renumber in selection order, which keeps the order, from 0. */
  private void resequence() {
    globalSequenceNumber = 0;
    for (SelectionNode n = tree.first(); n != null; n = tree.next(n)) n.sequenceNumber = (int) globalSequenceNumber++;
  }

  /**
   * Selects up to {@code items} pool elements by the pool's policy and advances the policy state of
   * the first {@code maxIncrement} of them (rsplib poolPolicySelectPoolElementNodesBy{SortingOrder,ValueTree}).
   *
   * @param maxIncrement how many selected entries advance the policy state; 0 = the policy's default
   *     (1 for round robin, WRR, priority and the least-used family, 0 for the random ones)
   * @return the selected entries in selection order (empty when the pool is empty)
   */
  public List<PoolElementEntry> select(int items, int maxIncrement) {
    PoolElementEntry[] out = new PoolElementEntry[Math.min(items, size())];
    int n = select(items, maxIncrement, out);
    return Arrays.asList(out).subList(0, n);
  }

  /**
   * As {@link #select(int, int)}, writing the selection into {@code out} without allocating.
   *
   * @param out room for at least min(items, size()) entries
   * @return how many entries were selected
   */
  public int select(int items, int maxIncrement, PoolElementEntry[] out) {
    if (items < 1) throw new IllegalArgumentException("items must be at least 1, got " + items);
    if (maxIncrement < 0) throw new IllegalArgumentException("maxIncrement must not be negative, got " + maxIncrement);
    if (out.length < Math.min(items, size())) throw new IllegalArgumentException("output array too small");
    int increments = maxIncrement == 0 ? policy.defaultMaxIncrement : maxIncrement;
    if (((globalSequenceNumber + items) & MAX) < globalSequenceNumber) resequence();
    return policy.byValue ? selectByValue(items, increments, out) : selectBySortingOrder(items, increments, out);
  }

  private int selectBySortingOrder(int items, int increments, PoolElementEntry[] out) {
    if (policy == PoolPolicy.WEIGHTED_ROUND_ROBIN) prepareWeightedRoundRobin();
    int n = 0;
    for (SelectionNode node = tree.first(); n < items && node != null; node = tree.next(node)) out[n++] = node.entry;
    int k = Math.min(n, increments);
    for (int i = 0; i < k; i++) {
      PoolElementEntry e = out[i];
      tree.remove(e.node);
      e.node.sequenceNumber = nextSequenceNumber();
      e.selectionCounter++;
      policy.update(e);
      link(e);
    }
    return n;
  }

  /**
   * Weighted sampling without replacement: each draw takes one entry out until all draws are done.
   * rsplib unlinks each drawn node and re-links them all at the end. The value-tree policies order by
   * identifier and their update only recomputes the node value, so the re-link puts each node back
   * where it was with the value it had; setting a drawn node's value to 0 for the remaining draws and
   * restoring it afterwards draws exactly the same entries and costs two walks up the tree instead of
   * a removal and an insertion with rebalancing.
   */
  private int selectByValue(int items, int increments, PoolElementEntry[] out) {
    int draws = Math.min(items, size());
    int n = 0;
    for (int i = 0; i < draws; i++) {
      long total = tree.valueSum();
      if (total < 1) break;
      // rsplib: random64() % sum. The draw is unbiased to within sum/2^64.
      SelectionNode node = tree.byValue(Long.remainderUnsigned(random.nextLong(), total));
      if (node == null) break;
      PoolElementEntry e = node.entry;
      node.sequenceNumber = nextSequenceNumber();
      e.selectionCounter++;
      if (n < increments) policy.update(e);
      out[n++] = e;
      if (i + 1 < draws) tree.setValue(node, 0);
    }
    for (int i = 0; i < n; i++) {
      PoolElementEntry e = out[i];
      int drawn = e.node.value;
      if (updateOnRelink) policy.update(e);
      policy.place(e);
      int value = e.node.value;
      e.node.value = drawn;
      tree.setValue(e.node, value);
    }
    return n;
  }

  /** weightedRoundRobinPrepareSelection: shift all round counters down before the first one would wrap. */
  private void prepareWeightedRoundRobin() {
    long current = currentRoundCounter();
    if (((current + 2) & MAX) < current) {
      SelectionNode first = tree.first();
      if (first == null) return;
      long lowest = first.entry.roundCounter;
      for (SelectionNode n = first; n != null; n = tree.next(n)) {
        PoolElementEntry e = n.entry;
        e.roundCounter = (e.roundCounter - lowest) & MAX;
        // The node's cached rank; every rank moves by the same amount, so the order stays.
        n.rank = SelectionNode.rank(e.roundCounter, e.virtualCounter);
      }
    }
  }

  /** Checks the selection tree's invariants (tests). */
  void verify() {
    tree.verify();
    if (tree.size() != byIdentifier.size()) throw new IllegalStateException("tree and index sizes differ");
  }

  @Override
  public String toString() {
    return "pool " + handle + " (" + policy.type + ", " + size() + " pool elements)";
  }
}

package org.rserpool.emulator.handlespace;

/**
 * A pool element's node in its pool's selection tree. Only what a tree descent reads lives here, so
 * that a node is small (56 bytes with compressed references) and the comparison key, the value sum and
 * the links of a node share one or two cache lines; at 100,000 pool elements the nodes fit in the
 * CPU's last-level cache while the entries with their parameters do not.
 */
final class SelectionNode {
  /**
   * The sort key: (key << 32 | key2) of the policy (see {@link PoolPolicy#place}), both unsigned 32
   * bits, offset by 2^63 so that a signed comparison orders it as unsigned.
   */
  long rank;
  /** Sum of the values in this subtree (value-tree policies only). */
  long valueSum;
  /** rsplib's SeqNumber: unsigned 32 bits, ties of the rank are broken by it. */
  int sequenceNumber;
  /** The node's value for weighted draws: unsigned 32 bits. */
  int value;
  boolean red;
  SelectionNode left;
  SelectionNode right;
  SelectionNode parent;
  final PoolElementEntry entry;

  SelectionNode(PoolElementEntry entry) {
    this.entry = entry;
  }

  static long rank(long key, long key2) {
    return (key << 32 | key2) ^ Long.MIN_VALUE;
  }

  long key() {
    return (rank ^ Long.MIN_VALUE) >>> 32;
  }

  long key2() {
    return rank & 0xffffffffL;
  }

  long valueUnsigned() {
    return Integer.toUnsignedLong(value);
  }
}

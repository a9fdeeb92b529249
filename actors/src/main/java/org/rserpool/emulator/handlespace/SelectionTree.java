package org.rserpool.emulator.handlespace;

/**
 * A pool's selection storage: a red-black tree of the entries' selection nodes, ordered by (rank,
 * sequence number) ascending, as rsplib's selection storage (a red-black tree in its default build)
 * orders them by the policy's comparison function. With {@code valueSums} every node
 * also carries the sum of the values in its subtree, so a weighted random draw finds the entry that
 * covers a value in O(log N) (rsplib RedBlackTreeGetNodeByValue).
 *
 * <p>Insert, remove, first and next are O(log N) worst case; nothing allocates. The algorithm is the
 * textbook one (Cormen et al., "Introduction to Algorithms", 3rd ed., ch. 13) with a per-tree sentinel.
 */
final class SelectionTree {
  private final SelectionNode nil = new SelectionNode(null);
  private final boolean valueSums;
  private SelectionNode root = nil;
  private int size;

  SelectionTree(boolean valueSums) {
    this.valueSums = valueSums;
    nil.left = nil.right = nil.parent = nil;
  }

  int size() {
    return size;
  }

  /** The sum of all values (only maintained with {@code valueSums}). */
  long valueSum() {
    return root.valueSum;
  }

  static boolean less(SelectionNode a, SelectionNode b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    return Integer.compareUnsigned(a.sequenceNumber, b.sequenceNumber) < 0;
  }

  SelectionNode first() {
    if (root == nil) return null;
    return minimum(root);
  }

  SelectionNode next(SelectionNode e) {
    if (e.right != nil) return minimum(e.right);
    SelectionNode p = e.parent;
    while (p != nil && e == p.right) {
      e = p;
      p = p.parent;
    }
    return p == nil ? null : p;
  }

  private SelectionNode minimum(SelectionNode e) {
    while (e.left != nil) e = e.left;
    return e;
  }

  /**
   * The entry covering {@code v} when the values are laid out in tree order: the one whose cumulative
   * range [sum before it, sum before it + its value) contains v. Entries of value 0 cover nothing.
   */
  SelectionNode byValue(long v) {
    SelectionNode e = root;
    while (e != nil) {
      long leftSum = e.left.valueSum;
      long value = e.valueUnsigned();
      if (v < leftSum) {
        e = e.left;
      } else if (v < leftSum + value) {
        return e;
      } else {
        v -= leftSum + value;
        e = e.right;
      }
    }
    return null;
  }

  /**
   * Changes a node's value in place, with the sums on its path to the root: O(log N) and no
   * rebalancing, as the order does not depend on values.
   */
  void setValue(SelectionNode node, int value) {
    long delta = Integer.toUnsignedLong(value) - node.valueUnsigned();
    node.value = value;
    for (SelectionNode p = node; p != nil; p = p.parent) p.valueSum += delta;
  }

  void insert(SelectionNode z) {
    SelectionNode y = nil;
    SelectionNode x = root;
    while (x != nil) {
      y = x;
      x = less(z, x) ? x.left : x.right;
    }
    z.parent = y;
    if (y == nil) {
      root = z;
    } else if (less(z, y)) {
      y.left = z;
    } else {
      y.right = z;
    }
    z.left = nil;
    z.right = nil;
    z.red = true;
    if (valueSums) {
      long value = z.valueUnsigned();
      z.valueSum = value;
      for (SelectionNode p = y; p != nil; p = p.parent) p.valueSum += value;
    }
    size++;
    insertFixup(z);
  }

  private void insertFixup(SelectionNode z) {
    while (z.parent.red) {
      SelectionNode gp = z.parent.parent;
      if (z.parent == gp.left) {
        SelectionNode y = gp.right;
        if (y.red) {
          z.parent.red = false;
          y.red = false;
          gp.red = true;
          z = gp;
        } else {
          if (z == z.parent.right) {
            z = z.parent;
            rotateLeft(z);
          }
          z.parent.red = false;
          z.parent.parent.red = true;
          rotateRight(z.parent.parent);
        }
      } else {
        SelectionNode y = gp.left;
        if (y.red) {
          z.parent.red = false;
          y.red = false;
          gp.red = true;
          z = gp;
        } else {
          if (z == z.parent.left) {
            z = z.parent;
            rotateRight(z);
          }
          z.parent.red = false;
          z.parent.parent.red = true;
          rotateLeft(z.parent.parent);
        }
      }
    }
    root.red = false;
  }

  void remove(SelectionNode z) {
    SelectionNode y = z;
    boolean yWasRed = y.red;
    SelectionNode x;
    if (z.left == nil) {
      x = z.right;
      transplant(z, z.right);
    } else if (z.right == nil) {
      x = z.left;
      transplant(z, z.left);
    } else {
      y = minimum(z.right);
      yWasRed = y.red;
      x = y.right;
      if (y.parent == z) {
        x.parent = y; // also when x is the sentinel: the fixup walks up from it
      } else {
        transplant(y, y.right);
        y.right = z.right;
        y.right.parent = y;
      }
      transplant(z, y);
      y.left = z.left;
      y.left.parent = y;
      y.red = z.red;
    }
    if (valueSums) {
      // Every node whose subtree changed lies on the path from x's parent to the root.
      for (SelectionNode p = x.parent; p != nil; p = p.parent) p.valueSum = p.left.valueSum + p.right.valueSum + p.valueUnsigned();
    }
    size--;
    if (!yWasRed) deleteFixup(x);
    nil.parent = nil;
    nil.valueSum = 0;
    z.left = z.right = z.parent = null;
  }

  private void transplant(SelectionNode u, SelectionNode v) {
    if (u.parent == nil) {
      root = v;
    } else if (u == u.parent.left) {
      u.parent.left = v;
    } else {
      u.parent.right = v;
    }
    v.parent = u.parent;
  }

  private void deleteFixup(SelectionNode x) {
    while (x != root && !x.red) {
      if (x == x.parent.left) {
        SelectionNode w = x.parent.right;
        if (w.red) {
          w.red = false;
          x.parent.red = true;
          rotateLeft(x.parent);
          w = x.parent.right;
        }
        if (!w.left.red && !w.right.red) {
          w.red = true;
          x = x.parent;
        } else {
          if (!w.right.red) {
            w.left.red = false;
            w.red = true;
            rotateRight(w);
            w = x.parent.right;
          }
          w.red = x.parent.red;
          x.parent.red = false;
          w.right.red = false;
          rotateLeft(x.parent);
          x = root;
        }
      } else {
        SelectionNode w = x.parent.left;
        if (w.red) {
          w.red = false;
          x.parent.red = true;
          rotateRight(x.parent);
          w = x.parent.left;
        }
        if (!w.right.red && !w.left.red) {
          w.red = true;
          x = x.parent;
        } else {
          if (!w.left.red) {
            w.right.red = false;
            w.red = true;
            rotateLeft(w);
            w = x.parent.left;
          }
          w.red = x.parent.red;
          x.parent.red = false;
          w.left.red = false;
          rotateRight(x.parent);
          x = root;
        }
      }
    }
    x.red = false;
  }

  private void rotateLeft(SelectionNode x) {
    SelectionNode y = x.right;
    x.right = y.left;
    if (y.left != nil) y.left.parent = x;
    y.parent = x.parent;
    if (x.parent == nil) {
      root = y;
    } else if (x == x.parent.left) {
      x.parent.left = y;
    } else {
      x.parent.right = y;
    }
    y.left = x;
    x.parent = y;
    if (valueSums) {
      y.valueSum = x.valueSum;
      x.valueSum = x.left.valueSum + x.right.valueSum + x.valueUnsigned();
    }
  }

  private void rotateRight(SelectionNode x) {
    SelectionNode y = x.left;
    x.left = y.right;
    if (y.right != nil) y.right.parent = x;
    y.parent = x.parent;
    if (x.parent == nil) {
      root = y;
    } else if (x == x.parent.right) {
      x.parent.right = y;
    } else {
      x.parent.left = y;
    }
    y.right = x;
    x.parent = y;
    if (valueSums) {
      y.valueSum = x.valueSum;
      x.valueSum = x.left.valueSum + x.right.valueSum + x.valueUnsigned();
    }
  }

  /**
   * Checks the red-black and ordering invariants and the value sums; throws on a violation. For
   * tests: O(N).
   */
  void verify() {
    if (root.red) throw new IllegalStateException("red root");
    int[] count = {0};
    verify(root, nil, count);
    if (count[0] != size) throw new IllegalStateException("size " + size + " but " + count[0] + " nodes");
  }

  private int verify(SelectionNode e, SelectionNode parent, int[] count) {
    if (e == nil) return 1;
    count[0]++;
    if (e.parent != parent) throw new IllegalStateException("bad parent link at " + e.entry.identifier);
    if (e.red && (e.left.red || e.right.red)) throw new IllegalStateException("red node with red child at " + e.entry.identifier);
    if (e.left != nil && !less(e.left, e)) throw new IllegalStateException("order violated at " + e.entry.identifier);
    if (e.right != nil && !less(e, e.right)) throw new IllegalStateException("order violated at " + e.entry.identifier);
    if (valueSums && e.valueSum != e.left.valueSum + e.right.valueSum + e.valueUnsigned()) {
      throw new IllegalStateException("bad value sum at " + e.entry.identifier);
    }
    int l = verify(e.left, e, count);
    int r = verify(e.right, e, count);
    if (l != r) throw new IllegalStateException("black heights differ at " + e.entry.identifier);
    return l + (e.red ? 0 : 1);
  }
}

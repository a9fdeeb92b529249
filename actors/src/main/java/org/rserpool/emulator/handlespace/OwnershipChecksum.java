package org.rserpool.emulator.handlespace;

import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.PoolHandle;

/**
 * The PE checksum of RFC 5353 §3.6.2: the 16-bit Internet checksum (RFC 1071) over the byte blocks
 * {@code pool handle (zero-padded to 32 bits) || PE identifier (network order)} of the pool elements a
 * registrar owns. ENRP_PRESENCE carries the sender's value; a peer that computes another value for the
 * sender's pool elements resynchronises (RFC 5353 §3.6.3).
 *
 * <p>The one's-complement sum is order-free and invertible, so a handlespace keeps one accumulator per
 * owner and adds or subtracts a pool element's contribution when it appears, leaves or changes owner
 * (the RFC's "Implementation Note"; rsplib poolhandlespacechecksum.c does the same). The accumulator is
 * a {@code long} of unfolded 16-bit word sums, folded only when the checksum is read. rsplib keeps it
 * in a {@code uint32_t}, which silently drops carries once the sum passes 2^32 (about 65,000 pool
 * elements of one owner); the emulator does not copy that overflow, so its values are the RFC 1071
 * checksum at any size and equal rsplib's wherever rsplib's accumulator does not wrap.
 */
public final class OwnershipChecksum {
  /** The checksum of an empty set: the complement of a zero sum (rsplib INITIAL_HANDLESPACE_CHECKSUM). */
  public static final int EMPTY = 0xffff;

  private OwnershipChecksum() {}

  /**
   * Sum of the handle's 16-bit big-endian words; a trailing odd byte is the high byte of a word whose
   * low byte is the zero padding (RFC 1071 §4.1). Padding to 32 bits adds zero words only.
   */
  public static long handleWords(PoolHandle handle) {
    Bytes value = handle.value();
    long sum = 0;
    int n = value.length();
    for (int i = 0; i + 1 < n; i += 2) sum += (value.get(i) & 0xff) << 8 | (value.get(i + 1) & 0xff);
    if ((n & 1) != 0) sum += (value.get(n - 1) & 0xff) << 8;
    return sum;
  }

  /** One pool element's contribution: its handle's words plus the two words of its identifier. */
  public static long contribution(long handleWords, int identifier) {
    return handleWords + (identifier >>> 16) + (identifier & 0xffff);
  }

  /** Folds the carries back in and complements: the 16-bit value sent in the PE Checksum parameter. */
  public static int finish(long accumulator) {
    long sum = accumulator;
    while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
    return (int) (~sum & 0xffff);
  }

  /** The checksum of the given (pool handle, PE identifier) pairs, computed from scratch. */
  public static int of(Iterable<? extends Contributor> poolElements) {
    long sum = 0;
    for (Contributor c : poolElements) sum += contribution(handleWords(c.poolHandle()), c.identifier());
    return finish(sum);
  }

  /** What the checksum covers of a pool element. */
  public interface Contributor {
    PoolHandle poolHandle();

    int identifier();
  }
}

package org.rserpool.emulator.handlespace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.protocol.param.PoolHandle;

/** RFC 5353 §3.6.2 / RFC 1071 PE checksum: rsplib's test vectors and an independent reference. */
class OwnershipChecksumTest {
  record Pe(PoolHandle poolHandle, int identifier) implements OwnershipChecksum.Contributor {}

  static Pe pe(String handle, int id) {
    return new Pe(PoolHandle.of(handle), id);
  }

  /** rserpool-protocol.md §7.1, verified against rsplib's poolhandlespacechecksum.c. */
  @Test
  void rsplibTestVectors() {
    assertEquals(0x53c8, OwnershipChecksum.of(List.of(pe("EchoPool", 0x12345678), pe("EchoPool", 0x00000001), pe("ScriptingPool", 0xcafebabe))));
    assertEquals(0x77b7, OwnershipChecksum.of(List.of(pe("ABC", 0x01020304))));
    assertEquals(0xffff, OwnershipChecksum.of(List.of()));
    assertEquals(OwnershipChecksum.EMPTY, OwnershipChecksum.finish(0));
  }

  /**
   * RFC 1071 computed the textbook way: all byte blocks (handle zero-padded to 32 bits, then the
   * identifier in network order) concatenated, summed as big-endian 16-bit words with end-around
   * carry after every addition, complemented.
   */
  static int reference(List<Pe> pes) {
    int sum = 0;
    for (Pe p : pes) {
      byte[] h = p.poolHandle().value().array();
      byte[] block = new byte[(h.length + 3) / 4 * 4 + 4];
      System.arraycopy(h, 0, block, 0, h.length);
      int at = block.length - 4;
      block[at] = (byte) (p.identifier() >>> 24);
      block[at + 1] = (byte) (p.identifier() >>> 16);
      block[at + 2] = (byte) (p.identifier() >>> 8);
      block[at + 3] = (byte) p.identifier();
      for (int i = 0; i < block.length; i += 2) {
        sum += (block[i] & 0xff) << 8 | (block[i + 1] & 0xff);
        sum = (sum & 0xffff) + (sum >>> 16);
      }
    }
    return ~sum & 0xffff;
  }

  @Property(tries = 300)
  void equalsTheTextbookChecksum(@ForAll @Size(max = 40) List<@StringLength(min = 1, max = 32) String> handles, @ForAll long seed) {
    List<Pe> pes = new ArrayList<>();
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    for (String h : handles) {
      PoolHandle handle = PoolHandle.of(h);
      if (handle.value().length() > 32) continue;
      pes.add(new Pe(handle, random.nextInt()));
    }
    assertEquals(reference(pes), OwnershipChecksum.of(pes));
  }

  /** The emulator keeps carries that rsplib's 32-bit accumulator would lose: still RFC 1071 at 100,000 entries. */
  @Test
  void largeSetsStayExact() {
    List<Pe> pes = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) pes.add(pe("CalcAppPool", 0xfff00000 + i));
    assertEquals(reference(pes), OwnershipChecksum.of(pes));
  }
}

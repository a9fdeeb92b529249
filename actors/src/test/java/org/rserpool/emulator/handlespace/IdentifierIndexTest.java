package org.rserpool.emulator.handlespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.rserpool.emulator.protocol.param.PolicyType;

/** The identifier hash table against java.util.HashMap, with collisions, deletions, growth and shrinking. */
class IdentifierIndexTest {
  @Property(tries = 200)
  void behavesLikeAMap(@ForAll List<@IntRange(min = -40, max = 300) Integer> operations) {
    IdentifierIndex index = new IdentifierIndex();
    Map<Integer, PoolElementEntry> model = new HashMap<>();
    for (int op : operations) {
      // Small identifiers collide; multiples of 2^20 share their low bits; 0 is the special slot.
      int id = op < 0 ? -op << 20 : op;
      if (model.containsKey(id)) {
        index.remove(id);
        model.remove(id);
      } else {
        PoolElementEntry e = new PoolElementEntry(Fixtures.pe(id, PolicyType.ROUND_ROBIN), 0);
        index.put(e);
        model.put(id, e);
      }
      assertEquals(model.size(), index.size());
    }
    for (int id = -40; id <= 300; id++) {
      int key = id < 0 ? -id << 20 : id;
      PoolElementEntry e = index.get(key);
      if (model.containsKey(key)) {
        assertSame(model.get(key), e);
      } else {
        assertNull(e);
      }
    }
    assertEquals(new HashSet<>(model.values()), new HashSet<>(index));
    assertEquals(model.size(), index.stream().count());
  }
}

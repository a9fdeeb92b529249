package org.rserpool.emulator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;

/** For tests in other packages: one {@code emulate --nodes} run to its end, its results.json. */
public final class ClusterTestRuns {
  private ClusterTestRuns() {}

  public static JsonNode run(Path dir, Duration timeout, String... args) throws Exception {
    try (ClusterRunner run = ClusterRunner.start(dir, args)) {
      assertEquals(0, run.awaitExit(timeout), run.log());
      return run.resultsJson();
    }
  }
}

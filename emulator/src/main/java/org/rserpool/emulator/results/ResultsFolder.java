package org.rserpool.emulator.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a run or a sweep writes its files: {@code results/<scenario>/<timestamp>/} under the working
 * directory, or the folder the user names ({@code --results DIR}).
 */
public final class ResultsFolder {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private ResultsFolder() {}

  /**
   * Creates the folder (and its parents) and returns it.
   *
   * @param explicit the folder given with {@code --results}, or null for {@code results/<scenario>/<timestamp>}
   * @param now the time stamp of a default folder; a second folder in the same second gets "-2", "-3" ...
   * @throws UncheckedIOException naming the folder when it cannot be created
   */
  public static Path create(Path explicit, String scenarioName, LocalDateTime now) {
    Path folder = explicit;
    if (folder == null) {
      Path parent = Path.of("results", safe(scenarioName));
      String stamp = STAMP.format(now);
      folder = parent.resolve(stamp);
      for (int k = 2; Files.exists(folder); k++) folder = parent.resolve(stamp + "-" + k);
    }
    try {
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the results folder " + folder + ": " + e.getMessage(), e);
    }
  }

  /** A scenario name as a folder name: letters, digits, '-', '_' and '.' kept, anything else '_'. */
  static String safe(String name) {
    String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.isEmpty() || s.equals(".") || s.equals("..") ? "unnamed" : s;
  }
}

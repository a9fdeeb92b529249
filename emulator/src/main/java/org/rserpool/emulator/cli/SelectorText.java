package org.rserpool.emulator.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A target selector of the control API (Chaos Mesh's selectors and modes, docs/control-api.md) written
 * on one command-line word: comma-separated terms, each {@code site:N}, {@code role:R},
 * {@code address:CIDR}, {@code name:NAME} or a bare component name, and at most one
 * {@code mode:one|all|fixed:N|percent:P}; {@code all} alone selects everything. Terms of the same key
 * add alternatives, different keys narrow, e.g. {@code role:pe,site:1,mode:percent:50}.
 */
final class SelectorText implements ITypeConverter<ObjectNode> {

  @Override
  public ObjectNode convert(String text) {
    return parse(text);
  }

  static ObjectNode parse(String text) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    String t = text.trim();
    if (t.isEmpty()) throw new TypeConversionException("an empty selector; write 'all', a component name or terms such as site:1,role:pe");
    if (t.equals("all") || t.equals("*")) return n;
    for (String raw : t.split(",")) {
      String term = raw.trim();
      if (term.isEmpty()) continue;
      int colon = term.indexOf(':');
      if (colon < 0) {
        list(n, "names").add(term);
        continue;
      }
      String key = term.substring(0, colon).toLowerCase(Locale.ROOT);
      String value = term.substring(colon + 1).trim();
      if (value.isEmpty()) throw new TypeConversionException("'" + term + "' has no value after the colon");
      switch (key) {
        case "site" -> {
          try {
            list(n, "site").add(Integer.parseInt(value));
          } catch (NumberFormatException e) {
            throw new TypeConversionException("a site is a number, got '" + value + "'");
          }
        }
        case "role" -> list(n, "role").add(value);
        case "address", "addr" -> list(n, "address").add(value);
        case "name", "names" -> list(n, "names").add(value);
        case "mode" -> mode(n, value);
        default -> throw new TypeConversionException(
            "unknown selector key '" + key + "' in '" + term + "'; use site:, role:, address:, name: or mode:");
      }
    }
    return n;
  }

  private static void mode(ObjectNode n, String value) {
    if (n.has("mode")) throw new TypeConversionException("give mode: once");
    int colon = value.indexOf(':');
    String mode = (colon < 0 ? value : value.substring(0, colon)).toLowerCase(Locale.ROOT);
    n.put("mode", mode);
    if (colon >= 0) {
      try {
        n.put("value", Integer.parseInt(value.substring(colon + 1)));
      } catch (NumberFormatException e) {
        throw new TypeConversionException("mode " + mode + " takes a whole number, e.g. mode:fixed:3 or mode:percent:50");
      }
    }
  }

  private static ArrayNode list(ObjectNode n, String key) {
    return n.has(key) ? (ArrayNode) n.get(key) : n.putArray(key);
  }
}

package org.rserpool.emulator.control;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** JSON in and out of the control API: one strict mapper, and checked reading of request fields. */
final class Json {
  /** Strict: duplicate keys and trailing tokens are errors, so "what you sent" has one meaning. */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .build();

  private Json() {}

  /** Parses a request body that must be a JSON object. */
  static ObjectNode object(String body) {
    if (body == null || body.isBlank()) throw ProblemException.malformed("the request needs a JSON object as its body", null);
    JsonNode n;
    try {
      JsonParser p = MAPPER.createParser(body);
      n = MAPPER.readTree(p);
    } catch (JsonProcessingException e) {
      throw ProblemException.malformed("the body is not valid JSON: " + e.getOriginalMessage(), null);
    } catch (java.io.IOException e) {
      throw ProblemException.malformed("the body cannot be read: " + e.getMessage(), null);
    }
    if (n == null || !n.isObject()) throw ProblemException.malformed("the body must be a JSON object, got " + kind(n), null);
    return (ObjectNode) n;
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** What kind of JSON value this is, for error messages. */
  static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) return "nothing";
    if (n.isNull()) return "null";
    if (n.isObject()) return "an object";
    if (n.isArray()) return "an array";
    if (n.isTextual()) return "a string";
    if (n.isBoolean()) return "a boolean";
    if (n.isNumber()) return "a number";
    return n.getNodeType().name().toLowerCase();
  }

  /** Refuses keys outside {@code allowed}, naming the first one and what is allowed. */
  static void onlyKeys(ObjectNode n, String at, Set<String> allowed) {
    Iterator<String> names = n.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (!allowed.contains(k)) {
        throw ProblemException.invalid(path(at, k), "unknown key '" + k + "'; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  static String path(String at, String key) {
    return at == null || at.isEmpty() ? key : at + "." + key;
  }

  static String text(ObjectNode n, String at, String key, boolean required) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      if (required) throw ProblemException.invalid(path(at, key), "missing: '" + key + "' is required");
      return null;
    }
    if (!v.isTextual()) throw ProblemException.invalid(path(at, key), "must be a string, got " + kind(v));
    return v.asText();
  }

  /** A string or a number, as text (netem's words allow both: {@code "5%"} or {@code 0.05}). */
  static String scalar(ObjectNode n, String at, String key) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) return null;
    if (v.isTextual()) return v.asText();
    if (v.isNumber()) return v.asText();
    throw ProblemException.invalid(path(at, key), "must be a string or a number, got " + kind(v));
  }

  static ObjectNode object(ObjectNode n, String at, String key, boolean required) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      if (required) throw ProblemException.invalid(path(at, key), "missing: '" + key + "' is required");
      return null;
    }
    if (!v.isObject()) throw ProblemException.invalid(path(at, key), "must be an object, got " + kind(v));
    return (ObjectNode) v;
  }

  /** A list of strings; a single string is taken as a list of one. */
  static List<String> texts(ObjectNode n, String at, String key) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) return List.of();
    if (v.isTextual()) return List.of(v.asText());
    if (!v.isArray()) throw ProblemException.invalid(path(at, key), "must be a string or an array of strings, got " + kind(v));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isTextual()) throw ProblemException.invalid(path(at, key) + "[" + i + "]", "must be a string, got " + kind(e));
      out.add(e.asText());
    }
    if (out.isEmpty()) throw ProblemException.invalid(path(at, key), "must not be empty");
    return out;
  }

  /** A list of whole numbers; a single number is taken as a list of one. */
  static List<Integer> ints(ObjectNode n, String at, String key) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) return List.of();
    List<JsonNode> items = new ArrayList<>();
    if (v.isArray()) v.forEach(items::add);
    else items.add(v);
    if (items.isEmpty()) throw ProblemException.invalid(path(at, key), "must not be empty");
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode e = items.get(i);
      if (!e.isIntegralNumber() || !e.canConvertToInt()) {
        throw ProblemException.invalid(path(at, key) + (v.isArray() ? "[" + i + "]" : ""), "must be a whole number, got " + kind(e));
      }
      out.add(e.asInt());
    }
    return out;
  }

  /** A positive duration written as scenario files write them: {@code "30s"}, {@code "500ms"}, {@code "1.5h"}. */
  static Duration duration(ObjectNode n, String at, String key) {
    String t = text(n, at, key, false);
    if (t == null) return null;
    return duration(t, path(at, key));
  }

  static Duration duration(String text, String field) {
    Duration d;
    try {
      d = ConfigFactory.empty().withValue("d", ConfigValueFactory.fromAnyRef(text.trim())).getDuration("d");
    } catch (ConfigException e) {
      throw ProblemException.invalid(field, "'" + text + "' is not a duration (examples: 30s, 500ms, 10m, 1.5h)");
    }
    if (d.isNegative() || d.isZero()) throw ProblemException.invalid(field, "must be a positive duration, got '" + text + "'");
    return d;
  }
}

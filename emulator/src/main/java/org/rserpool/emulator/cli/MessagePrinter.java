package org.rserpool.emulator.cli;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.param.AddressParameter;
import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.DccpTransport;
import org.rserpool.emulator.protocol.param.ErrorCause;
import org.rserpool.emulator.protocol.param.HandleResolutionOption;
import org.rserpool.emulator.protocol.param.OpaqueTransport;
import org.rserpool.emulator.protocol.param.PeChecksum;
import org.rserpool.emulator.protocol.param.PeIdentifier;
import org.rserpool.emulator.protocol.param.PolicyValue;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TcpTransport;
import org.rserpool.emulator.protocol.param.UdpLiteTransport;
import org.rserpool.emulator.protocol.param.UdpTransport;

/**
 * Prints a decoded message as an indented tree: one line per field, named after the record component
 * ({@code homeEnrpServerIdentifier} → "Home ENRP Server Identifier"), with identifiers in hex, loads as
 * percentages and opaque bytes in hex. It walks the records, so a field added to a message shows up
 * without a change here.
 */
final class MessagePrinter {
  private MessagePrinter() {}

  /** Opaque values longer than this are cut in the output (cookies may be 64 KiB). */
  static final int MAX_HEX_BYTES = 64;
  private static final Set<String> ACRONYMS = Set.of("pe", "enrp", "asap", "id", "dpf", "sctp", "tcp", "udp", "dccp");
  /** Component names whose RFC 5354 name says more than the name alone. */
  private static final Map<String, String> RFC_NAMES = Map.of(
      "identifier", "PE Identifier",
      "error", "Operation Error",
      "causes", "Error Causes",
      "option", "Handle Resolution Option",
      "checksum", "PE Checksum");

  /** The message's fields, each on its own line, indented by two spaces. */
  static String fields(Message message) {
    StringBuilder out = new StringBuilder();
    components(out, (Record) message, 1);
    return out.toString();
  }

  private static void components(StringBuilder out, Record record, int depth) {
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      field(out, depth, label(c.getName()), c.getName(), value(c, record));
    }
  }

  private static void field(StringBuilder out, int depth, String label, String name, Object value) {
    String indent = "  ".repeat(depth);
    if (value instanceof List<?> list) {
      out.append(indent).append(label).append(": ").append(list.size()).append('\n');
      for (int i = 0; i < list.size(); i++) field(out, depth + 1, "[" + (i + 1) + "]", name, list.get(i));
    } else if (value instanceof Record r && !isLeaf(r)) {
      out.append(indent).append(label).append(":\n");
      components(out, r, depth + 1);
    } else {
      out.append(indent).append(label).append(": ").append(leaf(name, value)).append('\n');
    }
  }

  /** Records printed on one line rather than field by field. */
  private static boolean isLeaf(Record r) {
    return r instanceof PoolHandle || r instanceof Bytes || r instanceof AddressParameter || r instanceof SctpTransport
        || r instanceof TcpTransport || r instanceof UdpTransport || r instanceof UdpLiteTransport || r instanceof DccpTransport
        || r instanceof OpaqueTransport || r instanceof SelectionPolicy || r instanceof ErrorCause || r instanceof PeChecksum
        || r instanceof PeIdentifier || r instanceof HandleResolutionOption;
  }

  private static String leaf(String name, Object value) {
    if (value == null) return "(absent)";
    if (value instanceof Integer i) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.equals("registrationlife")) return i + " ms";
      if (n.equals("jobid")) return Integer.toUnsignedString(i);
      if (n.endsWith("identifier") || n.endsWith("id")) return String.format("0x%08x", i);
      return Integer.toString(i);
    }
    if (value instanceof PoolHandle h) return handle(h);
    if (value instanceof Bytes b) return hex(b);
    if (value instanceof SctpTransport t) {
      return "SCTP port " + t.port() + ", " + t.transportUse() + ", " + t.addresses().size() + " address(es) " + addresses(t.addresses());
    }
    if (value instanceof TcpTransport t) return "TCP port " + t.port() + ", " + t.transportUse() + ", " + t.address();
    if (value instanceof UdpTransport t) return "UDP port " + t.port() + ", " + t.address();
    if (value instanceof UdpLiteTransport t) return "UDP-Lite port " + t.port() + ", " + t.address();
    if (value instanceof DccpTransport t) return "DCCP port " + t.port() + ", service code " + t.serviceCode() + ", " + t.address();
    if (value instanceof OpaqueTransport t) return "Opaque transport " + hex(t.value());
    if (value instanceof SelectionPolicy p) return policy(p);
    if (value instanceof ErrorCause c) return CauseCode.describe(c.code()) + (c.info().length() == 0 ? "" : ", information " + hex(c.info()));
    if (value instanceof PeChecksum c) return c.toString();
    if (value instanceof PeIdentifier id) return String.format("0x%08x", id.value());
    if (value instanceof HandleResolutionOption o) {
      return o.items() == HandleResolutionOption.AS_MANY_AS_POSSIBLE ? "items: as many as possible (0xffffffff)" : "items: " + o.items();
    }
    return String.valueOf(value);
  }

  private static String policy(SelectionPolicy p) {
    StringBuilder s = new StringBuilder(p.type().rspsimName()).append(String.format(" (0x%08x)", p.type().code()));
    for (PolicyValue v : p.type().valueWords()) {
      long word = p.value(v);
      s.append(", ").append(label(v.name().toLowerCase(Locale.ROOT).replace("_", " "))).append(' ');
      switch (v) {
        case LOAD, LOAD_DEGRADATION, LOAD_DPF, WEIGHT_DPF ->
            s.append(String.format(Locale.ROOT, "%.2f %% (0x%08x)", 100 * SelectionPolicy.toFraction(word), word));
        case DISTANCE -> s.append(word).append(" ms");
        case WEIGHT -> s.append(word);
      }
    }
    return s.toString();
  }

  private static String addresses(List<AddressParameter> addresses) {
    StringBuilder s = new StringBuilder();
    for (AddressParameter a : addresses) s.append(s.length() == 0 ? "" : ", ").append(a);
    return s.toString();
  }

  private static String handle(PoolHandle h) {
    String text = h.toString();
    boolean printable = !text.equals(h.value().toString()) || h.value().length() == 0;
    return (printable ? "\"" + text + "\" " : "") + "(" + h.value().length() + " bytes: " + shortHex(h.value()) + ")";
  }

  private static String hex(Bytes b) {
    return b.length() + " bytes" + (b.length() == 0 ? "" : ": " + shortHex(b));
  }

  private static String shortHex(Bytes b) {
    if (b.length() <= MAX_HEX_BYTES) return b.toHex();
    return Bytes.copyOf(b.array(), 0, MAX_HEX_BYTES).toHex() + "... (" + (b.length() - MAX_HEX_BYTES) + " more)";
  }

  /** {@code homeEnrpServerIdentifier} → {@code Home ENRP Server Identifier}. */
  static String label(String name) {
    if (RFC_NAMES.containsKey(name)) return RFC_NAMES.get(name);
    StringBuilder s = new StringBuilder();
    for (String word : name.split("(?<=[a-z0-9])(?=[A-Z])| ")) {
      if (word.isEmpty()) continue;
      String lower = word.toLowerCase(Locale.ROOT);
      s.append(s.length() == 0 ? "" : " ")
          .append(ACRONYMS.contains(lower) ? lower.toUpperCase(Locale.ROOT) : Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    return s.toString();
  }

  private static Object value(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
    }
  }
}

package org.rserpool.emulator.serialization;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds every class Kryo must register, starting from the root types named in the configuration
 * ({@code rserpool.serialization.kryo.roots}, one entry per module, so each module adds its own
 * protocols) and following sealed hierarchies and record components. The classes are sorted by name,
 * so every node that runs the same build assigns the same registration IDs without a hand-kept list.
 */
public final class KryoClassRegistry {
  /** Only our own types are discovered; JDK and Akka types are registered explicitly by the serializer. */
  static final String OWN_PACKAGE = "org.rserpool.";

  private KryoClassRegistry() {}

  /** The root classes configured under {@code rserpool.serialization.kryo.roots}. */
  public static List<Class<?>> roots(Config config) {
    List<Class<?>> roots = new ArrayList<>();
    Config section = config.getConfig("rserpool.serialization.kryo.roots");
    for (Map.Entry<String, ConfigValue> e : section.root().entrySet()) {
      String className = String.valueOf(e.getValue().unwrapped());
      try {
        roots.add(Class.forName(className, false, KryoClassRegistry.class.getClassLoader()));
      } catch (ClassNotFoundException ex) {
        throw new IllegalStateException(
            "rserpool.serialization.kryo.roots." + e.getKey() + " names a class that is not on the classpath: " + className, ex);
      }
    }
    return roots;
  }

  /** Every concrete or enum type reachable from the roots, sorted by name. */
  public static List<Class<?>> discover(List<Class<?>> roots) {
    Set<Class<?>> found = new TreeSet<>(Comparator.comparing(Class::getName));
    Set<Class<?>> seen = new java.util.HashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      Class<?> c = todo.pop();
      if (!seen.add(c) || !c.getName().startsWith(OWN_PACKAGE)) continue;
      if (c.isSealed()) {
        for (Class<?> sub : c.getPermittedSubclasses()) todo.push(sub);
      }
      if (c.isRecord()) {
        for (RecordComponent rc : c.getRecordComponents()) addType(rc.getGenericType(), todo);
      }
      if (!c.isInterface() && !java.lang.reflect.Modifier.isAbstract(c.getModifiers()) || c.isEnum()) {
        found.add(c);
      }
    }
    return List.copyOf(found);
  }

  private static void addType(Type t, Deque<Class<?>> todo) {
    if (t instanceof Class<?> c) {
      todo.push(c.isArray() ? c.getComponentType() : c);
    } else if (t instanceof ParameterizedType p) {
      addType(p.getRawType(), todo);
      for (Type arg : p.getActualTypeArguments()) addType(arg, todo);
    }
  }
}

package org.rserpool.emulator.serialization;

import akka.actor.ExtendedActorSystem;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.JSerializer;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Pool;
import java.util.ArrayList;
import java.util.List;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Akka serializer for every {@link ClusterSerializable} message, on plain Kryo 5 (the io.altoo Akka
 * integration is not downloadable here; java-stack.md §1.2). Registration is required: an unregistered
 * class is an error, not a silently written class name. Typed {@link ActorRef}s travel as their
 * serialization format through {@link ActorRefResolver}, so they resolve on any node of the cluster.
 */
public final class KryoSerializer extends JSerializer {
  /** Akka reserves 0-40; this one is RFC 5354's number. */
  public static final int IDENTIFIER = 5354;
  /** Our registrations start here, above the IDs Kryo assigns to its defaults and the JDK collections. */
  static final int FIRST_ID = 1000;

  private static final java.util.concurrent.atomic.LongAdder SERIALIZED = new java.util.concurrent.atomic.LongAdder();
  private static final java.util.concurrent.atomic.LongAdder DESERIALIZED = new java.util.concurrent.atomic.LongAdder();

  private final Pool<Kryo> pool;

  /** Messages this JVM wrote through Kryo (every remote message: java serialization is off). */
  public static long serialized() {
    return SERIALIZED.sum();
  }

  /** Messages this JVM read through Kryo. */
  public static long deserialized() {
    return DESERIALIZED.sum();
  }

  public KryoSerializer(ExtendedActorSystem system) {
    ActorRefResolver resolver = ActorRefResolver.get(Adapter.toTyped(system));
    List<Class<?>> classes = KryoClassRegistry.discover(KryoClassRegistry.roots(system.settings().config()));
    this.pool = new Pool<>(true, false, 64) {
      @Override
      protected Kryo create() {
        return newKryo(resolver, classes);
      }
    };
  }

  static Kryo newKryo(ActorRefResolver resolver, List<Class<?>> classes) {
    Kryo kryo = new ActorRefAwareKryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    ImmutableCollectionsSerializers.registerSerializers(kryo);
    kryo.register(ArrayList.class);
    kryo.register(byte[].class);
    kryo.register(long[].class);
    kryo.register(int[].class);
    kryo.register(boolean[].class);
    kryo.register(java.time.Duration.class);
    kryo.register(java.util.HashSet.class);
    kryo.register(java.util.LinkedHashSet.class);
    kryo.register(java.util.HashMap.class);
    kryo.register(java.util.LinkedHashMap.class);
    kryo.register(java.util.TreeMap.class);
    int id = FIRST_ID;
    kryo.register(ActorRef.class, new TypedActorRefSerializer(resolver), id++);
    for (Class<?> c : classes) kryo.register(c, id++);
    // Packets, most of what crosses nodes, as wire bytes; the class keeps its registration ID.
    if (classes.contains(org.rserpool.emulator.network.Packet.class)) kryo.register(org.rserpool.emulator.network.Packet.class, new PacketSerializer());
    return kryo;
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public boolean includeManifest() {
    return false;
  }

  @Override
  public byte[] toBinary(Object o) {
    Kryo kryo = pool.obtain();
    try (Output out = new Output(256, -1)) {
      kryo.writeClassAndObject(out, o);
      SERIALIZED.increment();
      return out.toBytes();
    } finally {
      pool.free(kryo);
    }
  }

  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    Kryo kryo = pool.obtain();
    try (Input in = new Input(bytes)) {
      Object o = kryo.readClassAndObject(in);
      DESERIALIZED.increment();
      return o;
    } finally {
      pool.free(kryo);
    }
  }

  /** Every typed ActorRef implementation shares the registration of the {@link ActorRef} interface. */
  private static final class ActorRefAwareKryo extends Kryo {
    @Override
    public Registration getRegistration(Class type) {
      if (type != ActorRef.class && ActorRef.class.isAssignableFrom(type)) return super.getRegistration(ActorRef.class);
      return super.getRegistration(type);
    }
  }

  private static final class TypedActorRefSerializer extends Serializer<ActorRef<?>> {
    private final ActorRefResolver resolver;

    TypedActorRefSerializer(ActorRefResolver resolver) {
      super(false, true);
      this.resolver = resolver;
    }

    @Override
    public void write(Kryo kryo, Output output, ActorRef<?> ref) {
      output.writeString(resolver.toSerializationFormat(ref));
    }

    @Override
    public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
      return resolver.resolveActorRef(input.readString());
    }
  }
}

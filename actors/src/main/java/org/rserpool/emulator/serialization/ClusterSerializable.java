package org.rserpool.emulator.serialization;

/**
 * Marker for everything that crosses an actor boundary. It is bound to {@link KryoSerializer} in
 * {@code reference.conf}, so a message that implements it can travel between cluster nodes; one that
 * does not falls back to Java serialization, which is switched off, and fails at once (tests run with
 * {@code akka.actor.serialize-messages = on}, so that failure shows up in a unit test, not in a cluster).
 */
public interface ClusterSerializable {}

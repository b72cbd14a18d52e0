package io.tandem.localstack;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Where a started engine listens.
 *
 * @param engine        which engine
 * @param address       for HTTP engines a base URL ({@code http://127.0.0.1:9201}), for Kafka bootstrap servers
 * @param peerAddress   the same engine as another engine of this stack reaches it (remote reindex source);
 *                      equal to {@code address} for local processes, a network alias inside Docker; for an engine
 *                      behind a proxy the node itself, which only the stack and test fixtures reach
 * @param version       the version the engine reports about itself
 * @param pid           the OS process id, where the engine is a local process
 * @param startDuration from launch until the engine answered as ready
 * @param clientProperties what a client needs besides the address to be let in, empty for an open engine: for Kafka
 *                      the administrator's client properties (SASL, trust store); for a search engine
 *                      {@code username}, {@code password} and {@code ca-cert} (a PEM file), as Tandem's
 *                      --source-*, --target-* flags of those names take them
 */
public record EngineEndpoint(Engine engine, String address, String peerAddress, String version, OptionalLong pid,
                             Duration startDuration, Map<String, String> clientProperties) {

    public EngineEndpoint {
        clientProperties = Map.copyOf(clientProperties);
    }

    /** An open engine: no client properties needed. */
    public EngineEndpoint(Engine engine, String address, String peerAddress, String version, OptionalLong pid,
                          Duration startDuration) {
        this(engine, address, peerAddress, version, pid, startDuration, Map.of());
    }

    /** Without the client properties' values: they hold the administrator's password. */
    @Override
    public String toString() {
        return "EngineEndpoint[engine=" + engine + ", address=" + address + ", peerAddress=" + peerAddress + ", version="
                + version + ", pid=" + pid + ", startDuration=" + startDuration + ", clientProperties="
                + new java.util.TreeSet<>(clientProperties.keySet()) + "]";
    }

    /** Host and port of the address, without scheme ({@code 127.0.0.1:9201}). */
    public String hostAndPort() {
        return address.replaceFirst("^[a-z]+://", "");
    }
}

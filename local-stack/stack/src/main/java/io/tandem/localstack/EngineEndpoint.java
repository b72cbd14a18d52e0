package io.tandem.localstack;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Where a started engine listens.
 *
 * @param engine        which engine
 * @param address       for HTTP engines a base URL ({@code http://127.0.0.1:9201}), for Kafka bootstrap servers
 * @param peerAddress   the same engine as another engine of this stack reaches it (remote reindex source);
 *                      equal to {@code address} for local processes, a network alias inside Docker
 * @param version       the version the engine reports about itself
 * @param pid           the OS process id, where the engine is a local process
 * @param startDuration from launch until the engine answered as ready
 */
public record EngineEndpoint(Engine engine, String address, String peerAddress, String version, OptionalLong pid,
                             Duration startDuration) {

    /** Host and port of the address, without scheme ({@code 127.0.0.1:9201}). */
    public String hostAndPort() {
        return address.replaceFirst("^[a-z]+://", "");
    }
}

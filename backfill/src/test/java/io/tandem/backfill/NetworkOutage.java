package io.tandem.backfill;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder in front of a real engine that can cut the network for a while: every open connection is reset
 * and new ones are refused at once, as when a node is down or a link drops; afterwards connections pass again.
 */
final class NetworkOutage implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress engine;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private final Thread acceptor;
    private volatile long downUntil;

    NetworkOutage(String engineUrl) throws IOException {
        URI uri = URI.create(engineUrl);
        engine = new InetSocketAddress(uri.getHost(), uri.getPort());
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "outage-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Cuts every connection now and refuses new ones for {@code duration}. */
    void cut(Duration duration) {
        downUntil = System.nanoTime() + duration.toNanos();
        open.forEach(NetworkOutage::reset);
    }

    boolean isDown() {
        return System.nanoTime() < downUntil;
    }

    /** Connections refused during outages. */
    long refused() {
        return refused.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            if (isDown()) {
                refused.incrementAndGet();
                reset(client);
                continue;
            }
            try {
                Socket upstream = new Socket(engine.getAddress(), engine.getPort());
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                reset(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[65536];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ended) {
                // one side closed or was reset: close both
            } finally {
                reset(from);
                reset(to);
                open.remove(from);
                open.remove(to);
            }
        }, "outage-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** Closes with RST rather than FIN, as a dropped link looks to the other side. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(NetworkOutage::reset);
    }
}

package io.tandem.app.operate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application during a cutover: one thread searching the read alias in a tight loop, counting answers by the
 * index that gave them, failed answers (an error status or no answer at all) and empty ones (no hit, though both
 * indices hold documents), and the slowest answer.
 */
final class AliasReader implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpRequest search;
    private final Thread thread;
    private final Map<String, AtomicLong> answersByIndex = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong maxLatencyNanos = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<String> empties = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running = true;

    private AliasReader(String url, String alias) {
        this.search = HttpRequest.newBuilder(URI.create(url + "/" + alias + "/_search")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"size\":1,\"query\":{\"match_all\":{}}}")).build();
        this.thread = new Thread(this::loop, "alias-reader");
        thread.setDaemon(true);
    }

    static AliasReader start(String url, String alias) {
        AliasReader reader = new AliasReader(url, alias);
        reader.thread.start();
        return reader;
    }

    private void loop() {
        while (running) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(search, HttpResponse.BodyHandlers.ofString());
                maxLatencyNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                requests.incrementAndGet();
                if (response.statusCode() != 200) {
                    failures.add(response.statusCode() + " " + response.body());
                    continue;
                }
                JsonNode hits = JSON.readTree(response.body()).path("hits").path("hits");
                if (hits.isEmpty()) {
                    empties.add(response.body());
                    continue;
                }
                answersByIndex.computeIfAbsent(hits.get(0).path("_index").asText(), i -> new AtomicLong()).incrementAndGet();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                requests.incrementAndGet();
                failures.add(e.toString());
            }
        }
    }

    long answersFrom(String index) {
        AtomicLong count = answersByIndex.get(index);
        return count == null ? 0 : count.get();
    }

    /** Waits until {@code index} has answered {@code count} more searches than {@code before}. */
    void awaitAnswersFrom(String index, long before, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (answersFrom(index) < before + count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(index + " answered " + (answersFrom(index) - before) + " searches, not " + count
                        + "; " + this);
            }
            Thread.sleep(10);
        }
    }

    long requests() {
        return requests.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    List<String> empties() {
        return List.copyOf(empties);
    }

    Duration maxLatency() {
        return Duration.ofNanos(maxLatencyNanos.get());
    }

    @Override
    public String toString() {
        return requests + " searches, by index " + answersByIndex + ", " + failures.size() + " failed, " + empties.size()
                + " empty, slowest " + maxLatency().toMillis() + " ms";
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(60));
    }
}

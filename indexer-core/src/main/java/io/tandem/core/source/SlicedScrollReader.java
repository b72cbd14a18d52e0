package io.tandem.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.core.cluster.EngineCall;
import io.tandem.core.cluster.RetryPolicy;
import io.tandem.core.cluster.Sleeper;
import io.tandem.core.json.JsonMappers;
import io.tandem.core.json.PartialTree;
import java.util.BitSet;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the source index for the backfill, slice by slice: each slice is a sliced scroll sorted by {@code _doc},
 * read to its end independently of the others (by its own thread, typically), page by page into a
 * {@link PageHandler}. Slices together hold every matching document exactly once, as of the moment each slice was
 * opened: documents written later reach the new cluster through the consumer. Thread-safe.
 *
 * <p><b>Sliced scroll, or a point in time on Elasticsearch 9.</b> Each slice (or chunk) is read by a scroll on every
 * engine but Elasticsearch 9+, where it is read by a point in time of its own paged with {@code search_after} on
 * {@code _shard_doc}: there that costs the source about half the CPU of a scroll (bench/source-read-benchmark:
 * 8.0 against 16.8 CPU-ms per 1,000 documents on 9.5; on 8.19 the scroll is a fifth cheaper, so it stays). A point in
 * time's slices are whole shards as a scroll's are, up to one slice per shard: each slice, worker and rerun reads on
 * its own. Beyond that ({@link ScrollSettings#beyondShards()}) a point in time would split each shard by Lucene
 * document id, which differs between points in time opened at different times, so slices read that way use the
 * scroll, whose split hashes the {@code _id}. Elasticsearch 6.8 has no point in time, OpenSearch another API; one
 * reader either way, with the same pages, checks and failures. Resuming part-way comes from {@link SliceChunks}: a
 * slice's documents counted by {@code _seq_no} range in the reading's first answer, so the backfill checkpoints each
 * range once all of its documents are copied and a rerun reads only the ranges left (the idempotent versioned writes
 * make a document read twice safe).
 *
 * <p><b>Failures.</b> A request refused for a while (429, 502, 503, 504) or lost in transport is retried with
 * exponential backoff, as long as the {@link RetryPolicy} allows (the backfill's: its --source-outage), a scroll
 * id staying valid within its keep-alive. What may pass when the slice (or chunk) is read again from its start fails
 * it with a {@link SliceReadAgainException}: an expired scroll (an outage longer than the keep-alive, or a page
 * handler blocked that long), shards that failed or timed out (their documents would be missing), a page lost to a retried
 * request the engine had already answered (found by comparing the documents read with the scroll's total). Other
 * refusals (a document without {@code _source}, a 400) are {@link IllegalStateException}s, transport failures that
 * outlast the retries {@link java.io.UncheckedIOException}s. The slice's scroll is cleared on every way out.
 */
public final class SlicedScrollReader {

    private static final Logger LOG = LoggerFactory.getLogger(SlicedScrollReader.class);

    private final RestClient source;
    private final String index;
    private final ScrollSettings settings;
    private final LongAdder pages = new LongAdder();
    private final EngineInfo engine;
    private final ScrollRequests requests;
    private final ScrollCalls calls;
    /** Whether slices are read by a point in time rather than a scroll (see the class comment). */
    private final boolean pointInTime;
    /** How each {@code _source} is read: only the fields the settings name become trees. */
    private final PartialTree sources;

    /**
     * Asks the cluster what it is ({@code GET /}) and refuses Elasticsearch before 6.0, whose indices may hold
     * several mapping types whose ids would collide in the typeless target; resolves the slice count against the
     * index's shards ({@link ScrollSlicing}) and a page size left to it against the index's size ({@link ScrollPageSize}).
     *
     * @param index an index or an alias
     * @throws IllegalArgumentException when the settings ask for more slices than the engine reads cheaply
     */
    public SlicedScrollReader(RestClient source, String index, ScrollSettings settings) {
        this(source, index, settings, RetryPolicy.DEFAULT, Sleeper.THREAD);
    }

    /** As above, retrying a request that failed in a way that may pass by {@code retry}. */
    public SlicedScrollReader(RestClient source, String index, ScrollSettings settings, RetryPolicy retry) {
        this(source, index, settings, retry, Sleeper.THREAD);
    }

    SlicedScrollReader(RestClient source, String index, ScrollSettings settings, RetryPolicy retry,
                       Sleeper sleeper) {
        this.source = Objects.requireNonNull(source, "source");
        if (index == null || index.isBlank()) {
            throw new IllegalArgumentException("index: must not be blank, was " + index);
        }
        this.index = index;
        Objects.requireNonNull(settings, "settings");
        this.calls = new ScrollCalls(source, retry, sleeper);
        this.engine = EngineInfo.detect(source);
        calls.countOther();
        if (engine.isElasticsearch() && engine.major() < 6) {
            throw new IllegalStateException("the source cluster is Elasticsearch " + engine.number() + ": Tandem "
                    + "reads Elasticsearch 6.0 and later (an index of 5.x may hold several mapping types, whose ids "
                    + "collide in a typeless target) and OpenSearch");
        }
        ScrollSettings sliced = ScrollSlicing.resolve(source, index, settings);
        calls.countOther();
        this.settings = ScrollPageSize.resolve(source, index, sliced);
        if (settings.pageSize() == ScrollSettings.AUTO_PAGE_SIZE) {
            calls.countOther();
        }
        this.requests = new ScrollRequests(index, this.settings);
        this.pointInTime = engine.isElasticsearch() && engine.major() >= 9 && !this.settings.beyondShards();
        this.sources = PartialTree.parsing(JsonMappers.SOURCE, settings.parsedPaths());
    }

    /** How slices are read: {@code point in time} or {@code scroll}. */
    public String readsBy() {
        return pointInTime ? "point in time" : "scroll";
    }

    /** What the source cluster is, as detected when this reader was made. */
    public EngineInfo engine() {
        return engine;
    }

    /** How many documents of the index the query matches now ({@code POST /<index>/_count}). */
    public long count() {
        String label = "count of '" + index + "'";
        EngineCall.Reply reply;
        try {
            reply = calls.send(label, "POST", requests.countEndpoint(), requests.countBody()).reply();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(label + ": interrupted while waiting to retry", e);
        }
        if (!reply.ok()) {
            throw reply.refused(label + ": ");
        }
        JsonNode shards = reply.body().path("_shards");
        if (shards.path("failed").asInt(0) > 0) {
            // a count without some shards' documents would look plausible and be wrong
            throw new IllegalStateException(label + ": " + shards.path("failed").asInt() + " of "
                    + shards.path("total").asInt() + " shards failed: " + EngineErrors.shardFailures(shards.path("failures")));
        }
        return reply.body().path("count").asLong();
    }

    /** The slices the index is read in, resolved against its shards. */
    public int slices() {
        return settings.slices();
    }

    /** Documents per page, as given or as sized for the index. */
    public int pageSize() {
        return settings.pageSize();
    }

    /** Requests this reader sent to the source so far, retries and clears included. */
    public long requests() {
        return calls.sent();
    }

    /** Scroll pages this reader fetched so far, each slice's last (empty) one included. */
    public long pages() {
        return pages.sum();
    }

    /**
     * Reads slice {@code slice} (0-based, below {@link #slices()}) to its end with a sliced scroll sorted by
     * {@code _doc}, calling {@code handler} for each non-empty page in order; the handler may block (that is the
     * backpressure), though not past the keep-alive. Clears the scroll at the end, also on failure.
     *
     * @return the number of documents read
     * @throws InterruptedException when interrupted while waiting for the engine or to retry, or by the handler
     */
    public long readSlice(int slice, PageHandler handler) throws InterruptedException {
        SliceChunks whole = SliceChunks.whole();
        return readChunks(slice, whole, whole.all(), counts -> { }, handler);
    }

    /**
     * Plans chunks of about {@code documentsPerChunk} documents for this reader's slices ({@link SliceChunks#plan}),
     * 0 for whole slices.
     */
    public SliceChunks chunks(long documentsPerChunk) {
        calls.countOther();
        return SliceChunks.plan(source, index, settings.slices(), documentsPerChunk);
    }

    /**
     * As {@link #readSlice}, for the chunks {@code remaining} of the slice: one scroll, filtered to their sequence
     * numbers unless they are all the slice's chunks ({@link SliceChunks#filter}), each document with its
     * {@code _seq_no} when the slice has several chunks. Before the first page, {@code counted} is told how many
     * documents each chunk holds in the scroll's snapshot, read from the first answer ({@link SliceChunks#counts});
     * not told for a slice of one chunk.
     */
    public long readChunks(int slice, SliceChunks chunks, BitSet remaining, Consumer<long[]> counted,
                           PageHandler handler) throws InterruptedException {
        if (slice < 0 || slice >= settings.slices()) {
            throw new IllegalArgumentException("slice: must be between 0 and " + (settings.slices() - 1) + ", was "
                    + slice);
        }
        Objects.requireNonNull(handler, "handler");
        String label = "slice " + slice + " (of " + settings.slices() + ") of '" + index + "'" + chunks.describe(remaining);
        // the id to go on with: the scroll's, or the point in time's (either may change from page to page)
        String id = pointInTime ? openPointInTime(label) : null;
        try {
            ScrollPage page = pointInTime
                    ? page(label, 0, ScrollPage.Kind.POINT_IN_TIME_FIRST, calls.send(label, "POST",
                            ScrollRequests.SEARCH_ENDPOINT, requests.pointInTimeBody(slice, chunks, remaining, id, null)))
                    : page(label, 0, ScrollPage.Kind.SCROLL, calls.send(label, "POST", requests.openEndpoint(),
                            requests.openBody(slice, chunks, remaining)));
            id = page.scrollId();
            long total = page.total();
            boolean totalExact = page.totalExact();
            if (chunks.count() > 1) {
                counted.accept(chunks.counts(page.aggregations()));
            }
            long read = 0;
            while (!page.documents().isEmpty()) {
                handler.accept(page.documents());
                read += page.documents().size();
                page = pointInTime
                        ? page(label, read, ScrollPage.Kind.POINT_IN_TIME_NEXT, calls.send(label, "POST",
                                ScrollRequests.SEARCH_ENDPOINT,
                                requests.pointInTimeBody(slice, chunks, remaining, id, page.after())))
                        : page(label, read, ScrollPage.Kind.SCROLL, calls.send(label, "POST",
                                ScrollRequests.SCROLL_ENDPOINT, requests.continueBody(id)));
                id = page.scrollId();
            }
            if (totalExact ? read != total : read < total) {
                throw new SliceReadAgainException(label + ": read " + read + " documents where the " + readsBy()
                        + " matched " + total + " (a page answered to a request that was then retried?): read the "
                        + "slice again");
            }
            LOG.debug("{}: read {} documents by {}", label, read, readsBy());
            return read;
        } finally {
            if (id != null) {
                release(label, id);
            }
        }
    }

    /** Opens the slice's point in time; its id, which the first page's search names. */
    private String openPointInTime(String label) throws InterruptedException {
        EngineCall.Reply reply = calls.send(label, "POST", requests.pointInTimeEndpoint(), null).reply();
        if (!reply.ok()) {
            throw reply.refused(label + ": cannot open a point in time: ");
        }
        String id = reply.body().path("id").asText("");
        if (id.isEmpty()) {
            throw new IllegalStateException(label + ": the engine opened a point in time without an id: "
                    + ScrollPage.abbreviated(reply.body()));
        }
        return id;
    }

    /** A successful, complete page, or the slice's failure. */
    private ScrollPage page(String label, long read, ScrollPage.Kind kind, ScrollCalls.Answer answer) {
        pages.increment();
        if (!answer.ok()) {
            EngineCall.Reply reply = answer.reply();
            if (EngineErrors.contextMissing(reply.body().path("error"))) {
                throw expired(label, read);
            }
            throw reply.refused(label + ": ");
        }
        ScrollPage page = ScrollPage.read(answer, kind, settings.withVersion(), sources, label);
        if (page.failedShards() > 0) {
            if (EngineErrors.contextMissing(page.shardFailures())) {
                throw expired(label, read);
            }
            throw new SliceReadAgainException(label + ": " + page.failedShards() + " shards failed, so the page lacks "
                    + "their documents: " + EngineErrors.shardFailures(page.shardFailures()) + "; read the slice again");
        }
        if (page.timedOut()) {
            throw new SliceReadAgainException(label + ": the engine timed out and answered part of a page (is a "
                    + "search.default_search_timeout set?); read the slice again");
        }
        return page;
    }

    private SliceReadAgainException expired(String label, long read) {
        return new SliceReadAgainException(label + ": the " + readsBy() + " expired on the engine ("
                + EngineErrors.CONTEXT_MISSING + ") after " + read + " documents: raise the keep-alive (now "
                + ScrollRequests.timeValue(settings.keepAlive()) + ") above the longest time a page handler blocks or the "
                + "source is away, then read the slice again");
    }

    /** Frees the slice's search contexts now rather than when the keep-alive runs out; a failure only costs that. */
    private void release(String label, String id) {
        // an interrupted thread could not wait for the answer: clear first, then let the interruption go on
        boolean interrupted = Thread.interrupted();
        calls.countOther();
        try {
            EngineCall.Reply reply = pointInTime
                    ? EngineCall.send(source, "DELETE", ScrollRequests.POINT_IN_TIME_ENDPOINT,
                            ScrollRequests.closePointInTimeBody(id))
                    : EngineCall.send(source, "DELETE", ScrollRequests.SCROLL_ENDPOINT, ScrollRequests.clearBody(id));
            if (!reply.ok() && reply.status() != 404) { // 404: already gone (expired or freed), which is the aim
                LOG.warn("{}: could not free the {}, the engine frees it after its keep-alive: {}", label, readsBy(),
                        reply.failure());
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: could not free the {}, the engine frees it after its keep-alive: {}", label, readsBy(),
                    e.toString());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package io.tandem.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.core.cluster.EngineCall;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many documents a scroll page holds when left to Tandem ({@link ScrollSettings#AUTO_PAGE_SIZE}): as many as fit
 * in {@value #PAGE_STORE_BYTES} bytes of the index's primary store per document, between 1 and {@value #MOST}.
 *
 * <p>Every page is a request the old cluster answers at a cost of its own besides the documents: measured with the
 * anchors harness (ES 7.10 source of 1 shard, 500,000 documents of ~250 stored bytes), pages of 5,000 cost it
 * 1.7 CPU-s where pages of 1,000 cost it 4.3, and the copy took 25.3 s instead of 28.7 s. Large documents get fewer
 * per page: the store is compressed, so a page's JSON can be several times its share of the store, and it must stay
 * well within the REST client's 100 MiB answer buffer and the heap. An index whose stats cannot be read (a role
 * without the {@code monitor} privilege) is read in pages of {@value #UNSIZED}.
 */
public final class ScrollPageSize {

    private static final Logger LOG = LoggerFactory.getLogger(ScrollPageSize.class);

    /** Bytes of primary store per page. */
    static final long PAGE_STORE_BYTES = 4L << 20;
    static final int MOST = 5_000;
    /** The page of an index whose size per document is unknown. */
    static final int UNSIZED = 1_000;

    private ScrollPageSize() {
    }

    /**
     * The settings with an {@link ScrollSettings#AUTO_PAGE_SIZE} page sized for {@code index}; any other page size is
     * kept.
     */
    public static ScrollSettings resolve(RestClient client, String index, ScrollSettings requested) {
        if (requested.pageSize() != ScrollSettings.AUTO_PAGE_SIZE) {
            return requested;
        }
        EngineCall.Reply reply = EngineCall.send(client, "GET", "/" + EngineCall.segment(index) + "/_stats/docs,store",
                null);
        if (!reply.ok()) {
            LOG.warn("cannot read the stats of '{}' to size its scroll pages ({}): pages of {} documents (set the page "
                    + "size to choose another)", index, reply.failure(), UNSIZED);
            return requested.withPageSize(UNSIZED);
        }
        JsonNode primaries = reply.body().path("_all").path("primaries");
        return requested.withPageSize(forIndex(primaries.path("docs").path("count").asLong(0),
                primaries.path("store").path("size_in_bytes").asLong(0)));
    }

    /** The page for an index of {@code documents} taking {@code storeBytes} of primary store. */
    static int forIndex(long documents, long storeBytes) {
        if (documents <= 0 || storeBytes <= 0) {
            return MOST;
        }
        long perDocument = Math.max(1, storeBytes / documents);
        return (int) Math.max(1, Math.min(MOST, PAGE_STORE_BYTES / perDocument));
    }
}

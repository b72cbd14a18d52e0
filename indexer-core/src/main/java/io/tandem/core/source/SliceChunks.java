package io.tandem.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.EngineCall;
import java.util.Optional;
import org.elasticsearch.client.RestClient;

/**
 * A slice cut into chunks by {@code _seq_no}, so a reading can be checkpointed part-way and a rerun resume after the
 * last finished chunk instead of at the slice's start. Each shard numbers its operations ({@code _seq_no}, indexed as
 * a point on every engine from Elasticsearch 6.0 and OpenSearch), so a range of it is a cheap filter that needs no
 * sort: each chunk is an ordinary {@code _doc}-ordered scroll over the slice, filtered to
 * {@code width} sequence numbers. Unlike a sorted {@code search_after}, nothing makes the engine sort or hash
 * documents, and unlike a point in time it works alike on every supported engine.
 *
 * <p>The last chunk has no upper bound: a document written after the plan gets a higher sequence number, so it is
 * read, at its newest state, by the last chunk rather than missed. A document updated after its chunk was read is
 * read again there, which the versioned writes make harmless.
 *
 * @param maxSeqNo the highest sequence number of the index's primaries when the slice was planned; -1 when empty
 * @param width    sequence numbers per chunk; {@link #WHOLE} (0) reads the slice as one chunk without a filter
 */
public record SliceChunks(long maxSeqNo, long width) {

    /** One chunk, the whole slice, read without a {@code _seq_no} filter (checkpoints per slice only). */
    public static final long WHOLE = 0;

    public SliceChunks {
        if (maxSeqNo < -1 || width < 0) {
            throw new IllegalArgumentException("chunks: maxSeqNo must be -1 or more and width 0 or more, were "
                    + maxSeqNo + " and " + width);
        }
    }

    /** The whole slice as one chunk. */
    public static SliceChunks whole() {
        return new SliceChunks(-1, WHOLE);
    }

    /** How many chunks the slice is read in: at least one (the last, open-ended one). */
    public int count() {
        if (width == WHOLE || maxSeqNo < 0) {
            return 1;
        }
        return Math.toIntExact(maxSeqNo / width + 1);
    }

    /**
     * The filter clause of chunk {@code chunk}: {@code {"range":{"_seq_no":{"gte":from,"lt":to}}}}, without
     * {@code lt} for the last one; empty for a slice read in one chunk.
     */
    public Optional<ObjectNode> filter(int chunk) {
        if (chunk < 0 || chunk >= count()) {
            throw new IllegalArgumentException("chunk: must be between 0 and " + (count() - 1) + ", was " + chunk);
        }
        if (count() == 1) {
            // one open-ended range from 0 is every document: the request of a plain scroll, which costs least
            return Optional.empty();
        }
        ObjectNode clause = JsonNodeFactory.instance.objectNode();
        ObjectNode range = clause.putObject("range").putObject("_seq_no").put("gte", chunk * width);
        if (chunk < count() - 1) {
            range.put("lt", (chunk + 1) * width);
        }
        return Optional.of(clause);
    }

    /** e.g. {@code _seq_no 20000..29999 (chunk 3 of 12)}, or nothing for a whole slice. */
    public String describe(int chunk) {
        if (count() == 1) {
            return "";
        }
        long from = chunk * width;
        String to = chunk < count() - 1 ? String.valueOf((chunk + 1) * width - 1) : "";
        return ", _seq_no " + from + ".." + to + " (chunk " + (chunk + 1) + " of " + count() + ")";
    }

    /**
     * Plans chunks of about {@code documentsPerChunk} documents for a slice of {@code index} read in {@code slices}
     * slices, from its primaries' shard stats (documents and highest sequence number of each): a shard's sequence
     * numbers run from 0 to its highest, each live document holding one, so documents per sequence number is the
     * density a range holds. 0 documents per chunk plans the whole slice as one chunk.
     */
    public static SliceChunks plan(RestClient client, String index, int slices, long documentsPerChunk) {
        if (documentsPerChunk < 0) {
            throw new IllegalArgumentException("documentsPerChunk: must be 0 (a slice at once) or more, was "
                    + documentsPerChunk);
        }
        if (documentsPerChunk == 0) {
            return whole();
        }
        String label = "the shard stats of '" + index + "'";
        EngineCall.Reply reply = EngineCall.send(client, "GET", "/" + EngineCall.segment(index)
                + "/_stats/docs?level=shards&filter_path=indices.*.shards.*.routing.primary,"
                + "indices.*.shards.*.docs.count,indices.*.shards.*.seq_no.max_seq_no", null);
        if (!reply.ok()) {
            throw reply.refused("cannot read " + label + ": ");
        }
        long maxSeqNo = -1;
        long span = 0;
        long documents = 0;
        int shards = 0;
        for (JsonNode indexStats : reply.body().path("indices")) {
            for (JsonNode copies : indexStats.path("shards")) {
                for (JsonNode copy : copies) {
                    if (!copy.path("routing").path("primary").asBoolean(false)) {
                        continue;
                    }
                    JsonNode seqNo = copy.path("seq_no").path("max_seq_no");
                    if (!seqNo.isIntegralNumber()) {
                        throw new IllegalStateException("cannot read " + label + ": a primary without seq_no.max_seq_no"
                                + " in " + reply.body());
                    }
                    shards++;
                    maxSeqNo = Math.max(maxSeqNo, seqNo.asLong());
                    span += seqNo.asLong() + 1;
                    documents += copy.path("docs").path("count").asLong(0);
                }
            }
        }
        if (shards == 0) {
            throw new IllegalStateException("cannot read " + label + ": no primary shard in " + reply.body());
        }
        if (maxSeqNo < 0 || documents == 0) {
            return new SliceChunks(maxSeqNo, Math.max(1, maxSeqNo + 1));
        }
        // a chunk's range covers it on each of the slice's shards
        double shardsPerSlice = Math.max(1.0, (double) shards / Math.max(1, slices));
        double perSeqNo = (double) documents / span * shardsPerSlice;
        // never so narrow that the chunks outnumber an int
        long width = Math.max((maxSeqNo + 1) / Integer.MAX_VALUE + 1, (long) Math.ceil(documentsPerChunk / perSeqNo));
        return new SliceChunks(maxSeqNo, Math.min(width, maxSeqNo + 1));
    }
}

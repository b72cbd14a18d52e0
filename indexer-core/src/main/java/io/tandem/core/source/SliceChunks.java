package io.tandem.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.EngineCall;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.elasticsearch.client.RestClient;

/**
 * A slice cut into chunks by {@code _seq_no}, so a reading can be checkpointed part-way and a rerun resume with the
 * chunks not yet finished instead of at the slice's start. Each shard numbers its operations ({@code _seq_no}, with
 * doc values and indexed as a point on every engine from Elasticsearch 6.0 and OpenSearch).
 *
 * <p>The slice is not read chunk by chunk: a page of documents filtered by a {@code _seq_no} range is not a run of
 * consecutive documents of the shard, and the engines fetch such a page one stored-fields block per document instead
 * of reading the blocks in sequence (measured on Elasticsearch 7.10, 5,000 documents: 738 ms against 7 ms for the same
 * page without stored fields; a whole slice in ranges of 100,000 cost it 5-7x a plain scroll). So a reading is one
 * {@code _doc}-ordered scroll over the chunks still to read ({@link #filter}: none at all on a first reading, the plain
 * scroll), which asks for each hit's {@code _seq_no} and, in its first request, how many documents each chunk holds
 * in the scroll's snapshot ({@link #aggregation}): a chunk is finished once that many of its documents are copied.
 * Only a resumed reading is filtered, to the chunks left.
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
    /**
     * The most chunks a slice is planned in: each is a bucket of the aggregation that counts them, and the engines
     * refuse more than {@code search.max_buckets} (10,000 by default on Elasticsearch 7.0-7.9), which leaves room for
     * the buckets of documents written after the plan (nine times as many sequence numbers again).
     */
    public static final int MAX_CHUNKS = 1_000;
    /**
     * The most ranges a resumed reading's filter holds: the engines refuse a query of more than 1,024 clauses
     * ({@code indices.query.bool.max_clause_count} on Elasticsearch 7 and OpenSearch), so beyond it the shortest runs of
     * finished chunks between two ranges are read again (harmless: the writes are versioned).
     */
    static final int MAX_RANGES = 500;
    /** The name of the aggregation counting each chunk's documents, in a reading's first request. */
    static final String AGGREGATION = "tandem_chunks";

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

    /** The chunk a document of sequence number {@code seqNo} belongs to. */
    public int chunkOf(long seqNo) {
        if (seqNo < 0) {
            throw new IllegalArgumentException("seqNo: must be 0 or more, was " + seqNo);
        }
        return count() == 1 ? 0 : (int) Math.min(seqNo / width, count() - 1);
    }

    /** Every chunk of the slice. */
    public BitSet all() {
        BitSet all = new BitSet(count());
        all.set(0, count());
        return all;
    }

    /**
     * The filter clause of a reading of the chunks in {@code remaining}: empty when that is every chunk (the plain
     * scroll, which costs the source least), else one {@code range} of {@code _seq_no} per run of consecutive chunks
     * ({@code {"bool":{"should":[{"range":{"_seq_no":{"gte":from,"lt":to}}}, ..]}}}), the last chunk's without
     * {@code lt}.
     */
    public Optional<ObjectNode> filter(BitSet remaining) {
        if (remaining.isEmpty() || remaining.length() > count()) {
            throw new IllegalArgumentException("remaining: must be chunks between 0 and " + (count() - 1) + ", was "
                    + remaining);
        }
        if (remaining.cardinality() == count()) {
            return Optional.empty();
        }
        ObjectNode clause = JsonNodeFactory.instance.objectNode();
        ArrayNode ranges = clause.putObject("bool").putArray("should");
        for (int[] run : runs(withinRanges(remaining))) {
            ObjectNode range = ranges.addObject().putObject("range").putObject("_seq_no").put("gte", run[0] * width);
            if (run[1] < count()) {
                range.put("lt", run[1] * width);
            }
        }
        return Optional.of(clause);
    }

    /** The runs {@code {from, to}} (to exclusive) of consecutive chunks in {@code chunks}, in order. */
    public static List<int[]> runs(BitSet chunks) {
        List<int[]> runs = new ArrayList<>();
        for (int from = chunks.nextSetBit(0); from >= 0; ) {
            int to = chunks.nextClearBit(from);
            runs.add(new int[] {from, to});
            from = chunks.nextSetBit(to);
        }
        return runs;
    }

    /**
     * {@code remaining} in at most {@link #MAX_RANGES} runs of consecutive chunks: the shortest gaps between runs,
     * chunks finished already, are filled first.
     */
    static BitSet withinRanges(BitSet remaining) {
        BitSet read = (BitSet) remaining.clone();
        List<int[]> runs = runs(remaining);
        List<int[]> gaps = new ArrayList<>(); // {from, to} of the finished chunks between two runs to read
        for (int run = 1; run < runs.size(); run++) {
            gaps.add(new int[] {runs.get(run - 1)[1], runs.get(run)[0]});
        }
        int fill = runs.size() - MAX_RANGES;
        if (fill > 0) {
            gaps.sort(Comparator.comparingInt(gap -> gap[1] - gap[0]));
            for (int[] gap : gaps.subList(0, fill)) {
                read.set(gap[0], gap[1]);
            }
        }
        return read;
    }

    /**
     * The aggregation that counts each chunk's documents in a reading's snapshot ({@link #counts}): a histogram of
     * {@code _seq_no}, one bucket per chunk; empty for a slice read as one chunk.
     */
    public Optional<ObjectNode> aggregation() {
        if (count() == 1) {
            return Optional.empty();
        }
        ObjectNode aggregations = JsonNodeFactory.instance.objectNode();
        aggregations.putObject(AGGREGATION).putObject("histogram").put("field", "_seq_no").put("interval", width)
                .put("min_doc_count", 1);
        return Optional.of(aggregations);
    }

    /**
     * Each chunk's documents from the answer's {@code aggregations} ({@link #aggregation}); a chunk without a bucket
     * holds none (the last chunk sums every bucket from its start on).
     *
     * @throws IllegalStateException when the answer holds no such aggregation
     */
    public long[] counts(JsonNode aggregations) {
        JsonNode buckets = aggregations.path(AGGREGATION).path("buckets");
        if (!buckets.isArray()) {
            throw new IllegalStateException("the engine answered without the aggregation " + AGGREGATION
                    + " counting the documents of each _seq_no range: " + aggregations);
        }
        long[] counts = new long[count()];
        for (JsonNode bucket : buckets) {
            counts[chunkOf(Math.max(0, bucket.path("key").asLong()))] += bucket.path("doc_count").asLong();
        }
        return counts;
    }

    /** e.g. {@code , _seq_no 20000.. (10 of 12 chunks left)}, or nothing for a reading of the whole slice. */
    public String describe(BitSet remaining) {
        if (count() == 1 || remaining.cardinality() == count()) {
            return "";
        }
        return ", _seq_no " + remaining.nextSetBit(0) * width + ".. (" + remaining.cardinality() + " of " + count()
                + " chunks left)";
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
        // never so narrow that the chunks outnumber the buckets an aggregation may have
        long width = Math.max((maxSeqNo + 1 + MAX_CHUNKS - 1) / MAX_CHUNKS, (long) Math.ceil(documentsPerChunk / perSeqNo));
        return new SliceChunks(maxSeqNo, Math.min(width, maxSeqNo + 1));
    }
}

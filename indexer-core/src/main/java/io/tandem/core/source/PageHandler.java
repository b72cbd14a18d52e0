package io.tandem.core.source;

import java.util.List;

/**
 * Receives the pages of one slice, in order. It may block for as long as it needs to (that is the backpressure: the
 * next page is only requested when it returns), but not past the scroll's keep-alive, which the engine counts from
 * the request that fetched the page.
 */
@FunctionalInterface
public interface PageHandler {

    /** @param page a non-empty, unmodifiable list of documents */
    void accept(List<SourceDocument> page) throws InterruptedException;
}

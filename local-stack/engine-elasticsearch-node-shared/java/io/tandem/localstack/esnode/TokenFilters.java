package io.tandem.localstack.esnode;

import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.index.analysis.TokenFilterFactory;

/** The factory of a token filter the node registers in place of an unpublished module's. */
final class TokenFilters {

    private TokenFilters() {
    }

    /**
     * @param normalizes whether the filter also applies to the query terms of keyword normalizers
     */
    static TokenFilterFactory named(String name, UnaryOperator<TokenStream> create, boolean normalizes) {
        return new TokenFilterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public TokenStream create(TokenStream tokenStream) {
                return create.apply(tokenStream);
            }

            @Override
            public TokenStream normalize(TokenStream tokenStream) {
                return normalizes ? create(tokenStream) : TokenFilterFactory.super.normalize(tokenStream);
            }
        };
    }
}

/**
 * The mapping contract: the target index is treated like a database table whose schema lives in the repository.
 *
 * <p>An {@link io.tandem.core.schema.IndexDefinition} is the body of {@code PUT /<index>} kept as a file;
 * {@link io.tandem.core.schema.MappingContract} creates an index from it and checks a live index against it, and
 * {@link io.tandem.core.schema.MappingDiff} lists the field-level differences, ignoring what the engines (Elasticsearch
 * 7.10, OpenSearch 2.19) merely spell differently or leave out because it is the default.
 */
package io.tandem.core.schema;

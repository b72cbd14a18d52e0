/**
 * Query parity: proof that the new index answers the application's queries as the old one did.
 *
 * <p>A {@link io.tandem.ops.parity.QueryFile} holds representative queries written for the old index; a
 * {@link io.tandem.ops.parity.QueryTranslator} (chosen by {@link io.tandem.ops.parity.QueryTranslators} from the
 * transform the data moved with) rewrites them for the new schema; the {@link io.tandem.ops.parity.ParityRunner}
 * asks both indices, compares the answers and times both sides; the {@link io.tandem.ops.parity.ParityReport} says
 * which queries differ and how, and is kept in the state index for the cutover.
 */
package io.tandem.ops.parity;

package io.tandem.app.operate;

import picocli.CommandLine.Option;

/** The aliases the application reads and writes through, which the cutover moves and the rollback restores. */
public final class AliasOptions {

    @Option(names = "--read-alias", required = true,
            description = "The alias the application searches; also names the cutover journal.")
    String readAlias;

    @Option(names = "--write-alias", description = "The alias writers use, made the new index's write alias "
            + "(is_write_index); default: the read alias, one alias for both.")
    String writeAlias;

    public String readAlias() {
        return readAlias;
    }

    public String writeAlias() {
        return writeAlias == null || writeAlias.isBlank() ? readAlias : writeAlias;
    }
}

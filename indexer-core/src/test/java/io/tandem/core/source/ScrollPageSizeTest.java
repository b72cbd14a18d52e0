package io.tandem.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScrollPageSizeTest {

    @Test
    void smallDocumentsFillPagesOfFiveThousand() {
        // the anchors harness's index: 500,000 documents in 124,767,165 bytes of store
        assertThat(ScrollPageSize.forIndex(500_000, 124_767_165L)).isEqualTo(5_000);
    }

    @Test
    void largerDocumentsGetFewerPerPageSoThatAPageStaysAFewMebibytes() {
        assertThat(ScrollPageSize.forIndex(10_000, 400_000_000L)).as("40,000 bytes each").isEqualTo(104);
        assertThat(ScrollPageSize.forIndex(1_000, 1_500_000_000L)).as("1.5 MB each").isEqualTo(2);
    }

    @Test
    void aDocumentLargerThanAPageIsReadAloneAndAnEmptyIndexInFullPages() {
        assertThat(ScrollPageSize.forIndex(10, 500_000_000L)).as("50 MB each").isEqualTo(1);
        assertThat(ScrollPageSize.forIndex(0, 208L)).isEqualTo(5_000);
        assertThat(ScrollPageSize.forIndex(5, 0L)).isEqualTo(5_000);
    }
}

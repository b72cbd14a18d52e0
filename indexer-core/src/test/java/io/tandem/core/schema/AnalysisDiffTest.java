package io.tandem.core.schema;

import static io.tandem.localstack.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.schema.MappingDifference.Kind;
import org.junit.jupiter.api.Test;

class AnalysisDiffTest {

    private static final String CONTRACT = "{'index':{'number_of_shards':1,'analysis':{'analyzer':{'message_text':"
            + "{'type':'custom','tokenizer':'standard','filter':['lowercase','asciifolding']}}}}}";

    @Test
    void theSameAnalysisSpelledFlatAndAsTheEngineAnswersItIsNoDifference() {
        String live = "{'index.analysis.analyzer.message_text.filter':['lowercase','asciifolding'],"
                + "'index.analysis.analyzer.message_text.tokenizer':'standard','index.analysis.analyzer.message_text.type':'custom',"
                + "'index.number_of_shards':'3','index.uuid':'x'}";
        assertThat(AnalysisDiff.compare(object(CONTRACT), object(live))).isEmpty();
    }

    @Test
    void aRedefinedAnalyzerIsReportedByComponentAndParameter() {
        String live = CONTRACT.replace("['lowercase','asciifolding']", "['lowercase']");
        assertThat(AnalysisDiff.compare(object(CONTRACT), object(live))).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Kind.ANALYSIS_CHANGED);
            assertThat(d).hasToString("~ index.analysis.analyzer.message_text: filter [\"lowercase\",\"asciifolding\"] -> [\"lowercase\"]");
        });
    }

    @Test
    void anAnalyzerMissingOrAddedOnTheLiveIndexIsReported() {
        assertThat(AnalysisDiff.compare(object(CONTRACT), object("{}"))).extracting(MappingDifference::toString)
                .containsExactly(
                        "~ index.analysis.analyzer.message_text: filter [\"lowercase\",\"asciifolding\"] -> (unset)",
                        "~ index.analysis.analyzer.message_text: tokenizer standard -> (unset)",
                        "~ index.analysis.analyzer.message_text: type custom -> (unset)");
        assertThat(AnalysisDiff.compare(object("{'number_of_shards':1}"),
                object("{'analysis':{'normalizer':{'lower':{'type':'custom','filter':['lowercase']}}}}")))
                .extracting(MappingDifference::path).containsOnly("index.analysis.normalizer.lower");
    }
}

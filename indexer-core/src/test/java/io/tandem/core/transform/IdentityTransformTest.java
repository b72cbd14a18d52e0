package io.tandem.core.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tandem.localstack.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IdentityTransformTest {

    @Test
    void returnsAnEqualDocument() {
        ObjectNode input = object("{'a': {'b': [1, 'x', null]}, 'tags': {'env': 'prod'}}");

        assertThat(new IdentityTransform().apply("1", input)).isEqualTo(input).isNotSameAs(input);
    }

    @Test
    void resultIsADeepCopySoChangingItLeavesTheInputAlone() {
        ObjectNode input = object("{'a': {'b': [1]}}");
        ObjectNode result = new IdentityTransform().apply("1", input);

        ((ObjectNode) result.get("a")).withArray("b").add(2);

        assertThat(input).isEqualTo(object("{'a': {'b': [1]}}"));
    }

    @Test
    void anyOptionIsRejectedNamingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new IdentityTransformProvider().create(Map.of("mode", "deep")))
                .withMessage("identity: unknown option 'mode' (known options: none)");
    }
}

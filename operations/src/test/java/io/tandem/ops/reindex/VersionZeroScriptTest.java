package io.tandem.ops.reindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class VersionZeroScriptTest {

    @Test
    void aPlainCopyIsJustTheVersionStatement() {
        assertThat(VersionZeroScript.compose("")).isEqualTo("ctx._version = 0L;\n");
    }

    @Test
    void statementsComeAfterTheVersion() {
        assertThat(VersionZeroScript.compose("if (ctx._source.x == null) { return; }\nctx._source.y = 1;"))
                .isEqualTo("ctx._version = 0L;\nif (ctx._source.x == null) { return; }\nctx._source.y = 1;");
    }

    @Test
    void functionDeclarationsStayFirst() {
        String script = """
                // helpers
                String twice(String s) { if (s == null) { return "}"; } return s + s; }
                /* a { comment */
                def[] pair(def a, def b) {
                  // a } in a comment
                  return [a, b] /* { */;
                }
                ctx._source.x = twice(ctx._source.x);
                """;
        String composed = VersionZeroScript.compose(script);
        int declarationsEnd = script.indexOf("}\nctx._source.x") + 1;

        assertThat(VersionZeroScript.statementsStart(script)).isEqualTo(declarationsEnd);
        assertThat(composed).isEqualTo(script.substring(0, declarationsEnd) + "\nctx._version = 0L;\n"
                + script.substring(declarationsEnd));
        assertThat(composed.indexOf("ctx._version")).isLessThan(composed.indexOf("ctx._source.x ="));
    }

    @Test
    void aStatementThatLooksLikeADeclarationIsAStatement() {
        assertThat(VersionZeroScript.statementsStart("return check(ctx);")).isZero();
        assertThat(VersionZeroScript.statementsStart("throw new IllegalStateException('x');")).isZero();
        assertThat(VersionZeroScript.statementsStart("foo(ctx);")).isZero();
        assertThat(VersionZeroScript.statementsStart("def x = f(1);")).isZero();
    }

    @Test
    void anUnfinishedDeclarationIsLeftToTheEngineToReport() {
        // the statement goes before it: Painless then refuses the order, loudly
        assertThat(VersionZeroScript.compose("void f() { ")).isEqualTo("ctx._version = 0L;\nvoid f() { ");
    }

    @Test
    void aScriptTouchingTheVersionIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> VersionZeroScript.compose("ctx._version = 5;"))
                .withMessageStartingWith("the script must not touch _version");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> VersionZeroScript.compose("ctx['_version']++;"));
    }
}

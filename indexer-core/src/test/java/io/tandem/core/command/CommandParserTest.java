package io.tandem.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.command.ParseResult.Parsed;
import io.tandem.core.command.ParseResult.Unparseable;
import io.tandem.core.document.Command;
import io.tandem.core.document.Operation;
import io.tandem.core.json.DotPath;
import io.tandem.core.json.JsonMappers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    private static final CommandParser PARSER = new CommandParser(CommandFormat.DEFAULT, VersionSource.COMMAND_FIELD);
    private static final CommandParser BY_OFFSET = new CommandParser(CommandFormat.DEFAULT, VersionSource.KAFKA_OFFSET);

    // --- the default envelope

    @Test
    void upsertEnvelopeBecomesAnUpsertWithItsDocument() {
        Command command = parsed(PARSER, null, "{'op':'upsert','id':'42','version':17,'doc':{'title':'x','n':[1,2]}}");

        assertThat(command).isEqualTo(Command.upsert("42", 17, object("{'title':'x','n':[1,2]}")));
    }

    @Test
    void deleteEnvelopeBecomesADelete() {
        assertThat(parsed(PARSER, null, "{'op':'delete','id':'42','version':18}")).isEqualTo(Command.delete("42", 18));
    }

    @ParameterizedTest
    @ValueSource(strings = {"upsert", "index", "create", "update"})
    void everyDefaultUpsertNameIsAnUpsert(String op) {
        assertThat(parsed(PARSER, null, "{'op':'" + op + "','id':'1','version':1,'doc':{}}").operation())
                .isEqualTo(Operation.UPSERT);
    }

    @Test
    void deleteIgnoresADocumentItCarries() {
        assertThat(parsed(PARSER, null, "{'op':'delete','id':'42','version':18,'doc':{'a':1}}"))
                .isEqualTo(Command.delete("42", 18));
    }

    @Test
    void unknownFieldsInTheEnvelopeAreIgnored() {
        assertThat(parsed(PARSER, null, "{'op':'delete','id':'42','version':18,'source':'app','ts':1}"))
                .isEqualTo(Command.delete("42", 18));
    }

    // --- op

    @Test
    void unknownOpIsUnparseableAndNamed() {
        assertThat(reason(PARSER, null, "{'op':'patch','id':'1','version':1,'doc':{}}"))
                .isEqualTo("unknown op 'patch' (upsert: create, index, update, upsert; delete: delete)");
    }

    @Test
    void opNamesMatchExactlyIncludingCase() {
        assertThat(reason(PARSER, null, "{'op':'UPSERT','id':'1','version':1,'doc':{}}"))
                .startsWith("unknown op 'UPSERT'");
    }

    @Test
    void missingOpIsUnparseable() {
        assertThat(reason(PARSER, null, "{'id':'1','version':1,'doc':{}}")).isEqualTo("missing op: no 'op' field");
        assertThat(reason(PARSER, null, "{'op':null,'id':'1','version':1,'doc':{}}")).isEqualTo("missing op: no 'op' field");
    }

    @Test
    void nonStringOpIsUnparseable() {
        assertThat(reason(PARSER, null, "{'op':1,'id':'1','version':1,'doc':{}}"))
                .isEqualTo("op field 'op' is JSON type number, expected a string");
    }

    @Test
    void configuredOpNamesReplaceTheDefaults() {
        CommandParser parser = new CommandParser(
                CommandFormat.DEFAULT.withUpsertOps(Set.of("SAVE")).withDeleteOps(Set.of("REMOVE", "PURGE")),
                VersionSource.COMMAND_FIELD);

        assertThat(parsed(parser, null, "{'op':'SAVE','id':'1','version':1,'doc':{}}").operation()).isEqualTo(Operation.UPSERT);
        assertThat(parsed(parser, null, "{'op':'PURGE','id':'1','version':2}").operation()).isEqualTo(Operation.DELETE);
        assertThat(reason(parser, null, "{'op':'upsert','id':'1','version':1,'doc':{}}"))
                .isEqualTo("unknown op 'upsert' (upsert: SAVE; delete: PURGE, REMOVE)");
    }

    // --- id

    @Test
    void idFieldWinsOverADifferentKey() {
        assertThat(parsed(PARSER, utf8("tenant-7"), "{'op':'delete','id':'42','version':1}").id()).isEqualTo("42");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'op':'delete','version':1}", "{'op':'delete','id':null,'version':1}",
            "{'op':'delete','id':'','version':1}"})
    void keyGivesTheIdWhenTheIdFieldIsAbsentNullOrEmpty(String value) {
        assertThat(parsed(PARSER, utf8("42"), value).id()).isEqualTo("42");
    }

    @Test
    void keyIsReadAsUtf8() {
        assertThat(parsed(PARSER, utf8("déjà-vu"), "{'op':'delete','version':1}").id()).isEqualTo("déjà-vu");
    }

    @Test
    void integralNumberIdBecomesItsDecimalString() {
        assertThat(parsed(PARSER, null, "{'op':'delete','id':42,'version':1}").id()).isEqualTo("42");
        assertThat(parsed(PARSER, null, "{'op':'delete','id':-7,'version':1}").id()).isEqualTo("-7");
        assertThat(parsed(PARSER, null, "{'op':'delete','id':123456789012345678901234567890,'version':1}").id())
                .isEqualTo("123456789012345678901234567890");
    }

    @Test
    void stringIdIsKeptAsWritten() {
        assertThat(parsed(PARSER, null, "{'op':'delete','id':' 042 ','version':1}").id()).isEqualTo(" 042 ");
    }

    @Test
    void decimalNumberIdIsUnparseable() {
        assertThat(reason(PARSER, utf8("42"), "{'op':'delete','id':42.0,'version':1}"))
                .isEqualTo("id field 'id' is a decimal number 42.0, expected a string or an integer");
    }

    @Test
    void booleanOrObjectIdIsUnparseable() {
        assertThat(reason(PARSER, utf8("42"), "{'op':'delete','id':true,'version':1}"))
                .isEqualTo("id field 'id' is JSON type boolean, expected a string or an integer");
        assertThat(reason(PARSER, utf8("42"), "{'op':'delete','id':{'v':1},'version':1}"))
                .isEqualTo("id field 'id' is JSON type object, expected a string or an integer");
    }

    @Test
    void missingIdWithoutKeyIsUnparseable() {
        String expected = "missing id: 'id' is absent or empty and the record has no key";
        assertThat(reason(PARSER, null, "{'op':'delete','version':1}")).isEqualTo(expected);
        assertThat(reason(PARSER, new byte[0], "{'op':'delete','id':'','version':1}")).isEqualTo(expected);
    }

    @Test
    void keyThatIsNotUtf8IsUnparseableWhenItWouldBeTheId() {
        assertThat(reason(PARSER, new byte[] {(byte) 0xC3, (byte) 0x28}, "{'op':'delete','version':1}"))
                .isEqualTo("record key is not valid UTF-8");
    }

    @Test
    void keyThatIsNotUtf8DoesNotMatterWhenTheIdFieldIsPresent() {
        assertThat(parsed(PARSER, new byte[] {(byte) 0xC3, (byte) 0x28}, "{'op':'delete','id':'42','version':1}").id())
                .isEqualTo("42");
    }

    // --- version

    @Test
    void versionZeroIsTheLowestVersion() {
        assertThat(parsed(PARSER, null, "{'op':'delete','id':'1','version':0}").version()).isZero();
    }

    @Test
    void versionUpToLongMaxIsAccepted() {
        assertThat(parsed(PARSER, null, "{'op':'delete','id':'1','version':9223372036854775807}").version())
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void missingVersionIsUnparseable() {
        assertThat(reason(PARSER, null, "{'op':'delete','id':'1'}")).isEqualTo("missing version: no 'version' field");
        assertThat(reason(PARSER, null, "{'op':'delete','id':'1','version':null}"))
                .isEqualTo("missing version: no 'version' field");
    }

    @Test
    void negativeVersionIsUnparseable() {
        assertThat(reason(PARSER, null, "{'op':'delete','id':'1','version':-1}"))
                .isEqualTo("version field 'version' is negative: -1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17.5", "17.0", "1e3"})
    void decimalVersionIsUnparseable(String version) {
        assertThat(reason(PARSER, null, "{'op':'delete','id':'1','version':" + version + "}"))
                .isEqualTo("version field 'version' is a decimal number " + version.replace("1e3", "1E+3")
                        + ", expected an integer");
    }

    @Test
    void versionAsStringIsUnparseable() {
        assertThat(reason(PARSER, null, "{'op':'delete','id':'1','version':'17'}"))
                .isEqualTo("version field 'version' is JSON type string, expected an integer");
    }

    @Test
    void versionBeyondLongIsUnparseable() {
        assertThat(reason(PARSER, null, "{'op':'delete','id':'1','version':9223372036854775808}"))
                .isEqualTo("version field 'version' is out of range: 9223372036854775808");
    }

    @Test
    void kafkaOffsetVersionIsTheOffsetPlusOneWhateverTheVersionField() {
        assertThat(BY_OFFSET.parse(null, json("{'op':'delete','id':'1','version':-5}"), 0))
                .isEqualTo(new Parsed(Command.delete("1", 1)));
        assertThat(BY_OFFSET.parse(null, json("{'op':'upsert','id':'1','doc':{}}"), 41))
                .isEqualTo(new Parsed(Command.upsert("1", 42, object("{}"))));
    }

    // --- doc

    @Test
    void upsertWithoutDocIsUnparseable() {
        assertThat(reason(PARSER, null, "{'op':'upsert','id':'1','version':1}"))
                .isEqualTo("upsert without an object doc: no 'doc' field");
    }

    @Test
    void upsertWithNonObjectDocIsUnparseable() {
        assertThat(reason(PARSER, null, "{'op':'upsert','id':'1','version':1,'doc':[{}]}"))
                .isEqualTo("upsert without an object doc: 'doc' is JSON type array");
        assertThat(reason(PARSER, null, "{'op':'upsert','id':'1','version':1,'doc':null}"))
                .isEqualTo("upsert without an object doc: 'doc' is JSON type null");
        assertThat(reason(PARSER, null, "{'op':'upsert','id':'1','version':1,'doc':'{}'}"))
                .isEqualTo("upsert without an object doc: 'doc' is JSON type string");
    }

    @Test
    void documentKeepsNumbersAsWritten() {
        JsonNode doc = parsed(PARSER, null,
                "{'op':'upsert','id':'1','version':1,'doc':{'price':1.10,'big':12345678901234567.5,'n':7}}").document();

        assertThat(doc.toString()).isEqualTo("{\"price\":1.10,\"big\":12345678901234567.5,\"n\":7}");
    }

    // --- the value as a whole

    @Test
    void invalidJsonIsUnparseableWithJacksonsLocation() {
        assertThat(reason(PARSER, null, "{\"op\":\"upsert\",\"id\":\"1\" \"version\":1}")).isEqualTo(
                "invalid JSON at line 1, column 25: Unexpected character ('\"' (code 34)):"
                        + " was expecting comma to separate Object entries");
    }

    @Test
    void invalidJsonReasonShowsNestedLocationsWithoutTheSource() {
        assertThat(reason(PARSER, null, "{\"doc\":[1,2}")).isEqualTo("invalid JSON at line 1, column 12:"
                + " Unexpected close marker '}': expected ']' (for Array starting at [line: 1, column: 8])");
    }

    @Test
    void reasonForAMultiLineValueStaysOnOneLine() {
        assertThat(reason(PARSER, null, "{\n\"op\": \"upsert\",\n\"id\": \"1\n\"}")).isEqualTo(
                "invalid JSON at line 3, column 9: Illegal unquoted character ((CTRL-CHAR, code 10)):"
                        + " has to be escaped using backslash to be included in string value");
    }

    @Test
    void truncatedJsonIsUnparseable() {
        assertThat(reason(PARSER, null, "{\"op\":\"upsert\",\"doc\":{")).startsWith("invalid JSON at line 1, column 23: ");
    }

    @Test
    void valueThatIsNotUtf8IsInvalidJson() {
        assertThat(PARSER.parse(null, new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'}, 0))
                .isInstanceOfSatisfying(Unparseable.class, u -> assertThat(u.reason()).startsWith("invalid JSON at line 1"));
    }

    @Test
    void emptyValueIsUnparseableNotATombstone() {
        assertThat(PARSER.parse(utf8("42"), new byte[0], 0))
                .isEqualTo(new Unparseable("invalid JSON: empty value (only a null value is a tombstone)"));
        assertThat(reason(PARSER, utf8("42"), "  \n ")).isEqualTo("invalid JSON: empty value (only a null value is a tombstone)");
    }

    @Test
    void valueThatIsNotAnObjectIsUnparseable() {
        assertThat(reason(PARSER, null, "[{'op':'delete','id':'1','version':1}]")).isEqualTo("value is JSON type array, not an object");
        assertThat(reason(PARSER, null, "'42'")).isEqualTo("value is JSON type string, not an object");
        assertThat(reason(PARSER, null, "42")).isEqualTo("value is JSON type number, not an object");
        assertThat(reason(PARSER, utf8("42"), "null")).isEqualTo("value is JSON type null, not an object");
    }

    @Test
    void duplicateFieldIsUnparseable() {
        assertThat(reason(PARSER, null, "{'op':'delete','id':'1','id':'2','version':1}"))
                .isEqualTo("invalid JSON at line 1, column 29: Duplicate field 'id'");
    }

    @Test
    void contentAfterTheObjectIsUnparseable() {
        assertThat(reason(PARSER, null, "{'op':'delete','id':'1','version':1}{}"))
                .isEqualTo("invalid JSON at line 1, column 37: content after the JSON value");
        assertThat(reason(PARSER, null, "{'op':'delete','id':'1','version':1} x")).startsWith("invalid JSON at line 1, column 39: ");
    }

    @Test
    void longValuesAreCutInReasons() {
        String op = "x".repeat(1000);

        assertThat(reason(PARSER, null, "{'op':'" + op + "','id':'1','version':1}"))
                .isEqualTo("unknown op '" + "x".repeat(64) + "...' (upsert: create, index, update, upsert; delete: delete)");
    }

    // --- tombstones

    @Test
    void tombstoneWithKeyIsADelete() {
        assertThat(BY_OFFSET.parse(utf8("42"), null, 99)).isEqualTo(new Parsed(Command.delete("42", 100)));
    }

    @Test
    void tombstoneWithoutKeyIsUnparseable() {
        assertThat(BY_OFFSET.parse(null, null, 5)).isEqualTo(new Unparseable("tombstone without key"));
        assertThat(BY_OFFSET.parse(new byte[0], null, 5)).isEqualTo(new Unparseable("tombstone without key"));
        assertThat(PARSER.parse(null, null, 5)).isEqualTo(new Unparseable("tombstone without key"));
    }

    @Test
    void tombstoneIsUnparseableWhenVersionsComeFromTheCommand() {
        assertThat(PARSER.parse(utf8("42"), null, 5))
                .isEqualTo(new Unparseable("tombstone for key '42' carries no version (version source COMMAND_FIELD)"));
    }

    @Test
    void tombstoneWithKeyThatIsNotUtf8IsUnparseable() {
        assertThat(BY_OFFSET.parse(new byte[] {(byte) 0xFF}, null, 5)).isEqualTo(new Unparseable("record key is not valid UTF-8"));
    }

    // --- configured paths

    @Test
    void nestedFieldPathsAreFollowed() {
        CommandParser parser = new CommandParser(CommandFormat.DEFAULT.withIdField("meta.entityId").withOpField("meta.action")
                .withVersionField("meta.rev").withDocField("payload.after"), VersionSource.COMMAND_FIELD);

        assertThat(parsed(parser, null, "{'meta':{'entityId':7,'action':'update','rev':3},'payload':{'after':{'a':1}}}"))
                .isEqualTo(Command.upsert("7", 3, object("{'a':1}")));
        assertThat(reason(parser, null, "{'meta':{'entityId':7,'action':'update'},'payload':{'after':{'a':1}}}"))
                .isEqualTo("missing version: no 'meta.rev' field");
    }

    @Test
    void idFieldMayLieInsideTheDocument() {
        CommandParser parser = new CommandParser(CommandFormat.DEFAULT.withIdField("doc.sku"), VersionSource.COMMAND_FIELD);

        assertThat(parsed(parser, null, "{'op':'upsert','version':2,'doc':{'sku':'A-1','n':1}}"))
                .isEqualTo(Command.upsert("A-1", 2, object("{'sku':'A-1','n':1}")));
    }

    @Test
    void fieldPathThroughANonObjectCountsAsAbsent() {
        CommandParser parser = new CommandParser(CommandFormat.DEFAULT.withIdField("meta.entityId"), VersionSource.COMMAND_FIELD);

        assertThat(parsed(parser, utf8("k"), "{'meta':'flat','op':'delete','version':1}").id()).isEqualTo("k");
    }

    @Test
    void negativeOffsetIsAProgrammingError() {
        assertThatIllegalArgumentException().isThrownBy(() -> PARSER.parse(null, null, -1));
    }

    // --- helpers

    // --- a document read for a transform that names the fields it reads

    @ParameterizedTest
    @ValueSource(strings = {
        "{'op':'upsert','id':'a/b #?%+ \uD83D\uDE80','version':2147483648123,'doc':{'body':'URL http://h:80/p?q=1#f, 12:30:00',"
                + "'price':1.10,'big':18446744073709551617,'tags':{'ns:key':'ns:id','n':1},'nested':{'a':[null,true]}}}",
        "{'doc':{'sku':'s-1','tags':{'env':'prod'},'x':'\\u00e9\\n'},'op':'index','version':3,'trace':{'span':[1]}}",
        "{'op':'upsert','id':'1','version':1,'doc':{'a':[1,2}}",
        "{'op':'upsert','id':'1','version':1,'doc':{'a':{'x':1,'x':2}}}",
        "{'op':'upsert','id':'1','version':1,'doc':{'a':'bad escape \\q'}}",
        "{'op':'upsert','id':'1','version':1,'doc':'{}'}",
        "{'op':'upsert','id':'1','version':1,'doc':{'tags':'not a map'}} x",
        "{'op':'delete','id':'1','version':1,'doc':{'a':1}}"})
    void aDocumentReadOnlyWhereTheTransformReadsGivesTheSameCommandAndTheSameRejections(String value) throws Exception {
        for (CommandFormat format : List.of(CommandFormat.DEFAULT, CommandFormat.DEFAULT.withIdField("doc.sku"))) {
            CommandParser whole = new CommandParser(format, VersionSource.COMMAND_FIELD);
            CommandParser tags = new CommandParser(format, VersionSource.COMMAND_FIELD,
                    Optional.of(Set.of(DotPath.parse("tags"))));

            ParseResult expected = whole.parse(null, json(value), 0);
            ParseResult actual = tags.parse(null, json(value), 0);

            if (expected instanceof Unparseable rejected) {
                assertThat(actual).isEqualTo(rejected);
            } else {
                Command wanted = ((Parsed) expected).command();
                Command got = ((Parsed) actual).command();
                assertThat(List.of(got.id(), got.version(), got.operation()))
                        .isEqualTo(List.of(wanted.id(), wanted.version(), wanted.operation()));
                if (wanted.operation() == Operation.UPSERT) {
                    // the fields neither the transform nor the envelope reads are kept, and written, as they came
                    Set<String> read = format == CommandFormat.DEFAULT ? Set.of("tags") : Set.of("tags", "sku");
                    assertThat(got.document().properties()).allSatisfy(field ->
                            assertThat(field.getValue().isPojo()).isEqualTo(!read.contains(field.getKey())));
                    assertThat(JsonMappers.COMMAND.readTree(JsonMappers.PLAIN.writeValueAsBytes(got.document())))
                            .isEqualTo(wanted.document());
                }
            }
        }
    }

    private static Command parsed(CommandParser parser, byte[] key, String value) {
        ParseResult result = parser.parse(key, json(value), 0);
        assertThat(result).isInstanceOf(Parsed.class);
        return ((Parsed) result).command();
    }

    private static String reason(CommandParser parser, byte[] key, String value) {
        ParseResult result = parser.parse(key, json(value), 0);
        assertThat(result).isInstanceOf(Unparseable.class);
        return ((Unparseable) result).reason();
    }

    /** JSON written with single quotes, which read better inside Java strings. */
    private static byte[] json(String singleQuoted) {
        return utf8(singleQuoted.replace('\'', '"'));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode object(String singleQuoted) {
        try {
            return (ObjectNode) JsonMapper.builder().build().readTree(singleQuoted.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

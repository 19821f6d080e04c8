// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonListParserTest {
    @Test
    void completesEachItemAsSoonAsItsStringCloses() {
        JsonListParser p = new JsonListParser();
        p.feed("```json\n[\"fir");
        assertThat(p.items()).isEmpty();
        p.feed("st\", \"sec");
        assertThat(p.items()).containsExactly("first");
        p.feed("ond\"]");
        assertThat(p.items()).containsExactly("first", "second");
        p.end();
        assertThat(p.items()).containsExactly("first", "second");
    }

    @Test
    void keepsTheItemsBeforeATruncatedOrMalformedStream() {
        JsonListParser p = new JsonListParser();
        p.feed("[\"a\", \"b\", \"c");
        p.end();
        assertThat(p.items()).containsExactly("a", "b");
        JsonListParser bad = new JsonListParser();
        bad.feed("[\"a\", }} \"b\"]");
        bad.end();
        assertThat(bad.items()).containsExactly("a");
    }

    @Test
    void skipsNestedValuesAndReadsMultiByteText() {
        JsonListParser p = new JsonListParser();
        p.feed("[{\"x\": \"no\"}, \"café\", [\"deep\"], 3]");
        p.end();
        assertThat(p.items()).containsExactly("café", "3");
    }

    @Test
    void parsesTheFirstArrayOfAWholeText() {
        assertThat(JsonListParser.parse("Sure: [\"a b\", \"c\"] done")).containsExactly("a b", "c");
        assertThat(JsonListParser.parse("[\"a\", \"b")).containsExactly("a");
        assertThat(JsonListParser.parse("no list")).isEmpty();
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonListParserTest {
    /** The items a parser completed when fed {@code text} in one chunk and then told the stream ended. */
    private static List<String> itemsOfAStreamOf(String text) {
        JsonListParser p = new JsonListParser();
        p.feed(text);
        p.end();
        return p.items();
    }

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
        assertThat(itemsOfAStreamOf("[\"a\", \"b\", \"c")).containsExactly("a", "b");
        assertThat(itemsOfAStreamOf("[\"a\", }} \"b\"]")).containsExactly("a");
    }

    @Test
    void skipsNestedValuesAndReadsMultiByteText() {
        assertThat(itemsOfAStreamOf("[{\"x\": \"no\"}, \"café\", [\"deep\"], 3]")).containsExactly("café", "3");
    }

    @Test
    void parsesTheFirstArrayOfAWholeText() {
        assertThat(JsonListParser.parse("Sure: [\"a b\", \"c\"] done")).containsExactly("a b", "c");
        assertThat(JsonListParser.parse("[\"a\", \"b")).containsExactly("a");
        assertThat(JsonListParser.parse("no list")).isEmpty();
    }
}

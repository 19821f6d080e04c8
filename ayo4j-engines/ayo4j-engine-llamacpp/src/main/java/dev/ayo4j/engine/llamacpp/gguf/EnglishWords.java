// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import java.util.List;

/** Built-in list of common English words that synthetic vocabularies start from. */
final class EnglishWords {
    private EnglishWords() {}

    /** Frequent words first, so that they get the higher sentencepiece scores. */
    static final List<String> COMMON = List.of((
            "the of and to a in is it you that he was for on are with as I his they be at one have this from "
            + "or had by not word but what some we can out other were all there when up use your how said an "
            + "each she which do their time if will way about many then them write would like so these her "
            + "long make thing see him two has look more day could go come did number sound no most people my "
            + "over know water than call first who may down side been now find any new work part take get "
            + "place made live where after back little only round man year came show every good me give our "
            + "under name very through just form sentence great think say help low line differ turn cause "
            + "much mean before move right boy old too same tell does set three want air well also play small "
            + "end put home read hand port large spell add even land here must big high such follow act why "
            + "ask men change went light kind off need house picture try us again animal point mother world "
            + "near build self earth father question answer context query queries document documents passage "
            + "passages search retrieve rewrite list JSON array string summary claim evidence study studies "
            + "cell cells protein gene genes patient patients disease risk effect results data model models "
            + "language system user assistant instruction instructions based following given short three "
            + "Once upon there named dog Max loved park alpha beta gamma delta epsilon zeta eta theta")
            .split(" "));
}

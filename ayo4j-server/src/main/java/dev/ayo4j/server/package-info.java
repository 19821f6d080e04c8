/**
 * The ayo4j HTTP server: {@link dev.ayo4j.server.Ayo4jServer} on Helidon SE 4 serving an {@link
 * dev.ayo4j.server.AppService} (the apps, collections and encoders) through OpenAI's chat and embedding
 * APIs, TEI's encoder API and ayo4j's own run, trace and collection API, with API keys, limits and one
 * mapping of exceptions to error bodies. What runs a question lives behind {@code AppService}, not here.
 */
@NullMarked
package dev.ayo4j.server;

import org.jspecify.annotations.NullMarked;

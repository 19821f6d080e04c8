/**
 * HTTP serving of an encoder pool: {@link dev.ayo4j.encoders.server.EncoderProtocol} holds the wire
 * formats, and {@link dev.ayo4j.encoders.server.EncoderServer} speaks Hugging Face TEI's
 * {@code /embed} and {@code /rerank}, OpenAI's {@code /v1/embeddings} and {@code /health} on the JDK's
 * HTTP server. Dispatch and batching belong to {@code dev.ayo4j.encoders.pool}, not here.
 */
@NullMarked
package dev.ayo4j.encoders.server;

import org.jspecify.annotations.NullMarked;

// SPDX-License-Identifier: Apache-2.0
/**
 * ayo4j engines as LangChain4j 1.x models (the other way round, LangChain4j models as ayo4j engines, is
 * {@code dev.ayo4j.langchain4j.engine}): {@link dev.ayo4j.langchain4j.Ayo4jChatModel} and
 * {@link dev.ayo4j.langchain4j.Ayo4jStreamingChatModel} run a {@code Prefill} on an ayo4j LLM engine,
 * {@link dev.ayo4j.langchain4j.Ayo4jEmbeddingModel} runs batched {@code Embed} tasks, and
 * {@link dev.ayo4j.langchain4j.Ayo4jScoringModel} runs a {@code Rerank}. Each call goes straight to the
 * engine, one task at a time, with no ayo4j runtime or planner in between: LangChain4j code keeps its
 * own orchestration and shares the engines (and their loaded models) with ayo4j.
 */
@NullMarked
package dev.ayo4j.langchain4j;

import org.jspecify.annotations.NullMarked;

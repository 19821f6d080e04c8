// SPDX-License-Identifier: Apache-2.0
/** An engine that calls a TEI-compatible encoder server (Hugging Face TEI, {@code ayo4j serve encoder}). */
package dev.ayo4j.engine.tei;

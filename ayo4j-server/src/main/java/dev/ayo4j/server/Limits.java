// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import dev.ayo4j.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * What one client may ask of the server at once. Each limit, when crossed, is a clear 4xx naming it.
 *
 * @param maxBodyBytes          largest JSON body (413 beyond)
 * @param maxUploadBytes        largest document upload, JSON or multipart (413 beyond)
 * @param maxQuestionChars      longest question (413 beyond)
 * @param maxDocumentsPerUpload most documents in one upload (413 beyond)
 * @param maxConcurrentRuns     runs on the engines at once; beyond it {@code 429} with {@code Retry-After},
 *                              never a queue
 * @param runDeadline           how long one run may take before it fails (504)
 */
public record Limits(int maxBodyBytes, int maxUploadBytes, int maxQuestionChars, int maxDocumentsPerUpload,
                     int maxConcurrentRuns, Duration runDeadline) {
    /** 1 MiB of JSON. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    /** 32 MiB per upload. */
    public static final int DEFAULT_MAX_UPLOAD_BYTES = 32 << 20;
    /** 16,384 characters per question: far more than any prompt window takes. */
    public static final int DEFAULT_MAX_QUESTION_CHARS = 16_384;
    /** 1,000 documents per upload. */
    public static final int DEFAULT_MAX_DOCUMENTS = 1_000;
    /** 16 runs at once: enough to fill the engines' batches, few enough that each is answered in time. */
    public static final int DEFAULT_MAX_CONCURRENT_RUNS = 16;
    /** Two minutes per run. */
    public static final Duration DEFAULT_RUN_DEADLINE = Duration.ofMinutes(2);

    /** The defaults above. */
    public static final Limits DEFAULT = new Limits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_UPLOAD_BYTES,
            DEFAULT_MAX_QUESTION_CHARS, DEFAULT_MAX_DOCUMENTS, DEFAULT_MAX_CONCURRENT_RUNS, DEFAULT_RUN_DEADLINE);

    public Limits {
        Checks.argument(maxBodyBytes > 0, "maxBodyBytes must be > 0: %s", maxBodyBytes);
        Checks.argument(maxUploadBytes > 0, "maxUploadBytes must be > 0: %s", maxUploadBytes);
        Checks.argument(maxQuestionChars > 0, "maxQuestionChars must be > 0: %s", maxQuestionChars);
        Checks.argument(maxDocumentsPerUpload > 0, "maxDocumentsPerUpload must be > 0: %s", maxDocumentsPerUpload);
        Checks.argument(maxConcurrentRuns > 0, "maxConcurrentRuns must be > 0: %s", maxConcurrentRuns);
        Objects.requireNonNull(runDeadline, "runDeadline");
        Checks.argument(runDeadline.isPositive(), "runDeadline must be positive: %s", runDeadline);
    }

    public Limits withMaxConcurrentRuns(int n) {
        return new Limits(maxBodyBytes, maxUploadBytes, maxQuestionChars, maxDocumentsPerUpload, n, runDeadline);
    }

    public Limits withRunDeadline(Duration d) {
        return new Limits(maxBodyBytes, maxUploadBytes, maxQuestionChars, maxDocumentsPerUpload, maxConcurrentRuns, d);
    }

    public Limits withMaxUploadBytes(int n) {
        return new Limits(maxBodyBytes, n, maxQuestionChars, maxDocumentsPerUpload, maxConcurrentRuns, runDeadline);
    }

    public Limits withMaxDocumentsPerUpload(int n) {
        return new Limits(maxBodyBytes, maxUploadBytes, maxQuestionChars, n, maxConcurrentRuns, runDeadline);
    }
}

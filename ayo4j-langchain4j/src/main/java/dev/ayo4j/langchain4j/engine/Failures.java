// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j.engine;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.RetriableEngineException;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskResult;
import dev.langchain4j.exception.RetriableException;

/** A LangChain4j failure as a task's failure, retriable where LangChain4j says it is. */
final class Failures {
    private Failures() {}

    static TaskResult of(String engine, Task task, Throwable cause) {
        String message = String.format("LangChain4j engine %s: %s of %s failed: %s", engine, task.op().kindName(),
                task.id(), cause.getMessage() == null ? cause.toString() : cause.getMessage());
        return TaskResult.failure(cause instanceof RetriableException
                ? new RetriableEngineException(message, cause) : new NonRetriableEngineException(message, cause));
    }

    /** A token count a provider reported, or 0 when it did not. */
    static int count(Integer reported) {
        return reported == null ? 0 : reported;
    }
}

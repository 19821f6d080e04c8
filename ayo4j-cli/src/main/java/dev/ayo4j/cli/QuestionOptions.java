// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The question of a command, as a picocli {@code @Mixin}: {@code --question TEXT}, or
 * {@code --question-file FILE} ({@code -} reads standard input) for a question too long or too awkward to
 * quote on a command line. A blank question is refused before any engine loads.
 */
final class QuestionOptions {
    @Option(names = "--question", paramLabel = "TEXT", description = "The question to answer.")
    @Nullable String question;

    @Option(names = "--question-file", paramLabel = "FILE",
            description = "Read the question from FILE (UTF-8); '-' reads it from standard input.")
    @Nullable String questionFile;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.@Nullable CommandSpec spec;

    /** The question given; {@code fallback} when none is (null: one is required). */
    String question(@Nullable String fallback, InputStream stdin) {
        if (question != null && questionFile != null) {
            throw parameterError("give the question with --question or with --question-file, not both");
        }
        String text = question != null ? question : questionFile != null ? read(questionFile, stdin) : fallback;
        if (text == null) {
            throw parameterError("give the question with --question TEXT or --question-file FILE ('-' for standard input)");
        }
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            throw parameterError("the question is empty" + (questionFile != null ? " (read from " + source() + ")" : ""));
        }
        return stripped;
    }

    private String read(String file, InputStream stdin) {
        byte[] bytes;
        try {
            bytes = file.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw parameterError("question file " + file + " does not exist");
        } catch (IOException e) {
            throw parameterError("cannot read the question from " + source() + ": " + e.getMessage());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw parameterError("the question in " + source() + " is not UTF-8 text");
        }
    }

    private String source() {
        return "-".equals(questionFile) ? "standard input" : String.valueOf(questionFile);
    }

    private RuntimeException parameterError(String message) {
        return spec == null ? new IllegalArgumentException(message)
                : new CommandLine.ParameterException(spec.commandLine(), message);
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.model;

import dev.ayo4j.models.HubDownloader;
import dev.ayo4j.models.ProgressBar;
import dev.ayo4j.models.PulledModel;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ayo4j model pull REPO FILE}: downloads a GGUF file into the cache, resumable and sha256-checked. */
@Command(name = "pull", mixinStandardHelpOptions = true,
        description = {"Download a GGUF file from a Hugging Face compatible hub into the model cache.",
                "An interrupted download is resumed by pulling again. The file is checked against the sha256"
                        + " the hub announces (or --sha256) and its GGUF header before it enters the cache.",
                "Gated or private repositories need HF_TOKEN; HF_ENDPOINT or --endpoint selects a mirror."})
final class ModelPullCommand extends ModelCacheCommand {
    @Parameters(index = "0", paramLabel = "REPO", showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "Hub repository, e.g. Qwen/Qwen2.5-0.5B-Instruct-GGUF.")
    String repo = "";

    @Parameters(index = "1", paramLabel = "FILE", showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "File in the repository, e.g. qwen2.5-0.5b-instruct-q8_0.gguf.")
    String file = "";

    @Option(names = "--revision", defaultValue = HubDownloader.DEFAULT_REVISION, paramLabel = "REV",
            description = "Branch, tag or commit.")
    String revision = HubDownloader.DEFAULT_REVISION;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Hub base URL (default: $HF_ENDPOINT, else https://huggingface.co).")
    @Nullable URI endpoint;

    @Option(names = "--sha256", paramLabel = "HEX",
            description = "Expected sha256 of the file, checked instead of the one the hub announces.")
    @Nullable String sha256;

    @Override
    public Integer call() {
        HubDownloader.Builder builder = HubDownloader.builder(cache()).progress(ProgressBar.forStderr());
        if (endpoint != null) {
            builder.endpoint(endpoint);
        }
        PulledModel pulled = builder.build().pull(repo, file, revision, Optional.ofNullable(sha256));
        PrintWriter out = output();
        out.println((pulled.alreadyCached() ? "already in the cache: " : "pulled: ") + pulled.path());
        out.println("  " + pulled.info().summary());
        if (pulled.verifiedSha256() != null) {
            out.println("  sha256 verified: " + pulled.verifiedSha256());
        } else if (!pulled.alreadyCached()) {
            out.println("  warning: the hub announced no sha256, so the download could not be verified");
        }
        if (pulled.resumedFrom() > 0) {
            out.println("  resumed from " + ProgressBar.formatBytes(pulled.resumedFrom()));
        }
        if (!pulled.info().runnable()) {
            out.println("  warning: the bundled llama.cpp cannot run architecture '" + pulled.info().architecture()
                    + "'; ayo4j will not pick this model");
        }
        return 0;
    }
}

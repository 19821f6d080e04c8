// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code ayo4j --version}: the version, the commit and the build time that the build wrote into
 * {@value #RESOURCE}, and the JVM that runs the tool.
 */
final class VersionProvider implements CommandLine.IVersionProvider {
    static final String RESOURCE = "/dev/ayo4j/cli/version.properties";

    /** The build's facts about this tool. */
    record BuildInfo(String version, String commit, String built) {
        static BuildInfo load() {
            Properties p = new Properties();
            try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the build did not write " + RESOURCE);
                }
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
            return new BuildInfo(p.getProperty("version"), p.getProperty("commit"), p.getProperty("built"));
        }
    }

    @Override
    public String[] getVersion() {
        BuildInfo info = BuildInfo.load();
        return new String[] {
            "ayo4j " + info.version(),
            "commit " + info.commit() + ", built " + info.built(),
            "JVM " + Runtime.version() + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
}

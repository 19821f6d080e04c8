// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** The BOM lists every module of the build, at the build's version, so that users can import it alone. */
class BomCoversEveryModuleTest {
    /** Modules that are not libraries: the BOM itself and the distribution archive. */
    private static final Set<String> NOT_IN_BOM = Set.of("ayo4j-bom", "ayo4j-distribution");

    private final Path root = Path.of(System.getProperty("ayo4j.root", ".."));

    @Test
    void listsEveryModuleOfTheBuild() throws Exception {
        List<String> modules = new ArrayList<>();
        for (String module : children(pom(root.resolve("pom.xml")), "modules", "module")) {
            String artifactId = child(pom(root.resolve(module).resolve("pom.xml")), "artifactId");
            if (!NOT_IN_BOM.contains(artifactId)) {
                modules.add(artifactId);
            }
        }
        Document bom = pom(root.resolve("ayo4j-bom/pom.xml"));
        List<String> managed = new ArrayList<>();
        Element management = firstChild(bom.getDocumentElement(), "dependencyManagement");
        for (Element dependency : elements(firstChild(management, "dependencies"), "dependency")) {
            assertThat(text(dependency, "groupId")).isEqualTo("dev.ayo4j");
            assertThat(text(dependency, "version")).isEqualTo("${project.version}");
            managed.add(text(dependency, "artifactId"));
        }

        assertThat(modules).isNotEmpty();
        assertThat(managed).as("ayo4j-bom/pom.xml").containsExactlyInAnyOrderElementsOf(modules);
    }

    @Test
    void hasTheVersionOfTheBuild() throws Exception {
        Document parent = pom(root.resolve("pom.xml"));
        Document bom = pom(root.resolve("ayo4j-bom/pom.xml"));
        assertThat(child(bom, "version")).isEqualTo(child(parent, "version"));
        assertThat(firstChild(bom.getDocumentElement(), "parent")).as("the BOM has no parent").isNull();
    }

    private static Document pom(Path file) throws ParserConfigurationException, IOException, SAXException {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String child(Document pom, String name) {
        return text(pom.getDocumentElement(), name);
    }

    private static List<String> children(Document pom, String list, String item) {
        return elements(firstChild(pom.getDocumentElement(), list), item).stream()
                .map(e -> e.getTextContent().trim()).toList();
    }

    private static String text(Element parent, String name) {
        Element e = firstChild(parent, name);
        assertThat(e).as("<%s> in <%s>", name, parent.getTagName()).isNotNull();
        return e.getTextContent().trim();
    }

    private static Element firstChild(Element parent, String name) {
        List<Element> found = elements(parent, name);
        return found.isEmpty() ? null : found.getFirst();
    }

    private static List<Element> elements(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }
}

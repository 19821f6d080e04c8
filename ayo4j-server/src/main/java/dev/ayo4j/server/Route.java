package dev.ayo4j.server;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One route of the server: method, path template in Helidon's syntax ({@code /v1/apps/{app}/runs}; {@code
 * {+id}} for a parameter that may hold slashes) and handler. The server
 * registers exactly its list of routes, and the OpenAPI test checks the same list, so the document and
 * the server cannot drift apart.
 */
record Route(Method method, String path, Handler handler) {
    Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
    }

    static Route get(String path, Handler h) {
        return new Route(Method.GET, path, h);
    }

    static Route post(String path, Handler h) {
        return new Route(Method.POST, path, h);
    }

    static Route delete(String path, Handler h) {
        return new Route(Method.DELETE, path, h);
    }

    /** Whether {@code requestPath} matches the template, whatever the method. */
    boolean matches(String requestPath) {
        return Pattern.matches(path.replaceAll("\\{\\+[^}]+}", ".+").replaceAll("\\{[^}]+}", "[^/]+"), requestPath);
    }

    /** The template as OpenAPI writes it: {@code {+id}} becomes {@code {id}}. */
    String openApiPath() {
        return path.replace("{+", "{");
    }
}

package io.flotilla.node.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * A file from the class path served as it is (the dashboard's page, its script and style sheet; no CDN, so a page
 * works offline). The bytes are read once, when the route is made, so a missing resource fails the node's start
 * rather than a request, and a request never touches the disk on the server's loop.
 */
public final class StaticResource {
    private StaticResource() {}

    /**
     * A route answering {@code resource} (a class-path name such as {@code io/flotilla/node/dashboard/index.html})
     * with the content type its extension says.
     *
     * @throws IllegalArgumentException when the resource is not on the class path
     */
    public static Route of(String resource) {
        return of(resource, contentType(resource));
    }

    public static Route of(String resource, String contentType) {
        byte[] bytes = read(resource);
        HttpAnswer answer = new HttpAnswer(200, contentType, bytes);
        return Route.now(ask -> answer);
    }

    static String contentType(String resource) {
        String name = resource.toLowerCase(Locale.ROOT);
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        } else if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        } else if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        } else if (name.endsWith(".svg")) {
            return "image/svg+xml";
        } else if (name.endsWith(".png")) {
            return "image/png";
        } else if (name.endsWith(".json")) {
            return HttpAnswer.JSON_TYPE;
        }
        return "application/octet-stream";
    }

    private static byte[] read(String resource) {
        ClassLoader loader = StaticResource.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource + " on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading resource " + resource, e);
        }
    }
}

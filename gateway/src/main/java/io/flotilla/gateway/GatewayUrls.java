package io.flotilla.gateway;

import io.flotilla.protocol.compress.Compression;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Builds connection URIs with the query parameters of GATEWAY.md section 1: the same v, encoding and compress
 * on the /gateway/bot url and on resume_gateway_url (section 14 item 2). Stateless.
 */
final class GatewayUrls {
    private GatewayUrls() {}

    static URI connectUri(String base, Compression compression) {
        URI uri = URI.create(base);
        String query = "v=10&encoding=json";
        String compress = compression.queryValue();
        if (compress != null) {
            query += "&compress=" + compress;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), port(uri), path, query, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("gateway url " + base + " cannot carry query parameters", e);
        }
    }

    static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "wss".equals(uri.getScheme()) ? 443 : 80;
    }
}

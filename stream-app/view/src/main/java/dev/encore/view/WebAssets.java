package dev.encore.view;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The page and its files, from the view's jar: {@code /} is the page, {@code /assets/NAME} its scripts and styles,
 * {@code /openapi.json} the description of the view's HTTP API. Names are a flat list; nothing outside it is served.
 */
final class WebAssets implements HttpHandler {
    static final String ROOT = "/dev/encore/view/web/";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9]+)+");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "json", "application/json",
            "txt", "text/plain; charset=utf-8");

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String name;
        if (path.equals("/") || path.equals("/index.html")) {
            name = "index.html";
        } else if (path.equals("/openapi.json")) {
            name = "openapi.json";
        } else if (path.startsWith("/assets/")) {
            name = path.substring("/assets/".length());
        } else {
            JsonResponses.error(exchange, 404, "no such resource; the page is at /, the API at /users/{id}/recommendations");
            return;
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            JsonResponses.error(exchange, 405, "use GET");
            return;
        }
        try (InputStream in = NAME.matcher(name).matches() ? WebAssets.class.getResourceAsStream(ROOT + name) : null) {
            if (in == null) {
                JsonResponses.error(exchange, 404, "no asset " + name);
                return;
            }
            byte[] bytes = in.readAllBytes();
            String extension = name.substring(name.lastIndexOf('.') + 1);
            exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }
}

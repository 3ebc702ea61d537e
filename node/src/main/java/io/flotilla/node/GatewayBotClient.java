package io.flotilla.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.gateway.Token;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks Discord's REST API for {@code /gateway/bot} with the bot token. A rejected token (401) is fatal
 * ({@link FatalNodeException}: nothing the node retries can fix it); anything else that fails (no answer, 5xx,
 * 429, a body that is not the documented object) is an {@link IOException} the caller may retry.
 *
 * <p>Thread-safe (one {@link HttpClient}).
 */
public final class GatewayBotClient {
    static final String USER_AGENT = "DiscordBot (https://github.com/flotilla, 0.1) Flotilla";

    private final HttpClient http;
    private final URI apiUrl;
    private final Token token;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    /** @param apiUrl {@code DISCORD_API_URL}, e.g. {@code https://discord.com/api/v10} */
    public GatewayBotClient(URI apiUrl, Token token, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.apiUrl = apiUrl;
        this.token = token;
        this.timeout = timeout;
    }

    /**
     * @throws FatalNodeException when Discord rejected the token (401) or refused it (403)
     * @throws IOException when Discord did not answer usefully (retry later)
     */
    public GatewayBot fetch() throws IOException, InterruptedException {
        URI uri = URI.create(apiUrl + "/gateway/bot");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bot " + token.value())
                .header("User-Agent", USER_AGENT)
                .GET()
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status == 401) {
            throw new FatalNodeException("the bot token was rejected (401) by " + uri
                    + "; set BOT_TOKEN to the token from the Discord developer portal (Bot page)");
        }
        if (status == 403) {
            throw new FatalNodeException("the bot token may not read " + uri + " (403); check the bot's application");
        }
        if (status == 404) {
            // Waited for like any other answer (a proxy in front may not be ready yet), but say the likely cause.
            throw new IOException("GET " + uri + " answered 404: DISCORD_API_URL must be the API's base with its"
                    + " version, such as " + NodeConfig.DISCORD_API);
        }
        if (status != 200) {
            throw new IOException("GET " + uri + " answered " + status);
        }
        return GatewayBot.parse(json, response.body());
    }
}

package io.signalbox.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tokens inside messages (the AMS SDK's {@code token} field), signed in the test by a key made
 * for this run, checked by the deployed server against {@code mp.jwt.verify.*}.
 */
@ExtendWith(ArquillianExtension.class)
class TokensIT {
    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("signalbox.security.token-required=publish,play,join");
    }

    @Test
    void aValidTokenForEachActionIsAccepted() {
        String s = Ids.unique("secured");
        String room = Ids.unique("secured-room");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient viewer = SignalingClient.connect();
                SignalingClient a = SignalingClient.connect(); SignalingClient member = SignalingClient.connect()) {
            publisher.send(withToken(Messages.publish(s), token("publish", "streamId", s, c -> { })));
            publisher.awaitNotification("publish_started");
            viewer.send(withToken(Messages.play(s), token("play", "streamId", s, c -> { })));
            viewer.awaitNotification("play_started");
            String p2p = Ids.unique("p2p");
            a.send(withToken(Messages.join(p2p), token("join", "streamId", p2p, c -> { })));
            a.awaitNotification("joined");
            member.send(withToken(Messages.joinRoom(room, "m-" + room), token("join", "room", room, c -> { })));
            member.awaitNotification("joinedTheRoom");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing", "empty", "expired", "not-yet-valid", "wrong-issuer", "wrong-key", "tampered",
        "alg-none", "wrong-stream", "wrong-type", "no-expiry", "garbage"})
    void aBadPublishTokenIsUnauthorizedAccessAndPublishesNothing(String kind) {
        String s = Ids.unique("bad-" + kind);
        String token = badToken(kind, s);
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient viewer = SignalingClient.connect()) {
            JsonObject publish = token == null ? Messages.publish(s) : withToken(Messages.publish(s), token);
            if (token == null) {
                publish = jakarta.json.Json.createObjectBuilder(publish).remove("token").build();
            }
            publisher.send(publish);
            JsonObject error = publisher.awaitError("unauthorized_access");
            assertEquals(Messages.expectedError("unauthorized_access", s, null), error);
            if (token != null && !token.isEmpty()) {
                assertFalse(error.toString().contains(token), "the error must not echo the token");
            }
            viewer.send(withToken(Messages.play(s), token("play", "streamId", s, c -> { })));
            viewer.awaitError("no_stream_exist");
            publisher.assertNothingPending();
        }
    }

    @Test
    void getRoomInfoNeedsTheJoinRightWhenJoiningDoesAsItNamesTheMembers() {
        String room = Ids.unique("listed-room");
        String joinRoom = token("join", "room", room, c -> { });
        try (SignalingClient member = SignalingClient.connect(); SignalingClient stranger = SignalingClient.connect();
                SignalingClient invited = SignalingClient.connectWithToken(joinRoom)) {
            member.send(withToken(Messages.joinRoom(room, "m-" + room), joinRoom));
            member.awaitNotification("joinedTheRoom");
            // A member showed its token when it joined.
            member.send(Messages.getRoomInfo(room));
            assertEquals(List.of("m-" + room), streamsOf(member.awaitMessage("roomInformation")));
            stranger.send(Messages.getRoomInfo(room));
            assertEquals(Messages.expectedError("unauthorized_access", null, room), stranger.awaitError("unauthorized_access"));
            stranger.send(withToken(Messages.getRoomInfo(room), token("join", "room", Ids.unique("other-room"), c -> { })));
            assertEquals(Messages.expectedError("unauthorized_access", null, room), stranger.awaitError("unauthorized_access"));
            stranger.send(withToken(Messages.getRoomInfo(room), joinRoom));
            assertEquals(List.of("m-" + room), streamsOf(stranger.awaitMessage("roomInformation")));
            invited.send(Messages.getRoomInfo(room));
            assertEquals(List.of("m-" + room), streamsOf(invited.awaitMessage("roomInformation")));
            for (SignalingClient client : List.of(member, stranger, invited)) {
                client.assertNothingPending();
            }
        }
    }

    private static List<String> streamsOf(JsonObject roomInformation) {
        return roomInformation.getJsonArray("streams").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }

    @Test
    void aTokenOnTheUpgradeRequestCoversWhatItsClaimsCoverForTheWholeSession() {
        String s = Ids.unique("upgrade");
        String other = Ids.unique("upgrade-other");
        try (SignalingClient publisher = SignalingClient.connectWithToken(token("publish", "streamId", s, c -> { }))) {
            publisher.send(Messages.publish(s));
            publisher.awaitNotification("publish_started");
            publisher.send(Messages.publish(other));
            assertEquals(Messages.expectedError("unauthorized_access", other, null), publisher.awaitError("unauthorized_access"));
            publisher.send(Messages.join(s));
            publisher.awaitError("unauthorized_access");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "Cookie"})
    void aTokenInAnUpgradeHeaderCoversItsStream(String header) {
        String s = Ids.unique("header-" + header);
        String token = token("publish", "streamId", s, c -> { });
        String value = header.equals("Cookie") ? "theme=dark; Bearer=" + token : "Bearer " + token;
        try (SignalingClient publisher = SignalingClient.connectWithHeader(header, value)) {
            publisher.send(Messages.publish(Ids.unique("not-covered")));
            publisher.awaitError("unauthorized_access");
            publisher.send(Messages.publish(s));
            publisher.awaitNotification("publish_started");
        }
    }

    @Test
    void concurrentHandshakesEachKeepTheirOwnToken() {
        // The handshake passes the token through user properties; a shared map would mix them up.
        int sessions = 24;
        java.util.List<String> streams = java.util.stream.IntStream.range(0, sessions)
                .mapToObj(i -> Ids.unique("own-" + i)).toList();
        java.util.List<java.util.concurrent.CompletableFuture<SignalingClient>> connecting = streams.stream()
                .map(s -> java.util.concurrent.CompletableFuture.supplyAsync(() -> SignalingClient.connectWithHeader(
                        "Authorization", "Bearer " + token("publish", "streamId", s, c -> { }))))
                .toList();
        java.util.List<SignalingClient> clients = connecting.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        try {
            for (int i = 0; i < sessions; i++) {
                clients.get(i).send(Messages.publish(streams.get(i)));
            }
            for (SignalingClient client : clients) {
                client.awaitNotification("publish_started");
            }
        } finally {
            clients.forEach(SignalingClient::close);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"expired", "wrong-key", "tampered", "alg-none", "garbage"})
    void aBadTokenOnTheUpgradeRequestIsRefusedWith401BeforeAnySessionExists(String kind) throws Exception {
        String s = Ids.unique("upgrade-bad-" + kind);
        String bad = badToken(kind, s);
        var refused = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CompletionException.class,
                () -> SignalingClient.connectWithToken(bad));
        var handshake = org.junit.jupiter.api.Assertions.assertInstanceOf(java.net.http.WebSocketHandshakeException.class,
                refused.getCause());
        assertEquals(401, handshake.getResponse().statusCode());
        // The same as a refused REST call, and the bearer header names the token as the reason.
        var plain = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                Server.http("/websocket?token=" + java.net.URLEncoder.encode(bad, StandardCharsets.UTF_8)))
                .timeout(SignalingClient.TIMEOUT).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, plain.statusCode());
        assertEquals("Bearer error=\"invalid_token\"", plain.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(Messages.expectedRestError("unauthorized_access"),
                jakarta.json.Json.createReader(new java.io.StringReader(plain.body())).readObject());
        assertFalse(plain.body().contains(bad), "the refusal must not echo the token");
        // A good token on the upgrade, or none, still connects.
        try (SignalingClient none = SignalingClient.connect();
                SignalingClient good = SignalingClient.connectWithToken(token("publish", "streamId", s, c -> { }))) {
            good.send(Messages.publish(s));
            good.awaitNotification("publish_started");
            none.assertNothingPending();
        }
        await().atMost(SignalingClient.TIMEOUT).untilAsserted(
                () -> assertEquals(0, Server.registries().getInt("sessionTokens")));
    }

    @Test
    void noTokenReachesTheServerLog() throws java.io.IOException {
        String s = Ids.unique("log");
        String accepted = token("publish", "streamId", s, c -> { });
        String refused = badToken("wrong-key", s);
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CompletionException.class,
                () -> SignalingClient.connectWithToken(refused));
        try (SignalingClient client = SignalingClient.connect()) {
            client.send(withToken(Messages.publish(s), refused));
            client.awaitError("unauthorized_access");
            client.send(withToken(Messages.publish(s), accepted));
            client.awaitNotification("publish_started");
        }
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("wlp.home"), "usr", "servers",
                System.getProperty("it.server.name"), "logs", "messages.log");
        String text = java.nio.file.Files.readString(log);
        for (String token : java.util.List.of(accepted, refused)) {
            for (String part : token.split("\\.")) {
                assertFalse(text.contains(part), "a part of a token is in " + log);
            }
        }
    }

    @Test
    void aJoinTokenForAnotherRoomIsUnauthorizedAccess() {
        String room = Ids.unique("room");
        try (SignalingClient member = SignalingClient.connect()) {
            member.send(withToken(Messages.joinRoom(room, "m-" + room), token("join", "room", room + "x", c -> { })));
            assertEquals(Messages.expectedError("unauthorized_access", "m-" + room, room), member.awaitError("unauthorized_access"));
        }
    }

    private static String badToken(String kind, String s) {
        return switch (kind) {
            case "missing" -> null;
            case "empty" -> "";
            case "expired" -> token("publish", "streamId", s, c -> c.setExpirationTime(NumericDate.fromSeconds(
                    NumericDate.now().getValue() - 3600)));
            case "not-yet-valid" -> token("publish", "streamId", s, c -> c.setNotBefore(NumericDate.fromSeconds(
                    NumericDate.now().getValue() + 3600)));
            case "wrong-issuer" -> token("publish", "streamId", s, c -> c.setIssuer("https://elsewhere.test"));
            case "wrong-key" -> TestKeys.sign(claims("publish", "streamId", s, c -> { }), TestKeys.OTHER_KEYS);
            case "tampered" -> tamper(token("publish", "streamId", "other-" + s, c -> { }), s);
            case "alg-none" -> unsigned(claims("publish", "streamId", s, c -> { }));
            case "wrong-stream" -> token("publish", "streamId", "other-" + s, c -> { });
            case "wrong-type" -> token("play", "streamId", s, c -> { });
            case "no-expiry" -> TestKeys.sign(claims("publish", "streamId", s, c -> c.unsetClaim("exp")));
            case "garbage" -> "not.a.jwt";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static String token(String type, String subjectClaim, String subject, Consumer<JwtClaims> change) {
        return TestKeys.sign(claims(type, subjectClaim, subject, change));
    }

    private static JwtClaims claims(String type, String subjectClaim, String subject, Consumer<JwtClaims> change) {
        return TestKeys.claims(c -> {
            c.setClaim("type", type);
            c.setClaim(subjectClaim, subject);
            change.accept(c);
        });
    }

    /** An {@code alg: none} token: a header, the claims and an empty signature. */
    private static String unsigned(JwtClaims claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toJson().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** Keeps the signature of a valid token but swaps in a payload naming {@code streamId}. */
    private static String tamper(String token, String streamId) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("other-" + streamId, streamId);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    static JsonObject withToken(JsonObject message, String token) {
        return jakarta.json.Json.createObjectBuilder(message).add("token", token).build();
    }
}

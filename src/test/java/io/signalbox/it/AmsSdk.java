package io.signalbox.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Ant Media's own browser SDK, {@code @antmedia/webrtc_adaptor} 2.16.2, from the npm registry,
 * checked against the integrity the registry publishes for it and kept under {@code target/}.
 */
final class AmsSdk {
    static final String VERSION = "2.16.2";
    private static final URI TARBALL = URI.create(
            "https://registry.npmjs.org/@antmedia/webrtc_adaptor/-/webrtc_adaptor-" + VERSION + ".tgz");
    /** The package's {@code dist.integrity} in the npm registry (SHA-512 of the tarball). */
    private static final String INTEGRITY =
            "sha512-5BWmm/ZDSvgIm7npC/H5kLFqOKYhQYOnBfBFBUC7q7BuiVT5AXCiXxknpEE8oVuA4op5cMFUX8fDfunSa3PUgw==";
    private static final Path CACHE = Path.of("target", "ams", "webrtc_adaptor-" + VERSION + ".tgz");
    private static final String BROWSER_BUNDLE = "package/dist/browser/webrtc_adaptor.js";

    private AmsSdk() {
    }

    /** The UMD bundle that defines {@code window.webrtc_adaptor.WebRTCAdaptor}. */
    static String browserBundle() throws IOException, InterruptedException {
        byte[] tarball = tarball();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(new java.io.ByteArrayInputStream(tarball)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.getName().equals(BROWSER_BUNDLE)) {
                    return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new IllegalStateException(BROWSER_BUNDLE + " is not in " + TARBALL);
    }

    private static byte[] tarball() throws IOException, InterruptedException {
        if (Files.exists(CACHE) && INTEGRITY.equals(integrity(Files.readAllBytes(CACHE)))) {
            return Files.readAllBytes(CACHE);
        }
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        byte[] body;
        try (InputStream in = http.send(HttpRequest.newBuilder(TARBALL).build(),
                HttpResponse.BodyHandlers.ofInputStream()).body()) {
            body = in.readAllBytes();
        }
        String actual = integrity(body);
        if (!INTEGRITY.equals(actual)) {
            throw new IllegalStateException(TARBALL + " has integrity " + actual + ", expected " + INTEGRITY);
        }
        Files.createDirectories(CACHE.getParent());
        Files.write(CACHE, body);
        return body;
    }

    private static String integrity(byte[] bytes) {
        try {
            return "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

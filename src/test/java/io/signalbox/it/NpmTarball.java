package io.signalbox.it;

import java.io.ByteArrayInputStream;
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
 * A package's tarball from the npm registry, checked against the integrity the registry
 * publishes for it ({@code dist.integrity}, SHA-512) and kept under {@code target/npm}.
 */
record NpmTarball(URI tarball, String integrity) {

    /** The text of {@code path} in the tarball (npm packs a package under {@code package/}). */
    String file(String path) throws IOException, InterruptedException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(bytes())))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.getName().equals(path)) {
                    return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new IllegalStateException(path + " is not in " + tarball);
    }

    private byte[] bytes() throws IOException, InterruptedException {
        Path cache = Path.of("target", "npm", Path.of(tarball.getPath()).getFileName().toString());
        if (Files.exists(cache) && integrity.equals(integrityOf(Files.readAllBytes(cache)))) {
            return Files.readAllBytes(cache);
        }
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        byte[] body;
        try (InputStream in = http.send(HttpRequest.newBuilder(tarball).build(), HttpResponse.BodyHandlers.ofInputStream()).body()) {
            body = in.readAllBytes();
        }
        String actual = integrityOf(body);
        if (!integrity.equals(actual)) {
            throw new IllegalStateException(tarball + " has integrity " + actual + ", expected " + integrity);
        }
        Files.createDirectories(cache.getParent());
        Files.write(cache, body);
        return body;
    }

    private static String integrityOf(byte[] bytes) {
        try {
            return "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

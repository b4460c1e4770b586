package io.signalbox.it;

import java.util.OptionalDouble;

/** Samples of the test server's {@code /metrics} in Prometheus' text format, read as a scraper reads them. */
public final class Scrape {
    private Scrape() {
    }

    /** The value of the first sample of {@code name} whose labels contain {@code label} (any, when null). */
    public static OptionalDouble sample(String name, String label) {
        String body = Server.get("/metrics?scope=application").body();
        return body.lines().filter(line -> !line.startsWith("#"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> label == null || line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    /** The sum of every sample of {@code name}, whatever its labels; 0 when there is none. */
    public static double sum(String name) {
        String body = Server.get("/metrics?scope=application").body();
        return body.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** A counter's value, 0 while it has not counted anything (it is made on its first use). */
    public static double counter(String name, String label) {
        return sample(name, label).orElse(0);
    }
}

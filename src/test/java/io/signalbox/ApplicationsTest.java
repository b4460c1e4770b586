package io.signalbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The two JAX-RS applications list their classes: every resource and provider is in one, the exception mapper in both. */
class ApplicationsTest {

    @Test
    void everyResourceAndProviderIsServedByTheApplicationItBelongsTo() throws IOException, ClassNotFoundException {
        Set<Class<?>> found = new HashSet<>();
        java.nio.file.Path classes = java.nio.file.Path.of("target", "classes");
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                if (type.isAnnotationPresent(Path.class) || type.isAnnotationPresent(Provider.class)) {
                    found.add(type);
                }
            }
        }
        Set<Class<?>> served = new HashSet<>(new RestApplication().getClasses());
        served.addAll(new WhipApplication().getClasses());
        assertEquals(found, served);
        Set<Class<?>> both = new HashSet<>(new RestApplication().getClasses());
        both.retainAll(new WhipApplication().getClasses());
        assertEquals(Set.of(io.signalbox.error.SignalingExceptionMapper.class), both);
        assertEquals(List.of(), new WhipApplication().getClasses().stream()
                .filter(type -> type.getPackageName().endsWith("stream") || type.getPackageName().endsWith("room")).toList());
    }
}

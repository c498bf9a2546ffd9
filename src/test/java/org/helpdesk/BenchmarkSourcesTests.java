package org.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's programs (bench/*.java, run from source by bench/benchmark.sh) use the service's own code to seed
 * accounts, purge and read plans: they must still compile against it after every change.
 */
class BenchmarkSourcesTests {

    @Test
    void benchmarkProgramsCompileAgainstTheService(@TempDir Path out) throws IOException {
        List<String> sources;
        try (Stream<Path> files = Files.list(Path.of("bench"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        assertThat(sources).contains("bench/Seed.java", "bench/LoadGenerator.java", "bench/Purge.java");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-proc:none", "-d", out.toString(),
                "-classpath", System.getProperty("java.class.path")));
        arguments.addAll(sources);
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, arguments.toArray(String[]::new));
        assertThat(status).as("javac:%n%s", messages.toString(StandardCharsets.UTF_8)).isZero();
    }
}

package dev.encore.stack;

import dev.encore.local.JavaRuntime;
import dev.encore.local.LocalServiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the project's own programs, run as a child process from its built jar and class path (each in its
 * own JVM: the Flink job's RocksDB and the Kafka Streams view's must never share a class path).
 */
record ProjectApp(String module, String artifact, String mainClass, List<String> jvmOptions) {
    static final ProjectApp MODEL = new ProjectApp("model-server", "encore-model-server", "dev.encore.model.cli.ModelCli",
            List.of("-Xmx1g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_interop_threads=1"));
    /** The model code as the continual trainer: one torch thread, so that training never takes both cores from the job. */
    static final ProjectApp TRAINER = new ProjectApp("model-server", "encore-model-server", "dev.encore.model.cli.ModelCli",
            List.of("-Xmx1g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"));
    static final ProjectApp VIEW = new ProjectApp("stream-app/view", "encore-recommendations-view", "dev.encore.view.ViewMain",
            List.of("-Xmx384m"));
    static final ProjectApp JOB = new ProjectApp("stream-app/job", "encore-stream-job", "dev.encore.stream.StreamJobMain",
            List.of("-Xmx1g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"));

    /** The job on a standalone Flink cluster: this launcher starts the JobManager and TaskManagers as its own children. */
    static final ProjectApp FLINK_CLUSTER = new ProjectApp("deploy/flink-cluster", "encore-flink-cluster", "dev.encore.cluster.ClusterMain",
            List.of("-Xmx512m"));

    private static final String VERSION = "0.1.0-SNAPSHOT";

    /** The java command that runs this program with {@code args}. */
    List<String> command(List<String> args) {
        Path target = StackPaths.home().resolve(module).resolve("target");
        Path jar = target.resolve(artifact + "-" + VERSION + ".jar");
        Path classpath = target.resolve("runtime.classpath");
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(classpath)) {
            throw new LocalServiceException(module + " is not built (no " + jar.getFileName() + "): build it first with "
                    + "mvn -q -DskipTests install, or start the stack through deploy/bin/encore");
        }
        List<String> command = new ArrayList<>();
        command.add(JavaRuntime.current().executable().toString());
        command.addAll(jvmOptions);
        command.add("-Dencore.home=" + StackPaths.home());
        try {
            command.addAll(List.of("-cp", jar + java.io.File.pathSeparator + Files.readString(classpath).strip()));
        } catch (IOException e) {
            throw new LocalServiceException("cannot read " + classpath + ": " + e.getMessage(), e);
        }
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}

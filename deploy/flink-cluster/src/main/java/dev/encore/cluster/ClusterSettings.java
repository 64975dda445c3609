package dev.encore.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cluster's {@code config.yaml}, as Flink 2.x reads it from {@code --configDir}: every process on this host, free
 * ports, RocksDB state, and failure detection fast enough that a dead TaskManager's tasks restart within seconds.
 *
 * @param slots               slots per TaskManager; enough that the survivors of one lost TaskManager can run the job
 * @param metricsPorts        the Prometheus reporter's port range (one port per process that reports)
 * @param stateDir            where RocksDB's working files and temporary files go
 */
record ClusterSettings(String host, int rpcPort, int restPort, int slots, String metricsPorts, Path stateDir) {

    Map<String, String> entries() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jobmanager.rpc.address", host);
        config.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        config.put("jobmanager.bind-host", host);
        config.put("jobmanager.memory.process.size", "1024m");
        config.put("rest.address", host);
        config.put("rest.bind-address", host);
        config.put("rest.port", Integer.toString(restPort));
        config.put("taskmanager.host", host);
        config.put("taskmanager.bind-host", host);
        config.put("taskmanager.numberOfTaskSlots", Integer.toString(slots));
        config.put("taskmanager.memory.process.size", "1536m");
        config.put("taskmanager.memory.managed.fraction", "0.2");
        // Spread the job's slots over the TaskManagers, so that losing one loses part of the job, not all of it.
        config.put("taskmanager.load-balance.mode", "SLOTS");
        config.put("heartbeat.interval", "2000");
        config.put("heartbeat.timeout", "10000");
        config.put("state.backend.type", "rocksdb");
        config.put("state.backend.rocksdb.localdir", stateDir.resolve("rocksdb").toString());
        config.put("io.tmp.dirs", stateDir.resolve("tmp").toString());
        config.put("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        config.put("metrics.reporter.prom.port", metricsPorts);
        return config;
    }

    /** Writes {@code config.yaml} into {@code configDir}; returns the directory. */
    Path writeTo(Path configDir) throws IOException {
        Files.createDirectories(configDir);
        Files.createDirectories(stateDir.resolve("tmp"));
        Files.createDirectories(stateDir.resolve("rocksdb"));
        String yaml = entries().entrySet().stream().map(e -> e.getKey() + ": \"" + e.getValue() + "\"")
                .collect(Collectors.joining("\n", "# Written by ClusterMain for this run.\n", "\n"));
        Files.writeString(configDir.resolve("config.yaml"), yaml);
        return configDir;
    }
}

package dev.encore.model.cli;

import dev.encore.model.serve.ModelService;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: scoring over HTTP with dynamic batching; swaps to new model versions as they land. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the newest model in --models-dir over HTTP; hot-swap when a newer version appears.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ModelsDirOption models = new ModelsDirOption();

    @Option(names = "--port", defaultValue = "8500", description = "HTTP port on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--max-batch", defaultValue = "32", description = "Most requests per model call. Default: ${DEFAULT-VALUE}.")
    int maxBatch;

    @Option(names = "--max-wait-ms", defaultValue = "2", description = "Longest wait for a batch to fill. Default: ${DEFAULT-VALUE}.")
    long maxWaitMs;

    @Option(names = "--watch-seconds", defaultValue = "5", description = "How often to look for a new model version. Default: ${DEFAULT-VALUE}.")
    long watchSeconds;

    @Override
    public Integer call() throws Exception {
        if (maxBatch < 1 || maxWaitMs < 0 || watchSeconds < 1) {
            throw new IllegalArgumentException("--max-batch must be >= 1, --max-wait-ms >= 0, --watch-seconds >= 1");
        }
        try (ModelService service = ModelService.start(models.path(), port, maxBatch, Duration.ofMillis(maxWaitMs),
                Duration.ofSeconds(watchSeconds))) {
            System.out.printf("serving %s on http://127.0.0.1:%d (POST /v1/score, POST /v1/topk, GET /ready, GET /metrics)%n",
                    service.modelVersion(), service.port());
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "stop-model-server"));
            stop.await();
        }
        return 0;
    }
}

package dev.encore.stream;

import dev.encore.schemas.KafkaClientProperties;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka transaction protocol that the exactly-once sink needs: version 1 (decision 0012).
 *
 * <p>flink-connector-kafka 5.0.0-2.2 recovers a checkpoint by resuming each checkpointed transaction with its
 * producer id and epoch and committing it again. Under protocol 1 committing a transaction that was already
 * committed is a no-op. Under protocol 2 (what a cluster formatted by Kafka 4.x finalizes) every commit bumps the
 * epoch, so the repeated commit is refused as fenced: the committer logs that this "most likely signals data
 * loss" and drops the committable, and a commit that landed can no longer be told from one that was lost.
 */
public final class TransactionProtocol {
    public static final String FEATURE = "transaction.version";
    public static final short SUPPORTED = 1;
    private static final Logger LOG = LoggerFactory.getLogger(TransactionProtocol.class);

    private TransactionProtocol() {
    }

    /** The cluster's finalized transaction protocol; 0 when the cluster does not report the feature. */
    public static short finalizedLevel(Admin admin) throws Exception {
        Map<String, FinalizedVersionRange> features = admin.describeFeatures().featureMetadata()
                .get(10, TimeUnit.SECONDS).finalizedFeatures();
        FinalizedVersionRange range = features.get(FEATURE);
        return range == null ? 0 : range.maxVersionLevel();
    }

    /**
     * Warns, in one line naming the fix, when an exactly-once job writes to a cluster whose transaction protocol
     * is newer than the sink's recovery supports. Returns the level found, or -1 when the cluster could not be asked
     * (the job then fails on its own connection errors, with Kafka's message).
     */
    public static short check(JobConfig config) {
        if (config.delivery() != JobConfig.Delivery.EXACTLY_ONCE) {
            return -1;
        }
        try (Admin admin = Admin.create(KafkaClientProperties.merged(Map.of("bootstrap.servers", config.bootstrapServers(),
                "default.api.timeout.ms", "10000", "request.timeout.ms", "5000"), config.kafkaClient()))) {
            short level = finalizedLevel(admin);
            if (level > SUPPORTED) {
                LOG.warn("the Kafka cluster finalizes {}={}: after a restore the exactly-once sink cannot tell a committed "
                        + "transaction from a lost one; run 'kafka-features.sh --bootstrap-server {} downgrade --feature {}={}' "
                        + "(see docs/decisions/0012-exactly-once-transactions.md)", FEATURE, level, config.bootstrapServers(),
                        FEATURE, SUPPORTED);
            }
            return level;
        } catch (Exception e) {
            LOG.debug("cannot read the cluster's {}: {}", FEATURE, e.toString());
            return -1;
        }
    }
}

package dev.encore.stream.types;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * See {@link ImmutableRecords}: the bytes are the POJO serializer's, so the wire and state formats are those of the
 * record's POJO type; copies return the record itself.
 */
public final class ImmutableRecordSerializer<T> extends TypeSerializer<T> {
    private final TypeSerializer<T> pojo;

    public ImmutableRecordSerializer(TypeSerializer<T> pojo) {
        this.pojo = pojo;
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        TypeSerializer<T> duplicate = pojo.duplicate();
        return duplicate == pojo ? this : new ImmutableRecordSerializer<>(duplicate);
    }

    @Override
    public T createInstance() {
        return pojo.createInstance();
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return pojo.getLength();
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        pojo.serialize(record, target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return pojo.deserialize(source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return pojo.deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        pojo.copy(source, target);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImmutableRecordSerializer<?> other && pojo.equals(other.pojo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ImmutableRecordSerializer.class, pojo);
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(this);
    }

    /**
     * Written into checkpoints with the POJO serializer's own snapshot nested, so its schema evolution still applies.
     * A checkpoint from before a record was typed immutable holds the bare POJO snapshot: the bytes are the same,
     * so the POJO rules decide.
     */
    public static final class Snapshot<T> extends CompositeTypeSerializerSnapshot<T, ImmutableRecordSerializer<T>> {
        @SuppressWarnings("unused") // read back from checkpoints by reflection
        public Snapshot() {
        }

        Snapshot(ImmutableRecordSerializer<T> serializer) {
            super(serializer);
        }

        @Override
        @SuppressWarnings("unchecked")
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            if (old instanceof Snapshot) {
                return super.resolveSchemaCompatibility(old);
            }
            var pojo = ((TypeSerializerSnapshot<T>) getNestedSerializerSnapshots()[0]).resolveSchemaCompatibility(old);
            if (pojo.isCompatibleWithReconfiguredSerializer()) {
                return TypeSerializerSchemaCompatibility.compatibleWithReconfiguredSerializer(
                        new ImmutableRecordSerializer<>(pojo.getReconfiguredSerializer()));
            }
            return pojo;
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return 1;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(ImmutableRecordSerializer<T> outer) {
            return new TypeSerializer<?>[] {outer.pojo};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected ImmutableRecordSerializer<T> createOuterSerializerWithNestedSerializers(TypeSerializer<?>[] nested) {
            return new ImmutableRecordSerializer<>((TypeSerializer<T>) nested[0]);
        }
    }
}

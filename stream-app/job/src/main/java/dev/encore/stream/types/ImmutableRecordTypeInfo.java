package dev.encore.stream.types;

import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** See {@link ImmutableRecords}: the record's POJO type information, with a serializer whose copy is the record itself. */
public final class ImmutableRecordTypeInfo<T> extends TypeInformation<T> {
    private final TypeInformation<T> pojo;

    ImmutableRecordTypeInfo(TypeInformation<T> pojo) {
        this.pojo = pojo;
    }

    /** How the record is serialized: as this POJO type. */
    public TypeInformation<T> pojo() {
        return pojo;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new ImmutableRecordSerializer<>(pojo.createSerializer(config));
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return pojo.getArity();
    }

    @Override
    public int getTotalFields() {
        return pojo.getTotalFields();
    }

    @Override
    public Class<T> getTypeClass() {
        return pojo.getTypeClass();
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public String toString() {
        return "ImmutableRecord<" + pojo + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImmutableRecordTypeInfo<?> other && other.canEqual(this) && pojo.equals(other.pojo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ImmutableRecordTypeInfo.class, pojo);
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof ImmutableRecordTypeInfo;
    }
}

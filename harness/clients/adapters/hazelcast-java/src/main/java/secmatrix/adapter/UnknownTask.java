package secmatrix.adapter;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.util.concurrent.Callable;

/**
 * A task no member knows (factory 7771, which no member registers): sent to show that a member
 * answers code it cannot deserialise with HazelcastSerializationException, never with success.
 */
public final class UnknownTask implements Callable<String>, IdentifiedDataSerializable {
    public static final int FACTORY_ID = 7771;

    @Override
    public String call() {
        return "unknown";
    }

    @Override
    public int getFactoryId() {
        return FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return 1;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
    }

    @Override
    public void readData(ObjectDataInput in) {
    }
}

package secmatrix.adapter;

import com.hazelcast.map.MapInterceptor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * The map interceptor secmatrix registers (docs/client-code.md): IdentifiedDataSerializable,
 * factory 7770, class 2, no fields. It changes nothing (every hook returns null / does nothing).
 */
public final class SecmatrixInterceptor implements MapInterceptor, IdentifiedDataSerializable {
    public static final int CLASS_ID = 2;

    @Override
    public Object interceptGet(Object value) {
        return null;
    }

    @Override
    public void afterGet(Object value) {
    }

    @Override
    public Object interceptPut(Object oldValue, Object newValue) {
        return null;
    }

    @Override
    public void afterPut(Object value) {
    }

    @Override
    public Object interceptRemove(Object removedValue) {
        return null;
    }

    @Override
    public void afterRemove(Object oldValue) {
    }

    @Override
    public int getFactoryId() {
        return ClientCodeFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return CLASS_ID;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
    }

    @Override
    public void readData(ObjectDataInput in) {
    }
}

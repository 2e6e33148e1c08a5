package secmatrix.adapter;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/** Factory 7770: the client code of docs/client-code.md (EchoTask = 1, SecmatrixInterceptor = 2). */
public final class ClientCodeFactory implements DataSerializableFactory {
    public static final int FACTORY_ID = 7770;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        switch (typeId) {
            case EchoTask.CLASS_ID:
                return new EchoTask();
            case SecmatrixInterceptor.CLASS_ID:
                return new SecmatrixInterceptor();
            default:
                return null;
        }
    }
}

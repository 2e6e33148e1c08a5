package secmatrix.adapter;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * The task secmatrix sends to executors (docs/client-code.md): IdentifiedDataSerializable, factory
 * 7770, class 1, one string field; call() returns "echo:" + input. The reference member knows it by
 * that identity and runs it; a real member runs it when this class is on its class path.
 */
public final class EchoTask implements Callable<String>, IdentifiedDataSerializable {
    public static final int FACTORY_ID = ClientCodeFactory.FACTORY_ID;
    public static final int CLASS_ID = 1;

    private String input;

    public EchoTask() {
    }

    public EchoTask(String input) {
        this.input = input;
    }

    @Override
    public String call() {
        return "echo:" + input;
    }

    @Override
    public int getFactoryId() {
        return FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return CLASS_ID;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(input);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        input = in.readString();
    }
}

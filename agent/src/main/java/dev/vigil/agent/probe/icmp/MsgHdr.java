package dev.vigil.agent.probe.icmp;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** {@code struct msghdr} with one iovec, for recvmsg(2) on the error queue; JNA lays it out for 32 and 64 bits. */
@Structure.FieldOrder({"name", "nameLength", "iov", "iovLength", "control", "controlLength", "flags"})
public final class MsgHdr extends Structure {
    /** {@code struct iovec}. */
    @Structure.FieldOrder({"base", "length"})
    public static final class IoVec extends Structure {
        public Pointer base;
        public NativeLong length;
    }

    public Pointer name;
    public int nameLength;
    public Pointer iov;
    public NativeLong iovLength;
    public Pointer control;
    public NativeLong controlLength;
    public int flags;

    private final Memory data;
    private final Memory controlBuffer;
    private final IoVec vector = new IoVec();

    MsgHdr(int dataBytes, int controlBytes) {
        data = new Memory(dataBytes);
        controlBuffer = new Memory(controlBytes);
        vector.base = data;
        vector.length = new NativeLong(dataBytes);
        vector.write();
        iov = vector.getPointer();
        iovLength = new NativeLong(1);
        reset();
    }

    /** Before each call: the kernel shrinks controlLength to what it filled. */
    void reset() {
        name = null;
        nameLength = 0;
        control = controlBuffer;
        controlLength = new NativeLong(controlBuffer.size());
        flags = 0;
        write();
    }

    byte[] data(int length) {
        return data.getByteArray(0, length);
    }

    byte[] control() {
        read();
        return controlBuffer.getByteArray(0, (int) Math.min(controlLength.longValue(), controlBuffer.size()));
    }
}

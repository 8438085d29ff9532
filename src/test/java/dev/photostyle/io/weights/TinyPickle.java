package dev.photostyle.io.weights;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes pickle opcodes by hand (protocol 2, plus STACK_GLOBAL from protocol 4), so tests can
 * build checkpoints with persistent ids without Python. Opcodes as in CPython's pickletools.
 */
final class TinyPickle {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TinyPickle proto() { return raw(0x80, 2); }
    TinyPickle global(String module, String name) {
        raw('c');
        bytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }
    /** The protocol-4 way: module and name as strings on the stack. */
    TinyPickle stackGlobal(String module, String name) { return str(module).str(name).raw(0x93); }
    TinyPickle mark() { return raw('('); }
    TinyPickle tuple() { return raw('t'); }
    TinyPickle emptyTuple() { return raw(')'); }
    TinyPickle emptyDict() { return raw('}'); }
    TinyPickle emptyList() { return raw(']'); }
    TinyPickle appends() { return raw('e'); }
    TinyPickle setitems() { return raw('u'); }
    TinyPickle setitem() { return raw('s'); }
    TinyPickle reduce() { return raw('R'); }
    TinyPickle build() { return raw('b'); }
    TinyPickle binpersid() { return raw('Q'); }
    TinyPickle none() { return raw('N'); }
    TinyPickle newFalse() { return raw(0x89); }
    TinyPickle stop() { return raw('.'); }

    TinyPickle str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        raw('X');
        bytes(le4(b.length));
        bytes(b);
        return this;
    }

    TinyPickle integer(long v) {
        if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            raw('J');
            bytes(le4((int) v));
        } else {
            raw(0x8a, 8); // LONG1 with 8 bytes, two's complement little endian
            bytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        }
        return this;
    }

    TinyPickle intTuple(long... v) {
        mark();
        for (long x : v) integer(x);
        return tuple();
    }

    /** Raw opcode bytes, for magic values and deliberate garbage. */
    TinyPickle raw(int... b) {
        for (int x : b) out.write(x);
        return this;
    }

    TinyPickle bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    byte[] toByteArray() { return out.toByteArray(); }

    private static byte[] le4(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}

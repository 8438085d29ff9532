package dev.photostyle.io.weights;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Pyrolite's unpickler taught the few globals a PyTorch checkpoint uses, without touching
 * Pyrolite's static constructor registry (global mutable state): the GLOBAL / STACK_GLOBAL
 * opcodes are intercepted and resolved per instance.
 *
 * <p>Resolved globals: {@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor(_v2)},
 * {@code torch._utils._rebuild_parameter(_with_state)}, {@code torch._tensor._rebuild_from_type_v2}
 * and the {@code torch.*Storage} classes. Any other global becomes an inert {@link Opaque} value
 * (Pyrolite never runs Python code), so checkpoints that also hold e.g. optimiser settings still load.
 * Dicts are built as insertion-ordered maps, because a state dict's order is meaningful and
 * Pyrolite's own SETITEMS goes through a HashMap.
 */
final class TorchUnpickler extends Unpickler {
    private static final short GLOBAL = 'c';
    private static final short STACK_GLOBAL = 0x93;
    private static final short EMPTY_DICT = '}';
    private static final short DICT = 'd';
    private static final short SETITEMS = 'u';
    private static final short BUILD = 'b';

    /** A global that is not a tensor rebuild function, kept only so unpickling can go on. */
    record Opaque(String qualifiedName, Object[] args) implements IObjectConstructor {
        @Override
        public Object construct(Object[] a) {
            return new Opaque(qualifiedName, a);
        }
    }

    /** The value pushed for {@code torch.XStorage}: a class used as a tag in persistent ids. */
    record StorageClass(String name) {}

    private final Function<Object[], Object> persistentLoader;

    /**
     * @param persistentLoader maps a persistent id tuple to the object it stands for; null when
     *                         the pickle must not contain any (its presence is then an error)
     */
    TorchUnpickler(Function<Object[], Object> persistentLoader) {
        this.persistentLoader = persistentLoader;
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolveGlobal(module, name));
            }
            case STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new PickleException("STACK_GLOBAL needs two strings");
                }
                stack.add(resolveGlobal(m, n));
            }
            case EMPTY_DICT -> stack.add(new LinkedHashMap<Object, Object>());
            case DICT -> stack.add(pairsToMap(stack.pop_all_since_marker(), new LinkedHashMap<>()));
            case SETITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                Object target = stack.peek();
                if (!(target instanceof Map<?, ?> map)) throw new PickleException("SETITEMS on a non-dict");
                @SuppressWarnings("unchecked")
                Map<Object, Object> m = (Map<Object, Object>) map;
                pairsToMap(items, m);
            }
            case BUILD -> {
                // Only metadata is ever set through BUILD on the objects we care about (an
                // OrderedDict's _metadata, a Parameter's hooks), so the state is dropped.
                stack.pop();
                if (stack.size() == 0) throw new PickleException("BUILD on an empty stack");
            }
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    private static Map<Object, Object> pairsToMap(List<Object> items, Map<Object, Object> map) {
        if (items.size() % 2 != 0) throw new PickleException("odd number of items in a dict");
        for (int i = 0; i < items.size(); i += 2) map.put(items.get(i), items.get(i + 1));
        return map;
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (persistentLoader == null) throw new PickleException("unexpected persistent id in pickle");
        if (!(pid instanceof Object[] tuple)) throw new PickleException("persistent id is not a tuple: " + pid);
        return persistentLoader.apply(tuple);
    }

    private Object resolveGlobal(String module, String name) {
        String qualified = module + "." + name;
        switch (qualified) {
            case "collections.OrderedDict":
                return (IObjectConstructor) args -> {
                    Map<Object, Object> map = new LinkedHashMap<>();
                    if (args.length > 0 && args[0] instanceof List<?> pairs) {
                        for (Object p : pairs) {
                            if (p instanceof Object[] kv && kv.length == 2) map.put(kv[0], kv[1]);
                        }
                    }
                    return map;
                };
            case "torch._utils._rebuild_tensor":
            case "torch._utils._rebuild_tensor_v2":
                return (IObjectConstructor) TorchUnpickler::rebuildTensor;
            case "torch._utils._rebuild_parameter":
            case "torch._utils._rebuild_parameter_with_state":
                // A Parameter is its data tensor plus autograd flags we do not need.
                return (IObjectConstructor) args -> args[0];
            case "torch._tensor._rebuild_from_type_v2":
                // (func, new_type, args, state): a tensor subclass; rebuild the plain tensor.
                return (IObjectConstructor) args -> {
                    if (!(args[0] instanceof IObjectConstructor f) || !(args[2] instanceof Object[] a)) {
                        throw new PickleException("malformed _rebuild_from_type_v2 call");
                    }
                    return f.construct(a);
                };
            default:
                if (module.equals("torch") && name.endsWith("Storage")) return new StorageClass(name);
                return new Opaque(qualified, new Object[0]);
        }
    }

    private static Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof TorchStorage storage)) {
            throw new PickleException("malformed _rebuild_tensor call");
        }
        return new TorchTensor(storage, asLong(args[1]), longs(args[2]), longs(args[3]));
    }

    static long asLong(Object o) {
        if (o instanceof Number n) return n.longValue();
        throw new PickleException("expected an integer, got " + (o == null ? "None" : o.getClass().getSimpleName()));
    }

    private static long[] longs(Object o) {
        List<Object> items = new ArrayList<>();
        if (o instanceof Object[] a) items.addAll(Arrays.asList(a));
        else if (o instanceof List<?> l) items.addAll(l);
        else throw new PickleException("expected a tuple of integers");
        long[] out = new long[items.size()];
        for (int i = 0; i < out.length; i++) out[i] = asLong(items.get(i));
        return out;
    }
}

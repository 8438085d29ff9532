package dev.photostyle.io.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/** An immutable, ordered map of parameter name to tensor, as stored in a checkpoint file. */
public final class StateDict {
    private final Map<String, WeightTensor> tensors;

    public StateDict(Map<String, WeightTensor> tensors) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    public Set<String> names() { return tensors.keySet(); }

    public boolean contains(String name) { return tensors.containsKey(name); }

    /** The tensor named {@code name}; a missing one is an error that lists what the file holds. */
    public WeightTensor get(String name) {
        WeightTensor t = tensors.get(name);
        if (t == null) throw new NoSuchElementException("no tensor '" + name + "' in weights (has " + names() + ")");
        return t;
    }

    public int size() { return tensors.size(); }
}

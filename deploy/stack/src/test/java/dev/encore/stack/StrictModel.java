package dev.encore.stack;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds the fields a typed Kubernetes model (fabric8, Strimzi) did not know. Both models keep unknown fields in
 * {@code additionalProperties} instead of failing, as an API server would prune them; a typo would pass silently.
 * This walks the parsed object and names each one, with its path.
 */
final class StrictModel {
    private static final List<String> MODEL_PACKAGES = List.of("io.fabric8.kubernetes.api.model", "io.strimzi.api");

    private StrictModel() {
    }

    static List<String> unknownFields(Object root) {
        List<String> found = new ArrayList<>();
        walk(root, "", found, 0);
        return found.stream().distinct().toList();
    }

    private static void walk(Object node, String path, List<String> found, int depth) {
        if (node == null || depth > 64) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found, depth + 1);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, found, depth + 1));
            return;
        }
        if (MODEL_PACKAGES.stream().noneMatch(p -> node.getClass().getName().startsWith(p))) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || getter.isBridge() || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = getter.getName();
            try {
                if (name.equals("getAdditionalProperties")) {
                    Map<?, ?> unknown = (Map<?, ?>) getter.invoke(node);
                    if (unknown != null) {
                        unknown.keySet().forEach(key -> found.add(path + "." + key));
                    }
                } else if (name.startsWith("get") && name.length() > 3) {
                    walk(getter.invoke(node), path + "." + Character.toLowerCase(name.charAt(3)) + name.substring(4), found, depth + 1);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + name + " of " + node.getClass().getName(), e);
            }
        }
    }
}

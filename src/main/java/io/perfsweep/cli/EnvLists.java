package io.perfsweep.cli;

import java.util.Arrays;
import java.util.List;

/** Parses the comma- or space-separated integer lists Dynamo's scripts take from the environment. */
final class EnvLists {

    private EnvLists() {
    }

    static List<Integer> integers(String name, String value) {
        try {
            return Arrays.stream(value.trim().split("[,\\s]+")).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a list of integers, was '" + value + "'", e);
        }
    }
}

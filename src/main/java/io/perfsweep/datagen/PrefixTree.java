package io.perfsweep.datagen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Learns the core radix tree from normalized paths, as Dynamo's {@code synthesizer.py} with {@code graph_utils.py}:
 * build the prefix tree (per node {@code visited} and {@code end} counts, super-root visited by every path), verify
 * that no node has two parents ({@code _verify_tree}), count at every node visited more than once the children
 * visited exactly once ({@code _mark_visited}: {@code to_leaf}), contract every unary chain of equal visit counts into
 * one node labelled by its last id with a {@code length} ({@code _merge_chains}), then cut off the nodes visited once
 * and keep their lengths as the unique-prompt distribution ({@code _remove_leaves}).
 *
 * <p>
 * Node ids must be the consecutive ids of {@link RollingHasher}, so every contracted chain is an id range ending at
 * its label. Deviation: a row with no hash ids ends at the super-root (Dynamo's loop credits it to the previous row's
 * last node through a leaked loop variable).
 */
final class PrefixTree {

    private static final int NONE = -1;

    private final int[] parent;
    private final long[] visited;
    private final long[] endCount;
    private final int[] firstChild;
    private final int[] lastChild;
    private final int[] nextSibling;

    private PrefixTree(int distinctIds) {
        int size = distinctIds + 1; // index = id + 1; index 0 is the super-root
        parent = new int[size];
        visited = new long[size];
        endCount = new long[size];
        firstChild = new int[size];
        lastChild = new int[size];
        nextSibling = new int[size];
        Arrays.fill(parent, NONE);
        Arrays.fill(firstChild, NONE);
        Arrays.fill(lastChild, NONE);
        Arrays.fill(nextSibling, NONE);
    }

    /** The learnt core tree and the unique-prompt lengths (in blocks) cut off from it. */
    record Learned(CoreRadixTree.Node root, long[] leafLengthsBlocks, long maxHashId) {
    }

    /** Learns from paths of consecutive ids {@code 0 … distinctIds-1}. */
    static Learned learn(List<List<Long>> paths, int distinctIds) {
        PrefixTree tree = new PrefixTree(distinctIds);
        for (List<Long> path : paths) {
            tree.addPath(path);
        }
        tree.visited[0] = paths.size();
        List<Long> leafLengths = new ArrayList<>();
        CoreRadixTree.Node root = tree.coreNode(0, -1, 1, leafLengths);
        long[] leaves = leafLengths.stream().mapToLong(Long::longValue).toArray();
        return new Learned(root, leaves, distinctIds - 1L);
    }

    private void addPath(List<Long> path) {
        int from = 0;
        for (Long id : path) {
            int to = Math.toIntExact(id + 1);
            visited[to]++;
            if (parent[to] == NONE) {
                parent[to] = from;
                appendChild(from, to);
            } else if (parent[to] != from) {
                throw new IllegalArgumentException("not a tree: hash id " + id + " has two parents");
            }
            from = to;
        }
        endCount[from]++;
    }

    private void appendChild(int node, int child) {
        if (firstChild[node] == NONE) {
            firstChild[node] = child;
        } else {
            nextSibling[lastChild[node]] = child;
        }
        lastChild[node] = child;
    }

    private long toLeaf(int node) {
        long count = 0;
        if (visited[node] > 1) {
            for (int child = firstChild[node]; child != NONE; child = nextSibling[child]) {
                count += visited[child] == 1 ? 1 : 0;
            }
        }
        return count;
    }

    /** The radix node ending at tree index {@code last}; leaves (visited once) go to {@code leafLengths}. */
    private CoreRadixTree.Node coreNode(int last, long label, int lengthBlocks, List<Long> leafLengths) {
        List<CoreRadixTree.Node> children = new ArrayList<>();
        List<Long> weights = new ArrayList<>();
        for (int head = firstChild[last]; head != NONE; head = nextSibling[head]) {
            int end = head;
            int length = 1;
            while (firstChild[end] != NONE && visited[firstChild[end]] == visited[end]) {
                end = firstChild[end];
                length++;
            }
            if (visited[end] == 1) {
                leafLengths.add((long) length);
            } else {
                children.add(coreNode(end, end - 1L, length, leafLengths));
                weights.add(visited[end]);
            }
        }
        weights.add(toLeaf(last));
        weights.add(endCount[last]);
        return new CoreRadixTree.Node(label, lengthBlocks, children, weights);
    }
}

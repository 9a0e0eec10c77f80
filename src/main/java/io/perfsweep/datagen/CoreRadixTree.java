package io.perfsweep.datagen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The core radix tree and its random walk (Dynamo {@code synthesizer.py:synthesize_path} with
 * {@code graph_utils.py:_precompute_transition_cdfs}). At every node the choices are its children (weight = their
 * visit count), {@code CACHE_END} (weight {@code to_leaf}: stop here and append a fresh unique prompt) and
 * {@code END_NODE} (weight {@code end}: stop without a unique prompt). A node labelled {@code id} with length
 * {@code L} stands for the blocks {@code id-L+1 … id}.
 */
final class CoreRadixTree {

    private final Node root;
    private final int blockSizeTokens;

    CoreRadixTree(Node root, int blockSizeTokens) {
        this.root = root;
        this.blockSizeTokens = blockSizeTokens;
    }

    /**
     * One radix node.
     *
     * @param label id of the last block in the node (the super-root is -1)
     * @param lengthBlocks number of blocks the node stands for
     * @param children core children in first-seen order
     * @param cdf transition CDF over children, then CACHE_END, then END_NODE
     */
    record Node(long label, int lengthBlocks, List<Node> children, double[] cdf) {

        Node(long label, int lengthBlocks, List<Node> children, List<Long> weights) {
            this(label, lengthBlocks, List.copyOf(children), cdfOf(weights));
        }

        private static double[] cdfOf(List<Long> weights) {
            long[] array = weights.stream().mapToLong(Long::longValue).toArray();
            if (array.length > 0 && weights.stream().mapToLong(Long::longValue).sum() == 0) {
                throw new IllegalArgumentException("the trace is too small to learn a prefix tree (one row?)");
            }
            return Cdf.of(array);
        }

        /** Scaled by Dynamo's {@code _relabel_nodes}; the super-root keeps its label. */
        Node scaled(double prefixLenMultiplier) {
            List<Node> scaledChildren = new ArrayList<>(children.size());
            for (Node child : children) {
                scaledChildren.add(child.scaled(prefixLenMultiplier));
            }
            if (prefixLenMultiplier > 1) {
                int factor = (int) Math.ceil(prefixLenMultiplier);
                long scaledLabel = label < 0 ? label : label * factor + factor;
                return new Node(scaledLabel, lengthBlocks * factor, scaledChildren, cdf);
            }
            if (prefixLenMultiplier < 1) {
                int shrunk = (int) Math.max(Math.rint(lengthBlocks * prefixLenMultiplier), 1);
                return new Node(label, shrunk, scaledChildren, cdf);
            }
            return this;
        }
    }

    /**
     * The result of one walk.
     *
     * @param coreHashIds the blocks of the sampled core path
     * @param appendLeaf whether the walk stopped at CACHE_END (a unique prompt follows)
     * @param contextLengthTokens Σ node lengths × block size
     */
    record Walk(List<Long> coreHashIds, boolean appendLeaf, long contextLengthTokens) {
    }

    /** Walks from the super-root until CACHE_END or END_NODE. */
    Walk walk(SplittableRandom random) {
        List<Long> path = new ArrayList<>();
        long contextLengthTokens = 0;
        Node node = root;
        while (true) {
            int choice = Cdf.searchLeft(node.cdf(), random.nextDouble());
            int childCount = node.children().size();
            if (choice >= childCount) {
                return new Walk(path, choice == childCount, contextLengthTokens);
            }
            Node next = node.children().get(choice);
            contextLengthTokens += (long) next.lengthBlocks() * blockSizeTokens;
            for (int i = 0; i < next.lengthBlocks(); i++) {
                path.add(next.label() - (next.lengthBlocks() - 1) + i);
            }
            node = next;
        }
    }

    /** Number of core nodes (the super-root excluded). */
    int size() {
        return count(root) - 1;
    }

    /** Largest number of edges from the super-root to a core node. */
    int depth() {
        return depth(root);
    }

    private static int count(Node node) {
        int total = 1;
        for (Node child : node.children()) {
            total += count(child);
        }
        return total;
    }

    private static int depth(Node node) {
        int deepest = 0;
        for (Node child : node.children()) {
            deepest = Math.max(deepest, 1 + depth(child));
        }
        return deepest;
    }
}

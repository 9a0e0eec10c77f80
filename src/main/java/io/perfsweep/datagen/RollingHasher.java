package io.perfsweep.datagen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns consecutive ids (0, 1, 2, … in first-seen order) to blocks chained on their parent, as AIPerf's
 * {@code aiperf.dataset.synthesis.RollingHasher} does: a block's id depends on the block and the id of the block
 * before it, so equal prefixes get equal ids and equal blocks after different prefixes get different ids.
 *
 * <p>
 * AIPerf keys on Python's {@code hash((parent_id, block))}; this class keys on the block value itself (exact, so no
 * hash collision can ever merge two prefixes). Blocks must have value equality ({@code Long}, {@code List}).
 */
final class RollingHasher {

    private static final long ROOT_ID = -1;

    private final Map<ChainKey, Long> idsByKey = new HashMap<>();

    /** The ids of a sequence of blocks, starting from the root. */
    List<Long> hashBlocks(List<?> blocks) {
        List<Long> ids = new ArrayList<>(blocks.size());
        long parentId = ROOT_ID;
        for (Object block : blocks) {
            Long id = idsByKey.get(new ChainKey(parentId, block));
            if (id == null) {
                id = (long) idsByKey.size();
                idsByKey.put(new ChainKey(parentId, block), id);
            }
            ids.add(id);
            parentId = id;
        }
        return ids;
    }

    /** Number of ids handed out so far (the next id). */
    int size() {
        return idsByKey.size();
    }

    private record ChainKey(long parentId, Object block) {
    }
}

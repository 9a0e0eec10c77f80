package io.perfsweep.mock;

import java.util.ArrayList;
import java.util.List;

/** A {@link TokenSink} that remembers every callback, for engine tests. */
final class RecordingSink implements TokenSink {

    final List<Integer> tokenIndexes = new ArrayList<>();
    int cachedTokens = -1;
    int preemptions;
    int lastFlags;

    @Override
    public void onAdmitted(int cachedTokens) {
        this.cachedTokens = cachedTokens;
    }

    @Override
    public void onPreempted() {
        preemptions++;
    }

    @Override
    public void onTokens(int firstIndex, int count, boolean last) {
        for (int i = firstIndex; i < firstIndex + count; i++) {
            tokenIndexes.add(i);
        }
        if (last) {
            lastFlags++;
        }
    }
}

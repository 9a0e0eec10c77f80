package io.perfsweep.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.knuddels.jtokkit.api.Encoding;

class VocabularyTest {

    private final Encoding o200k = PromptTokenizer.encoding();
    private final Vocabulary vocabulary = Vocabulary.o200k();

    @Test
    void everyWordIsOneO200kTokenWithALeadingSpace() {
        assertThat(vocabulary.words()).hasSizeGreaterThanOrEqualTo(32)
                .allSatisfy(w -> {
                    assertThat(w).startsWith(" ");
                    assertThat(o200k.countTokensOrdinary(w)).isEqualTo(1);
                });
    }

    @Test
    void anyJoinedSequenceKeepsOneTokenPerWord() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 20; round++) {
            int offset = random.nextInt(1000);
            int length = 1 + random.nextInt(500);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.append(vocabulary.word(offset, i));
            }
            assertThat(o200k.countTokensOrdinary(text.toString())).isEqualTo(length);
        }
    }
}

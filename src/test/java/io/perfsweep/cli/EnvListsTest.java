package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The environment lists Dynamo's scripts use: {@code CONCURRENCIES="1,2,5"} or space-separated. */
class EnvListsTest {

    @Test
    void parsesCommaAndSpaceSeparatedLists() {
        assertThat(EnvLists.integers("CONCURRENCIES", "1,2,5")).containsExactly(1, 2, 5);
        assertThat(EnvLists.integers("CONCURRENCIES", " 10 50  100 ")).containsExactly(10, 50, 100);
    }

    @Test
    void namesTheVariableWhenAValueIsNotAnInteger() {
        assertThatThrownBy(() -> EnvLists.integers("REQUEST_COUNT", "ten"))
                .hasMessageContaining("REQUEST_COUNT").hasMessageContaining("ten");
    }
}

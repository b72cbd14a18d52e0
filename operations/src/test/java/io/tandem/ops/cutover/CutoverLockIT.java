package io.tandem.ops.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import io.tandem.core.state.StateStore;
import io.tandem.localstack.Engine;
import io.tandem.localstack.RestFixture;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The lock a killed cutover leaves behind: recognised as stale and taken over, or refused while it may be alive. */
@WithEngines(Engine.OPENSEARCH_2)
class CutoverLockIT {

    private static ObjectNode holder(String host, long pid, Instant expires) {
        return JsonMappers.PLAIN.createObjectNode().put("operation", "cutover").put("host", host).put("pid", pid)
                .put("since", expires.minus(CutoverLock.LEASE).toString()).put("expires", expires.toString());
    }

    @Test
    void aLockOfAProcessGoneFromThisHostIsTakenOverAtOnceAndSaysSo(Engines engines) throws Exception {
        try (RestFixture rest = RestFixture.on(engines.get(Engine.OPENSEARCH_2))) {
            StateStore state = new StateStore(rest.client(), Engines.uniqueName("tandem-state"));
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            // what a cutover killed with -9 between its journal entry and its alias request leaves
            state.write("cutover-lock/messages", holder(InetAddress.getLocalHost().getHostName(), gone.pid(),
                    Instant.now().plus(Duration.ofMinutes(4))));

            try (CutoverLock lock = CutoverLock.acquire(state, "messages", "rollback")) {
                assertThat(lock.tookOver()).hasValueSatisfying(took -> assertThat(took)
                        .startsWith("took over the lock {\"operation\":\"cutover\"")
                        .endsWith("stale: process " + gone.pid() + " on this host is gone"));
                assertThat(state.read("cutover-lock/messages").orElseThrow().path("pid").asLong())
                        .isEqualTo(ProcessHandle.current().pid());
            }
            assertThat(state.read("cutover-lock/messages")).as("released").isEmpty();
        }
    }

    @Test
    void aLockOfAnotherHostIsRefusedUntilItsLeaseEndsThenTakenOver(Engines engines) throws Exception {
        try (RestFixture rest = RestFixture.on(engines.get(Engine.OPENSEARCH_2))) {
            StateStore state = new StateStore(rest.client(), Engines.uniqueName("tandem-state"));
            state.write("cutover-lock/messages", holder("pod-7", 1, Instant.now().plus(Duration.ofMinutes(4))));

            assertThatThrownBy(() -> CutoverLock.acquire(state, "messages", "cutover"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("another cutover or rollback of alias 'messages' holds the lock "
                            + "{\"operation\":\"cutover\",\"host\":\"pod-7\",\"pid\":1,")
                    .hasMessageEndingWith("it is taken over once it expires, or at once from its host once its "
                            + "process is gone");

            Instant ended = Instant.now().minusSeconds(1);
            state.write("cutover-lock/messages", holder("pod-7", 1, ended));
            try (CutoverLock lock = CutoverLock.acquire(state, "messages", "cutover")) {
                assertThat(lock.tookOver()).hasValueSatisfying(took -> assertThat(took)
                        .endsWith("stale: its lease ended at " + ended));
            }
        }
    }

    @Test
    void aLiveLockOfThisProcessIsNotStale(Engines engines) throws Exception {
        try (RestFixture rest = RestFixture.on(engines.get(Engine.OPENSEARCH_2))) {
            StateStore state = new StateStore(rest.client(), Engines.uniqueName("tandem-state"));
            try (CutoverLock first = CutoverLock.acquire(state, "messages", "cutover")) {
                assertThat(first.tookOver()).isEmpty();
                assertThatThrownBy(() -> CutoverLock.acquire(state, "messages", "rollback"))
                        .hasMessageContaining("holds the lock");
            }
        }
    }
}

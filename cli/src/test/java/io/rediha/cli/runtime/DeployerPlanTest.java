package io.rediha.cli.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.cli.runtime.ClusterRuntime.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeployerPlanTest {
    private static Node slave(int n) {
        return new Node("p_slave_" + n, "slave", n, "running", "10.0.0." + n, 6379);
    }

    private static List<String> names(List<Node> nodes) {
        return nodes.stream().map(Node::name).toList();
    }

    @Test
    void scalingDownNeverRemovesTheCurrentMaster() {
        Deployer.Plan plan = Deployer.plan(List.of(slave(1), slave(2), slave(3)), 1, "p_slave_3");

        assertEquals(List.of("p_slave_3"), names(plan.keep()), "the master stays, whatever its number");
        assertEquals(List.of("p_slave_1", "p_slave_2"), names(plan.remove()));
        assertTrue(plan.create().isEmpty());
    }

    @Test
    void scalingDownKeepsTheLowestNumbersWhenTheMasterIsElsewhere() {
        Deployer.Plan plan = Deployer.plan(List.of(slave(1), slave(2), slave(3)), 2, "p_master_1");

        assertEquals(List.of("p_slave_1", "p_slave_2"), names(plan.keep()));
        assertEquals(List.of("p_slave_3"), names(plan.remove()));
    }

    @Test
    void scalingUpFillsTheLowestFreeNumbers() {
        Deployer.Plan plan = Deployer.plan(List.of(slave(2), slave(5)), 4, null);

        assertEquals(List.of(1, 3), plan.create());
        assertTrue(plan.remove().isEmpty());
    }

    @Test
    void scalingTheMastersServiceToZeroKeepsTheMasterAndSaysSo() {
        Deployer.Plan plan = Deployer.plan(List.of(slave(1), slave(2)), 0, "p_slave_2");

        assertTrue(plan.keepsMasterBeyondTarget());
        assertEquals(List.of("p_slave_2"), names(plan.keep()));
        assertEquals(List.of("p_slave_1"), names(plan.remove()));
    }
}

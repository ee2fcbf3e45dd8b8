package io.rediha.tests.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.dockerjava.api.DockerClient;
import io.rediha.tests.support.NodeContainer;
import io.rediha.tests.support.NodeImage;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import redis.clients.jedis.Jedis;

class UserAndVolumeTest {

    @Test
    void nodeRunsAsTheNonRootUser() throws Exception {
        DockerClient docker = DockerClientFactory.instance().client();
        assertEquals("10001:10001", docker.inspectImageCmd(NodeImage.reference()).exec().getConfig().getUser(), "image USER");
        try (NodeContainer master = NodeContainer.master().start()) {
            assertEquals("10001", master.processUid(), "uid of the node's process");
        }
    }

    @Test
    void dataSurvivesARecreatedContainerThroughItsVolume() {
        DockerClient docker = DockerClientFactory.instance().client();
        String volume = "rediha-test-data-" + ProcessHandle.current().pid();
        docker.createVolumeCmd().withName(volume).exec();
        try {
            try (NodeContainer first = NodeContainer.master().withVolume(volume).start(); Jedis jedis = first.jedis()) {
                jedis.set("survives", "yes");
                jedis.rpush("list", "a", "b");
                first.stop();
            }
            // The first container is removed; a new one gets only the volume.
            try (NodeContainer second = NodeContainer.master().withVolume(volume).start(); Jedis jedis = second.jedis()) {
                assertEquals("yes", jedis.get("survives"), "string from the AOF in the volume");
                assertEquals(2, jedis.llen("list"), "list from the AOF in the volume");
            }
        } finally {
            docker.removeVolumeCmd(volume).exec();
        }
    }
}

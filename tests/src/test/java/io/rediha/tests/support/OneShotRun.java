package io.rediha.tests.support;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * Runs the node image until it exits and returns its exit code and output, the way an operator
 * sees a container that refuses to start. The container is always removed, with its volumes.
 */
public final class OneShotRun {
    private OneShotRun() {
    }

    public record Outcome(int exitCode, String output) {
    }

    public static Outcome run(Map<String, String> env, String... command) {
        return run(env, cmd -> { }, command);
    }

    public static Outcome run(Map<String, String> env, java.util.function.Consumer<CreateContainerCmd> customize, String... command) {
        DockerClient docker = DockerClientFactory.instance().client();
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        CreateContainerCmd create = docker.createContainerCmd(NodeImage.reference()).withCmd(command).withEnv(envList);
        customize.accept(create);
        String id = create.exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            Integer code = docker.waitContainerCmd(id).start().awaitStatusCode(60, TimeUnit.SECONDS);
            StringBuilder out = new StringBuilder();
            try {
                docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }).awaitCompletion(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Outcome(code, out.toString());
        } finally {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        }
    }
}

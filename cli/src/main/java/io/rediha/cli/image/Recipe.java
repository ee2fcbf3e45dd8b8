package io.rediha.cli.image;

/** The two ways to build the node image; both give the same entrypoint, user, volume and healthcheck. */
public enum Recipe {
    /** Multi-stage from eclipse-temurin (musl) and alpine: needs a registry. */
    ALPINE("Dockerfile.alpine"),
    /** FROM scratch, assembled from this machine's JDK, libraries and busybox: needs nothing pulled. */
    OFFLINE("Dockerfile.offline");

    private final String dockerfile;

    Recipe(String dockerfile) {
        this.dockerfile = dockerfile;
    }

    /** The Dockerfile's name in {@code node-image/docker/}. */
    public String dockerfile() {
        return dockerfile;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

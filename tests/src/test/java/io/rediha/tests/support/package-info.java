/**
 * What end-to-end tests share: the node image, built once per test JVM by the same code as
 * {@code rediha build --offline} and removed when the JVM exits ({@link
 * io.rediha.tests.support.NodeImage}); small facades over Testcontainers for one node ({@link
 * io.rediha.tests.support.NodeContainer}), a whole group ({@link
 * io.rediha.tests.support.ImageCluster}) and a container run to its exit ({@link
 * io.rediha.tests.support.OneShotRun}); the Docker gate that skips locally but fails in CI ({@link
 * io.rediha.tests.support.DockerRequirement}); and polling with a deadline ({@link
 * io.rediha.tests.support.Await}). Every container, network and volume a test creates is removed
 * by the facade that created it: with Ryuk disabled, nothing else would.
 */
package io.rediha.tests.support;

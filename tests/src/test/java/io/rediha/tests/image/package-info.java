/**
 * End-to-end tests of the node image on the real Docker engine: the image is built offline by
 * {@link io.rediha.tests.support.NodeImage} (the same code as {@code rediha build --offline}),
 * containers get only a role argument and environment variables, and real clients (Jedis) talk to
 * them over the network.
 */
package io.rediha.tests.image;

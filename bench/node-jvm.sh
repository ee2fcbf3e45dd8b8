# Sourced by the benchmarks: which JVM runs the node, and with which flags, so every benchmark
# measures the same server. JAVA and JVM_OPTS from the environment win.
#
# JDK 25 when installed (compact object headers: less heap per key). The collector: the parallel
# one with a single thread, its heap kept tight (the free-ratio bounds), measured best on 2 cores
# where redis-benchmark takes the other core (2026-11-22, same run, bench/server-throughput):
#   serial -Xmn8m        p99 <= 1.5x Redis in  6 of 16 rows, RSS at 1M keys 1.40x Redis
#   parallel, 1 thread   p99 <= 1.5x Redis in 10 of 16 rows, RSS at 1M keys 1.49x Redis
#   parallel, default heap sizing: 15 of 16 rows, but RSS 1.95x (the heap grows freely)
# G1, ZGC and Shenandoah lowered the 1 KB write p99 further but took 1.7-2.6x Redis's RSS.
if [ -z "${JAVA:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
fi
JAVA=${JAVA:-java}
NODE_DEFAULT_OPTS="-XX:+UseParallelGC -XX:ParallelGCThreads=1 -Xms32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
if "$JAVA" -XX:+UseCompactObjectHeaders -version >/dev/null 2>&1; then
  NODE_DEFAULT_OPTS="$NODE_DEFAULT_OPTS -XX:+UseCompactObjectHeaders"
fi
if "$JAVA" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  # Netty's buffers use sun.misc.Unsafe (the server turns it on); this keeps Java 24+ from warning.
  NODE_DEFAULT_OPTS="$NODE_DEFAULT_OPTS --sun-misc-unsafe-memory-access=allow"
fi
JVM_OPTS=${JVM_OPTS:-$NODE_DEFAULT_OPTS}

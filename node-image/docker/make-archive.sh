#!/bin/sh
# Run once while the image is built: makes /opt/rediha/node.jsa, the class archive the node's JVM
# maps at start (ENTRYPOINT: -XX:SharedArchiveFile=/opt/rediha/node.jsa). A training run starts a
# master in this JVM (`node.jar image train`), sends it the common commands, and the JVM archives
# what it loaded (CdsTraining says why only a master). It must run here, in the image, with the
# image's JVM, flags and jar path: an archive made anywhere else is rejected at start (silently,
# costing the start-up time it should save).
#   JDK 25+: an AOT cache (JEP 483/514/515: classes loaded and linked, plus method profiles).
#            Measured against the alternatives for the same training: a static AppCDS archive is
#            1.7 MB smaller but costs 1.5-2x the start CPU and 6 MB more RSS; -XX:-AOTClassLinking
#            is 3 MB smaller but costs 2.5x the start CPU and 8 MB more RSS; no archive saves 25 MB
#            of image but costs 3x the start CPU and 14 MB more RSS (classes parsed into metaspace).
#   older:   a static AppCDS archive from the class list of the training run.
set -e
java=/opt/java/bin/java
opts=@/opt/rediha/jvm.options
jar=/opt/rediha/node.jar
out=/opt/rediha/node.jsa
feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' /opt/java/release)"
log=/tmp/make-archive.log
if [ "${feature:-0}" -ge 25 ]; then
    echo "make-archive: AOT cache with JDK $feature"
    "$java" "$opts" -XX:AOTCacheOutput="$out" -jar "$jar" image train >"$log" 2>&1 || { cat "$log"; exit 1; }
else
    echo "make-archive: AppCDS archive with JDK $feature"
    "$java" "$opts" -Xshare:off -XX:DumpLoadedClassList=/tmp/node.classlist -jar "$jar" image train >"$log" 2>&1 || { cat "$log"; exit 1; }
    "$java" "$opts" -Xshare:dump -XX:SharedClassListFile=/tmp/node.classlist -XX:SharedArchiveFile="$out" -cp "$jar" >>"$log" 2>&1 || { cat "$log"; exit 1; }
fi
grep -E 'training|Error|rror:' "$log" || true
# The archive must be readable by the node's user; the training leaves nothing behind in /tmp.
chmod 0644 "$out"
rm -rf /tmp/* /tmp/.[!.]* 2>/dev/null || true
echo "make-archive: $(wc -c <"$out") bytes"

package io.rediha.node.store;

/**
 * The size thresholds under which Redis keeps small values in compact encodings
 * ({@code hash-max-listpack-entries}, {@code set-max-intset-entries}...). The server copies the
 * configured values here; types consult them when they grow. Process-wide, because a value does
 * not know which server holds it; servers in one process share the setting.
 */
public final class EncodingLimits {
    private EncodingLimits() {
    }

    public static volatile long hashMaxListpackEntries = 128;
    public static volatile long hashMaxListpackValue = 64;
    public static volatile long setMaxIntsetEntries = 512;
    public static volatile long zsetMaxListpackEntries = 128;
    public static volatile long zsetMaxListpackValue = 64;
    public static volatile long streamNodeMaxBytes = 4096;
    public static volatile long streamNodeMaxEntries = 100;
}

package io.rediha.node.command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command metadata redis-server 7.0 reports in COMMAND INFO — arity, flags, key positions,
 * ACL categories, tips and key specs — read from {@code command-reference.tsv}, which
 * {@code scripts/capture-command-reference} records from a real server. For every command we
 * implement, COMMAND INFO answers from here, so cluster-aware clients, ACL key rules and
 * COMMAND GETKEYSANDFLAGS see exactly what they see on Redis; commands Redis does not have (none
 * today) fall back to what the {@link CommandTable} declares.
 *
 * <p>Loaded once, on first use: a node that is never asked pays nothing at start.
 */
final class CommandReference {
    /** One key spec: its flags, where its keys begin, and how they are found from there. */
    record KeySpec(List<String> flags, String begin, String find) {
        boolean isKnown() {
            return !begin.equals("unknown") && !find.equals("unknown");
        }
    }

    record Entry(String name, int arity, List<String> flags, int first, int last, int step,
            List<String> categories, List<String> tips, List<KeySpec> keySpecs) {
    }

    private static volatile Map<String, Entry> entries;

    private CommandReference() {
    }

    /** The reference entry of {@code fullName} ("get", "client|list"), or null. */
    static Entry get(String fullName) {
        Map<String, Entry> m = entries;
        if (m == null) {
            m = load();
            entries = m;
        }
        return m.get(fullName);
    }

    private static Map<String, Entry> load() {
        Map<String, Entry> m = new HashMap<>();
        try (InputStream in = CommandReference.class.getResourceAsStream("command-reference.tsv")) {
            if (in == null) {
                return m;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                List<KeySpec> specs = new ArrayList<>();
                for (String s : list(f[8], ";")) {
                    String[] p = s.split("/", -1);
                    specs.add(new KeySpec(list(p[0], ","), p[1], p[2]));
                }
                m.put(f[0], new Entry(f[0], Integer.parseInt(f[1]), list(f[2], ","), Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), Integer.parseInt(f[5]), list(f[6], ","), list(f[7], ","), specs));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("command-reference.tsv is unreadable", e);
        }
        return m;
    }

    private static List<String> list(String s, String sep) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(sep));
    }

    /**
     * The keys of {@code argv} that {@code spec} designates, as Redis's key-spec walk finds them:
     * the begin search (a fixed index, or a keyword looked for from a start index, backwards when
     * negative), then a range (last key relative to the first, -1 for the last argument) or a
     * key count read from the arguments. Empty when the spec does not apply to these arguments.
     */
    static List<Integer> keyIndexes(KeySpec spec, byte[][] argv) {
        int argc = argv.length;
        int first = 0;
        String[] b = spec.begin().split(":");
        if (b[0].equals("index")) {
            first = Integer.parseInt(b[1]);
        } else {
            int startFrom = Integer.parseInt(b[2]);
            int start = startFrom > 0 ? startFrom : argc + startFrom;
            int end = startFrom > 0 ? argc - 1 : 0;
            for (int i = start; i != end; i = start <= end ? i + 1 : i - 1) {
                if (i >= argc || i < 1) {
                    break;
                }
                if (Args.is(argv[i], b[1].toLowerCase(java.util.Locale.ROOT))) {
                    first = i + 1;
                    break;
                }
            }
            if (first == 0) {
                return List.of();
            }
        }
        String[] f = spec.find().split(":");
        int last;
        int step;
        if (f[0].equals("range")) {
            int lastKey = Integer.parseInt(f[1]);
            int limit = Integer.parseInt(f[3]);
            if (lastKey >= 0) {
                last = first + lastKey;
            } else if (limit == 0) {
                last = argc + lastKey;
            } else {
                last = first + ((argc - first) / limit + lastKey);
            }
            step = Integer.parseInt(f[2]);
        } else {
            int numIdx = first + Integer.parseInt(f[1]);
            if (numIdx >= argc) {
                return List.of();
            }
            long n = Args.parseLongOrMin(argv[numIdx]);
            if (n < 0 || n == Long.MIN_VALUE) {
                return List.of();
            }
            first += Integer.parseInt(f[2]);
            last = first + (int) n - 1;
            step = Integer.parseInt(f[3]);
        }
        if (last >= argc) {
            return List.of(); // more keys announced than given: Redis finds none (a syntax error, not keys)
        }
        List<Integer> out = new ArrayList<>();
        for (int i = first; i <= last && i < argc && step > 0; i += step) {
            out.add(i);
        }
        return out;
    }
}

package io.rediha.node.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The COUNT rule of HRANDFIELD, SRANDMEMBER and ZRANDMEMBER: a positive count gives distinct
 * elements (at most all of them), a negative count gives |count| elements that may repeat.
 */
final class RandomPick {
    private RandomPick() {
    }

    static <T> List<T> pick(List<T> all, long count) {
        List<T> out = new ArrayList<>();
        if (all.isEmpty() || count == 0) {
            return out;
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (count < 0) {
            if (count < -Integer.MAX_VALUE / 2) {
                throw new CommandException(ErrorReplies.err("value is out of range"));
            }
            for (long i = 0; i < -count; i++) {
                out.add(all.get(r.nextInt(all.size())));
            }
            return out;
        }
        List<T> copy = new ArrayList<>(all);
        Collections.shuffle(copy, r);
        return copy.subList(0, (int) Math.min(count, copy.size()));
    }
}

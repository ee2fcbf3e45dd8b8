package io.rediha.node.sentinel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts votes for the leader of one epoch, as the candidate sees them: the votes peers reported
 * for that epoch, plus this sentinel's own vote, which goes to the peers' favourite if there is
 * one and to itself otherwise (so two candidates tend to converge instead of splitting).
 *
 * <p>A winner needs a majority of all sentinels ever seen for the master (reachable or not, so a
 * partitioned minority can never elect) and at least the configured quorum.
 */
final class LeaderElection {
    private LeaderElection() {
    }

    /** One peer's reported vote. */
    record PeerVote(String leader, long epoch) {
    }

    /**
     * The result: {@code winner} is whoever has the votes needed (maybe another sentinel), null
     * when nobody has (yet); {@code undecidable} when nobody can get them in this epoch any more.
     */
    record Result(String winner, int winnerVotes, int voters, boolean undecidable) {
    }

    /**
     * @param peers    the votes reported by every known peer (leader null if none)
     * @param epoch    the epoch being decided
     * @param myVote   casts this sentinel's vote for the proposed runid and returns the runid it
     *                 actually holds for {@code epoch} (an earlier vote in the epoch wins), or null
     * @param pendingVoters peers that have not answered a vote request of this epoch and may still
     *                      (not SDOWN here); used only to tell "not yet" from "never"
     */
    static Result count(List<PeerVote> peers, long epoch, String myId, int quorum,
                        java.util.function.Function<String, String> myVote, int pendingVoters) {
        Map<String, Integer> counters = new HashMap<>();
        for (PeerVote p : peers) {
            if (p.leader() != null && p.epoch() == epoch) {
                counters.merge(p.leader(), 1, Integer::sum);
            }
        }
        int voters = peers.size() + 1;
        String winner = mostVoted(counters);
        String mine = myVote.apply(winner != null ? winner : myId);
        if (mine != null) {
            counters.merge(mine, 1, Integer::sum);
        }
        winner = mostVoted(counters);
        int votes = winner == null ? 0 : counters.get(winner);
        int majority = voters / 2 + 1;
        boolean elected = winner != null && votes >= majority && votes >= quorum;
        // A peer that answered our vote request has either voted in this epoch or never will (it
        // moved to a later one); so if even all still-pending voters could not lift the best
        // candidate to what is needed, this epoch is lost and waiting for the timeout is useless.
        int needed = Math.max(majority, quorum);
        boolean undecidable = !elected && votes + pendingVoters < needed;
        return new Result(elected ? winner : null, votes, voters, undecidable);
    }

    private static String mostVoted(Map<String, Integer> counters) {
        String best = null;
        int bestVotes = 0;
        for (Map.Entry<String, Integer> e : counters.entrySet()) {
            // Ties broken by runid so every sentinel counting the same votes picks the same one.
            if (e.getValue() > bestVotes || (e.getValue() == bestVotes && best != null && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                bestVotes = e.getValue();
            }
        }
        return best;
    }
}

package io.rediha.node.sentinel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Votes, elections, TILT: the rules that keep a failover unique and safe. */
class AgreementRulesTest {
    static final String A = "a".repeat(40);
    static final String B = "b".repeat(40);
    static final String C = "c".repeat(40);

    @Test
    void aSentinelVotesOncePerEpoch() {
        Epochs epochs = new Epochs(0);
        LeaderVote vote = new LeaderVote();
        LeaderVote.Outcome first = vote.vote(epochs, 1, A);
        assertTrue(first.voted());
        assertTrue(first.epochAdvanced(), "a newer epoch in a request is adopted");
        assertEquals(1, epochs.current());
        LeaderVote.Outcome second = vote.vote(epochs, 1, B);
        assertFalse(second.voted(), "no second vote in epoch 1");
        assertEquals(A, second.leader(), "the reply repeats the vote already given");
        LeaderVote.Outcome later = vote.vote(epochs, 2, B);
        assertTrue(later.voted());
        assertEquals(B, later.leader());
        assertEquals(2, later.leaderEpoch());
    }

    @Test
    void noVoteForAnEpochOlderThanTheCurrentOne() {
        Epochs epochs = new Epochs(5);
        LeaderVote vote = new LeaderVote();
        LeaderVote.Outcome o = vote.vote(epochs, 3, A);
        assertFalse(o.voted());
        assertNull(o.leader());
        assertEquals(5, epochs.current(), "epochs never go back");
    }

    @Test
    void leaderNeedsMajorityOfAllKnownSentinelsAndQuorum() {
        // Three sentinels, we and one peer vote for A: 2 of 3 is a majority and meets quorum 2.
        LeaderElection.Result r = LeaderElection.count(
                List.of(new LeaderElection.PeerVote(A, 1), new LeaderElection.PeerVote(null, 0)), 1, A, 2, p -> p, 1);
        assertEquals(A, r.winner());
        // Quorum 3 with only two votes: not elected, but the third may still vote.
        r = LeaderElection.count(List.of(new LeaderElection.PeerVote(A, 1), new LeaderElection.PeerVote(null, 0)),
                1, A, 3, p -> p, 1);
        assertNull(r.winner());
        assertFalse(r.undecidable());
        // Five sentinels known, two unreachable: two votes are not a majority of five.
        r = LeaderElection.count(List.of(new LeaderElection.PeerVote(A, 1), new LeaderElection.PeerVote(null, 0),
                new LeaderElection.PeerVote(null, 0), new LeaderElection.PeerVote(null, 0)), 1, A, 2, p -> p, 0);
        assertNull(r.winner());
        assertTrue(r.undecidable(), "nobody left who could still vote");
    }

    @Test
    void votesFromOtherEpochsDoNotCount() {
        LeaderElection.Result r = LeaderElection.count(
                List.of(new LeaderElection.PeerVote(A, 1), new LeaderElection.PeerVote(A, 1)), 2, A, 2, p -> p, 0);
        assertNull(r.winner(), "only our own vote is for epoch 2");
    }

    @Test
    void ourOwnVoteGoesToThePeersFavourite() {
        String[] castFor = new String[1];
        LeaderElection.Result r = LeaderElection.count(
                List.of(new LeaderElection.PeerVote(B, 1), new LeaderElection.PeerVote(null, 0)), 1, A, 2,
                p -> castFor[0] = p, 1);
        assertEquals(B, castFor[0], "we join the candidate peers already chose");
        assertEquals(B, r.winner());
    }

    @Test
    void splitVoteIsRecognisedOnceEveryoneAnswered() {
        // Three candidates each voted for themselves: nobody can reach 2.
        LeaderElection.Result r = LeaderElection.count(
                List.of(new LeaderElection.PeerVote(B, 1), new LeaderElection.PeerVote(C, 1)), 1, A, 2, p -> A, 0);
        assertNull(r.winner());
        assertTrue(r.undecidable());
    }

    @Test
    void tiltStartsOnAStalledTimerOrAClockJumpAndEndsAfterThePeriod() {
        TiltDetector t = new TiltDetector();
        assertEquals(TiltDetector.Change.NONE, t.check(1_000, 50_000));
        assertEquals(TiltDetector.Change.NONE, t.check(1_100, 50_100));
        assertEquals(TiltDetector.Change.ENTERED, t.check(3_500, 52_500), "2.4 s between two timer runs");
        assertTrue(t.inTilt());
        for (long now = 3_600; now <= 33_500; now += 100) {
            assertEquals(TiltDetector.Change.NONE, t.check(now, now + 49_000), "still in TILT at " + now);
        }
        assertEquals(TiltDetector.Change.EXITED, t.check(33_600, 82_600), "30 s of regular timer runs");
        assertFalse(t.inTilt());
        assertEquals(TiltDetector.Change.ENTERED, t.check(33_700, 10_000), "wall clock stepped back");
        TiltDetector forward = new TiltDetector();
        forward.check(1_000, 50_000);
        assertEquals(TiltDetector.Change.ENTERED, forward.check(1_100, 60_000), "wall clock jumped ahead 10 s");
    }
}

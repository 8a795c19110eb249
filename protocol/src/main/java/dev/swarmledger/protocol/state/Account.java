package dev.swarmledger.protocol.state;

import dev.swarmledger.protocol.crypto.PublicKey;
import java.util.Optional;

/**
 * An account as the state machine sees it. Immutable: a transition replaces the record, so readers
 * never observe half an update.
 *
 * @param balance spendable micro-credits
 * @param escrowed micro-credits locked in open jobs
 * @param pending micro-credits minted for results that sampling did not re-run, not spendable until
 *     their challenge window closes (a mismatch found in the window burns them)
 * @param earned micro-credits ever minted to this account (pending ones included)
 * @param verifierClass hardware class when the account holds the verifier role
 * @param streak consecutive verified results (trusted contributors are sampled, docs/protocol.md)
 * @param registeredAt index of the leaf that registered it
 * @param workerClass hardware class when the account holds the worker role (runs swarm jobs)
 * @param jobsAgreed consecutive jobs of this worker that a verifier reproduced exactly (trusted
 *     workers are sampled, docs/protocol.md); a mismatch sets it back to zero
 */
public record Account(
    PublicKey id,
    String name,
    long nextNonce,
    long balance,
    long escrowed,
    long pending,
    long earned,
    long reputation,
    Optional<String> verifierClass,
    long streak,
    long registeredAt,
    Optional<String> workerClass,
    long jobsAgreed) {

  public Account {
    if (balance < 0 || escrowed < 0 || pending < 0 || earned < 0 || jobsAgreed < 0) {
      throw new IllegalStateException("negative credits for " + id.hex());
    }
  }

  public static Account registered(PublicKey id, String name, long reputation, long atIndex) {
    return new Account(
        id, name, 0, 0, 0, 0, 0, reputation, Optional.empty(), 0, atIndex, Optional.empty(), 0);
  }

  public boolean isVerifier() {
    return verifierClass.isPresent();
  }

  public boolean isWorker() {
    return workerClass.isPresent();
  }

  public Account withNextNonce(long n) {
    return new Account(
        id,
        name,
        n,
        balance,
        escrowed,
        pending,
        earned,
        reputation,
        verifierClass,
        streak,
        registeredAt,
        workerClass,
        jobsAgreed);
  }

  public Account withVerifierClass(Optional<String> c) {
    return new Account(
        id,
        name,
        nextNonce,
        balance,
        escrowed,
        pending,
        earned,
        reputation,
        c,
        streak,
        registeredAt,
        workerClass,
        jobsAgreed);
  }

  public Account withWorkerClass(Optional<String> c) {
    return new Account(
        id,
        name,
        nextNonce,
        balance,
        escrowed,
        pending,
        earned,
        reputation,
        verifierClass,
        streak,
        registeredAt,
        c,
        jobsAgreed);
  }

  public Account withJobsAgreed(long n) {
    return new Account(
        id,
        name,
        nextNonce,
        balance,
        escrowed,
        pending,
        earned,
        reputation,
        verifierClass,
        streak,
        registeredAt,
        workerClass,
        n);
  }

  /** Minted spendable credits. */
  public Account credited(long micro) {
    return new Account(
        id,
        name,
        nextNonce,
        Math.addExact(balance, micro),
        escrowed,
        pending,
        Math.addExact(earned, micro),
        reputation,
        verifierClass,
        streak,
        registeredAt,
        workerClass,
        jobsAgreed);
  }

  /** Minted credits that wait for a challenge window. */
  public Account creditedPending(long micro) {
    return new Account(
        id,
        name,
        nextNonce,
        balance,
        escrowed,
        Math.addExact(pending, micro),
        Math.addExact(earned, micro),
        reputation,
        verifierClass,
        streak,
        registeredAt,
        workerClass,
        jobsAgreed);
  }

  /** Pending credits whose window closed become spendable. */
  public Account released(long micro) {
    return new Account(
        id,
        name,
        nextNonce,
        Math.addExact(balance, micro),
        escrowed,
        pending - micro,
        earned,
        reputation,
        verifierClass,
        streak,
        registeredAt,
        workerClass,
        jobsAgreed);
  }

  /** Pending credits taken back (they are burned): they were never earned. */
  public Account clawedBack(long micro) {
    return new Account(
        id,
        name,
        nextNonce,
        balance,
        escrowed,
        pending - micro,
        earned - micro,
        reputation,
        verifierClass,
        streak,
        registeredAt,
        workerClass,
        jobsAgreed);
  }

  public Account withBalance(long newBalance, long newEscrowed) {
    return new Account(
        id,
        name,
        nextNonce,
        newBalance,
        newEscrowed,
        pending,
        earned,
        reputation,
        verifierClass,
        streak,
        registeredAt,
        workerClass,
        jobsAgreed);
  }

  public Account withReputation(long r) {
    return new Account(
        id,
        name,
        nextNonce,
        balance,
        escrowed,
        pending,
        earned,
        r,
        verifierClass,
        streak,
        registeredAt,
        workerClass,
        jobsAgreed);
  }

  public Account withStreak(long s) {
    return new Account(
        id,
        name,
        nextNonce,
        balance,
        escrowed,
        pending,
        earned,
        reputation,
        verifierClass,
        s,
        registeredAt,
        workerClass,
        jobsAgreed);
  }
}

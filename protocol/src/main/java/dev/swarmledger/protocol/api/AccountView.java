package dev.swarmledger.protocol.api;

import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.state.Account;
import java.util.List;
import java.util.Optional;

/**
 * An account as {@code GET /v1/accounts/{id}} serves it: credits in micro-credits (spendable {@code
 * balance}, {@code escrowed} in jobs, {@code pending} until challenge windows close), next nonce,
 * reputation, the verifier role with its hardware class when granted, and the worker role (runs
 * swarm jobs) with its class and its streak of jobs a verifier reproduced.
 */
public record AccountView(
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

  public static AccountView of(Account a) {
    return new AccountView(
        a.id(),
        a.name(),
        a.nextNonce(),
        a.balance(),
        a.escrowed(),
        a.pending(),
        a.earned(),
        a.reputation(),
        a.verifierClass(),
        a.streak(),
        a.registeredAt(),
        a.workerClass(),
        a.jobsAgreed());
  }

  /** The account's roles as the API lists them. */
  public List<String> roles() {
    List<String> roles = new java.util.ArrayList<>();
    verifierClass.ifPresent(c -> roles.add("verifier"));
    workerClass.ifPresent(c -> roles.add("worker"));
    return List.copyOf(roles);
  }
}

/**
 * Query services: each takes a {@code LedgerState} and parameters and returns the typed views the
 * API serves, so the HTTP handlers only parse, call and encode (and tests need no HTTP).
 */
package dev.swarmledger.node.query;

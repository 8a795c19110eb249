/**
 * Typed views of what API v1 serves, shared by the node (which builds and encodes them) and the
 * clients (which decode them), each with one strict JSON codec ({@code *Json}).
 */
package dev.swarmledger.protocol.api;

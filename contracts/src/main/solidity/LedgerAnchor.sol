// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

/// @title LedgerAnchor: one operator's SwarmLedger checkpoints, posted on chain.
/// @notice Records (origin, tree size, Merkle root) of the logs its operator signs, so anyone can
/// later ask which root the operator committed to at which size. Only the operator writes, and a
/// log may only grow: a smaller size than the latest one for an origin is refused (a rollback), as
/// is a second root for the latest size (a fork at that size).
contract LedgerAnchor {
    struct Anchor {
        uint64 treeSize;
        bytes32 root;
        uint64 blockNumber;
    }

    /// The account allowed to anchor: the deployer.
    address public immutable operator;

    /// Latest anchor per origin, keyed by keccak256 of the origin line.
    mapping(bytes32 => Anchor) private latestByOrigin;

    /// One per accepted anchor; the indexed hash lets a reader filter by origin.
    event Anchored(bytes32 indexed originHash, string origin, uint64 treeSize, bytes32 root);

    error NotOperator(address sender);
    error EmptyOrigin();
    error LogShrank(uint64 latestSize, uint64 proposedSize);
    error ConflictingRoot(uint64 treeSize, bytes32 latestRoot, bytes32 proposedRoot);

    constructor() {
        operator = msg.sender;
    }

    /// Records that the log `origin` had Merkle root `root` at size `treeSize`.
    function anchor(string calldata origin, uint64 treeSize, bytes32 root) external {
        if (msg.sender != operator) revert NotOperator(msg.sender);
        if (bytes(origin).length == 0) revert EmptyOrigin();
        bytes32 key = keccak256(bytes(origin));
        Anchor storage current = latestByOrigin[key];
        if (current.blockNumber != 0) {
            if (treeSize < current.treeSize) revert LogShrank(current.treeSize, treeSize);
            if (treeSize == current.treeSize && root != current.root) {
                revert ConflictingRoot(treeSize, current.root, root);
            }
        }
        latestByOrigin[key] = Anchor(treeSize, root, uint64(block.number));
        emit Anchored(key, origin, treeSize, root);
    }

    /// The latest anchor of `origin`; blockNumber is 0 when it was never anchored.
    function latest(string calldata origin)
        external
        view
        returns (uint64 treeSize, bytes32 root, uint64 blockNumber)
    {
        Anchor storage a = latestByOrigin[keccak256(bytes(origin))];
        return (a.treeSize, a.root, a.blockNumber);
    }
}

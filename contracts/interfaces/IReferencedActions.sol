// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @dev Evidence on the ledger: any call to a contract can carry a reference (the hash of the
 * court order, regulator notice or ticket behind it), emitted in {ActionReferenced} in the same
 * transaction, before the call's own events. Its ERC-165 interface id is the selector of
 * {withReference}.
 */
interface IReferencedActions {
    /**
     * @dev Emitted by {withReference} before the call runs: `caller` made the call whose selector
     * is `action` for the reason whose hash is `ref`.
     */
    event ActionReferenced(bytes32 indexed ref, address indexed caller, bytes4 indexed action);

    /// @dev {withReference} was given a zero reference.
    error ReferencedActionsZeroReference();

    /**
     * @dev Emits {ActionReferenced}, then runs `data` (a call of a function of this contract, as
     * its ABI encodes it) as if the caller had sent it directly: the same caller and role checks.
     * A refused call reverts everything with its own error. Returns exactly what the call returns
     * (decode it with the called function's ABI), which is why no return value is declared.
     *
     * Requirements: `ref` is not zero.
     */
    function withReference(bytes32 ref, bytes calldata data) external;
}

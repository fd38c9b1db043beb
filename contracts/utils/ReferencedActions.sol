// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IReferencedActions} from "../interfaces/IReferencedActions.sol";

/**
 * @dev {IReferencedActions}: the call runs by `DELEGATECALL` to this contract itself, so
 * `msg.sender`, the roles it holds, `msg.value` (none: the wrapper is not payable) and any
 * re-entrancy lock are exactly those of a direct call. The wrapper grants nothing: a caller can
 * only wrap calls it could make directly (a function that accepts only this contract as caller
 * still sees the external caller and refuses it), and attach a reference to them. Nested
 * wrappers emit one event each. The reference says nothing about the call's effects; it is
 * evidence of why the caller made it, and readers pair it with the events that follow it in the
 * same transaction.
 *
 * Inheritors answer {IReferencedActions} in `supportsInterface`: the operations tooling asks
 * before it wraps a call.
 *
 * One wrapper rather than a reference parameter on each enforcement function: the functions keep
 * their standard signatures (ERC-7943), every action of the contract can carry a reference, and
 * the contract grows by one small function.
 */
abstract contract ReferencedActions is IReferencedActions {
    /// @inheritdoc IReferencedActions
    function withReference(bytes32 ref, bytes calldata data) external {
        if (ref == bytes32(0)) revert ReferencedActionsZeroReference();
        bytes32 topic = ActionReferenced.selector;
        // Assembly keeps every instrument under the contract size limit (about 200 bytes instead of
        // 330): the event is logged without a copy of `data`, and the call's return or revert data
        // is passed on unchanged rather than copied and encoded again.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            // ActionReferenced(ref, caller, the selector of `data`). A `data` shorter than 4 bytes
            // matches no function, so the call below reverts and the event with it.
            log4(0, 0, topic, ref, caller(), shl(224, shr(224, calldataload(data.offset))))
            let ptr := mload(0x40)
            calldatacopy(ptr, data.offset, data.length)
            let success := delegatecall(gas(), address(), ptr, data.length, 0, 0)
            returndatacopy(ptr, 0, returndatasize())
            if iszero(success) {
                revert(ptr, returndatasize())
            }
            return(ptr, returndatasize())
        }
    }
}

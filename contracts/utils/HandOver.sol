// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @dev Hands an external call over, arguments unchanged, to a function of a linked library that
 * takes the same arguments: the library decodes them from the call data itself, so that the
 * instrument's code holds neither the decoding nor the re-encoding of a library call (EIP-170 size
 * limit), and a long array is copied once instead of being re-encoded.
 *
 * The instrument checks the caller and the dates first, then {run}s the library function, which
 * runs as every library call does (`DELEGATECALL`: the instrument's storage, address and events).
 * Two words follow the arguments: the storage slot of the books the library keeps and one value
 * the library needs from the instrument; the library reads them with {appended}. Extra call data
 * after the arguments is ignored by the ABI decoder.
 */
library HandOver {
    /**
     * @dev Calls `selector` of `logic` by `DELEGATECALL` with this call's arguments followed by
     * `slot` and `context`; reverts with the library's revert data, else returns the first word
     * of what it returned (0 when nothing).
     */
    function run(address logic, bytes4 selector, uint256 slot, uint256 context) internal returns (uint256 result) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let size := calldatasize()
            let data := mload(0x40)
            calldatacopy(data, 0, size)
            mstore(data, or(and(selector, shl(224, 0xffffffff)), shr(32, shl(32, mload(data)))))
            mstore(add(data, size), slot)
            mstore(add(data, add(size, 32)), context)
            if iszero(delegatecall(gas(), logic, data, add(size, 64), 0, 0)) {
                returndatacopy(data, 0, returndatasize())
                revert(data, returndatasize())
            }
            if gt(returndatasize(), 31) {
                returndatacopy(0, 0, 32)
                result := mload(0)
            }
        }
    }

    /// @dev In the library: the two words that {run} appended to the call data.
    function appended() internal pure returns (uint256 slot, uint256 context) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            slot := calldataload(sub(calldatasize(), 64))
            context := calldataload(sub(calldatasize(), 32))
        }
    }
}

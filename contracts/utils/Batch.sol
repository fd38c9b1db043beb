// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev The arrays of a batch call have different lengths: the first has `expected` items, another `actual`.
error BatchLengthMismatch(uint256 expected, uint256 actual);

/// @dev Reverts with {BatchLengthMismatch} unless `actual == expected`.
function checkBatchLength(uint256 expected, uint256 actual) pure {
    if (actual != expected) revert BatchLengthMismatch(expected, actual);
}

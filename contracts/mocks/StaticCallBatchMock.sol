// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev Test helper: many view calls in one `eth_call`, each answer kept with whether it reverted
/// (the snapshots of the stranger test).
contract StaticCallBatchMock {
    struct Call {
        address target;
        bytes data;
    }

    function read(Call[] calldata calls) external view returns (bool[] memory ok, bytes[] memory answers) {
        ok = new bool[](calls.length);
        answers = new bytes[](calls.length);
        for (uint256 i = 0; i < calls.length; ++i) {
            (ok[i], answers[i]) = calls[i].target.staticcall(calls[i].data);
        }
    }
}

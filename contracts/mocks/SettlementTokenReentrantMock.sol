// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {SettlementTokenMock} from "./SettlementTokenMock.sol";

/**
 * @dev A hostile settlement token: once armed with {setHook}, its next transfer (not a mint) first
 * calls `hookTarget` with `hookData` and bubbles up any revert of that call.
 */
contract SettlementTokenReentrantMock is SettlementTokenMock {
    address public hookTarget;
    bytes public hookData;

    function setHook(address target, bytes calldata data) external {
        hookTarget = target;
        hookData = data;
    }

    function _update(address from, address to, uint256 value) internal override {
        address target = hookTarget;
        if (target != address(0) && from != address(0)) {
            hookTarget = address(0);
            Address.functionCall(target, hookData);
        }
        super._update(from, to, value);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SettlementTokenMock} from "./SettlementTokenMock.sol";

/**
 * @dev A hostile settlement token: `transfer` and `transferFrom` return false, moving nothing,
 * when the sender or the receiver is marked failing (like a token with a blocklist that does not revert).
 */
contract SettlementTokenFalseMock is SettlementTokenMock {
    mapping(address account => bool) public failing;

    function setFailing(address account, bool isFailing) external {
        failing[account] = isFailing;
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        if (failing[msg.sender] || failing[to]) return false;
        return super.transfer(to, value);
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        if (failing[from] || failing[to]) return false;
        return super.transferFrom(from, to, value);
    }
}

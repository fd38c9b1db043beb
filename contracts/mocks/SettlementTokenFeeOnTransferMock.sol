// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SettlementTokenMock} from "./SettlementTokenMock.sol";

/// @dev A hostile settlement token: every transfer burns a fee of 1 % (rounded down) of the amount.
contract SettlementTokenFeeOnTransferMock is SettlementTokenMock {
    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) return super._update(from, to, value);
        uint256 fee = value / 100;
        super._update(from, to, value - fee);
        super._update(from, address(0), fee);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {PackedERC20} from "../token/PackedERC20.sol";

/**
 * @dev {PackedERC20} with its internal functions exposed, for the differential test against OpenZeppelin's ERC-20
 * ({ERC20CappedReferenceMock}, the same functions): anyone may mint, burn, move, approve and spend, and set the flag.
 */
contract PackedERC20Mock is PackedERC20 {
    constructor() PackedERC20("Packed", "PKD") {}

    function mint(address account, uint256 value) external {
        _mint(account, value);
    }

    function burn(address account, uint256 value) external {
        _burn(account, value);
    }

    function transferInternal(address from, address to, uint256 value) external {
        _transfer(from, to, value);
    }

    function updateInternal(address from, address to, uint256 value) external {
        _update(from, to, value);
    }

    function approveInternal(address owner, address spender, uint256 value, bool emitEvent) external {
        _approve(owner, spender, value, emitEvent);
    }

    function spendAllowance(address owner, address spender, uint256 value) external {
        _spendAllowance(owner, spender, value);
    }

    function setFlag(address account, bool flagged) external {
        _setFlag(account, flagged);
    }

    function flagOf(address account) external view returns (bool flagged) {
        (, flagged) = _balanceAndFlag(account);
    }
}

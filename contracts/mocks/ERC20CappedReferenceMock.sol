// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";

/**
 * @dev OpenZeppelin's ERC-20 capped at 2**255 - 1, the reference of the differential test of {PackedERC20}: the same
 * exposed functions as {PackedERC20Mock}, but the flag's.
 */
contract ERC20CappedReferenceMock is ERC20Capped {
    constructor() ERC20("Packed", "PKD") ERC20Capped((1 << 255) - 1) {}

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
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @dev A plain 6-decimal stablecoin with an open mint: the settlement token of the debt tests.
contract SettlementTokenMock is ERC20 {
    constructor() ERC20("Test Dollar", "TUSD") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function decimals() public pure override returns (uint8) {
        return 6;
    }
}

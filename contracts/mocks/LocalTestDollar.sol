// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/**
 * @dev The test dollar the sample issuances settle in on a local chain (a manifest's
 * `deploySettlementToken`): 6 decimals and a mint open to anyone, so it is worth nothing. Its
 * constructor refuses every chain but the local ones, 31337 (Hardhat, anvil) and 1337 (Ganache,
 * geth --dev), so that it can never be deployed where an open mint could pass for money.
 */
contract LocalTestDollar is ERC20 {
    /// @dev The chain is not a local one.
    error LocalTestDollarNotLocalChain(uint256 chainId);

    constructor() ERC20("Local Test Dollar", "TUSD") {
        if (block.chainid != 31337 && block.chainid != 1337) revert LocalTestDollarNotLocalChain(block.chainid);
    }

    /// @dev Anyone may mint: a test token.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function decimals() public pure override returns (uint8) {
        return 6;
    }
}

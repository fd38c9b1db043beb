// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {InvestorRegistry} from "../../contracts/registry/InvestorRegistry.sol";

contract SmokeTest is Test {
    function testFuzz_register(uint64 ttl) public {
        InvestorRegistry registry = new InvestorRegistry(address(this), 0);
        registry.grantRole(registry.KYC_AGENT_ROLE(), address(this));
        vm.assume(ttl > 0 && ttl < type(uint64).max - block.timestamp);
        registry.registerInvestor(address(1), bytes32(uint256(1)), 586, 1, uint64(block.timestamp) + ttl);
        assertTrue(registry.isVerified(address(1)));
    }
}

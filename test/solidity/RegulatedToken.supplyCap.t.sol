// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Forge-style test names; gas rules do not apply to tests.
// solhint-disable func-name-mixedcase, gas-small-strings

import {Test} from "forge-std/Test.sol";
import {RegulatedTokenMock} from "../../contracts/mocks/RegulatedTokenMock.sol";
import {InvestorRegistry} from "../../contracts/registry/InvestorRegistry.sol";
import {PackedERC20} from "../../contracts/token/PackedERC20.sol";

/**
 * @dev The one limit of the token's own ERC-20 ({PackedERC20}): the total supply, hence every balance, is at most
 * 2**255 - 1; the freeze flag kept beside a balance at that limit changes nothing of it.
 */
contract RegulatedTokenSupplyCapTest is Test {
    uint256 internal constant CAP = (1 << 255) - 1;

    RegulatedTokenMock internal token;
    address internal admin = makeAddr("admin");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");

    function setUp() public {
        vm.warp(1_750_000_000);
        InvestorRegistry registry = new InvestorRegistry(admin, 3 days);
        token = new RegulatedTokenMock("Sovereign Test", "SVT", 18, registry, admin, 3 days);
        vm.startPrank(admin);
        registry.grantRole(registry.KYC_AGENT_ROLE(), admin);
        token.grantRole(token.ISSUER_ROLE(), admin);
        token.grantRole(token.ENFORCEMENT_ROLE(), admin);
        registry.registerInvestor(alice, keccak256("KYC-ALICE"), 586, 3, uint64(block.timestamp + 365 days));
        registry.registerInvestor(bob, keccak256("KYC-BOB"), 586, 3, uint64(block.timestamp + 365 days));
        vm.stopPrank();
    }

    function test_MintsUpToTheCapAndRefusesBeyondWithERC20ExceededCap() public {
        vm.startPrank(admin);
        token.mint(alice, CAP);
        vm.expectRevert(abi.encodeWithSelector(PackedERC20.ERC20ExceededCap.selector, CAP + 1, CAP));
        token.mint(bob, 1);
        // A freeze at the limit: the flag beside the balance changes neither the balance nor the rules.
        token.setFrozenTokens(alice, type(uint248).max);
        vm.stopPrank();
        assertTrue(token.freezeFlagOf(alice), "flag");
        assertEq(token.balanceOf(alice), CAP, "balance at the cap");
        vm.prank(alice);
        assertTrue(token.transfer(bob, 1));
        assertEq(token.balanceOf(bob), 1, "the unfrozen token moved");
        assertEq(token.totalSupply(), CAP, "supply");
    }
}

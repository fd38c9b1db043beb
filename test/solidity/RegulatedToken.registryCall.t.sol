// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Forge-style test names; gas rules do not apply to tests.
// solhint-disable func-name-mixedcase, gas-small-strings, one-contract-per-file

import {Test} from "forge-std/Test.sol";
import {RegulatedTokenMock} from "../../contracts/mocks/RegulatedTokenMock.sol";
import {IInvestorRegistry} from "../../contracts/registry/IInvestorRegistry.sol";
import {InvestorRegistry} from "../../contracts/registry/InvestorRegistry.sol";

/// @dev A registry whose pair view answers in full while the token accepts it ({TokenPolicy-setRegistry} asks it
/// once), then misbehaves: it reverts with an error of its own, or answers three words only.
contract MisbehavingRegistry {
    error RegistryDown(address first, address second);

    enum Mode {
        Healthy,
        Reverts,
        ShortAnswer
    }

    Mode public mode;

    function setMode(Mode newMode) external {
        mode = newMode;
    }

    function eligibilityOfPair(
        address first,
        address second
    ) external view returns (bool, uint16, uint8, bool, uint16, uint8) {
        if (mode == Mode.Reverts) revert RegistryDown(first, second);
        if (mode == Mode.ShortAnswer) {
            assembly ("memory-safe") {
                mstore(0, 1)
                mstore(0x20, 586)
                mstore(0x40, 3)
                return(0, 0x60)
            }
        }
        return (true, 586, 3, true, 586, 3);
    }
}

/**
 * @dev The token's one registry call ({TokenFreezes-_eligibilities}, written out by hand): the registry's answer
 * decides, a registry's revert reaches the caller unchanged, and an answer shorter than the pair view's six words
 * refuses the transfer rather than being read past its end.
 */
contract RegulatedTokenRegistryCallTest is Test {
    InvestorRegistry internal registry;
    RegulatedTokenMock internal token;
    MisbehavingRegistry internal broken;
    address internal admin = makeAddr("admin");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");

    function setUp() public {
        vm.warp(1_750_000_000);
        registry = new InvestorRegistry(admin, 3 days);
        token = new RegulatedTokenMock("Sovereign Test", "SVT", 18, registry, admin, 3 days);
        broken = new MisbehavingRegistry();
        vm.startPrank(admin);
        registry.grantRole(registry.KYC_AGENT_ROLE(), admin);
        token.grantRole(token.ISSUER_ROLE(), admin);
        registry.registerInvestor(alice, keccak256("KYC-ALICE"), 586, 3, uint64(block.timestamp + 365 days));
        registry.registerInvestor(bob, keccak256("KYC-BOB"), 840, 2, uint64(block.timestamp + 365 days));
        token.mint(alice, 100);
        vm.stopPrank();
    }

    function test_TheRegistryAnswerDecidesEachSide() public {
        vm.prank(alice);
        assertTrue(token.transfer(bob, 10));
        assertEq(token.balanceOf(bob), 10);
        vm.prank(admin);
        registry.revokeInvestor(bob);
        assertEq(token.detectTransferRestriction(alice, bob, 1), 3, "receiver not verified");
        assertEq(token.detectTransferRestriction(bob, alice, 1), 2, "sender not verified");
        assertEq(token.detectTransferRestriction(address(0), bob, 1), 3, "mint to a revoked wallet");
        assertEq(token.detectTransferRestriction(address(0), alice, 1), 0, "mint to a verified wallet");
    }

    function test_ARegistryRevertReachesTheCaller() public {
        vm.prank(admin);
        token.setRegistry(IInvestorRegistry(address(broken)));
        broken.setMode(MisbehavingRegistry.Mode.Reverts);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(MisbehavingRegistry.RegistryDown.selector, alice, bob));
        token.transfer(bob, 1);
        vm.expectRevert(abi.encodeWithSelector(MisbehavingRegistry.RegistryDown.selector, alice, address(0)));
        token.canSend(alice);
    }

    function test_AShortAnswerRefusesWithoutData() public {
        vm.prank(admin);
        token.setRegistry(IInvestorRegistry(address(broken)));
        broken.setMode(MisbehavingRegistry.Mode.ShortAnswer);
        vm.prank(alice);
        vm.expectRevert(bytes(""));
        token.transfer(bob, 1);
    }
}

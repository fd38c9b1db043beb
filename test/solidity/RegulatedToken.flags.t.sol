// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Forge-style test names; gas rules do not apply to tests.
// solhint-disable func-name-mixedcase, gas-small-strings, avoid-low-level-calls

import {Test} from "forge-std/Test.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC7943Fungible} from "../../contracts/interfaces/IERC7943Fungible.sol";
import {RegulatedTokenMock} from "../../contracts/mocks/RegulatedTokenMock.sol";
import {InvestorRegistry} from "../../contracts/registry/InvestorRegistry.sol";
import {IComplianceModule} from "../../contracts/token/IComplianceModule.sol";
import {IRegulatedToken} from "../../contracts/token/IRegulatedToken.sol";

/**
 * @dev A compliance module that allows everything and, once armed, makes one call back into the
 * token when it is told of a balance change, recording whether that call succeeded.
 */
contract CallingBackModule is IComplianceModule {
    address public immutable token;
    bytes public callBack;
    bool public calledBack;
    bool public callBackSucceeded;
    bytes public callBackError;

    constructor(address token_) {
        token = token_;
    }

    function arm(bytes calldata data) external {
        callBack = data;
    }

    function canTransfer(address, address, uint256) external pure returns (bool) {
        return true;
    }

    function transferred(address, address, uint256) external {
        bytes memory data = callBack;
        if (data.length == 0) return;
        delete callBack;
        calledBack = true;
        bytes memory answer;
        (callBackSucceeded, answer) = token.call(data);
        if (!callBackSucceeded) callBackError = answer;
    }
}

/**
 * @dev The core's transient flags (`_enforcing`, `_escrowing`) within one transaction: a Solidity
 * test function is one transaction, so every call below sees the transient storage the calls
 * before it left. An enforcement action or an escrow move must end with its own balance change: a
 * later holder transfer or a reverted action meets the holder rules, and a compliance module told of
 * the change can make no balance change of its own meanwhile.
 */
contract RegulatedTokenFlagsTest is Test {
    uint256 internal constant START = 1_750_000_000;
    uint256 internal constant AMOUNT = 1_000e18;

    InvestorRegistry internal registry;
    RegulatedTokenMock internal token;
    CallingBackModule internal module;

    address internal admin = makeAddr("admin");
    address internal kycAgent = makeAddr("kycAgent");
    address internal issuer = makeAddr("issuer");
    address internal enforcer = makeAddr("enforcer");
    address internal compliance = makeAddr("compliance");
    address internal pauser = makeAddr("pauser");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    function setUp() public {
        vm.warp(START);
        registry = new InvestorRegistry(admin, 3 days);
        token = new RegulatedTokenMock("Sovereign Test", "SVT", 18, registry, admin, 3 days);
        module = new CallingBackModule(address(token));
        vm.startPrank(admin);
        registry.grantRole(registry.KYC_AGENT_ROLE(), kycAgent);
        token.grantRole(token.ISSUER_ROLE(), issuer);
        token.grantRole(token.ENFORCEMENT_ROLE(), enforcer);
        token.grantRole(token.COMPLIANCE_ROLE(), compliance);
        token.grantRole(token.PAUSER_ROLE(), pauser);
        vm.stopPrank();
        vm.startPrank(kycAgent);
        registry.registerInvestor(alice, keccak256("KYC-ALICE"), 586, 3, uint64(START + 365 days));
        registry.registerInvestor(bob, keccak256("KYC-BOB"), 586, 3, uint64(START + 365 days));
        registry.registerInvestor(carol, keccak256("KYC-CAROL"), 586, 3, uint64(START + 365 days));
        vm.stopPrank();
        vm.startPrank(issuer);
        token.mint(alice, AMOUNT);
        token.mint(bob, AMOUNT);
        vm.stopPrank();
    }

    function test_EnforcementEndsWithItsAction() public {
        _pause();
        vm.prank(enforcer);
        token.forcedTransfer(alice, bob, 1);
        // Same transaction: the holder's own transfer is refused by the pause.
        vm.prank(alice);
        vm.expectRevert(IRegulatedToken.EnforcedPause.selector);
        token.transfer(carol, 1);
    }

    function test_RevertedEnforcementLeavesNoFlag() public {
        vm.prank(enforcer);
        token.setAddressFrozen(carol, true);
        vm.prank(enforcer);
        token.setFrozenTokens(alice, AMOUNT);
        vm.prank(enforcer);
        vm.expectRevert(abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotReceive.selector, carol));
        token.forcedTransfer(alice, carol, 1);
        // The refused action left no enforcement rules behind: alice's frozen tokens stay frozen.
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERC7943Fungible.ERC7943InsufficientUnfrozenBalance.selector, alice, 1, 0)
        );
        token.transfer(bob, 1);
    }

    function test_EscrowEndsWithItsMove() public {
        token.escrow(alice, 1);
        token.releaseEscrow(alice, 1);
        // Same transaction: nobody moves tokens into the escrow by a plain transfer.
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotReceive.selector, address(token)));
        token.transfer(address(token), 1);
    }

    /// @dev A module that calls back during someone else's forced transfer cannot move a frozen wallet's tokens.
    function test_ModuleCallingBackDuringEnforcementMeetsHolderRules() public {
        _freezeAliceAndArm(alice);

        vm.prank(enforcer);
        token.forcedTransfer(bob, carol, 1);

        assertTrue(module.calledBack(), "the module was told of the forced transfer");
        assertFalse(module.callBackSucceeded(), "the frozen wallet's tokens moved");
        assertEq(
            module.callBackError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "the refusal"
        );
        assertEq(token.balanceOf(alice), AMOUNT, "alice's balance");
        assertEq(token.getFrozenTokens(alice), AMOUNT, "alice's frozen tokens");
    }

    /// @dev Nor, while the token is paused, its own tokens.
    function test_ModuleCallingBackDuringIssuerBurnMeetsThePause() public {
        _setModule();
        vm.prank(alice);
        token.approve(address(module), AMOUNT);
        _pause();
        module.arm(abi.encodeCall(token.transferFrom, (alice, carol, 1)));

        vm.prank(issuer);
        token.burn(bob, 1);

        assertTrue(module.calledBack(), "the module was told of the burn");
        assertFalse(module.callBackSucceeded(), "tokens moved while paused");
        assertEq(token.balanceOf(carol), 0, "carol's balance");
    }

    /// @dev A module that calls back during a holder's escrow cannot put tokens into the escrow.
    function test_ModuleCallingBackDuringEscrowCannotFillIt() public {
        _setModule();
        vm.prank(bob);
        token.approve(address(module), AMOUNT);
        module.arm(abi.encodeCall(token.transferFrom, (bob, address(token), AMOUNT)));

        token.escrow(alice, 1);

        assertTrue(module.calledBack(), "the module was told of the escrow");
        assertFalse(module.callBackSucceeded(), "tokens entered the escrow by a transfer");
        assertEq(token.balanceOf(address(token)), 1, "the escrow");
        assertEq(token.balanceOf(bob), AMOUNT, "bob's balance");
    }

    /**
     * @dev Nor, during a wallet recovery, take the recovered tokens out of the replacement before the
     * lost wallet's freeze applies to it (the module holding an allowance of the replacement).
     */
    function test_ModuleCallingBackDuringRecoveryCannotTakeTheFrozenTokens() public {
        address aliceSpare = makeAddr("aliceSpare");
        vm.prank(kycAgent);
        registry.registerInvestor(aliceSpare, keccak256("KYC-ALICE"), 586, 3, uint64(START + 365 days));
        _freezeAliceAndArm(aliceSpare);

        vm.prank(enforcer);
        token.recoverWallet(alice, aliceSpare);

        assertTrue(module.calledBack(), "the module was told of the recovery");
        assertFalse(module.callBackSucceeded(), "the recovered tokens left before their freeze");
        assertEq(token.balanceOf(aliceSpare), AMOUNT, "the replacement's balance");
        assertEq(token.getFrozenTokens(aliceSpare), AMOUNT, "the replacement's frozen tokens");
        assertTrue(token.isAddressFrozen(aliceSpare), "the replacement's wallet freeze");
    }

    /// @dev A module's call back that moves nothing of this token (an approval) still succeeds.
    function test_ModuleCallingBackWithoutABalanceChangeIsServed() public {
        _setModule();
        module.arm(abi.encodeCall(token.approve, (carol, 5)));
        vm.prank(alice);
        token.transfer(bob, 1);
        assertTrue(module.callBackSucceeded(), "the approval");
        assertEq(token.allowance(address(module), carol), 5, "the module's allowance");
    }

    /**
     * @dev Sets the module, which `holder` approves for all of its tokens; freezes alice's wallet and
     * all her tokens; arms the module to take `holder`'s tokens to carol.
     */
    function _freezeAliceAndArm(address holder) internal {
        _setModule();
        vm.prank(holder);
        token.approve(address(module), AMOUNT);
        vm.startPrank(enforcer);
        token.setAddressFrozen(alice, true);
        token.setFrozenTokens(alice, AMOUNT);
        vm.stopPrank();
        module.arm(abi.encodeCall(token.transferFrom, (holder, carol, AMOUNT)));
    }

    function _setModule() internal {
        vm.prank(compliance);
        token.setComplianceModule(module);
    }

    function _pause() internal {
        vm.prank(pauser);
        token.pause();
    }
}

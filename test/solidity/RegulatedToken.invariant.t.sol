// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Forge-style test names (testFuzz_*, invariant_*) and assertion messages; gas rules do not apply to tests.
// solhint-disable func-name-mixedcase, gas-small-strings, gas-strict-inequalities

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {RegulatedTokenMock} from "../../contracts/mocks/RegulatedTokenMock.sol";
import {InvestorRegistry} from "../../contracts/registry/InvestorRegistry.sol";
import {RegulatedTokenHandler} from "./handlers/RegulatedTokenHandler.sol";

/**
 * @dev Invariants of the {RegulatedToken} core under random sequences of the operations of
 * {RegulatedTokenHandler} (runs and depth: `test.solidity.invariant` in hardhat.config.ts).
 */
contract RegulatedTokenInvariantTest is Test {
    InvestorRegistry internal registry;
    RegulatedTokenMock internal token;
    RegulatedTokenHandler internal handler;

    function setUp() public {
        vm.warp(1_750_000_000);
        address admin = makeAddr("admin");
        registry = new InvestorRegistry(admin, 3 days);
        token = new RegulatedTokenMock("Sovereign Test", "SVT", 18, registry, admin, 3 days);
        handler = new RegulatedTokenHandler(token, registry, makeAddr("spender"));

        vm.startPrank(admin);
        registry.grantRole(registry.KYC_AGENT_ROLE(), address(handler));
        token.grantRole(token.ISSUER_ROLE(), address(handler));
        token.grantRole(token.ENFORCEMENT_ROLE(), address(handler));
        token.grantRole(token.COMPLIANCE_ROLE(), address(handler));
        token.grantRole(token.PAUSER_ROLE(), address(handler));
        vm.stopPrank();
        handler.onboard();

        // A country allowlist that admits every registered actor (actor 4's country is toggled by the handler).
        uint16[] memory countries = new uint16[](4);
        (countries[0], countries[1], countries[2], countries[3]) = (586, 840, 826, 784);
        vm.startPrank(address(handler));
        token.setCountryRestriction(true);
        token.setCountriesAllowed(countries, true);
        vm.stopPrank();

        bytes4[] memory selectors = new bytes4[](18);
        selectors[0] = RegulatedTokenHandler.transfer.selector;
        selectors[1] = RegulatedTokenHandler.transferFrom.selector;
        selectors[2] = RegulatedTokenHandler.mint.selector;
        selectors[3] = RegulatedTokenHandler.burn.selector;
        selectors[4] = RegulatedTokenHandler.forcedTransfer.selector;
        selectors[5] = RegulatedTokenHandler.recoverWallet.selector;
        selectors[6] = RegulatedTokenHandler.setFrozenTokens.selector;
        selectors[7] = RegulatedTokenHandler.setAddressFrozen.selector;
        selectors[8] = RegulatedTokenHandler.togglePause.selector;
        selectors[9] = RegulatedTokenHandler.revokeOrRegister.selector;
        selectors[10] = RegulatedTokenHandler.renewKyc.selector;
        selectors[11] = RegulatedTokenHandler.changePolicy.selector;
        selectors[12] = RegulatedTokenHandler.warp.selector;
        // Holder transfers more likely than the rest.
        selectors[13] = RegulatedTokenHandler.transfer.selector;
        selectors[14] = RegulatedTokenHandler.transfer.selector;
        selectors[15] = RegulatedTokenHandler.transferFrom.selector;
        selectors[16] = RegulatedTokenHandler.escrow.selector;
        selectors[17] = RegulatedTokenHandler.returnEscrow.selector;
        targetContract(address(handler));
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    function invariant_SumOfBalancesEqualsTotalSupply() public view {
        uint256 sum;
        uint256 escrowedSum;
        for (uint256 i = 0; i < handler.ACTOR_COUNT(); ++i) {
            sum += token.balanceOf(handler.actor(i));
            escrowedSum += handler.escrowed(i);
        }
        assertEq(token.balanceOf(address(token)), escrowedSum, "escrow");
        assertEq(sum + escrowedSum, token.totalSupply(), "sum of balances and escrow");
        assertEq(token.totalSupply(), handler.ghostMinted() - handler.ghostBurned(), "minted - burned");
    }

    function invariant_HolderCountMatchesNonZeroBalances() public view {
        uint256 holders;
        for (uint256 i = 0; i < handler.ACTOR_COUNT(); ++i) {
            if (token.balanceOf(handler.actor(i)) != 0) ++holders;
        }
        assertEq(token.holderCount(), holders, "holderCount");
    }

    function invariant_NeverRegisteredActorHoldsNothing() public view {
        address outsider = handler.outsider();
        assertEq(registry.investorOf(outsider).expiresAt, 0, "the outsider was registered");
        assertEq(token.balanceOf(outsider), 0, "the outsider holds tokens");
    }

    function invariant_RestrictionCodePredictsEveryTransfer() public view {
        assertEq(handler.ghostSucceededDespiteRestriction(), 0, "succeeded although restricted");
        assertEq(handler.ghostFailedWithoutRestriction(), 0, "failed although unrestricted");
    }

    function invariant_FrozenTokensNeverMoveThroughHolderTransfers() public view {
        assertFalse(handler.ghostFrozenTokensMoved(), "a holder transfer moved frozen tokens");
    }

    function invariant_HolderCountNeverExceedsMaxHoldersThroughHolderActions() public view {
        assertFalse(handler.ghostHolderLimitBroken(), "a holder action added a holder beyond maxHolders");
    }

    /// @dev The flag kept with each balance, which lets a transfer skip reading the freeze, is set exactly when the
    /// wallet has a freeze (its wallet frozen or tokens frozen), through freezes, unfreezes, enforcement and recoveries.
    function invariant_FreezeFlagMatchesTheFreeze() public view {
        for (uint256 i = 0; i < handler.ACTOR_COUNT(); ++i) {
            address account = handler.actor(i);
            bool hasFreeze = token.isAddressFrozen(account) || token.getFrozenTokens(account) != 0;
            assertEq(token.freezeFlagOf(account), hasFreeze, "freeze flag");
        }
        assertEq(token.freezeFlagOf(address(token)), false, "escrow flag");
    }

    function invariant_EnforcementRespectsReceiverEligibility() public view {
        assertEq(handler.ghostEnforcementMismatch(), 0, "enforcement outcome");
    }
}

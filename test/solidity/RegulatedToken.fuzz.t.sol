// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Forge-style test names (testFuzz_*, invariant_*) and assertion messages; gas rules do not apply to tests.
// solhint-disable func-name-mixedcase, gas-small-strings, gas-strict-inequalities, gas-struct-packing
// solhint-disable avoid-low-level-calls, function-max-lines

import {Test} from "forge-std/Test.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC7943Fungible} from "../../contracts/interfaces/IERC7943Fungible.sol";
import {ComplianceModuleMock} from "../../contracts/mocks/ComplianceModuleMock.sol";
import {RegulatedTokenMock} from "../../contracts/mocks/RegulatedTokenMock.sol";
import {InvestorRegistry} from "../../contracts/registry/InvestorRegistry.sol";
import {IComplianceModule} from "../../contracts/token/IComplianceModule.sol";
import {IRegulatedToken} from "../../contracts/token/IRegulatedToken.sol";
import {TransferRestriction} from "../../contracts/token/TransferRestriction.sol";
import {BatchLengthMismatch} from "../../contracts/utils/Batch.sol";

/**
 * @dev Fuzz tests of the {RegulatedToken} core (through {RegulatedTokenMock}).
 *
 * The central test builds a random state (pause, each party's KYC state, wallet and token freezes,
 * country allowlist, category mask, maximum balance and holders, lock-up, compliance module),
 * computes the restriction code a reference model of the documented rules expects, and checks that
 * `detectTransferRestriction` returns it, that `canTransfer` agrees (false exactly for a permissioned
 * code: ERC-7943 leaves the balance to ERC-20), and that the transfer succeeds
 * exactly when the code is zero, or else reverts with the error that belongs to that code.
 */
contract RegulatedTokenFuzzTest is Test {
    uint256 internal constant START = 1_750_000_000;
    uint256 internal constant KYC_TTL = 10 * 365 days;
    uint256 internal constant SHORT_TTL = 1 days;
    uint256 internal constant MAX_AMOUNT = 1_000_000e18;

    uint8 internal constant KYC_VERIFIED = 0;
    uint8 internal constant KYC_NEVER = 1;
    uint8 internal constant KYC_EXPIRED = 2;
    uint8 internal constant KYC_REVOKED = 3;

    uint8 internal constant AMOUNT_WITHIN_UNFROZEN = 6;

    InvestorRegistry internal registry;
    RegulatedTokenMock internal token;
    ComplianceModuleMock internal module;

    address internal admin = makeAddr("admin");
    address internal kycAgent = makeAddr("kycAgent");
    address internal issuer = makeAddr("issuer");
    address internal enforcer = makeAddr("enforcer");
    address internal compliance = makeAddr("compliance");
    address internal pauser = makeAddr("pauser");
    address internal alice = makeAddr("alice");
    address internal aliceSpare = makeAddr("aliceSpare");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal spender = makeAddr("spender");
    address internal outsider = makeAddr("outsider");

    bytes32 internal constant ALICE_ID = keccak256("KYC-ALICE");

    /// @dev A random state of the token and of a transfer of `amount` from alice to bob (or to herself).
    struct Scenario {
        uint8 fromKyc;
        uint8 toKyc;
        bool fromFrozen;
        bool toFrozen;
        uint16 fromCountry;
        uint16 toCountry;
        uint8 fromCategory;
        uint8 toCategory;
        bool countryRestricted;
        uint8 allowedCountries; // bit i: the i-th of {_country} is on the allowlist
        bool allCategories;
        uint16 categoryMask;
        uint256 fromBalance;
        uint256 toBalance;
        uint256 carolBalance;
        uint256 frozenTokens;
        uint8 amountMode;
        uint256 amount; // a raw random value until {_arrange} picks the amount
        uint8 maxBalanceMode;
        uint256 maxBalance; // 0: none; final value set by {_applyPolicy}
        bool maxHoldersSet;
        uint32 maxHolders; // 0: none; final value set by {_applyPolicy}
        uint8 lockUpMode;
        uint256 lockUpOffset;
        uint256 elapsed;
        bool paused;
        bool selfTransfer;
        bool moduleSet;
        bool moduleBlocksTo;
    }

    /// @dev What the test knows about one party, independently of the token.
    struct Party {
        address wallet;
        bool verified;
        bool frozen;
        uint16 country;
        uint8 category;
    }

    function setUp() public {
        vm.warp(START);
        registry = new InvestorRegistry(admin, 3 days);
        token = new RegulatedTokenMock("Sovereign Test", "SVT", 18, registry, admin, 3 days);
        module = new ComplianceModuleMock();
        vm.startPrank(admin);
        registry.grantRole(registry.KYC_AGENT_ROLE(), kycAgent);
        token.grantRole(token.ISSUER_ROLE(), issuer);
        token.grantRole(token.ENFORCEMENT_ROLE(), enforcer);
        token.grantRole(token.COMPLIANCE_ROLE(), compliance);
        token.grantRole(token.PAUSER_ROLE(), pauser);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------------------------------------
    // Property 2: detectTransferRestriction == 0 exactly when the transfer succeeds
    // ---------------------------------------------------------------------------------------------

    function testFuzz_DetectMatchesTransfer(uint256 seed) public {
        Scenario memory s = _scenario(seed);
        (Party memory f, Party memory t, uint256 amount) = _arrange(s);
        uint8 code = _checkDetection(s, f, t, amount);
        _attempt(f.wallet, t.wallet, amount, code, false, 0);
    }

    function testFuzz_DetectMatchesTransferFrom(uint256 seed, uint256 allowance, bool unlimited) public {
        Scenario memory s = _scenario(seed);
        (Party memory f, Party memory t, uint256 amount) = _arrange(s);
        uint8 code = _checkDetection(s, f, t, amount);
        // Half of the runs approve exactly around the amount, to probe the allowance boundary.
        if (unlimited) allowance = type(uint256).max;
        else allowance = amount == 0 ? bound(allowance, 0, 1) : bound(allowance, amount - 1, amount + 1);
        vm.prank(f.wallet);
        token.approve(spender, allowance);
        _attempt(f.wallet, t.wallet, amount, code, true, allowance);
    }

    function testFuzz_DetectMatchesMint(uint256 seed) public {
        Scenario memory s = _scenario(seed);
        (, Party memory t, uint256 amount) = _arrange(s);
        uint8 code = token.detectTransferRestriction(address(0), t.wallet, amount);
        assertEq(code, _modelCode(s, _noParty(), t, amount), "mint code differs from the model");
        assertEq(token.canTransfer(address(0), t.wallet, amount), code == 0, "canTransfer != (code == 0)");

        uint256 supply = token.totalSupply();
        uint256 balance = token.balanceOf(t.wallet);
        bytes memory expected = _expectedError(code, address(0), t.wallet, amount);
        vm.prank(issuer);
        try token.mint(t.wallet, amount) {
            assertEq(code, 0, "mint succeeded with a non-zero restriction code");
            assertEq(token.balanceOf(t.wallet), balance + amount, "receiver balance");
            assertEq(token.totalSupply(), supply + amount, "supply");
        } catch (bytes memory reason) {
            assertTrue(code != 0, "mint failed with restriction code 0");
            assertEq(reason, expected, "revert reason of the mint");
        }
        assertEq(token.holderCount(), _countHolders(), "holderCount");
    }

    // ---------------------------------------------------------------------------------------------
    // Property 3: a wallet that may not receive never gains tokens
    // ---------------------------------------------------------------------------------------------

    /// @dev `reason`: 0 never registered, 1 KYC expired, 2 revoked, 3 wallet frozen, 4 country, 5 category.
    function testFuzz_IneligibleReceiverNeverGains(uint8 reason, uint256 amount, uint256 held, bool paused) public {
        reason %= 6;
        amount = bound(amount, 1, 1_000e18);
        held = reason == 0 ? 0 : bound(held, 0, 10e18);
        address receiver = reason == 0 ? outsider : bob;

        _registerAt(alice, ALICE_ID, 586, 3, START + KYC_TTL);
        _mint(alice, 1_000e18);
        if (reason != 0) {
            _registerAt(bob, keccak256("KYC-BOB"), 840, 1, START + (reason == 1 ? SHORT_TTL : KYC_TTL));
            _mint(bob, held);
        }
        _makeIneligible(reason);
        vm.prank(alice);
        token.approve(spender, type(uint256).max);
        if (paused) _pause();

        assertFalse(token.canReceive(receiver), "canReceive");
        assertFalse(token.canTransfer(alice, receiver, amount), "canTransfer");
        assertFalse(token.canTransfer(address(0), receiver, amount), "canTransfer (mint)");
        bytes memory cannotReceive = abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotReceive.selector, receiver);
        // While paused the pause is reported first; otherwise the receiver's restriction.
        bytes memory expected = paused ? abi.encodeWithSelector(IRegulatedToken.EnforcedPause.selector) : cannotReceive;

        vm.prank(alice);
        try token.transfer(receiver, amount) {
            assertTrue(false, "transfer to an ineligible wallet succeeded");
        } catch (bytes memory r) {
            assertEq(r, expected, "transfer revert");
        }
        vm.prank(spender);
        try token.transferFrom(alice, receiver, amount) {
            assertTrue(false, "transferFrom to an ineligible wallet succeeded");
        } catch (bytes memory r) {
            assertEq(r, expected, "transferFrom revert");
        }
        vm.prank(issuer);
        try token.mint(receiver, amount) {
            assertTrue(false, "mint to an ineligible wallet succeeded");
        } catch (bytes memory r) {
            assertEq(r, expected, "mint revert");
        }
        // Enforcement skips the pause and the sender's rules, but still refuses the receiver.
        vm.prank(enforcer);
        try token.forcedTransfer(alice, receiver, amount) {
            assertTrue(false, "forcedTransfer to an ineligible wallet succeeded");
        } catch (bytes memory r) {
            assertEq(r, cannotReceive, "forcedTransfer revert");
        }

        assertEq(token.balanceOf(receiver), held, "receiver gained tokens");
        assertEq(token.balanceOf(alice), 1_000e18, "sender lost tokens");
    }

    // ---------------------------------------------------------------------------------------------
    // Property 4: frozen tokens move only through enforcement
    // ---------------------------------------------------------------------------------------------

    function testFuzz_FrozenTokensNeverMoveThroughHolderTransfers(
        uint256 balance,
        uint256 frozen,
        uint256[4] memory amounts,
        uint8 viaTransferFrom,
        uint8 exactUnfrozen
    ) public {
        balance = bound(balance, 1, MAX_AMOUNT);
        frozen = bound(frozen, 0, balance * 2); // may exceed the balance
        _registerAt(alice, ALICE_ID, 586, 3, START + KYC_TTL);
        _registerAt(bob, keccak256("KYC-BOB"), 586, 3, START + KYC_TTL);
        _mint(alice, balance);
        vm.prank(enforcer);
        token.setFrozenTokens(alice, frozen);
        vm.prank(alice);
        token.approve(spender, type(uint256).max);

        for (uint256 i = 0; i < amounts.length; ++i) {
            uint256 before = token.balanceOf(alice);
            uint256 unfrozen = before > frozen ? before - frozen : 0;
            // Some attempts take exactly the unfrozen tokens, or one more; the others any amount within the balance.
            uint256 amount;
            if ((exactUnfrozen >> i) & 1 != 0) amount = unfrozen + (amounts[i] % 2);
            else amount = bound(amounts[i], 0, before);
            bool viaFrom = (viaTransferFrom >> i) & 1 != 0;

            vm.prank(viaFrom ? spender : alice);
            (bool ok, bytes memory reason) = viaFrom
                ? address(token).call(abi.encodeCall(IERC20.transferFrom, (alice, bob, amount)))
                : address(token).call(abi.encodeCall(IERC20.transfer, (bob, amount)));

            uint256 afterBalance = token.balanceOf(alice);
            assertGe(afterBalance, before < frozen ? before : frozen, "frozen tokens moved");
            assertEq(token.getFrozenTokens(alice), frozen, "frozen amount changed by a holder transfer");
            if (amount <= unfrozen) {
                assertTrue(ok, "a transfer within the unfrozen tokens failed");
                assertEq(afterBalance, before - amount);
            } else if (amount <= before) {
                assertFalse(ok, "a transfer into the frozen tokens succeeded");
                assertEq(
                    reason,
                    abi.encodeWithSelector(
                        IERC7943Fungible.ERC7943InsufficientUnfrozenBalance.selector,
                        alice,
                        amount,
                        unfrozen
                    )
                );
            } else {
                assertFalse(ok, "a transfer above the balance succeeded");
            }
        }
    }

    /// @dev A forced transfer may take frozen tokens, even while paused and from a frozen wallet.
    function testFuzz_ForcedTransferUnfreezesWhatItTakes(
        uint256 balance,
        uint256 frozen,
        uint256 amount,
        bool paused,
        bool walletFrozen
    ) public {
        balance = bound(balance, 1, MAX_AMOUNT);
        frozen = bound(frozen, 0, balance * 2);
        amount = bound(amount, 0, balance);
        _registerAt(alice, ALICE_ID, 586, 3, START + KYC_TTL);
        _registerAt(bob, keccak256("KYC-BOB"), 586, 3, START + KYC_TTL);
        _mint(alice, balance);
        vm.startPrank(enforcer);
        token.setFrozenTokens(alice, frozen);
        token.setAddressFrozen(alice, walletFrozen);
        vm.stopPrank();
        if (paused) _pause();

        uint256 remaining = balance - amount;
        // Only the frozen tokens taken are unfrozen; a freeze above the balance keeps its excess.
        uint256 unfrozen = balance > frozen ? balance - frozen : 0;
        uint256 frozenAfter = amount > unfrozen ? frozen - (amount - unfrozen) : frozen;
        if (frozenAfter != frozen) {
            vm.expectEmit(true, false, false, true, address(token));
            emit IERC7943Fungible.Frozen(alice, frozenAfter);
        }
        vm.expectEmit(true, true, false, true, address(token));
        emit IERC20.Transfer(alice, bob, amount);
        vm.expectEmit(true, true, false, true, address(token));
        emit IERC7943Fungible.ForcedTransfer(alice, bob, amount);
        vm.prank(enforcer);
        assertTrue(token.forcedTransfer(alice, bob, amount));

        assertEq(token.balanceOf(alice), remaining);
        assertEq(token.balanceOf(bob), amount);
        assertEq(token.getFrozenTokens(alice), frozenAfter, "frozen lowered by what was taken");
        assertEq(token.holderCount(), _countHolders(), "holderCount");
    }

    /// @dev The issuer's burn may take frozen tokens, even while paused and from an unverified wallet.
    function testFuzz_BurnUnfreezesWhatItTakes(
        uint256 balance,
        uint256 frozen,
        uint256 amount,
        bool paused,
        bool revoke
    ) public {
        balance = bound(balance, 1, MAX_AMOUNT);
        frozen = bound(frozen, 0, balance * 2);
        amount = bound(amount, 0, balance);
        _registerAt(alice, ALICE_ID, 586, 3, START + KYC_TTL);
        _mint(alice, balance);
        vm.prank(enforcer);
        token.setFrozenTokens(alice, frozen);
        if (revoke) {
            vm.prank(kycAgent);
            registry.revokeInvestor(alice);
        }
        if (paused) _pause();

        uint256 remaining = balance - amount;
        // Only the frozen tokens taken are unfrozen; a freeze above the balance keeps its excess.
        uint256 unfrozen = balance > frozen ? balance - frozen : 0;
        uint256 frozenAfter = amount > unfrozen ? frozen - (amount - unfrozen) : frozen;
        if (frozenAfter != frozen) {
            vm.expectEmit(true, false, false, true, address(token));
            emit IERC7943Fungible.Frozen(alice, frozenAfter);
        }
        vm.prank(issuer);
        token.burn(alice, amount);

        assertEq(token.balanceOf(alice), remaining);
        assertEq(token.totalSupply(), remaining);
        assertEq(token.getFrozenTokens(alice), frozenAfter);
        assertEq(token.holderCount(), remaining == 0 ? 0 : 1);
    }

    /// @dev Recovery moves the whole balance and the frozen amount (and the wallet freeze) to the replacement.
    function testFuzz_RecoverWalletMovesFrozenTokens(
        uint256 balance,
        uint256 frozen,
        uint256 spareBalance,
        uint256 spareFrozen,
        bool walletFrozen,
        bool paused
    ) public {
        balance = bound(balance, 0, MAX_AMOUNT);
        frozen = bound(frozen, 0, MAX_AMOUNT * 2);
        spareBalance = bound(spareBalance, 0, MAX_AMOUNT);
        spareFrozen = bound(spareFrozen, 0, MAX_AMOUNT);
        _registerAt(alice, ALICE_ID, 586, 3, START + KYC_TTL);
        _registerAt(aliceSpare, ALICE_ID, 586, 3, START + KYC_TTL);
        _mint(alice, balance);
        _mint(aliceSpare, spareBalance);
        vm.startPrank(enforcer);
        token.setFrozenTokens(alice, frozen);
        token.setFrozenTokens(aliceSpare, spareFrozen);
        token.setAddressFrozen(alice, walletFrozen);
        vm.stopPrank();
        if (paused) _pause();

        vm.expectEmit(true, true, false, true, address(token));
        emit IRegulatedToken.WalletRecovered(alice, aliceSpare, balance, frozen);
        vm.prank(enforcer);
        token.recoverWallet(alice, aliceSpare);

        assertEq(token.balanceOf(alice), 0);
        assertEq(token.balanceOf(aliceSpare), balance + spareBalance);
        assertEq(token.getFrozenTokens(alice), 0, "lost wallet unfrozen");
        assertEq(token.getFrozenTokens(aliceSpare), spareFrozen + frozen, "frozen amount carried over");
        assertEq(token.isAddressFrozen(aliceSpare), walletFrozen, "wallet freeze carried over");
        assertEq(token.holderCount(), _countHolders());
    }

    function testFuzz_RecoverWalletRequiresTheSameInvestor(bytes32 otherId, bool sameWallet) public {
        vm.assume(otherId != ALICE_ID && otherId != bytes32(0));
        _registerAt(alice, ALICE_ID, 586, 3, START + KYC_TTL);
        _registerAt(bob, otherId, 586, 3, START + KYC_TTL);
        _mint(alice, 10e18);
        address replacement = sameWallet ? alice : bob;
        vm.expectRevert(
            abi.encodeWithSelector(IRegulatedToken.RegulatedTokenInvalidRecovery.selector, alice, replacement)
        );
        vm.prank(enforcer);
        token.recoverWallet(alice, replacement);
        assertEq(token.balanceOf(alice), 10e18);
    }

    // ---------------------------------------------------------------------------------------------
    // Batches and access control
    // ---------------------------------------------------------------------------------------------

    function testFuzz_TokenBatchLengthMismatch(uint8 a, uint8 b, uint8 c) public {
        uint256 n0 = bound(a, 0, 4);
        uint256 n1 = bound(b, 0, 4);
        uint256 n2 = bound(c, 0, 4);
        vm.assume(n0 != n1 || n0 != n2);
        bytes memory expected2 = abi.encodeWithSelector(BatchLengthMismatch.selector, n0, n1);
        bool twoArraysMismatch = n0 != n1;

        if (twoArraysMismatch) {
            vm.expectRevert(expected2);
            vm.prank(issuer);
            token.batchMint(new address[](n0), new uint256[](n1));
            vm.expectRevert(expected2);
            vm.prank(enforcer);
            token.batchSetAddressFrozen(new address[](n0), new bool[](n1));
            vm.expectRevert(expected2);
            vm.prank(enforcer);
            token.batchSetFrozenTokens(new address[](n0), new uint256[](n1));
        }
        // Three arrays: `tos` is compared with `froms` first, then `amounts`.
        vm.expectRevert(abi.encodeWithSelector(BatchLengthMismatch.selector, n0, twoArraysMismatch ? n1 : n2));
        vm.prank(enforcer);
        token.batchForcedTransfer(new address[](n0), new address[](n1), new uint256[](n2));
    }

    function testFuzz_PrivilegedFunctionsRequireTheirRole(address caller) public {
        vm.assume(caller != issuer && caller != enforcer && caller != compliance && caller != pauser);
        vm.assume(caller != admin);
        _registerAt(alice, ALICE_ID, 586, 3, START + KYC_TTL);
        _registerAt(aliceSpare, ALICE_ID, 586, 3, START + KYC_TTL);
        _mint(alice, 10e18);

        vm.startPrank(caller);
        _expectUnauthorized(caller, token.ISSUER_ROLE());
        token.mint(alice, 1);
        _expectUnauthorized(caller, token.ISSUER_ROLE());
        token.batchMint(new address[](0), new uint256[](0));
        _expectUnauthorized(caller, token.ISSUER_ROLE());
        token.burn(alice, 1);
        _expectUnauthorized(caller, token.ENFORCEMENT_ROLE());
        token.forcedTransfer(alice, aliceSpare, 1);
        _expectUnauthorized(caller, token.ENFORCEMENT_ROLE());
        token.batchForcedTransfer(new address[](0), new address[](0), new uint256[](0));
        _expectUnauthorized(caller, token.ENFORCEMENT_ROLE());
        token.setFrozenTokens(alice, 1);
        _expectUnauthorized(caller, token.ENFORCEMENT_ROLE());
        token.batchSetFrozenTokens(new address[](0), new uint256[](0));
        _expectUnauthorized(caller, token.ENFORCEMENT_ROLE());
        token.setAddressFrozen(alice, true);
        _expectUnauthorized(caller, token.ENFORCEMENT_ROLE());
        token.batchSetAddressFrozen(new address[](0), new bool[](0));
        _expectUnauthorized(caller, token.ENFORCEMENT_ROLE());
        token.recoverWallet(alice, aliceSpare);
        _expectUnauthorized(caller, token.PAUSER_ROLE());
        token.pause();
        _expectUnauthorized(caller, token.PAUSER_ROLE());
        token.unpause();
        _expectUnauthorized(caller, token.COMPLIANCE_ROLE());
        token.setCountryRestriction(true);
        _expectUnauthorized(caller, token.COMPLIANCE_ROLE());
        token.setCountriesAllowed(new uint16[](0), true);
        _expectUnauthorized(caller, token.COMPLIANCE_ROLE());
        token.setAllowedCategories(0);
        _expectUnauthorized(caller, token.COMPLIANCE_ROLE());
        token.setMaxBalance(1);
        _expectUnauthorized(caller, token.COMPLIANCE_ROLE());
        token.setMaxHolders(1);
        _expectUnauthorized(caller, token.COMPLIANCE_ROLE());
        token.setLockUpEnd(uint64(block.timestamp + 1));
        _expectUnauthorized(caller, token.COMPLIANCE_ROLE());
        token.setComplianceModule(IComplianceModule(address(module)));
        _expectUnauthorized(caller, token.DEFAULT_ADMIN_ROLE());
        token.setRegistry(registry);
        vm.stopPrank();

        assertEq(token.balanceOf(alice), 10e18);
        assertEq(token.getFrozenTokens(alice), 0);
        assertFalse(token.isAddressFrozen(alice));
        assertFalse(token.paused());
    }

    // ---------------------------------------------------------------------------------------------
    // Edges of the restriction report
    // ---------------------------------------------------------------------------------------------

    /// @dev ERC-1404: code 0 means the transfer would succeed. A transfer to the zero address never does.
    function testFuzz_DetectReportsTransferToZeroAddress(uint256 amount) public {
        _registerAt(alice, ALICE_ID, 586, 3, START + KYC_TTL);
        _mint(alice, 10e18);
        amount = bound(amount, 0, 10e18);
        uint8 code = token.detectTransferRestriction(alice, address(0), amount);
        vm.prank(alice);
        try token.transfer(address(0), amount) {
            assertEq(code, 0);
        } catch {
            assertTrue(code != 0, "transfer to address(0) reverts but the restriction code is 0");
        }
    }

    /// @dev IERC7943Fungible documents `canTransfer` as "Never reverts".
    function testFuzz_CanTransferNeverReverts(uint256 amount) public {
        _registerAt(bob, keccak256("KYC-BOB"), 586, 3, START + KYC_TTL);
        _mint(bob, 1);
        vm.prank(compliance);
        token.setMaxBalance(100e18);
        amount = bound(amount, type(uint256).max - 1e18, type(uint256).max);
        try token.canTransfer(address(0), bob, amount) returns (bool allowed) {
            assertFalse(allowed);
        } catch {
            assertTrue(false, "canTransfer reverted");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Scenario construction
    // ---------------------------------------------------------------------------------------------

    /**
     * @dev Draws a scenario from `seed`. In three runs out of four one rule only (`focus`, or none)
     * may refuse and every other rule is set to pass; in the other runs every rule may refuse, each
     * with probability 1/4. Without the focused runs almost every random state would be refused for
     * several reasons at once, and the success path and the later rules would rarely be reached.
     */
    function _scenario(uint256 seed) internal pure returns (Scenario memory s) {
        bool free = _draw(seed, "mode", 4) == 0;
        uint256 focus = _draw(seed, "focus", 14); // 13: no rule refuses
        bool[13] memory on;
        for (uint256 rule = 0; rule < 13; ++rule) {
            on[rule] = free ? _draw(seed, rule, 4) == 0 : focus == rule && _draw(seed, rule, 3) != 0;
        }

        s.paused = on[0];
        s.fromKyc = on[1] ? uint8(1 + _draw(seed, "fromKyc", 3)) : KYC_VERIFIED;
        s.toKyc = on[2] ? uint8(1 + _draw(seed, "toKyc", 3)) : KYC_VERIFIED;
        s.fromFrozen = on[3];
        s.toFrozen = on[4];
        // Country allowlist: on, with each of the four countries allowed or not.
        s.countryRestricted = on[5];
        s.allowedCountries = uint8(_draw(seed, "allowedCountries", 16));
        s.fromCountry = _country(_draw(seed, "fromCountry", 4));
        s.toCountry = _country(_draw(seed, "toCountry", 4));
        // Category mask: a random mask instead of every category.
        s.allCategories = !on[6];
        s.categoryMask = uint16(_draw(seed, "categoryMask", 1 << 16));
        s.fromCategory = uint8(1 + _draw(seed, "fromCategory", 15));
        s.toCategory = uint8(1 + _draw(seed, "toCategory", 15));
        // Balances (a quarter of them zero) and frozen tokens, possibly above the balance.
        s.fromBalance = _balance(seed, "fromBalance");
        s.toBalance = _balance(seed, "toBalance");
        s.carolBalance = _balance(seed, "carolBalance");
        s.amount = _draw(seed, "amount", type(uint256).max);
        if (on[7]) {
            s.frozenTokens = _draw(seed, "frozen", 2) == 0 ? 0 : _draw(seed, "frozenTokens", s.fromBalance * 2 + 2);
            s.amountMode = uint8(_draw(seed, "amountMode", 6));
        } else {
            s.amountMode = AMOUNT_WITHIN_UNFROZEN;
        }
        s.maxBalanceMode = on[8] ? uint8(1 + _draw(seed, "maxBalanceMode", 3)) : 0;
        s.maxBalance = _draw(seed, "maxBalance", MAX_AMOUNT * 2) + 1;
        // Maximum holders: at the current count or one above; half the time bob would be a new holder.
        s.maxHoldersSet = on[9];
        if (on[9] && _draw(seed, "newHolder", 2) == 0) s.toBalance = 0;
        // ... and half the time alice sends her whole balance: she leaves, so the count does not grow.
        if (on[9] && !on[7] && _draw(seed, "senderLeaves", 2) == 0) s.amountMode = 2;
        s.maxHolders = uint32(_draw(seed, "holderSlack", 2));
        s.lockUpMode = on[10] ? uint8(1 + _draw(seed, "lockUpMode", 2)) : 0;
        // Half the time exactly on the boundary: a lock-up ending now, a running one ending in 1 s.
        s.lockUpOffset = _draw(seed, "lockUpEdge", 2) == 0 ? 0 : _draw(seed, "lockUpOffset", 30 days + 1);
        s.moduleSet = on[11] || _draw(seed, "moduleSet", 2) == 0;
        s.moduleBlocksTo = on[11];
        s.selfTransfer = on[12];
        // Half the time the short KYCs expire exactly now.
        s.elapsed = _draw(seed, "expiryEdge", 2) == 0 ? 0 : _draw(seed, "elapsed", 30 days + 1);
    }

    /// @dev A uniform value in [0, n) drawn from `seed` for `label`.
    function _draw(uint256 seed, bytes32 label, uint256 n) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, label))) % n;
    }

    function _draw(uint256 seed, uint256 label, uint256 n) internal pure returns (uint256) {
        return _draw(seed, bytes32(label), n);
    }

    function _balance(uint256 seed, bytes32 label) internal pure returns (uint256) {
        if (_draw(seed, label, 4) == 0) return 0;
        return 1 + _draw(seed, keccak256(abi.encode(label)), MAX_AMOUNT);
    }

    /// @dev A small set of countries, edges of the range included, so that allowlists hit often.
    function _country(uint256 index) internal pure returns (uint16) {
        uint16[4] memory countries = [uint16(1), 586, 840, 999];
        return countries[index];
    }

    /// @dev Builds the state of `s` and returns the two parties and the amount.
    function _arrange(Scenario memory s) internal returns (Party memory f, Party memory t, uint256 amount) {
        f = Party(alice, s.fromKyc == KYC_VERIFIED, s.fromFrozen, s.fromCountry, s.fromCategory);
        t = s.selfTransfer ? f : Party(bob, s.toKyc == KYC_VERIFIED, s.toFrozen, s.toCountry, s.toCategory);

        // Registration and minting happen under the open initial policy.
        _onboard(alice, s.fromKyc, f.country, f.category);
        if (!s.selfTransfer) _onboard(bob, s.toKyc, t.country, t.category);
        _registerAt(carol, keccak256("KYC-CAROL"), 586, 1, START + KYC_TTL);
        if (s.fromKyc != KYC_NEVER) _mint(alice, s.fromBalance);
        if (!s.selfTransfer && s.toKyc != KYC_NEVER) _mint(bob, s.toBalance);
        _mint(carol, s.carolBalance);

        // Time passes: short KYCs expire (at exactly their expiry, or later).
        vm.warp(START + SHORT_TTL + s.elapsed);
        vm.startPrank(kycAgent);
        if (s.fromKyc == KYC_REVOKED) registry.revokeInvestor(alice);
        if (!s.selfTransfer && s.toKyc == KYC_REVOKED) registry.revokeInvestor(bob);
        vm.stopPrank();

        vm.startPrank(enforcer);
        token.setFrozenTokens(alice, s.frozenTokens);
        if (s.fromFrozen) token.setAddressFrozen(alice, true);
        if (!s.selfTransfer && s.toFrozen) token.setAddressFrozen(bob, true);
        vm.stopPrank();

        amount = _pickAmount(s);
        s.amount = amount;
        _applyPolicy(s, t.wallet, amount);
    }

    function _onboard(address wallet, uint8 kyc, uint16 country, uint8 category) internal {
        if (kyc == KYC_NEVER) return;
        uint256 expiresAt = START + (kyc == KYC_EXPIRED ? SHORT_TTL : KYC_TTL);
        _registerAt(wallet, keccak256(abi.encode(wallet)), country, category, expiresAt);
    }

    /// @dev Amounts on the edges of the unfrozen tokens and of the balance, within the unfrozen tokens, or any.
    function _pickAmount(Scenario memory s) internal view returns (uint256) {
        uint256 balance = token.balanceOf(alice);
        uint256 unfrozen = balance > s.frozenTokens ? balance - s.frozenTokens : 0;
        uint8 mode = s.amountMode;
        if (mode == AMOUNT_WITHIN_UNFROZEN) return bound(s.amount, 0, unfrozen);
        if (mode == 0) return unfrozen;
        if (mode == 1) return unfrozen + 1;
        if (mode == 2) return balance;
        if (mode == 3) return balance + 1;
        if (mode == 4) return 0;
        return bound(s.amount, 0, balance + balance / 2 + 1);
    }

    function _applyPolicy(Scenario memory s, address to, uint256 amount) internal {
        vm.startPrank(compliance);
        if (s.countryRestricted) {
            token.setCountryRestriction(true);
            for (uint256 i = 0; i < 4; ++i) {
                if ((s.allowedCountries >> i) & 1 != 0) {
                    uint16[] memory one = new uint16[](1);
                    one[0] = _country(i);
                    token.setCountriesAllowed(one, true);
                }
            }
        }
        if (!s.allCategories) token.setAllowedCategories(s.categoryMask);

        // Maximum balance: none, exactly reached, missed by one, or any.
        uint256 reached = token.balanceOf(to) + amount;
        if (s.maxBalanceMode == 1) s.maxBalance = reached;
        else if (s.maxBalanceMode == 2) s.maxBalance = reached == 0 ? 0 : reached - 1;
        else if (s.maxBalanceMode != 3) s.maxBalance = 0;
        if (s.maxBalance != 0) token.setMaxBalance(s.maxBalance);

        // Maximum holders: the current count (no room for a new holder) or one more.
        if (s.maxHoldersSet) {
            s.maxHolders = uint32(_countHolders()) + s.maxHolders;
            if (s.maxHolders != 0) token.setMaxHolders(s.maxHolders);
        } else {
            s.maxHolders = 0;
        }

        // Lock-up: none, ended (at exactly now or before), or running (until now + 1 or later).
        if (s.lockUpMode == 1) token.setLockUpEnd(uint64(block.timestamp - s.lockUpOffset));
        else if (s.lockUpMode == 2) token.setLockUpEnd(uint64(block.timestamp + 1 + s.lockUpOffset));

        if (s.moduleSet) {
            module.setBlocked(to, s.moduleBlocksTo);
            token.setComplianceModule(IComplianceModule(address(module)));
        }
        vm.stopPrank();
        if (s.paused) _pause();
    }

    // ---------------------------------------------------------------------------------------------
    // The reference model of the documented rules
    // ---------------------------------------------------------------------------------------------

    /// @dev Asserts detectTransferRestriction == model and canTransfer == (code is 0 or the balance); returns the code.
    function _checkDetection(
        Scenario memory s,
        Party memory f,
        Party memory t,
        uint256 amount
    ) internal view returns (uint8 code) {
        code = token.detectTransferRestriction(f.wallet, t.wallet, amount);
        assertEq(code, _modelCode(s, f, t, amount), "detectTransferRestriction differs from the model");
        assertEq(
            token.canTransfer(f.wallet, t.wallet, amount),
            code == 0 || code == TransferRestriction.INSUFFICIENT_BALANCE,
            "canTransfer != (code is 0 or INSUFFICIENT_BALANCE)"
        );
        assertEq(token.canSend(f.wallet), _accountCode(s, f, true) == 0, "canSend");
        assertEq(token.canReceive(t.wallet), _accountCode(s, t, false) == 0, "canReceive");
    }

    /// @dev The first documented rule that refuses the move (`f.wallet` zero: a mint).
    function _modelCode(
        Scenario memory s,
        Party memory f,
        Party memory t,
        uint256 amount
    ) internal view returns (uint8) {
        if (s.paused) return TransferRestriction.PAUSED;
        bool isMint = f.wallet == address(0);
        uint8 code;
        if (!isMint) {
            code = _accountCode(s, f, true);
            if (code != 0) return code;
        }
        code = _accountCode(s, t, false);
        if (code != 0) return code;
        uint256 balance = isMint ? 0 : token.balanceOf(f.wallet);
        if (!isMint) {
            // The frozen rule for an amount within the balance; above it, ERC-20's rule comes last.
            if (amount <= balance && amount > (balance > s.frozenTokens ? balance - s.frozenTokens : 0)) {
                return TransferRestriction.INSUFFICIENT_UNFROZEN_BALANCE;
            }
            if (s.lockUpMode == 2) return TransferRestriction.LOCKED_UP;
        }
        if (f.wallet != t.wallet) {
            if (s.maxBalance != 0 && token.balanceOf(t.wallet) + amount > s.maxBalance) {
                return TransferRestriction.MAX_BALANCE_EXCEEDED;
            }
            bool newHolder = amount != 0 && token.balanceOf(t.wallet) == 0;
            bool senderLeaves = !isMint && amount != 0 && token.balanceOf(f.wallet) == amount;
            if (s.maxHolders != 0 && newHolder && !senderLeaves && _countHolders() >= s.maxHolders) {
                return TransferRestriction.MAX_HOLDERS_REACHED;
            }
        }
        if (s.moduleSet && s.moduleBlocksTo) return TransferRestriction.COMPLIANCE_MODULE_REFUSED;
        if (!isMint && amount > balance) return TransferRestriction.INSUFFICIENT_BALANCE;
        return TransferRestriction.SUCCESS;
    }

    function _accountCode(Scenario memory s, Party memory p, bool sending) internal pure returns (uint8) {
        if (!p.verified) {
            return sending ? TransferRestriction.SENDER_NOT_VERIFIED : TransferRestriction.RECEIVER_NOT_VERIFIED;
        }
        if (p.frozen) return sending ? TransferRestriction.SENDER_FROZEN : TransferRestriction.RECEIVER_FROZEN;
        if (s.countryRestricted && !_countryAllowed(s, p.country)) {
            return
                sending
                    ? TransferRestriction.SENDER_COUNTRY_NOT_ALLOWED
                    : TransferRestriction.RECEIVER_COUNTRY_NOT_ALLOWED;
        }
        if (!s.allCategories && (s.categoryMask >> p.category) & 1 == 0) {
            return
                sending
                    ? TransferRestriction.SENDER_CATEGORY_NOT_ALLOWED
                    : TransferRestriction.RECEIVER_CATEGORY_NOT_ALLOWED;
        }
        return TransferRestriction.SUCCESS;
    }

    function _countryAllowed(Scenario memory s, uint16 country) internal pure returns (bool) {
        for (uint8 i = 0; i < 4; ++i) {
            if (_country(i) == country && (s.allowedCountries >> i) & 1 != 0) return true;
        }
        return false;
    }

    /// @dev The revert data the documentation ties to restriction `code`.
    function _expectedError(uint8 code, address from, address to, uint256 amount) internal view returns (bytes memory) {
        if (code == TransferRestriction.PAUSED) return abi.encodeWithSelector(IRegulatedToken.EnforcedPause.selector);
        if (
            code == TransferRestriction.SENDER_NOT_VERIFIED ||
            code == TransferRestriction.SENDER_FROZEN ||
            code == TransferRestriction.SENDER_COUNTRY_NOT_ALLOWED ||
            code == TransferRestriction.SENDER_CATEGORY_NOT_ALLOWED
        ) return abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotSend.selector, from);
        if (
            code == TransferRestriction.RECEIVER_NOT_VERIFIED ||
            code == TransferRestriction.RECEIVER_FROZEN ||
            code == TransferRestriction.RECEIVER_COUNTRY_NOT_ALLOWED ||
            code == TransferRestriction.RECEIVER_CATEGORY_NOT_ALLOWED
        ) return abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotReceive.selector, to);
        uint256 balance = token.balanceOf(from);
        if (code == TransferRestriction.INSUFFICIENT_BALANCE) {
            return abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, from, balance, amount);
        }
        if (code == TransferRestriction.INSUFFICIENT_UNFROZEN_BALANCE) {
            uint256 frozen = token.getFrozenTokens(from);
            return
                abi.encodeWithSelector(
                    IERC7943Fungible.ERC7943InsufficientUnfrozenBalance.selector,
                    from,
                    amount,
                    balance > frozen ? balance - frozen : 0
                );
        }
        if (code == TransferRestriction.LOCKED_UP) {
            return
                abi.encodeWithSelector(
                    IRegulatedToken.RegulatedTokenLockedUp.selector,
                    from,
                    uint256(token.lockUpEndsAt())
                );
        }
        if (code == TransferRestriction.MAX_BALANCE_EXCEEDED) {
            return
                abi.encodeWithSelector(
                    IRegulatedToken.RegulatedTokenMaxBalanceExceeded.selector,
                    to,
                    token.balanceOf(to) + amount,
                    token.maxBalance()
                );
        }
        if (code == TransferRestriction.MAX_HOLDERS_REACHED) {
            return
                abi.encodeWithSelector(
                    IRegulatedToken.RegulatedTokenMaxHoldersReached.selector,
                    to,
                    uint256(token.maxHolders())
                );
        }
        return abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotTransfer.selector, from, to, amount);
    }

    /// @dev Runs transfer (or transferFrom by `spender`) and checks it against restriction `code`.
    function _attempt(
        address from,
        address to,
        uint256 amount,
        uint8 code,
        bool viaTransferFrom,
        uint256 allowance
    ) internal {
        uint256 fromBefore = token.balanceOf(from);
        uint256 toBefore = token.balanceOf(to);
        uint256 supply = token.totalSupply();
        bool allowanceShort = viaTransferFrom && allowance < amount;
        bytes memory expected =
            allowanceShort
                ? abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, spender, allowance, amount)
                : _expectedError(code, from, to, amount);

        vm.prank(viaTransferFrom ? spender : from);
        (bool ok, bytes memory reason) = viaTransferFrom
            ? address(token).call(abi.encodeCall(IERC20.transferFrom, (from, to, amount)))
            : address(token).call(abi.encodeCall(IERC20.transfer, (to, amount)));

        if (ok) {
            assertEq(code, 0, "transfer succeeded with a non-zero restriction code");
            assertFalse(allowanceShort, "transferFrom succeeded above the allowance");
            assertTrue(abi.decode(reason, (bool)), "returned false");
            if (from != to) {
                assertEq(token.balanceOf(from), fromBefore - amount, "sender balance");
                assertEq(token.balanceOf(to), toBefore + amount, "receiver balance");
            } else {
                assertEq(token.balanceOf(from), fromBefore, "self-transfer changed the balance");
            }
            if (viaTransferFrom && allowance != type(uint256).max) {
                assertEq(token.allowance(from, spender), allowance - amount, "allowance spent");
            }
        } else {
            if (!allowanceShort) assertTrue(code != 0, "transfer failed with restriction code 0");
            assertEq(reason, expected, "revert reason");
        }
        assertEq(token.totalSupply(), supply, "supply changed by a transfer");
        assertEq(token.holderCount(), _countHolders(), "holderCount");
    }

    // ---------------------------------------------------------------------------------------------
    // Small helpers
    // ---------------------------------------------------------------------------------------------

    function _noParty() internal pure returns (Party memory p) {}

    /// @dev Holders among every wallet these tests ever give tokens to.
    function _countHolders() internal view returns (uint256 n) {
        address[4] memory wallets = [alice, aliceSpare, bob, carol];
        for (uint256 i = 0; i < wallets.length; ++i) {
            if (token.balanceOf(wallets[i]) != 0) ++n;
        }
    }

    function _registerAt(address wallet, bytes32 id, uint16 country, uint8 category, uint256 expiresAt) internal {
        vm.prank(kycAgent);
        registry.registerInvestor(wallet, id, country, category, uint64(expiresAt));
    }

    function _mint(address to, uint256 amount) internal {
        vm.prank(issuer);
        token.mint(to, amount);
    }

    function _pause() internal {
        vm.prank(pauser);
        token.pause();
    }

    function _expectUnauthorized(address caller, bytes32 role) internal {
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, role));
    }

    /// @dev Makes bob (or the outsider) ineligible to receive for `reason`; alice stays eligible.
    function _makeIneligible(uint8 reason) internal {
        if (reason == 1) {
            vm.warp(START + SHORT_TTL);
        } else if (reason == 2) {
            vm.prank(kycAgent);
            registry.revokeInvestor(bob);
        } else if (reason == 3) {
            vm.prank(enforcer);
            token.setAddressFrozen(bob, true);
        } else if (reason == 4) {
            uint16[] memory allowed = new uint16[](1);
            allowed[0] = 586;
            vm.startPrank(compliance);
            token.setCountryRestriction(true);
            token.setCountriesAllowed(allowed, true);
            vm.stopPrank();
        } else if (reason == 5) {
            vm.prank(compliance);
            token.setAllowedCategories(uint16(1 << 3)); // institutional only; bob is retail
        }
    }
}

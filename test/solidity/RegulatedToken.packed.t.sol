// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Forge-style test names and assertion messages; gas rules do not apply to tests.
// solhint-disable func-name-mixedcase, gas-small-strings, avoid-low-level-calls, gas-strict-inequalities
// solhint-disable function-max-lines

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {LegacyInvestorRegistryMock} from "../../contracts/mocks/LegacyInvestorRegistryMock.sol";
import {RegulatedTokenMock} from "../../contracts/mocks/RegulatedTokenMock.sol";
import {InvestorRegistry} from "../../contracts/registry/InvestorRegistry.sol";
import {IInvestorRegistry} from "../../contracts/registry/IInvestorRegistry.sol";
import {IRegulatedToken} from "../../contracts/token/IRegulatedToken.sol";
import {PackedERC20} from "../../contracts/token/PackedERC20.sol";
import {TransferRestriction} from "../../contracts/token/TransferRestriction.sol";

/**
 * @dev The core on its packed ERC-20 ({PackedERC20}: a freeze flag in each balance word) and its one registry call per
 * balance change ({IInvestorRegistry-eligibilityOfPair}), attacked: every path that moves tokens or writes a freeze,
 * in random sequences, must keep the flag equal to "the wallet has a freeze", the balances summing to the supply, the
 * frozen tokens and wallets still, and the ERC-1404 / ERC-7943 answers equal to what a transfer does; and a registry
 * that cannot answer the pair is refused before it could stop every transfer.
 */
contract RegulatedTokenPackedTest is Test {
    uint256 internal constant START = 1_750_000_000;
    uint256 internal constant CAP = (1 << 255) - 1;
    uint256 internal constant STEPS = 40;
    uint256 internal constant ACTORS = 5;

    InvestorRegistry internal registry;
    RegulatedTokenMock internal token;
    address internal admin = makeAddr("admin");
    address internal alice = makeAddr("alice");
    address internal aliceSpare = makeAddr("aliceSpare");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal outsider = makeAddr("outsider");
    address[ACTORS] internal actors;

    function setUp() public {
        vm.warp(START);
        registry = new InvestorRegistry(admin, 3 days);
        token = new RegulatedTokenMock("Sovereign Test", "SVT", 18, registry, admin, 3 days);
        vm.startPrank(admin);
        registry.grantRole(registry.KYC_AGENT_ROLE(), address(this));
        token.grantRole(token.ISSUER_ROLE(), address(this));
        token.grantRole(token.ENFORCEMENT_ROLE(), address(this));
        token.grantRole(token.COMPLIANCE_ROLE(), address(this));
        token.grantRole(token.PAUSER_ROLE(), address(this));
        vm.stopPrank();
        actors = [alice, aliceSpare, bob, carol, outsider];
        _register(alice, keccak256("ALICE"));
        _register(aliceSpare, keccak256("ALICE")); // another wallet of alice: a recovery's replacement
        _register(bob, keccak256("BOB"));
        _register(carol, keccak256("CAROL"));
        for (uint256 i = 0; i < 4; ++i) token.mint(actors[i], 100e18);
    }

    // ---------------------------------------------------------------------------------------------
    // The registry: one that cannot answer the pair would stop every balance change

    /// @dev A registry deployed before the pair view (shared by every issuance, so likely already live) is refused
    /// where it is set, by the constructor and by {setRegistry}, instead of making every later transfer, mint and
    /// enforcement action revert without a reason.
    function test_ARegistryWithoutThePairViewIsRefused() public {
        LegacyInvestorRegistryMock legacy = new LegacyInvestorRegistryMock(registry);
        bytes memory refused = abi.encodeWithSelector(
            IRegulatedToken.RegulatedTokenInvalidRegistry.selector,
            address(legacy)
        );
        vm.prank(admin);
        vm.expectRevert(refused);
        token.setRegistry(IInvestorRegistry(address(legacy)));
        assertEq(address(token.registry()), address(registry), "registry kept");
        vm.prank(alice);
        assertTrue(token.transfer(bob, 1), "transfers still pass");

        vm.expectRevert(refused);
        new RegulatedTokenMock("Sovereign Test", "SVT", 18, IInvestorRegistry(address(legacy)), admin, 3 days);
    }

    /// @dev A contract that answers the pair with fewer than six words (or not at all) is refused too; a current
    /// registry is accepted.
    function test_SetRegistryAcceptsOnlyAContractThatAnswersThePair() public {
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(IRegulatedToken.RegulatedTokenInvalidRegistry.selector, address(token)));
        token.setRegistry(IInvestorRegistry(address(token)));
        InvestorRegistry next = new InvestorRegistry(admin, 0);
        token.setRegistry(next);
        vm.stopPrank();
        assertEq(address(token.registry()), address(next), "a current registry is accepted");
    }

    // ---------------------------------------------------------------------------------------------
    // The flag at the edges of each path

    function test_FlagNeverShowsInABalance() public {
        token.setFrozenTokens(outsider, 1); // a wallet with nothing, flagged
        assertEq(token.balanceOf(outsider), 0, "flagged empty wallet");
        token.mint(carol, 1); // an odd balance under a flag
        token.setAddressFrozen(carol, true);
        assertEq(token.balanceOf(carol), 100e18 + 1, "odd balance, flagged");
        token.setFrozenTokens(address(0), 7); // the zero address flagged: mints and burns never read it
        token.mint(bob, 3);
        token.burn(bob, 2);
        assertEq(token.balanceOf(address(0)), 0, "zero address");
        assertEq(token.totalSupply(), 400e18 + 2, "supply");
        _assertConsistent();
    }

    /// @dev A freeze above the balance, then a forced transfer of the whole balance: the frozen tokens it took are
    /// unfrozen, the excess stays frozen (and flagged), and it applies to tokens received later.
    function test_FreezeAboveBalanceThenFullForcedTransfer() public {
        token.setFrozenTokens(alice, 150e18);
        token.forcedTransfer(alice, bob, 100e18);
        assertEq(token.getFrozenTokens(alice), 50e18, "excess kept");
        assertTrue(token.freezeFlagOf(alice), "still flagged");
        token.mint(alice, 60e18);
        assertEq(
            token.detectTransferRestriction(alice, bob, 10e18 + 1),
            TransferRestriction.INSUFFICIENT_UNFROZEN_BALANCE
        );
        vm.prank(alice);
        vm.expectRevert();
        token.transfer(bob, 10e18 + 1);
        vm.prank(alice);
        assertTrue(token.transfer(bob, 10e18), "the unfrozen part moves");
        _assertConsistent();
    }

    /// @dev Enforcement that takes every frozen token clears the flag: the wallet is as one never frozen.
    function test_FullForcedTransferOfFrozenTokensClearsTheFlag() public {
        token.setFrozenTokens(alice, 100e18);
        token.burn(alice, 40e18);
        assertEq(token.getFrozenTokens(alice), 60e18, "burn took frozen tokens");
        token.forcedTransfer(alice, bob, 60e18);
        assertEq(token.getFrozenTokens(alice), 0, "nothing frozen left");
        assertFalse(token.freezeFlagOf(alice), "flag cleared");
        token.mint(alice, 5e18);
        vm.prank(alice);
        assertTrue(token.transfer(bob, 5e18), "moves freely again");
        _assertConsistent();
    }

    /// @dev A recovery of a frozen wallet with frozen tokens: the freeze moves to the replacement with its flag; the
    /// lost wallet keeps its wallet freeze (and flag), its frozen tokens gone with its balance.
    function test_RecoveryOfAFrozenWalletMovesTheFreezeAndTheFlag() public {
        token.setFrozenTokens(alice, 30e18);
        token.setAddressFrozen(alice, true);
        token.setFrozenTokens(aliceSpare, 5e18);
        token.recoverWallet(alice, aliceSpare);
        assertEq(token.balanceOf(alice), 0, "lost emptied");
        assertEq(token.balanceOf(aliceSpare), 200e18, "replacement holds both");
        assertEq(token.getFrozenTokens(aliceSpare), 35e18, "frozen amounts added");
        assertTrue(token.isAddressFrozen(aliceSpare), "wallet freeze moved");
        assertTrue(token.freezeFlagOf(aliceSpare), "replacement flagged");
        assertTrue(token.isAddressFrozen(alice), "lost wallet still frozen");
        assertEq(token.getFrozenTokens(alice), 0, "lost frozen tokens moved");
        assertTrue(token.freezeFlagOf(alice), "lost flagged for its wallet freeze");
        vm.prank(aliceSpare);
        vm.expectRevert(abi.encodeWithSignature("ERC7943CannotSend(address)", aliceSpare));
        token.transfer(bob, 1);
        // Unfrozen, only the unfrozen part moves; a recovery back leaves the lost wallet unflagged once unfrozen.
        token.setAddressFrozen(aliceSpare, false);
        assertEq(
            token.detectTransferRestriction(aliceSpare, bob, 165e18 + 1),
            TransferRestriction.INSUFFICIENT_UNFROZEN_BALANCE
        );
        token.setAddressFrozen(alice, false);
        assertFalse(token.freezeFlagOf(alice), "lost unflagged");
        token.recoverWallet(aliceSpare, alice);
        assertFalse(token.freezeFlagOf(aliceSpare), "replacement of the way back unflagged");
        assertEq(token.getFrozenTokens(alice), 35e18, "frozen tokens back");
        _assertConsistent();
    }

    /// @dev The batch forms with one wallet twice: the last entry wins, and the flag follows it.
    function test_BatchFreezesWithRepeatedWallets() public {
        address[] memory wallets = new address[](3);
        (wallets[0], wallets[1], wallets[2]) = (bob, bob, carol);
        uint256[] memory amounts = new uint256[](3);
        (amounts[0], amounts[1], amounts[2]) = (50e18, 0, 1);
        token.batchSetFrozenTokens(wallets, amounts);
        assertFalse(token.freezeFlagOf(bob), "bob: frozen then unfrozen");
        assertTrue(token.freezeFlagOf(carol), "carol: one token frozen");
        bool[] memory frozen = new bool[](3);
        (frozen[0], frozen[1], frozen[2]) = (true, false, false);
        token.batchSetAddressFrozen(wallets, frozen);
        assertFalse(token.freezeFlagOf(bob), "bob: wallet frozen then unfrozen");
        assertTrue(token.freezeFlagOf(carol), "carol: her frozen token keeps the flag");
        // A batch of forced transfers that takes carol's frozen token in its second entry.
        address[] memory froms = new address[](2);
        (froms[0], froms[1]) = (carol, carol);
        address[] memory tos = new address[](2);
        (tos[0], tos[1]) = (bob, alice);
        uint256[] memory values = new uint256[](2);
        (values[0], values[1]) = (100e18 - 1, 1);
        token.batchForcedTransfer(froms, tos, values);
        assertFalse(token.freezeFlagOf(carol), "carol: frozen token taken");
        _assertConsistent();
    }

    /// @dev The escrow: a flagged holder escrows only unfrozen tokens, a frozen wallet gets nothing back by its own
    /// request, the release by enforcement reaches an allowed wallet; the escrow's own word never carries a flag.
    function test_EscrowOfAFlaggedHolder() public {
        token.setFrozenTokens(bob, 60e18);
        vm.expectRevert();
        token.escrow(bob, 40e18 + 1);
        token.escrow(bob, 40e18);
        assertEq(token.balanceOf(address(token)), 40e18, "escrowed");
        token.setAddressFrozen(bob, true);
        vm.expectRevert();
        token.returnEscrow(bob, 1);
        vm.expectRevert();
        token.releaseEscrow(bob, 1);
        token.releaseEscrow(carol, 10e18);
        token.releaseEscrow(address(0), 10e18);
        token.setAddressFrozen(bob, false);
        token.returnEscrow(bob, 20e18);
        assertEq(token.balanceOf(bob), 80e18, "returned");
        assertEq(token.getFrozenTokens(bob), 60e18, "freeze kept through the escrow");
        assertFalse(token.freezeFlagOf(address(token)), "escrow never flagged");
        _assertConsistent();
    }

    /// @dev The width limit through the core: the supply reaches 2**255 - 1, a mint beyond is refused with
    /// {PackedERC20-ERC20ExceededCap}, past 2**256 - 1 it panics, and a flagged wallet at the limit keeps its flag.
    function test_MintAtTheWidthLimit() public {
        uint256 room = CAP - token.totalSupply();
        token.setFrozenTokens(carol, 1);
        token.mint(carol, room);
        assertEq(token.balanceOf(carol), 100e18 + room, "balance near the cap");
        assertEq(token.totalSupply(), CAP, "supply at the cap");
        assertTrue(token.freezeFlagOf(carol), "flag kept");
        vm.expectRevert(abi.encodeWithSelector(PackedERC20.ERC20ExceededCap.selector, CAP + 1, CAP));
        token.mint(bob, 1);
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x11));
        token.mint(bob, type(uint256).max);
        vm.prank(carol);
        assertTrue(token.transfer(bob, 100e18 + room - 1), "all but the frozen token");
        assertEq(token.balanceOf(bob), CAP - 200e18 - 1, "receiver");
        _assertConsistent();
    }

    /// @dev ERC-20's own errors come first and unchanged through the core: zero addresses, allowance before balance.
    function test_ERC20ErrorsThroughTheCore() public {
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        token.transfer(address(0), 1);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSpender.selector, address(0)));
        token.approve(address(0), 1);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, alice, 0, 1));
        token.transferFrom(bob, carol, 1);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidApprover.selector, address(0)));
        token.transferFrom(address(0), carol, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 100e18, 100e18 + 1)
        );
        token.transfer(bob, 100e18 + 1);
        token.approve(bob, type(uint256).max);
        assertTrue(token.transfer(alice, 100e18), "self-transfer of the whole balance");
        vm.stopPrank();
        vm.recordLogs();
        vm.prank(bob);
        assertTrue(token.transferFrom(alice, carol, 1e18));
        assertEq(vm.getRecordedLogs().length, 1, "only Transfer: an unlimited allowance is not spent");
        assertEq(token.allowance(alice, bob), type(uint256).max, "unlimited allowance kept");
        assertEq(token.holderCount(), 4, "holders");
        _assertConsistent();
    }

    // ---------------------------------------------------------------------------------------------
    // Random sequences of every path

    function testFuzz_EveryPathKeepsTheFlagTheSupplyAndTheRules(uint256 seed) public {
        for (uint256 step = 0; step < STEPS; ++step) {
            _step(uint256(keccak256(abi.encode(seed, step))));
            _assertConsistent();
        }
    }

    function _step(uint256 r) internal {
        address a = actors[(r >> 8) % ACTORS];
        address b = actors[(r >> 16) % ACTORS];
        uint256 amount = _amount(r >> 24, a);
        uint256 op = r % 16;
        if (op <= 2) _holderTransfer(a, b, amount, op == 1);
        else if (op == 3) _try(abi.encodeCall(token.mint, (a, amount)));
        else if (op == 4) _try(abi.encodeCall(token.burn, (a, amount)));
        else if (op == 5) _try(abi.encodeCall(token.forcedTransfer, (a, b, amount)));
        else if (op == 6) {
            address[] memory froms = new address[](2);
            (froms[0], froms[1]) = (a, a);
            address[] memory tos = new address[](2);
            (tos[0], tos[1]) = (b, actors[(r >> 40) % ACTORS]);
            uint256[] memory values = new uint256[](2);
            (values[0], values[1]) = (amount / 2, _amount(r >> 48, a));
            _try(abi.encodeCall(token.batchForcedTransfer, (froms, tos, values)));
        } else if (op == 7) {
            (address lost, address replacement) = (r >> 40) & 1 == 0 ? (alice, aliceSpare) : (aliceSpare, alice);
            _try(abi.encodeCall(token.recoverWallet, (lost, replacement)));
        } else if (op == 8) token.setFrozenTokens(a, amount);
        else if (op == 9) {
            address[] memory wallets = new address[](2);
            (wallets[0], wallets[1]) = (a, b);
            uint256[] memory amounts = new uint256[](2);
            (amounts[0], amounts[1]) = (amount, (r >> 40) & 1 == 0 ? 0 : _amount(r >> 48, b));
            token.batchSetFrozenTokens(wallets, amounts);
        } else if (op == 10) token.setAddressFrozen(a, (r >> 40) & 1 == 0);
        else if (op == 11) {
            address[] memory wallets = new address[](2);
            (wallets[0], wallets[1]) = (a, b);
            bool[] memory frozen = new bool[](2);
            (frozen[0], frozen[1]) = ((r >> 40) & 1 == 0, (r >> 41) & 1 == 0);
            token.batchSetAddressFrozen(wallets, frozen);
        } else if (op == 12) _escrow(a, amount);
        else if (op == 13) _try(abi.encodeCall(token.returnEscrow, (a, _escrowAmount(r >> 40))));
        else if (op == 14) {
            _try(abi.encodeCall(token.releaseEscrow, ((r >> 48) & 1 == 0 ? address(0) : a, _escrowAmount(r >> 40))));
        } else if (a != outsider) {
            // KYC revoked or registered again (the outsider is never registered).
            if (registry.investorOf(a).revoked) {
                _register(a, a == aliceSpare ? keccak256("ALICE") : keccak256(abi.encode(a)));
            } else if (registry.investorOf(a).investorId != bytes32(0)) {
                registry.revokeInvestor(a);
            }
        }
    }

    /// @dev A holder's transfer (or a spender's, with an unlimited allowance): it succeeds exactly when
    /// detectTransferRestriction says so, canTransfer and canSend / canReceive agree with the code, and neither a
    /// frozen token nor a frozen wallet's token moves.
    function _holderTransfer(address from, address to, uint256 amount, bool bySpender) internal {
        uint8 code = token.detectTransferRestriction(from, to, amount);
        bool canTransfer = token.canTransfer(from, to, amount);
        assertEq(
            canTransfer,
            code == TransferRestriction.SUCCESS || code == TransferRestriction.INSUFFICIENT_BALANCE,
            "canTransfer"
        );
        if (!token.paused()) {
            if (!token.canSend(from)) assertTrue(code == 2 || code == 4 || code == 6 || code == 8, "canSend false");
            else if (!token.canReceive(to)) assertTrue(code == 3 || code == 5 || code == 7 || code == 9, "canReceive");
        }
        uint256 balanceBefore = token.balanceOf(from);
        uint256 frozenBefore = token.getFrozenTokens(from);
        bool walletFrozen = token.isAddressFrozen(from);
        bool ok;
        if (bySpender) {
            vm.prank(from);
            token.approve(address(this), type(uint256).max);
            (ok, ) = address(token).call(abi.encodeCall(IERC20.transferFrom, (from, to, amount)));
        } else {
            vm.prank(from);
            (ok, ) = address(token).call(abi.encodeCall(IERC20.transfer, (to, amount)));
        }
        assertEq(ok, code == TransferRestriction.SUCCESS, "transfer outcome = detectTransferRestriction");
        if (ok && from != to) {
            assertFalse(walletFrozen, "a frozen wallet sent");
            uint256 floor = frozenBefore < balanceBefore ? frozenBefore : balanceBefore;
            assertGe(token.balanceOf(from), floor, "frozen tokens moved");
        }
    }

    function _escrow(address holder, uint256 amount) internal {
        uint256 balanceBefore = token.balanceOf(holder);
        uint256 frozenBefore = token.getFrozenTokens(holder);
        bool walletFrozen = token.isAddressFrozen(holder);
        (bool ok, ) = address(token).call(abi.encodeCall(token.escrow, (holder, amount)));
        if (ok && amount != 0) {
            assertFalse(walletFrozen, "a frozen wallet escrowed");
            uint256 floor = frozenBefore < balanceBefore ? frozenBefore : balanceBefore;
            assertGe(token.balanceOf(holder), floor, "frozen tokens escrowed");
        }
    }

    function _try(bytes memory data) internal {
        (bool ok, bytes memory answer) = address(token).call(data);
        ok;
        answer;
    }

    /// @dev The flag equals "has a freeze" for every wallet, the escrow unflagged, balances sum to the supply.
    function _assertConsistent() internal view {
        uint256 sum = token.balanceOf(address(token));
        for (uint256 i = 0; i < ACTORS; ++i) {
            address account = actors[i];
            bool hasFreeze = token.isAddressFrozen(account) || token.getFrozenTokens(account) != 0;
            assertEq(token.freezeFlagOf(account), hasFreeze, "flag = has a freeze");
            sum += token.balanceOf(account);
        }
        assertFalse(token.freezeFlagOf(address(token)), "escrow flag");
        assertEq(sum, token.totalSupply(), "sum of balances = totalSupply");
    }

    function _amount(uint256 r, address account) internal view returns (uint256) {
        uint256 balance = token.balanceOf(account);
        uint256 frozen = token.getFrozenTokens(account);
        uint256 kind = r % 8;
        if (kind == 0) return 0;
        if (kind == 1) return balance;
        if (kind == 2) return balance + 1;
        if (kind == 3) return balance > frozen ? balance - frozen : 0;
        if (kind == 4) return balance > frozen ? balance - frozen + 1 : 1;
        if (kind == 5) return frozen;
        if (kind == 6) return balance / 2;
        return (r >> 8) % 200e18;
    }

    function _escrowAmount(uint256 r) internal view returns (uint256) {
        uint256 held = token.balanceOf(address(token));
        return r % 3 == 0 ? held : (r % 3 == 1 ? held / 2 : held + 1);
    }

    function _register(address wallet, bytes32 id) internal {
        registry.registerInvestor(wallet, id, 840, 1, uint64(block.timestamp + 365 days));
    }
}

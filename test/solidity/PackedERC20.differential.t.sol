// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Forge-style test names and assertion messages; gas rules do not apply to tests.
// solhint-disable func-name-mixedcase, gas-small-strings, avoid-low-level-calls, gas-strict-inequalities, reentrancy

import {Test, Vm} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20CappedReferenceMock} from "../../contracts/mocks/ERC20CappedReferenceMock.sol";
import {PackedERC20Mock} from "../../contracts/mocks/PackedERC20Mock.sol";
import {PackedERC20} from "../../contracts/token/PackedERC20.sol";

/**
 * @dev {PackedERC20} is OpenZeppelin's ERC-20 capped at 2**255 - 1: the same random sequences of calls (mint, burn,
 * transfer, transferFrom, approve and the internal transfer, update, approve and allowance spending, by random
 * callers among wallets, the zero address and the contracts, with amounts at the edges: zero, one, a balance and one
 * more or less, an allowance, the cap, the room left under it, 2**256 - 1) run on both, and every call must give the
 * same success, the same return or revert data and the same events, and leave the same balances, allowances and
 * total supply. Meanwhile the flag of {PackedERC20} is set and cleared at random: no flag ever shows in a balance,
 * and no balance change ever alters a flag.
 */
contract PackedERC20DifferentialTest is Test {
    uint256 internal constant CAP = (1 << 255) - 1;
    uint256 internal constant STEPS = 48;
    uint256 internal constant ACTORS = 6;

    PackedERC20Mock internal packed;
    ERC20CappedReferenceMock internal oz;
    address[ACTORS] internal actors;
    /// @dev The flag each actor should have in {packed}: set only by `setFlag`.
    mapping(address account => bool) internal expectedFlag;

    function setUp() public {
        packed = new PackedERC20Mock();
        oz = new ERC20CappedReferenceMock();
        actors = [address(0), makeAddr("alice"), makeAddr("bob"), makeAddr("carol"), address(this), address(packed)];
    }

    function testFuzz_SameAsOpenZeppelin(uint256 seed) public {
        for (uint256 step = 0; step < STEPS; ++step) {
            _step(uint256(keccak256(abi.encode(seed, step))));
            _assertSameState();
        }
    }

    /// @dev The same, with amounts drawn near the cap: the supply grows to it and mints are refused beyond it.
    function testFuzz_SameAsOpenZeppelinNearTheCap(uint256 seed) public {
        (bool ok, ) = _both(address(this), abi.encodeCall(PackedERC20Mock.mint, (actors[1], CAP - (seed % 1e30))));
        assertTrue(ok, "mint near the cap");
        testFuzz_SameAsOpenZeppelin(seed);
    }

    function test_MintUpToTheCapThenRefusedWithERC20ExceededCap() public {
        address alice = actors[1];
        packed.mint(alice, CAP - 1);
        packed.setFlag(alice, true);
        packed.mint(alice, 1);
        assertEq(packed.balanceOf(alice), CAP, "balance at the cap");
        assertEq(packed.totalSupply(), CAP, "supply at the cap");
        assertTrue(packed.flagOf(alice), "flag kept at the cap");
        vm.expectRevert(abi.encodeWithSelector(PackedERC20.ERC20ExceededCap.selector, CAP + 1, CAP));
        packed.mint(actors[2], 1);
        // Past 2**256 - 1 the addition panics first, as in OpenZeppelin's ERC-20.
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x11));
        packed.mint(actors[2], type(uint256).max);
        // The whole balance moves, flag untouched on both sides.
        vm.prank(alice);
        assertTrue(packed.transfer(actors[2], CAP));
        assertEq(packed.balanceOf(actors[2]), CAP, "receiver at the cap");
        assertEq(packed.balanceOf(alice), 0, "sender empty");
        assertTrue(packed.flagOf(alice), "flag of an empty wallet kept");
        assertFalse(packed.flagOf(actors[2]), "no flag carried");
    }

    // ---------------------------------------------------------------------------------------------

    /// @dev One random call, run on both tokens (or a flag change on {packed}).
    function _step(uint256 r) internal {
        address caller = _actor(r >> 8);
        address a = _actor(r >> 16);
        address b = _actor(r >> 24);
        uint256 value = _amount(r >> 32, a, b, caller);
        uint256 op = r % 10;
        bytes memory data;
        if (op == 0) data = abi.encodeCall(IERC20.transfer, (b, value));
        else if (op == 1) data = abi.encodeCall(IERC20.transferFrom, (a, b, value));
        else if (op == 2) data = abi.encodeCall(IERC20.approve, (b, value));
        else if (op == 3) data = abi.encodeCall(PackedERC20Mock.mint, (a, value));
        else if (op == 4) data = abi.encodeCall(PackedERC20Mock.burn, (a, value));
        else if (op == 5) data = abi.encodeCall(PackedERC20Mock.transferInternal, (a, b, value));
        else if (op == 6) data = abi.encodeCall(PackedERC20Mock.approveInternal, (a, b, value, (r >> 40) & 1 == 0));
        else if (op == 7) data = abi.encodeCall(PackedERC20Mock.spendAllowance, (a, b, value));
        else if (op == 8) data = abi.encodeCall(PackedERC20Mock.updateInternal, (a, b, value));
        else {
            bool flagged = (r >> 40) & 1 == 0;
            packed.setFlag(a, flagged);
            expectedFlag[a] = flagged;
            return;
        }
        _both(caller, data);
    }

    /// @dev Calls both tokens with `data` as `caller`; asserts the same outcome, answer and events.
    function _both(address caller, bytes memory data) internal returns (bool ok, bytes memory answer) {
        vm.recordLogs();
        vm.prank(caller);
        (ok, answer) = address(packed).call(data);
        Vm.Log[] memory packedLogs = vm.getRecordedLogs();
        vm.prank(caller);
        (bool referenceOk, bytes memory referenceAnswer) = address(oz).call(data);
        Vm.Log[] memory referenceLogs = vm.getRecordedLogs();
        assertEq(ok, referenceOk, "success");
        assertEq(answer, referenceAnswer, "return or revert data");
        // The recorder also keeps what a reverted call emitted (OpenZeppelin's cap is checked after its event): a
        // reverted call emits nothing on chain, so only a successful call's events are compared.
        if (!ok) return (ok, answer);
        assertEq(packedLogs.length, referenceLogs.length, "number of events");
        for (uint256 i = 0; i < packedLogs.length; ++i) {
            assertEq(packedLogs[i].topics, referenceLogs[i].topics, "event topics");
            assertEq(packedLogs[i].data, referenceLogs[i].data, "event data");
        }
    }

    function _assertSameState() internal view {
        assertEq(packed.totalSupply(), oz.totalSupply(), "totalSupply");
        uint256 sum;
        for (uint256 i = 0; i < ACTORS; ++i) {
            address account = actors[i];
            assertEq(packed.balanceOf(account), oz.balanceOf(account), "balanceOf");
            assertEq(packed.flagOf(account), expectedFlag[account], "flag");
            sum += packed.balanceOf(account);
            for (uint256 j = 0; j < ACTORS; ++j) {
                assertEq(packed.allowance(account, actors[j]), oz.allowance(account, actors[j]), "allowance");
            }
        }
        assertEq(sum, packed.totalSupply(), "sum of balances = totalSupply");
    }

    function _actor(uint256 r) internal view returns (address) {
        return actors[r % ACTORS];
    }

    /// @dev An amount at an edge of the state of `a`, `b` and `caller`, or a random one.
    function _amount(uint256 r, address a, address b, address caller) internal view returns (uint256) {
        uint256 kind = r % 14;
        uint256 balance = oz.balanceOf(a);
        uint256 supply = oz.totalSupply();
        if (kind == 0) return 0;
        if (kind == 1) return 1;
        if (kind == 2) return balance;
        if (kind == 3) return balance + 1;
        if (kind == 4) return balance == 0 ? 0 : balance - 1;
        if (kind == 5) return oz.allowance(a, caller);
        if (kind == 6) return oz.allowance(a, b);
        if (kind == 7) return type(uint256).max;
        if (kind == 8) return CAP;
        if (kind == 9) return CAP - supply;
        if (kind == 10) return CAP - supply + 1;
        if (kind == 11) return balance / 2;
        if (kind == 12) return (r >> 8) % 1e24;
        return uint256(keccak256(abi.encode(r)));
    }
}

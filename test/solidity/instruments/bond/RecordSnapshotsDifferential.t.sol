// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {BondSnapshotMock} from "../../../../contracts/mocks/BondSnapshotMock.sol";
import {LegacyBondSnapshotMock} from "../../../../contracts/mocks/LegacyBondSnapshotMock.sol";

/**
 * @dev Differential test of the record-date storage: the scheme the bond uses ({RecordSnapshots}: the
 * newest entry in the head slot, the window cached once per period) against the former one
 * ({LegacyRecordSnapshots}), on two tokens given the same random mints, burns and transfers at the same
 * random times across record dates. After every step, every holder's balance at every record date (passed
 * or not) and the supply at every record date are the same in both, and a call that reverts in one reverts
 * in the other. Amounts include values around 2^128 (where the head no longer holds the value) and up to
 * 2^256 (where both refuse what does not fit in 224 bits, or overflow).
 */
contract RecordSnapshotsDifferentialTest is Test {
    uint256 private constant HOLDERS = 4;
    uint256 private constant ISSUE = 1_767_225_600; // 2026-01-01
    BondSnapshotMock private token;
    LegacyBondSnapshotMock private legacy;
    uint256 private count;

    function setUp() public {
        vm.warp(ISSUE);
        // Monthly coupons for three years, record dates 7 days before each.
        token = new BondSnapshotMock(ISSUE, ISSUE + 3 * 365 days, 12, 7 days);
        legacy = new LegacyBondSnapshotMock(ISSUE, ISSUE + 3 * 365 days, 12, 7 days);
        count = token.couponCount();
        assertEq(legacy.couponCount(), count);
    }

    function _holder(uint256 h) private pure returns (address) {
        return address(uint160(0x1000 + h));
    }

    /// @dev An amount from `seed`: mostly small, else around 2^128, any size, or a holder's whole balance.
    function _amount(uint256 seed, address holder) private view returns (uint256) {
        uint256 raw = uint256(keccak256(abi.encode(seed)));
        uint256 kind = (seed >> 200) % 8;
        if (kind == 5) return type(uint128).max - 1 + (raw % 4);
        if (kind == 6) return raw >> (raw % 256);
        if (kind == 7) return token.balanceOf(holder);
        return raw % 1_000;
    }

    /// @dev Sends `data` to both tokens: both succeed or both revert.
    function _both(bytes memory data) private {
        (bool done, ) = address(token).call(data);
        (bool legacyDone, ) = address(legacy).call(data);
        assertEq(done, legacyDone, "one scheme reverted, the other did not");
    }

    /// @dev Every balance and supply at every record date (those not passed yet too) is the same in both.
    function _assertSame() private view {
        for (uint256 k = 0; k < count; ++k) {
            for (uint256 h = 0; h < HOLDERS; ++h) {
                assertEq(token.balanceAtRecord(_holder(h), k), legacy.balanceAtRecord(_holder(h), k), "balance");
            }
            assertEq(token.supplyAtRecord(k), legacy.supplyAtRecord(k), "supply");
        }
    }

    function testFuzz_theNewStorageAnswersAsTheOld(uint256[32] calldata steps) public {
        uint256 next = 0; // the first record date not passed yet
        for (uint256 s = 0; s < steps.length; ++s) {
            uint256 step = steps[s];
            // Move time forward 0 to about 75 days, landing exactly on a record date one time in four.
            uint256 time = block.timestamp + (step % 75 days);
            while (next < count && token.recordDate(next) < block.timestamp) ++next;
            if ((step >> 64) % 4 == 0 && next < count) time = token.recordDate(next);
            if (time > block.timestamp) vm.warp(time);
            address from = _holder((step >> 96) % HOLDERS);
            address to = _holder((step >> 104) % HOLDERS);
            uint256 amount = _amount(step, from);
            uint256 action = (step >> 192) % 3;
            if (action == 0) _both(abi.encodeCall(BondSnapshotMock.mint, (to, amount)));
            else if (action == 1) _both(abi.encodeCall(BondSnapshotMock.burn, (from, amount)));
            else _both(abi.encodeCall(BondSnapshotMock.move, (from, to, amount)));
            assertEq(token.totalSupply(), legacy.totalSupply());
            _assertSame();
        }
        vm.warp(block.timestamp + 5 * 365 days);
        _assertSame();
    }
}

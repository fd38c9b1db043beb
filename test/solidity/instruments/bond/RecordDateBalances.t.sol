// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {BondSnapshotMock} from "../../../../contracts/mocks/BondSnapshotMock.sol";

/**
 * @dev Differential test of the record-date balances: random mints, burns and transfers at random
 * times against a model that writes down every balance at every record date.
 */
contract RecordDateBalancesTest is Test {
    uint256 private constant HOLDERS = 4;
    uint256 private constant ISSUE = 1_767_225_600; // 2026-01-01
    BondSnapshotMock private token;
    uint256 private count;
    /// @dev model[k][h]: balance of holder h at record date k; modelSupply[k].
    mapping(uint256 => mapping(uint256 => uint256)) private model;
    mapping(uint256 => uint256) private modelSupply;
    uint256 private modelled; // record dates written down in the model so far

    function setUp() public {
        vm.warp(ISSUE);
        // Monthly coupons for three years, record dates 7 days before each.
        token = new BondSnapshotMock(ISSUE, ISSUE + 3 * 365 days, 12, 7 days);
        count = token.couponCount();
    }

    function _holder(uint256 h) private pure returns (address) {
        return address(uint160(0x1000 + h));
    }

    /// @dev Writes down, in the model, the balances at every record date that passed since the last step.
    function _catchUp() private {
        while (modelled < count && token.recordDate(modelled) < block.timestamp) {
            for (uint256 h = 0; h < HOLDERS; ++h) model[modelled][h] = token.balanceOf(_holder(h));
            modelSupply[modelled] = token.totalSupply();
            ++modelled;
        }
    }

    function testFuzz_balancesAtRecordDatesMatchTheModel(uint256[40] calldata steps) public {
        for (uint256 s = 0; s < steps.length; ++s) {
            uint256 step = steps[s];
            // Move time forward 0 to about 60 days, landing exactly on a record date one time in four.
            uint256 next = block.timestamp + (step % 60 days);
            if ((step >> 64) % 4 == 0 && modelled < count) next = token.recordDate(modelled);
            if (next > block.timestamp) vm.warp(next);
            _catchUp();
            address from = _holder((step >> 96) % HOLDERS);
            address to = _holder((step >> 104) % HOLDERS);
            uint256 amount = (step >> 128) % 1_000;
            uint256 action = (step >> 200) % 3;
            if (action == 0) {
                token.mint(to, amount);
            } else if (action == 1) {
                token.burn(from, amount % (token.balanceOf(from) + 1));
            } else {
                token.move(from, to, amount % (token.balanceOf(from) + 1));
            }
        }
        vm.warp(block.timestamp + 5 * 365 days);
        _catchUp();
        for (uint256 k = 0; k < count; ++k) {
            uint256 sum = 0;
            for (uint256 h = 0; h < HOLDERS; ++h) {
                assertEq(token.balanceAtRecord(_holder(h), k), model[k][h]);
                sum += model[k][h];
            }
            assertEq(token.supplyAtRecord(k), modelSupply[k]);
            assertEq(sum, modelSupply[k]);
        }
    }
}

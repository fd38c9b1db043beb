// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {InvestorCategory} from "../../../../contracts/registry/InvestorCategory.sol";
import {TreasuryBill} from "../../../../contracts/instruments/tbill/TreasuryBill.sol";
import {SettlementTokenMock} from "../../../../contracts/mocks/SettlementTokenMock.sol";
import {TreasuryBillTestBase} from "./TreasuryBillTestBase.sol";

/**
 * @dev Drives a bill through its life in random order: auctions, transfers, freezes, time, funding
 * and redemptions. It is the treasury wallet, the issuer, the treasurer and the enforcer.
 */
contract RedemptionHandler is Test {
    uint256 public constant FACE = 100e6;

    TreasuryBill public immutable bill;
    SettlementTokenMock public immutable usd;
    address[] public holders;
    /// @dev Redemptions whose payout was not exactly the face value (rounded down) of what was burnt.
    uint256 public mismatches;
    /// @dev Total received by holders through redemptions, measured on their balances.
    uint256 public paidToHolders;

    constructor(TreasuryBill bill_, SettlementTokenMock usd_, address[] memory holders_) {
        bill = bill_;
        usd = usd_;
        holders = holders_;
        usd.mint(address(this), type(uint128).max);
        usd.approve(address(bill), type(uint256).max);
    }

    function settle(uint256 holderSeed, uint256 amount, uint256 price) external {
        address holder = _holder(holderSeed);
        address[] memory bidders = new address[](1);
        uint256[] memory amounts = new uint256[](1);
        uint256[] memory prices = new uint256[](1);
        (bidders[0], amounts[0], prices[0]) = (holder, bound(amount, 1, 1e24), bound(price, 90e6, FACE));
        uint256[] memory ids = new uint256[](1);
        ids[0] = bill.recordAllotments(bytes32("A"), bidders, amounts, prices);
        bill.settleAllotments(ids);
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _holder(fromSeed);
        vm.prank(from);
        bill.transfer(_holder(toSeed), bound(amount, 0, bill.balanceOf(from)));
    }

    function freeze(uint256 holderSeed, bool frozen) external {
        bill.setAddressFrozen(_holder(holderSeed), frozen);
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1 hours, 50 days));
    }

    function fund() external {
        bill.fundRedemption();
    }

    function redeem(uint256 holderSeed, uint256 amount) external {
        address holder = _holder(holderSeed);
        uint256 balance = bill.balanceOf(holder);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        uint256 before = usd.balanceOf(holder);
        vm.prank(holder);
        bill.redeem(amount);
        _record(holder, before, amount);
    }

    function redeemFor(uint256 holderSeed) external {
        address holder = _holder(holderSeed);
        uint256 amount = bill.balanceOf(holder);
        uint256 before = usd.balanceOf(holder);
        address[] memory list = new address[](1);
        list[0] = holder;
        bill.redeemFor(list);
        if (bill.balanceOf(holder) == 0) _record(holder, before, amount);
    }

    function holderCount() external view returns (uint256) {
        return holders.length;
    }

    function _record(address holder, uint256 before, uint256 burnt) private {
        uint256 received = usd.balanceOf(holder) - before;
        paidToHolders += received;
        if (received != (burnt * FACE) / 1e18) ++mismatches;
    }

    function _holder(uint256 seed) private view returns (address) {
        return holders[seed % holders.length];
    }
}

/// @dev Redemption conservation, as invariants over random lives of a bill.
contract TreasuryBillRedemptionInvariantTest is TreasuryBillTestBase {
    TreasuryBill private bill;
    SettlementTokenMock private usd;
    RedemptionHandler private handler;

    function setUp() public {
        _deployRegistry();
        address[] memory holders = new address[](4);
        for (uint256 i = 0; i < holders.length; ++i) {
            holders[i] = address(uint160(0xD0 + i));
            _register(holders[i], InvestorCategory.PRIMARY_DEALER);
        }
        usd = new SettlementTokenMock();
        // The handler is the treasury wallet; its address is known before it is deployed.
        bill = _deployBill(usd, vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1));
        handler = new RedemptionHandler(bill, usd, holders);
        assertEq(address(handler), bill.treasury());
        for (uint256 i = 0; i < holders.length; ++i) {
            usd.mint(holders[i], 1e30);
            vm.prank(holders[i]);
            usd.approve(address(bill), type(uint256).max);
        }
        bill.grantRole(bill.ISSUER_ROLE(), address(handler));
        bill.grantRole(bill.TREASURY_ROLE(), address(handler));
        bill.grantRole(bill.ENFORCEMENT_ROLE(), address(handler));
        targetContract(address(handler));
    }

    /// @dev What was funded is either paid out or still held by the bill.
    function invariant_paidPlusHeldEqualsFunded() public view {
        assertEq(bill.redemptionPaid() + usd.balanceOf(address(bill)), bill.redemptionFunded());
    }

    /// @dev Paid out never exceeds funded.
    function invariant_paidNeverExceedsFunded() public view {
        assertLe(bill.redemptionPaid(), bill.redemptionFunded());
    }

    /// @dev Each redemption paid exactly the face value of what it burnt, and holders received all that was paid.
    function invariant_eachHolderPaidExactlyFace() public view {
        assertEq(handler.mismatches(), 0);
        assertEq(handler.paidToHolders(), bill.redemptionPaid());
    }

    /// @dev Once funded, what the bill holds pays every holder's whole balance.
    function invariant_fundedCoversEveryHolder() public view {
        if (bill.redemptionDue() != 0) return;
        uint256 claims = 0;
        for (uint256 i = 0; i < handler.holderCount(); ++i) {
            claims += (bill.balanceOf(handler.holders(i)) * 100e6) / 1e18;
        }
        assertGe(bill.redemptionFunded() - bill.redemptionPaid(), claims);
    }
}

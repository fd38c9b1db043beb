// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InvestorCategory} from "../../../../contracts/registry/InvestorCategory.sol";
import {IDebtSecurity} from "../../../../contracts/instruments/debt/IDebtSecurity.sol";
import {TreasuryBill} from "../../../../contracts/instruments/tbill/TreasuryBill.sol";
import {SettlementTokenFalseMock} from "../../../../contracts/mocks/SettlementTokenFalseMock.sol";
import {TreasuryBillTestBase} from "./TreasuryBillTestBase.sol";

/// @dev Delivery-versus-payment in fuzz: an allotment settles completely or leaves every balance as it was.
contract TreasuryBillSettlementTest is TreasuryBillTestBase {
    address private constant TREASURY = address(0x7EA5);
    address private constant BIDDER = address(0xB1D);

    SettlementTokenFalseMock private usd;
    TreasuryBill private bill;

    function setUp() public {
        _deployRegistry();
        _register(BIDDER, InvestorCategory.PRIMARY_DEALER);
        usd = new SettlementTokenFalseMock();
        bill = _deployBill(usd, TREASURY);
        bill.grantRole(bill.ISSUER_ROLE(), address(this));
        bill.grantRole(bill.COMPLIANCE_ROLE(), address(this));
        bill.grantRole(bill.ENFORCEMENT_ROLE(), address(this));
    }

    /// @dev Whatever fails (funds, allowance, eligibility, freeze, a token returning false), nothing moves alone.
    function testFuzz_settlementIsAllOrNothing(
        uint256 amount,
        uint256 price,
        uint256 balance,
        uint256 allowance,
        bool eligible,
        bool frozen,
        bool tokenFails
    ) public {
        amount = bound(amount, 1, 1e30);
        price = bound(price, 1, FACE);
        uint256 cost = (amount * price + 1e18 - 1) / 1e18;
        balance = bound(balance, 0, 2 * cost);
        allowance = bound(allowance, 0, 2 * cost);
        usd.mint(BIDDER, balance);
        vm.prank(BIDDER);
        usd.approve(address(bill), allowance);
        if (!eligible) bill.setAllowedCategories(uint16(1 << InvestorCategory.INSTITUTIONAL));
        if (frozen) bill.setAddressFrozen(BIDDER, true);
        if (tokenFails) usd.setFailing(BIDDER, true);

        uint256 id = _recordAndSettle(amount, price);

        bool canSettle = balance >= cost && allowance >= cost && eligible && !frozen && !tokenFails;
        IDebtSecurity.AllotmentStatus status = bill.allotment(id).status;
        if (canSettle) {
            assertEq(uint8(status), uint8(IDebtSecurity.AllotmentStatus.Settled), "settled");
            assertEq(bill.balanceOf(BIDDER), amount, "bills delivered");
            assertEq(usd.balanceOf(TREASURY), cost, "payment received");
            assertEq(usd.balanceOf(BIDDER), balance - cost, "payment taken");
        } else {
            assertEq(uint8(status), uint8(IDebtSecurity.AllotmentStatus.Pending), "still pending");
            assertEq(bill.totalSupply(), 0, "no bill minted");
            assertEq(usd.balanceOf(TREASURY), 0, "no payment received");
            assertEq(usd.balanceOf(BIDDER), balance, "no payment taken");
        }
    }

    function _recordAndSettle(uint256 amount, uint256 price) private returns (uint256 id) {
        address[] memory bidders = new address[](1);
        uint256[] memory amounts = new uint256[](1);
        uint256[] memory prices = new uint256[](1);
        (bidders[0], amounts[0], prices[0]) = (BIDDER, amount, price);
        id = bill.recordAllotments(bytes32("AUCTION"), bidders, amounts, prices);
        uint256[] memory ids = new uint256[](1);
        ids[0] = id;
        bill.settleAllotments(ids);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {InvestorRegistry} from "../../../../contracts/registry/InvestorRegistry.sol";
import {IDebtSecurity} from "../../../../contracts/instruments/debt/IDebtSecurity.sol";
import {ISovereignBond} from "../../../../contracts/instruments/bond/ISovereignBond.sol";
import {SovereignBond} from "../../../../contracts/instruments/bond/SovereignBond.sol";
import {SettlementTokenMock} from "../../../../contracts/mocks/SettlementTokenMock.sol";
import {DayCount} from "../../../../contracts/utils/DayCount.sol";

/**
 * @dev Drives a bond at random: holders trade, time passes, the treasury funds, pushes and sweeps
 * coupons, holders claim (their own coupons and those moved to them by recoveries), tokens are
 * frozen in part or in full and unfrozen, wallets are recovered to their investor's other wallet.
 * Records, as ghosts, what holders actually received per period.
 */
contract BondFundsHandler is Test {
    SovereignBond public immutable bond;
    SettlementTokenMock public immutable usd;
    address public immutable treasury;
    address[] public holders;
    mapping(uint256 period => uint256) public received;
    /// @dev Successful calls, to see that the runs reach the payments.
    uint256 public funded;
    uint256 public paid;

    constructor(SovereignBond bond_, SettlementTokenMock usd_, address treasury_, address[] memory holders_) {
        bond = bond_;
        usd = usd_;
        treasury = treasury_;
        holders = holders_;
    }

    function holderCount() external view returns (uint256) {
        return holders.length;
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = holders[fromSeed % holders.length];
        address to = holders[toSeed % holders.length];
        amount = bound(amount, 0, bond.balanceOf(from));
        vm.prank(from);
        try bond.transfer(to, amount) {} catch {}
    }

    function mint(uint256 toSeed, uint256 amount) external {
        amount = bound(amount, 1, 1_000e18);
        vm.prank(treasury); // the treasury also holds ISSUER_ROLE in this test
        try bond.mint(holders[toSeed % holders.length], amount) {} catch {}
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 90 days));
    }

    function fund(uint256 periodSeed) external {
        uint256 period = _regularPeriod(periodSeed);
        vm.prank(treasury);
        try bond.fundCoupon(period) {
            ++funded;
        } catch {}
    }

    function claim(uint256 holderSeed, uint256 periodSeed) external {
        address holder = holders[holderSeed % holders.length];
        uint256 period = _regularPeriod(periodSeed);
        uint256 before = usd.balanceOf(holder);
        vm.prank(holder);
        try bond.claimCoupon(period) {
            ++paid;
        } catch {}
        received[period] += usd.balanceOf(holder) - before;
    }

    /// @dev The payee of `holder`'s coupon claims it (the holder itself, or its replacement after a recovery).
    function claimOf(uint256 holderSeed, uint256 periodSeed) external {
        address holder = holders[holderSeed % holders.length];
        uint256 period = _regularPeriod(periodSeed);
        address payee = bond.couponPayee(holder, period);
        uint256 before = usd.balanceOf(payee);
        uint256[] memory periods = new uint256[](1);
        periods[0] = period;
        vm.prank(payee);
        try bond.claimCouponsOf(holder, periods) {} catch {}
        received[period] += usd.balanceOf(payee) - before;
    }

    /// @dev Freezes `amount` of a holder's tokens (up to a little above its balance), or none.
    function freeze(uint256 holderSeed, uint256 amount) external {
        address holder = holders[holderSeed % holders.length];
        amount = bound(amount, 0, bond.balanceOf(holder) + 1e18);
        vm.prank(treasury); // the treasury also holds ENFORCEMENT_ROLE in this test
        bond.setFrozenTokens(holder, amount);
    }

    /// @dev Recovers a holder's wallet to its twin, the other wallet of the same investor.
    function recover(uint256 holderSeed) external {
        uint256 index = holderSeed % holders.length;
        uint256 half = holders.length / 2;
        address twin = holders[index < half ? index + half : index - half];
        vm.prank(treasury);
        try bond.recoverWallet(holders[index], twin) {} catch {}
    }

    function pay(uint256 periodSeed) external {
        uint256 period = _regularPeriod(periodSeed);
        uint256[] memory before = new uint256[](holders.length);
        for (uint256 i = 0; i < holders.length; ++i) before[i] = usd.balanceOf(holders[i]);
        vm.prank(treasury);
        try bond.payCoupon(period, holders) {} catch {}
        for (uint256 i = 0; i < holders.length; ++i) received[period] += usd.balanceOf(holders[i]) - before[i];
    }

    function sweep(uint256 periodSeed) external {
        uint256 period = _regularPeriod(periodSeed);
        vm.prank(treasury);
        try bond.sweepUnclaimed(period) {} catch {}
    }

    /// @dev A coupon paid on its own (not the final one, paid at redemption).
    function _regularPeriod(uint256 seed) private view returns (uint256) {
        return seed % (bond.couponCount() - 1);
    }
}

/**
 * @dev Funds conservation of the coupons: for every coupon, what holders received equals what the
 * bond booked as paid, never more than funded, and the bond holds exactly the funded and unpaid
 * rest of every coupon not swept.
 */
contract SovereignBondFundsTest is Test {
    SovereignBond private bond;
    SettlementTokenMock private usd;
    BondFundsHandler private handler;
    address private constant TREASURY = address(0x7EA5);

    function setUp() public {
        vm.warp(1_893_456_000); // 2030-01-01
        InvestorRegistry registry = new InvestorRegistry(address(this), 0);
        registry.grantRole(registry.KYC_AGENT_ROLE(), address(this));
        usd = new SettlementTokenMock();
        bond = new SovereignBond(
            "Bond",
            "BND",
            18,
            registry,
            address(this),
            0,
            IDebtSecurity.DebtTerms({
                isin: "PK0000A12348",
                settlementToken: IERC20(address(usd)),
                treasury: TREASURY,
                faceValue: 1_000e6,
                issueDate: uint64(block.timestamp),
                maturityDate: uint64(block.timestamp + 2 * 365 days + 17 days)
            }),
            ISovereignBond.BondTerms({
                couponFrequency: 4,
                floatingRate: false,
                couponRateBps: 1_137,
                dayCount: DayCount.Convention.THIRTY_360_BOND_BASIS,
                recordDateOffset: 10 days,
                claimWindow: 120 days,
                isSukuk: false,
                assetDocumentsHash: bytes32(0)
            })
        );
        // Holders i and i + 4 are two wallets of the same investor.
        address[] memory holders = new address[](8);
        for (uint256 i = 0; i < holders.length; ++i) {
            holders[i] = address(uint160(0xB0B0 + i));
            registry.registerInvestor(
                holders[i],
                bytes32((i % 4) + 1),
                586,
                3,
                uint64(block.timestamp + 10 * 365 days)
            );
        }
        bond.grantRole(bond.TREASURY_ROLE(), TREASURY);
        bond.grantRole(bond.ISSUER_ROLE(), TREASURY);
        bond.grantRole(bond.ENFORCEMENT_ROLE(), TREASURY);
        for (uint256 i = 0; i < 4; ++i) {
            vm.prank(TREASURY);
            bond.mint(holders[i], (i + 1) * 333e18 + i);
        }
        usd.mint(TREASURY, 1e30);
        vm.prank(TREASURY);
        usd.approve(address(bond), type(uint256).max);
        handler = new BondFundsHandler(bond, usd, TREASURY, holders);
        targetContract(address(handler));
    }

    function invariant_paidMatchesReceivedAndNeverExceedsFunded() public view {
        uint256 held = 0;
        for (uint256 period = 0; period < bond.couponCount(); ++period) {
            ISovereignBond.Coupon memory coupon = bond.coupon(period);
            assertEq(coupon.paid, handler.received(period), "paid != received");
            assertLe(coupon.paid, coupon.funded, "paid > funded");
            if (coupon.status == ISovereignBond.CouponStatus.Funded) held += coupon.funded - coupon.paid;
        }
        assertEq(usd.balanceOf(address(bond)), held, "bond balance != funded and unpaid");
    }

    /// @dev What is paid plus what is still owed (withheld parts and moved entitlements included) never exceeds the funding.
    function invariant_paidAndOwedNeverExceedFunded() public view {
        for (uint256 period = 0; period + 1 < bond.couponCount(); ++period) {
            ISovereignBond.Coupon memory coupon = bond.coupon(period);
            if (coupon.status != ISovereignBond.CouponStatus.Funded) continue;
            uint256 owed = 0;
            for (uint256 i = 0; i < handler.holderCount(); ++i) owed += bond.couponDue(handler.holders(i), period);
            assertLe(coupon.paid + owed, coupon.funded, "paid + owed > funded");
        }
    }

    /// @dev The handler's steps do reach funding and payments (the invariant runs call them at random).
    function test_handlerFundsAndPaysCoupons() public {
        handler.transfer(0, 1, 100e18);
        handler.warp(80 days);
        handler.fund(0);
        handler.warp(15 days);
        handler.claim(1, 0);
        handler.pay(0);
        assertEq(handler.funded(), 1);
        assertEq(handler.paid(), 1);
        assertGt(handler.received(0), 0);
        invariant_paidMatchesReceivedAndNeverExceedsFunded();
        invariant_fundedIsTheSupplyAtRecordTimesTheCoupon();
        invariant_paidAndOwedNeverExceedFunded();
    }

    /// @dev The freeze, recovery and claim-of steps do withhold, move and pay coupons.
    function test_handlerWithholdsMovesAndPaysCoupons() public {
        handler.warp(80 days);
        handler.fund(0);
        handler.warp(15 days);
        address first = handler.holders(0);
        handler.freeze(0, bond.balanceOf(first)); // every token of the first holder frozen
        handler.claim(0, 0);
        assertEq(handler.received(0), 0);
        handler.freeze(0, 0);
        handler.recover(0); // to holders[4], its twin
        assertEq(bond.couponPayee(first, 0), handler.holders(4));
        handler.claimOf(0, 0);
        assertGt(handler.received(0), 0);
        assertEq(bond.couponDue(first, 0), 0);
        invariant_paidMatchesReceivedAndNeverExceedsFunded();
        invariant_paidAndOwedNeverExceedFunded();
    }

    function invariant_fundedIsTheSupplyAtRecordTimesTheCoupon() public view {
        for (uint256 period = 0; period + 1 < bond.couponCount(); ++period) {
            ISovereignBond.Coupon memory coupon = bond.coupon(period);
            if (coupon.status == ISovereignBond.CouponStatus.Unfunded) continue;
            assertEq(coupon.funded, (bond.supplyAtRecord(period) * coupon.perToken) / 1e18);
            uint256 sumOfHolders = 0;
            for (uint256 i = 0; i < handler.holderCount(); ++i) {
                sumOfHolders += bond.balanceAtRecord(handler.holders(i), period);
            }
            assertEq(sumOfHolders, bond.supplyAtRecord(period));
        }
    }
}

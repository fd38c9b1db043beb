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
 * @dev Drives a real bond (its window worked out by the linked library and cached per period) at random:
 * transfers, mints, burns, forced transfers (one or several in a call) and wallet recoveries, several in one block, in blocks exactly at a
 * record date or just after it, and time jumps across one or many record dates at once. Keeps its own ledger:
 * when time passes a record date, every holder's balance and the supply as they are then (the balances after
 * every transaction at or before the record date). The bond is never asked while the ledger is written.
 */
contract RecordLedgerHandler is Test {
    SovereignBond public immutable bond;
    SettlementTokenMock public immutable usd;
    address public immutable treasury;
    address[] public holders;
    /// @dev Record dates written down in the ledger so far (only those that decide an entitlement).
    uint256 public noted;
    mapping(uint256 period => mapping(address holder => uint256)) public ledger;
    mapping(uint256 period => uint256) public ledgerSupply;
    /// @dev What holders received per period, counted from the settlement token.
    mapping(uint256 period => uint256) public received;
    /// @dev Steps that did something, to see that the runs reach them.
    uint256 public moves;
    uint256 public onRecordDate;
    uint256 public funded;

    constructor(SovereignBond bond_, SettlementTokenMock usd_, address treasury_, address[] memory holders_) {
        bond = bond_;
        usd = usd_;
        treasury = treasury_;
        holders = holders_;
    }

    function holderCount() external view returns (uint256) {
        return holders.length;
    }

    /// @dev The number of record dates that decide an entitlement: every coupon's but the final one's.
    function entitlementDates() public view returns (uint256) {
        return bond.couponCount() - 1;
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _holder(fromSeed);
        amount = _bound(amount, 0, bond.balanceOf(from));
        vm.prank(from);
        try bond.transfer(_holder(toSeed), amount) {
            ++moves;
        } catch {}
        _countRecordDate();
    }

    /// @dev Mints mostly small amounts, sometimes around 2^128 (where the history's head no longer holds a value).
    function mint(uint256 toSeed, uint256 amount) external {
        if (amount % 5 == 0) amount = type(uint128).max - 3 + (amount % 7);
        else amount = _bound(amount, 1, 1_000e18);
        vm.prank(treasury);
        try bond.mint(_holder(toSeed), amount) {
            ++moves;
        } catch {}
        _countRecordDate();
    }

    function burn(uint256 fromSeed, uint256 amount) external {
        address from = _holder(fromSeed);
        amount = _bound(amount, 0, bond.balanceOf(from));
        vm.prank(treasury);
        try bond.burn(from, amount) {
            ++moves;
        } catch {}
        _countRecordDate();
    }

    function forcedTransfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _holder(fromSeed);
        amount = _bound(amount, 0, bond.balanceOf(from));
        vm.prank(treasury);
        try bond.forcedTransfer(from, _holder(toSeed), amount) {
            ++moves;
        } catch {}
        _countRecordDate();
    }

    /// @dev Three forced transfers in one call (one transaction: the first refreshes the window, the others read it).
    function batchForcedTransfer(uint256 seed) external {
        address[] memory froms = new address[](3);
        address[] memory tos = new address[](3);
        uint256[] memory amounts = new uint256[](3);
        for (uint256 i = 0; i < 3; ++i) {
            froms[i] = _holder((seed >> (16 * i)) & 0xff);
            tos[i] = _holder((seed >> (16 * i + 8)) & 0xff);
            amounts[i] = bond.balanceOf(froms[i]) / 4;
        }
        vm.prank(treasury);
        try bond.batchForcedTransfer(froms, tos, amounts) {
            ++moves;
        } catch {}
        _countRecordDate();
    }

    /// @dev Recovers a holder's wallet to its twin (the other wallet of the same investor).
    function recover(uint256 holderSeed) external {
        uint256 index = holderSeed % holders.length;
        uint256 half = holders.length / 2;
        vm.prank(treasury);
        try bond.recoverWallet(holders[index], holders[index < half ? index + half : index - half]) {
            ++moves;
        } catch {}
        _countRecordDate();
    }

    /**
     * @dev Moves time on: to the next record date exactly, to one second after it, by up to 40 days, or by
     * up to 400 days (many record dates passing without activity). Writes the ledger down first.
     */
    function warp(uint256 seed) external {
        uint256 next = _nextRecordDate();
        uint256 kind = seed % 4;
        uint256 time = block.timestamp + 1 + (seed % 40 days);
        if (kind == 0 && next != 0) time = next;
        else if (kind == 1 && next != 0) time = next + 1;
        else if (kind == 2) time = block.timestamp + 1 + (seed % 400 days);
        if (time <= block.timestamp) return;
        _note(time);
        vm.warp(time);
    }

    function fund(uint256 periodSeed) external {
        uint256 period = periodSeed % entitlementDates(); // before the prank, which the next call takes
        vm.prank(treasury);
        try bond.fundCoupon(period) {
            ++funded;
        } catch {}
    }

    /// @dev The payee of a holder's coupon (the holder, or its replacement after a recovery) claims it.
    function claim(uint256 holderSeed, uint256 periodSeed) external {
        address holder = _holder(holderSeed);
        uint256 period = periodSeed % entitlementDates();
        address payee = bond.couponPayee(holder, period);
        uint256 before = usd.balanceOf(payee);
        uint256[] memory periods = new uint256[](1);
        periods[0] = period;
        vm.prank(payee);
        try bond.claimCouponsOf(holder, periods) {} catch {}
        received[period] += usd.balanceOf(payee) - before;
    }

    /// @dev Writes down, for every record date at or before `time` not yet written, the balances now.
    function _note(uint256 time) private {
        uint256 count = entitlementDates();
        while (noted < count && bond.recordDate(noted) < time) {
            for (uint256 i = 0; i < holders.length; ++i) ledger[noted][holders[i]] = bond.balanceOf(holders[i]);
            ledgerSupply[noted] = bond.totalSupply();
            ++noted;
        }
    }

    /// @dev The next record date that decides an entitlement, 0 after the last.
    function _nextRecordDate() private view returns (uint256) {
        return noted < entitlementDates() ? bond.recordDate(noted) : 0;
    }

    function _countRecordDate() private {
        if (block.timestamp == _nextRecordDate()) ++onRecordDate;
    }

    function _holder(uint256 seed) private view returns (address) {
        return holders[seed % holders.length];
    }
}

/**
 * @dev The bond's balances and supply at every record date passed are those of the handler's ledger, and the
 * coupons owed, computed from the ledger, never exceed what was funded.
 */
contract SovereignBondRecordLedgerTest is Test {
    SovereignBond private bond;
    SettlementTokenMock private usd;
    RecordLedgerHandler private handler;
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
                // Monthly for two years, a short first period of 12 days: 25 coupons, 24 record dates that count.
                maturityDate: uint64(block.timestamp + 2 * 365 days + 12 days)
            }),
            ISovereignBond.BondTerms({
                couponFrequency: 12,
                floatingRate: false,
                couponRateBps: 725,
                dayCount: DayCount.Convention.ACT_ACT_ISDA,
                recordDateOffset: 5 days,
                claimWindow: 3_650 days,
                isSukuk: false,
                assetDocumentsHash: bytes32(0)
            })
        );
        // Holders i and i + 3 are two wallets of the same investor.
        address[] memory holders = new address[](6);
        for (uint256 i = 0; i < holders.length; ++i) {
            holders[i] = address(uint160(0xB0B0 + i));
            registry.registerInvestor(
                holders[i],
                bytes32((i % 3) + 1),
                586,
                3,
                uint64(block.timestamp + 20 * 365 days)
            );
        }
        bond.grantRole(bond.TREASURY_ROLE(), TREASURY);
        bond.grantRole(bond.ISSUER_ROLE(), TREASURY);
        bond.grantRole(bond.ENFORCEMENT_ROLE(), TREASURY);
        for (uint256 i = 0; i < 3; ++i) {
            vm.prank(TREASURY);
            bond.mint(holders[i], (i + 1) * 333e18 + i);
        }
        usd.mint(TREASURY, type(uint128).max);
        vm.prank(TREASURY);
        usd.approve(address(bond), type(uint256).max);
        handler = new RecordLedgerHandler(bond, usd, TREASURY, holders);
        targetContract(address(handler));
    }

    /// @dev Every record date passed: each holder's balance and the supply as the ledger wrote them down.
    function invariant_balancesAtRecordDatesAreTheLedgers() public view {
        uint256 noted = handler.noted();
        for (uint256 period = 0; period < noted; ++period) {
            uint256 sum = 0;
            for (uint256 i = 0; i < handler.holderCount(); ++i) {
                address holder = handler.holders(i);
                uint256 expected = handler.ledger(period, holder);
                assertEq(bond.balanceAtRecord(holder, period), expected, "balance at record date");
                sum += expected;
            }
            assertEq(bond.supplyAtRecord(period), handler.ledgerSupply(period), "supply at record date");
            assertEq(sum, handler.ledgerSupply(period), "ledger sum");
        }
    }

    /// @dev The entitlements computed from the ledger add up to no more than the funding, which pays them all.
    function invariant_entitlementsFromTheLedgerNeverExceedFunded() public view {
        for (uint256 period = 0; period < handler.noted(); ++period) {
            ISovereignBond.Coupon memory coupon = bond.coupon(period);
            if (coupon.status == ISovereignBond.CouponStatus.Unfunded) continue;
            uint256 entitled = 0;
            for (uint256 i = 0; i < handler.holderCount(); ++i) {
                entitled += (handler.ledger(period, handler.holders(i)) * coupon.perToken) / 1e18;
            }
            assertEq(coupon.funded, (handler.ledgerSupply(period) * coupon.perToken) / 1e18, "funded");
            assertLe(entitled, coupon.funded, "entitlements > funded");
            assertEq(coupon.paid, handler.received(period), "paid != received");
            assertLe(coupon.paid, coupon.funded, "paid > funded");
        }
    }

    /// @dev Moves in the block of a record date count for it; the block after does not, nor does a long idle stretch.
    function test_movesAtAndAroundARecordDateFollowTheLedger() public {
        handler.warp(0); // to record date 0 exactly
        assertEq(block.timestamp, bond.recordDate(0));
        handler.transfer(0, 1, 100e18);
        handler.forcedTransfer(1, 2, 50e18);
        handler.burn(2, 1e18);
        handler.mint(3, 1); // 1 % 5 != 0: a small amount
        handler.batchForcedTransfer(0x0201_0100); // 0 -> 1, 1 -> 2, 0 -> 0
        assertEq(handler.onRecordDate(), 5);
        handler.warp(1); // to one second after record date 0, which the ledger writes down
        handler.transfer(2, 0, 7e18);
        handler.recover(0); // holders[0] to holders[3], entitlements of record dates 0 and 1 moved
        handler.mint(4, 5); // around 2^128: archived rather than kept in the head
        handler.warp(2 + 4 * 399 days); // many record dates at once
        handler.transfer(3, 5, 1e18);
        handler.fund(0);
        handler.fund(1);
        handler.claim(0, 0);
        handler.claim(3, 1);
        assertEq(handler.moves(), 9);
        assertEq(handler.funded(), 2);
        assertGt(handler.received(0), 0);
        assertGt(handler.noted(), 3);
        invariant_balancesAtRecordDatesAreTheLedgers();
        invariant_entitlementsFromTheLedgerNeverExceedFunded();
    }

    /// @dev A balance of zero written down for one record date stays zero there when a later period's entry follows.
    function test_aZeroEntryIsArchivedWhenALaterPeriodFollows() public {
        handler.warp(1); // just after record date 0: holders[3] had nothing then
        handler.transfer(0, 3, 10e18); // holders[3]'s entry: zero at record date 0
        handler.warp(1); // just after record date 1
        handler.transfer(3, 4, 1e18); // holders[3]'s entry for record date 1 moves the zero to the archive
        handler.warp(2 + 4 * 90 days);
        handler.transfer(3, 0, 1e18);
        assertEq(bond.balanceAtRecord(handler.holders(3), 0), 0);
        assertEq(bond.balanceAtRecord(handler.holders(3), 1), 10e18);
        invariant_balancesAtRecordDatesAreTheLedgers();
    }
}

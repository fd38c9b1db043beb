// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {InvestorRegistry} from "../../../../contracts/registry/InvestorRegistry.sol";
import {CommodityReserveToken} from "../../../../contracts/instruments/commodity/CommodityReserveToken.sol";
import {ICommodityReserveToken} from "../../../../contracts/instruments/commodity/ICommodityReserveToken.sol";
import {CommodityRestriction} from "../../../../contracts/instruments/commodity/CommodityRestriction.sol";
import {ReserveFeedMock} from "../../../../contracts/mocks/ReserveFeedMock.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

contract CommodityReserveTokenFuzzTest is Test {
    address internal constant HOLDER = address(0xA11CE);
    InvestorRegistry internal registry;

    function setUp() public {
        vm.warp(1_750_000_000);
        registry = new InvestorRegistry(address(this), 0);
        registry.grantRole(registry.KYC_AGENT_ROLE(), address(this));
        registry.registerInvestor(HOLDER, bytes32(uint256(1)), 586, 3, type(uint64).max);
    }

    function _deploy(uint8 decimals, uint256 unitsPerToken) internal returns (CommodityReserveToken token) {
        token = new CommodityReserveToken(
            "Commodity",
            "CMD",
            decimals,
            registry,
            address(this),
            0,
            ICommodityReserveToken.CommodityMetadata({
                commodity: "Gold",
                unit: "milligram",
                description: "",
                reserveUnitsPerToken: unitsPerToken,
                custodian: address(0xC0570D1A),
                maxAttestationAge: 1 days
            })
        );
        token.grantRole(token.ISSUER_ROLE(), address(this));
        token.grantRole(token.AUDITOR_ROLE(), address(this));
    }

    /// @dev A mint succeeds exactly when the supply after it is within reserves * 10**decimals / units (rounded down).
    function testFuzz_mintSucceedsExactlyWithinCapacity(
        uint128 reserves,
        uint256 unitsPerToken,
        uint8 decimals,
        uint256 first,
        uint256 second
    ) public {
        decimals = uint8(bound(decimals, 0, 30));
        unitsPerToken = bound(unitsPerToken, 1, 1e30);
        CommodityReserveToken token = _deploy(decimals, unitsPerToken);
        token.attestReserves(reserves, uint48(block.timestamp), keccak256("report"), "ipfs://report");

        uint256 capacity = (uint256(reserves) * 10 ** decimals) / unitsPerToken;
        assertEq(token.reserveCapacity(), capacity);
        first = bound(first, 0, capacity);
        token.mint(HOLDER, first);
        second = bound(second, 0, capacity - first + 2);

        uint8 code = token.detectTransferRestriction(address(0), HOLDER, second);
        if (first + second <= capacity) {
            assertEq(code, 0);
            token.mint(HOLDER, second);
            assertEq(token.totalSupply(), first + second);
        } else {
            assertEq(code, CommodityRestriction.CAPACITY_EXCEEDED);
            vm.expectRevert(
                abi.encodeWithSelector(
                    ICommodityReserveToken.CommodityReserveCapacityExceeded.selector,
                    first + second,
                    capacity
                )
            );
            token.mint(HOLDER, second);
        }
    }

    /// @dev An attestation sets the under-collateralised flag exactly when its capacity is below the supply.
    function testFuzz_attestationFlagsExactlyBelowSupply(uint128 minted, uint128 reserves) public {
        CommodityReserveToken token = _deploy(18, 1_000);
        token.attestReserves(type(uint128).max, uint48(block.timestamp - 1), keccak256("a"), "ipfs://a");
        token.mint(HOLDER, minted);
        token.attestReserves(reserves, uint48(block.timestamp), keccak256("b"), "ipfs://b");
        assertEq(token.isUnderCollateralised(), (uint256(reserves) * 1e18) / 1_000 < minted);
    }

    /**
     * @dev Three attestations by different auditors, at any time and block that fit their 48 bits, read
     * back exactly: every field the token packs in its three words (the URI is in the event only).
     */
    function testFuzz_attestationsReadBackExactly(
        uint208[3] memory reserves,
        address[3] memory auditors,
        bytes32[3] memory reportHashes,
        uint48 start,
        uint48 blockNumber
    ) public {
        CommodityReserveToken token = _deploy(18, 1_000);
        start = uint48(bound(start, 1, type(uint48).max - 20));
        blockNumber = uint48(bound(blockNumber, 1, type(uint48).max - 3));
        ICommodityReserveToken.Attestation[3] memory expected;
        for (uint256 i = 0; i < 3; ++i) {
            vm.assume(auditors[i] != address(0) && reportHashes[i] != bytes32(0));
            token.grantRole(token.AUDITOR_ROLE(), auditors[i]);
            vm.warp(start + 5 * i + 2);
            vm.roll(blockNumber + i);
            expected[i] = ICommodityReserveToken.Attestation({
                reserves: reserves[i],
                asOf: uint48(start + 5 * i),
                auditor: auditors[i],
                recordedAt: uint48(block.timestamp),
                blockNumber: uint48(block.number),
                reportHash: reportHashes[i]
            });
            vm.expectEmit(address(token));
            emit ICommodityReserveToken.ReservesAttested(
                i,
                auditors[i],
                reserves[i],
                expected[i].asOf,
                reportHashes[i],
                "ipfs://report"
            );
            vm.prank(auditors[i]);
            token.attestReserves(reserves[i], expected[i].asOf, reportHashes[i], "ipfs://report");
        }
        assertEq(token.attestationCount(), 3);
        for (uint256 i = 0; i < 3; ++i) {
            assertEq(abi.encode(token.attestation(i)), abi.encode(expected[i]));
        }
        assertEq(abi.encode(token.latestAttestation()), abi.encode(expected[2]));
        (uint256 current, uint256 asOf) = token.currentReserves();
        assertEq(current, reserves[2]);
        assertEq(asOf, expected[2].asOf);
    }

    /**
     * @dev Physical deliveries at random times: {reservesDeliveredSince} is the sum, computed here, of
     * those at or after any time (each rounded up to whole milligrams), and a count dated at that time
     * has them subtracted; cash settlements subtract nothing.
     */
    function testFuzz_deliveriesSinceACountAreSubtracted(
        uint256[8] memory gaps,
        uint256[8] memory amounts,
        bool[8] memory cash,
        uint256 count,
        uint256 probe,
        uint128 recount
    ) public {
        count = bound(count, 1, 8);
        CommodityReserveToken token = _deploy(18, 1_000);
        token.grantRole(token.CUSTODIAN_ROLE(), address(this));
        uint256 start = block.timestamp;
        token.attestReserves(type(uint128).max, uint48(start), keccak256("a"), "ipfs://a");
        uint256[] memory times = new uint256[](count);
        uint256[] memory units = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) {
            vm.warp(block.timestamp + bound(gaps[i], 0, 1 hours));
            uint256 amount = bound(amounts[i], 1, 1e30);
            token.mint(HOLDER, amount);
            vm.prank(HOLDER);
            uint256 id = token.requestRedemption(
                amount,
                cash[i]
                    ? ICommodityReserveToken.RedemptionKind.CashSettlement
                    : ICommodityReserveToken.RedemptionKind.PhysicalDelivery,
                keccak256("ref")
            );
            token.fulfilRedemption(id);
            times[i] = block.timestamp;
            units[i] = cash[i] ? 0 : Math.ceilDiv(amount * 1_000, 1e18);
        }
        uint256 time = bound(probe, start, block.timestamp + 1);
        uint256 since;
        for (uint256 i = 0; i < count; ++i) if (times[i] >= time) since += units[i];
        assertEq(token.reservesDeliveredSince(time), since);

        if (time > start && time <= block.timestamp) {
            token.attestReserves(recount, uint48(time), keccak256("b"), "ipfs://b");
            (uint256 reserves, uint256 asOf) = token.currentReserves();
            assertEq(asOf, time);
            assertEq(reserves, recount > since ? recount - since : 0);
            assertEq(token.isUnderCollateralised(), ((uint256(reserves) * 1e18) / 1_000) < token.totalSupply());
        }
    }

    /// @dev A feed that burns all the gas it is given costs a mint check at most two reads' allowance, never the caller's gas.
    function testFuzz_hostileFeedCostsAtMostItsAllowance(uint8 decimalsShape, uint8 latestRoundShape) public {
        decimalsShape = uint8(bound(decimalsShape, 0, 6));
        latestRoundShape = uint8(bound(latestRoundShape, 0, 6));
        CommodityReserveToken token = _deploy(18, 1_000);
        ReserveFeedMock feed = new ReserveFeedMock(8);
        feed.setRound(1e6 * 1e8, block.timestamp);
        token.setReserveFeed(AggregatorV3Interface(address(feed)));
        feed.setShapes(ReserveFeedMock.Shape(decimalsShape), ReserveFeedMock.Shape(latestRoundShape));

        uint256 before = gasleft();
        uint8 code = token.detectTransferRestriction(address(0), HOLDER, 1);
        uint256 used = before - gasleft();
        assertLt(used, 2 * 100_000 + 30_000);
        bool readable =
            (decimalsShape == uint8(ReserveFeedMock.Shape.Normal) ||
                decimalsShape == uint8(ReserveFeedMock.Shape.ReturnHuge)) &&
                (latestRoundShape == uint8(ReserveFeedMock.Shape.Normal) ||
                    latestRoundShape == uint8(ReserveFeedMock.Shape.ReturnHuge));
        assertEq(code, readable ? 0 : CommodityRestriction.FEED_UNAVAILABLE);
        assertEq(token.canTransfer(address(0), HOLDER, 1), readable);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {InvestorRegistry} from "../../../../contracts/registry/InvestorRegistry.sol";
import {CommodityReserveToken} from "../../../../contracts/instruments/commodity/CommodityReserveToken.sol";
import {ICommodityReserveToken} from "../../../../contracts/instruments/commodity/ICommodityReserveToken.sol";
import {CommodityRestriction} from "../../../../contracts/instruments/commodity/CommodityRestriction.sol";

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
}

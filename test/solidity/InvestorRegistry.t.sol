// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Forge-style test names (testFuzz_*, invariant_*) and assertion messages; gas rules do not apply to tests.
// solhint-disable func-name-mixedcase, gas-small-strings, gas-strict-inequalities, avoid-low-level-calls

import {Test} from "forge-std/Test.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IInvestorRegistry} from "../../contracts/registry/IInvestorRegistry.sol";
import {InvestorRegistry} from "../../contracts/registry/InvestorRegistry.sol";
import {BatchLengthMismatch} from "../../contracts/utils/Batch.sol";

/// @dev Fuzz tests of the {InvestorRegistry}: validation, expiry, revocation, batches and access.
contract InvestorRegistryTest is Test {
    uint256 internal constant START = 1_750_000_000;
    uint64 internal constant MAX_TTL = 100 * 365 days;

    InvestorRegistry internal registry;
    address internal admin = makeAddr("admin");
    address internal kycAgent = makeAddr("kycAgent");
    bytes32 internal kycRole;

    /// @dev The five parallel arrays of `registerInvestors`.
    struct Batch {
        address[] wallets;
        bytes32[] ids;
        uint16[] countries;
        uint8[] categories;
        uint64[] expiresAts;
    }

    function setUp() public {
        vm.warp(START);
        registry = new InvestorRegistry(admin, 3 days);
        kycRole = registry.KYC_AGENT_ROLE();
        vm.prank(admin);
        registry.grantRole(kycRole, kycAgent);
    }

    // ---------------------------------------------------------------------------------------------
    // Valid registrations and expiry
    // ---------------------------------------------------------------------------------------------

    function testFuzz_RegisterValid_VerifiedExactlyWhileBeforeExpiry(
        address wallet,
        bytes32 id,
        uint16 country,
        uint8 category,
        uint64 ttl,
        uint256 elapsed
    ) public {
        vm.assume(wallet != address(0) && id != bytes32(0));
        country = uint16(bound(country, 1, 999));
        category = uint8(bound(category, 1, 15));
        ttl = uint64(bound(ttl, 1, MAX_TTL));
        uint64 expiresAt = uint64(block.timestamp) + ttl;

        vm.expectEmit(true, true, false, true, address(registry));
        emit IInvestorRegistry.InvestorRegistered(wallet, id, country, category, expiresAt);
        vm.prank(kycAgent);
        registry.registerInvestor(wallet, id, country, category, expiresAt);

        IInvestorRegistry.Investor memory record = registry.investorOf(wallet);
        assertEq(record.investorId, id, "investorId");
        assertEq(record.country, country, "country");
        assertEq(record.category, category, "category");
        assertEq(record.expiresAt, expiresAt, "expiresAt");
        assertFalse(record.revoked, "revoked");
        assertTrue(registry.isVerified(wallet), "verified at registration");

        // Any point in time: verified exactly while block.timestamp < expiresAt.
        vm.warp(START + bound(elapsed, 0, uint256(ttl) * 2 + 1));
        _assertVerifiedIff(wallet, block.timestamp < expiresAt, country, category);

        // The boundary itself: the last verified second and the first expired one.
        vm.warp(expiresAt - 1);
        _assertVerifiedIff(wallet, true, country, category);
        vm.warp(expiresAt);
        _assertVerifiedIff(wallet, false, country, category);
    }

    function testFuzz_UnknownWalletIsNeverVerified(address wallet, uint256 time) public {
        vm.warp(bound(time, 0, type(uint64).max));
        assertFalse(registry.isVerified(wallet));
        (bool verified, uint16 country, uint8 category) = registry.eligibilityOf(wallet);
        assertFalse(verified);
        assertEq(country, 0);
        assertEq(category, 0);
    }

    /// @dev The pair view answers each wallet exactly as two calls of the single view would, in order, at any time.
    function testFuzz_EligibilityOfPairIsTwoSingleCalls(
        address first,
        address second,
        uint16 country,
        uint8 category,
        uint64 ttl,
        uint8 state,
        uint256 elapsed
    ) public {
        country = uint16(bound(country, 1, 999));
        category = uint8(bound(category, 1, 15));
        ttl = uint64(bound(ttl, 1, MAX_TTL));
        // `first` registered (state 1), also revoked (state 2), or unknown; `second` as it comes (perhaps `first`).
        state = uint8(bound(state, 0, 2));
        if (state != 0 && first != address(0)) {
            _register(first, bytes32(uint256(1)), country, category, uint64(block.timestamp) + ttl);
            if (state == 2) {
                vm.prank(kycAgent);
                registry.revokeInvestor(first);
            }
        }
        vm.warp(START + bound(elapsed, 0, uint256(ttl) * 2 + 1));

        // The pair's answer is, word for word, the single view's answer for `first` followed by its answer for `second`.
        assertEq(
            _view(abi.encodeCall(registry.eligibilityOfPair, (first, second))),
            bytes.concat(
                _view(abi.encodeCall(registry.eligibilityOf, (first))),
                _view(abi.encodeCall(registry.eligibilityOf, (second)))
            ),
            "pair = two single calls"
        );
        (bool firstVerified, , , bool secondVerified, , ) = registry.eligibilityOfPair(first, second);
        assertEq(firstVerified, registry.isVerified(first), "first isVerified");
        assertEq(secondVerified, registry.isVerified(second), "second isVerified");
    }

    function testFuzz_UpdateRenewsAnExpiredRecord(address wallet, uint64 ttl, uint64 newTtl, uint8 newCategory) public {
        vm.assume(wallet != address(0));
        ttl = uint64(bound(ttl, 1, MAX_TTL));
        newTtl = uint64(bound(newTtl, 1, MAX_TTL));
        newCategory = uint8(bound(newCategory, 1, 15));
        _register(wallet, bytes32(uint256(1)), 586, 1, uint64(block.timestamp) + ttl);

        vm.warp(block.timestamp + ttl);
        assertFalse(registry.isVerified(wallet), "expired");
        // An expired record still exists: registering again is refused, updating renews it.
        vm.expectRevert(abi.encodeWithSelector(IInvestorRegistry.InvestorRegistryAlreadyRegistered.selector, wallet));
        vm.prank(kycAgent);
        registry.registerInvestor(wallet, bytes32(uint256(1)), 586, 1, uint64(block.timestamp) + 1);

        uint64 newExpiry = uint64(block.timestamp) + newTtl;
        vm.expectEmit(true, true, false, true, address(registry));
        emit IInvestorRegistry.InvestorUpdated(wallet, bytes32(uint256(2)), 840, newCategory, newExpiry);
        vm.prank(kycAgent);
        registry.updateInvestor(wallet, bytes32(uint256(2)), 840, newCategory, newExpiry);
        _assertVerifiedIff(wallet, true, 840, newCategory);
        assertEq(registry.investorOf(wallet).investorId, bytes32(uint256(2)));
        assertEq(registry.investorOf(wallet).expiresAt, newExpiry);
    }

    // ---------------------------------------------------------------------------------------------
    // Validation: the exact custom error and arguments, in the order the registry checks them
    // ---------------------------------------------------------------------------------------------

    /// @dev `valid` bit i forces field i into its valid range; the others stay raw fuzz values.
    function testFuzz_RegisterValidation(
        address wallet,
        bytes32 id,
        uint16 country,
        uint8 category,
        uint64 expiresAt,
        uint256 time,
        uint8 valid
    ) public {
        (wallet, id, country, category, expiresAt) = _shape(wallet, id, country, category, expiresAt, time, valid);
        bytes memory expected = _expectedWriteError(wallet, id, country, category, expiresAt);

        if (expected.length != 0) vm.expectRevert(expected);
        vm.prank(kycAgent);
        registry.registerInvestor(wallet, id, country, category, expiresAt);

        if (expected.length == 0) {
            _assertVerifiedIff(wallet, true, country, category);
        } else {
            assertEq(registry.investorOf(wallet).expiresAt, 0, "nothing stored");
        }
    }

    /// @dev {updateInvestor} validates the new values exactly as {registerInvestor} does.
    function testFuzz_UpdateValidation(
        address wallet,
        bytes32 id,
        uint16 country,
        uint8 category,
        uint64 expiresAt,
        uint256 time,
        uint8 valid
    ) public {
        vm.assume(wallet != address(0));
        _register(wallet, bytes32(uint256(7)), 586, 3, uint64(START + MAX_TTL * 3));
        (wallet, id, country, category, expiresAt) = _shape(wallet, id, country, category, expiresAt, time, valid);
        bytes memory expected = _expectedWriteError(wallet, id, country, category, expiresAt);

        if (expected.length != 0) vm.expectRevert(expected);
        vm.prank(kycAgent);
        registry.updateInvestor(wallet, id, country, category, expiresAt);

        IInvestorRegistry.Investor memory record = registry.investorOf(wallet);
        if (expected.length == 0) {
            assertEq(record.investorId, id);
            _assertVerifiedIff(wallet, true, country, category);
        } else {
            // The old record is untouched.
            assertEq(record.investorId, bytes32(uint256(7)));
            assertEq(record.expiresAt, uint64(START + MAX_TTL * 3));
            _assertVerifiedIff(wallet, true, 586, 3);
        }
    }

    function testFuzz_ZeroWalletReverts(bytes32 id, uint16 country, uint8 category, uint64 expiresAt) public {
        vm.expectRevert(abi.encodeWithSelector(IInvestorRegistry.InvestorRegistryInvalidWallet.selector, address(0)));
        vm.prank(kycAgent);
        registry.registerInvestor(address(0), id, country, category, expiresAt);
    }

    function testFuzz_ZeroInvestorIdReverts(address wallet, uint16 country, uint8 category, uint64 ttl) public {
        vm.assume(wallet != address(0));
        uint64 expiresAt = uint64(block.timestamp + bound(ttl, 1, MAX_TTL));
        vm.expectRevert(
            abi.encodeWithSelector(IInvestorRegistry.InvestorRegistryInvalidInvestorId.selector, wallet, bytes32(0))
        );
        vm.prank(kycAgent);
        registry.registerInvestor(
            wallet,
            bytes32(0),
            uint16(bound(country, 1, 999)),
            uint8(bound(category, 1, 15)),
            expiresAt
        );
    }

    function testFuzz_InvalidCountryReverts(address wallet, bytes32 id, uint16 country) public {
        vm.assume(wallet != address(0) && id != bytes32(0));
        // Half of the runs probe 0, the other half 1000 and above.
        if (country % 2 == 0) country = 0;
        else country = uint16(bound(country, 1000, type(uint16).max));
        vm.expectRevert(
            abi.encodeWithSelector(IInvestorRegistry.InvestorRegistryInvalidCountry.selector, wallet, country)
        );
        vm.prank(kycAgent);
        registry.registerInvestor(wallet, id, country, 1, uint64(block.timestamp + 1));
    }

    function testFuzz_InvalidCategoryReverts(address wallet, bytes32 id, uint8 category) public {
        vm.assume(wallet != address(0) && id != bytes32(0));
        if (category % 2 == 0) category = 0;
        else category = uint8(bound(category, 16, type(uint8).max));
        vm.expectRevert(
            abi.encodeWithSelector(IInvestorRegistry.InvestorRegistryInvalidCategory.selector, wallet, category)
        );
        vm.prank(kycAgent);
        registry.registerInvestor(wallet, id, 586, category, uint64(block.timestamp + 1));
    }

    function testFuzz_ExpiryNotInFutureReverts(address wallet, bytes32 id, uint256 time, uint64 expiresAt) public {
        vm.assume(wallet != address(0) && id != bytes32(0));
        vm.warp(bound(time, 1, type(uint64).max));
        expiresAt = uint64(bound(expiresAt, 0, block.timestamp)); // expiresAt == now is refused too
        vm.expectRevert(
            abi.encodeWithSelector(
                IInvestorRegistry.InvestorRegistryExpiryNotInFuture.selector,
                wallet,
                expiresAt,
                block.timestamp
            )
        );
        vm.prank(kycAgent);
        registry.registerInvestor(wallet, id, 586, 1, expiresAt);
    }

    // ---------------------------------------------------------------------------------------------
    // Revocation and re-registration
    // ---------------------------------------------------------------------------------------------

    function testFuzz_RevokeStopsVerificationAndAllowsReRegistration(
        address wallet,
        bytes32 id,
        uint64 ttl,
        uint256 elapsed,
        bytes32 newId
    ) public {
        vm.assume(wallet != address(0) && id != bytes32(0) && newId != bytes32(0));
        ttl = uint64(bound(ttl, 2, MAX_TTL));
        uint64 expiresAt = uint64(block.timestamp) + ttl;
        _register(wallet, id, 682, 4, expiresAt);

        vm.expectEmit(true, true, false, false, address(registry));
        emit IInvestorRegistry.InvestorRevoked(wallet, id);
        vm.prank(kycAgent);
        registry.revokeInvestor(wallet);

        // Revoked at any time before the expiry: not verified, but the record is kept for audit.
        vm.warp(START + bound(elapsed, 0, ttl - 1));
        _assertVerifiedIff(wallet, false, 682, 4);
        IInvestorRegistry.Investor memory record = registry.investorOf(wallet);
        assertTrue(record.revoked, "revoked flag");
        assertEq(record.investorId, id, "id kept");
        assertEq(record.expiresAt, expiresAt, "expiry kept");

        // A revoked wallet can be neither revoked again nor updated.
        bytes memory notRegistered = abi.encodeWithSelector(
            IInvestorRegistry.InvestorRegistryNotRegistered.selector,
            wallet
        );
        vm.expectRevert(notRegistered);
        vm.prank(kycAgent);
        registry.revokeInvestor(wallet);
        vm.expectRevert(notRegistered);
        vm.prank(kycAgent);
        registry.updateInvestor(wallet, id, 682, 4, expiresAt);

        // It can be registered again, with new values.
        uint64 newExpiry = uint64(block.timestamp) + 1;
        _register(wallet, newId, 586, 2, newExpiry);
        record = registry.investorOf(wallet);
        assertFalse(record.revoked, "re-registered");
        assertEq(record.investorId, newId);
        _assertVerifiedIff(wallet, true, 586, 2);
    }

    function testFuzz_RegisterTwiceReverts(address wallet, uint256 elapsed) public {
        vm.assume(wallet != address(0));
        _register(wallet, bytes32(uint256(1)), 586, 1, uint64(block.timestamp + 30 days));
        vm.warp(block.timestamp + bound(elapsed, 0, 60 days));
        vm.expectRevert(abi.encodeWithSelector(IInvestorRegistry.InvestorRegistryAlreadyRegistered.selector, wallet));
        vm.prank(kycAgent);
        registry.registerInvestor(wallet, bytes32(uint256(2)), 840, 2, uint64(block.timestamp + 1));
    }

    function testFuzz_UnknownWalletCannotBeUpdatedOrRevoked(address wallet) public {
        bytes memory notRegistered = abi.encodeWithSelector(
            IInvestorRegistry.InvestorRegistryNotRegistered.selector,
            wallet
        );
        vm.expectRevert(notRegistered);
        vm.prank(kycAgent);
        registry.updateInvestor(wallet, bytes32(uint256(1)), 586, 1, uint64(block.timestamp + 1));
        vm.expectRevert(notRegistered);
        vm.prank(kycAgent);
        registry.revokeInvestor(wallet);
    }

    // ---------------------------------------------------------------------------------------------
    // Batches
    // ---------------------------------------------------------------------------------------------

    /// @dev The first array whose length differs from `wallets` is reported, as (expected, actual).
    function testFuzz_BatchLengthMismatch(
        uint8 nWallets,
        uint8 nIds,
        uint8 nCountries,
        uint8 nCats,
        uint8 nExp
    ) public {
        uint256[5] memory n = [
            bound(nWallets, 0, 6),
            bound(nIds, 0, 6),
            bound(nCountries, 0, 6),
            bound(nCats, 0, 6),
            bound(nExp, 0, 6)
        ];
        Batch memory b = _validBatch(n);

        bytes memory expected;
        for (uint256 i = 1; i < 5; ++i) {
            if (n[i] != n[0]) {
                expected = abi.encodeWithSelector(BatchLengthMismatch.selector, n[0], n[i]);
                break;
            }
        }
        if (expected.length != 0) vm.expectRevert(expected);
        vm.prank(kycAgent);
        registry.registerInvestors(b.wallets, b.ids, b.countries, b.categories, b.expiresAts);

        for (uint256 i = 0; i < n[0]; ++i) {
            assertEq(registry.isVerified(b.wallets[i]), expected.length == 0, "registered iff lengths match");
        }
    }

    /// @dev One refused item reverts the whole batch with that item's error: nothing is stored.
    function testFuzz_BatchIsAtomic(uint8 size, uint8 badIndex, uint8 defect) public {
        uint256 n = bound(size, 1, 6);
        uint256 bad = bound(badIndex, 0, n - 1);
        Batch memory b = _validBatch([n, n, n, n, n]);
        bytes memory expected;
        uint256 kind = defect % 5;
        address wallet = b.wallets[bad];
        if (kind == 0) {
            b.ids[bad] = bytes32(0);
            expected = abi.encodeWithSelector(
                IInvestorRegistry.InvestorRegistryInvalidInvestorId.selector,
                wallet,
                bytes32(0)
            );
        } else if (kind == 1) {
            b.countries[bad] = 1000;
            expected = abi.encodeWithSelector(IInvestorRegistry.InvestorRegistryInvalidCountry.selector, wallet, 1000);
        } else if (kind == 2) {
            b.categories[bad] = 16;
            expected = abi.encodeWithSelector(IInvestorRegistry.InvestorRegistryInvalidCategory.selector, wallet, 16);
        } else if (kind == 3) {
            b.expiresAts[bad] = uint64(block.timestamp);
            expected = abi.encodeWithSelector(
                IInvestorRegistry.InvestorRegistryExpiryNotInFuture.selector,
                wallet,
                block.timestamp,
                block.timestamp
            );
        } else {
            // The same wallet twice: the second occurrence is already registered.
            vm.assume(n >= 2 && bad >= 1);
            b.wallets[bad] = b.wallets[0];
            expected = abi.encodeWithSelector(
                IInvestorRegistry.InvestorRegistryAlreadyRegistered.selector,
                b.wallets[0]
            );
        }
        vm.expectRevert(expected);
        vm.prank(kycAgent);
        registry.registerInvestors(b.wallets, b.ids, b.countries, b.categories, b.expiresAts);
        for (uint256 i = 0; i < n; ++i) {
            assertEq(registry.investorOf(b.wallets[i]).expiresAt, 0, "nothing stored");
        }
    }

    function testFuzz_RevokeInvestorsIsAtomic(uint8 size, uint8 unknownIndex, bool includeUnknown) public {
        uint256 n = bound(size, 1, 6);
        Batch memory b = _validBatch([n, n, n, n, n]);
        vm.prank(kycAgent);
        registry.registerInvestors(b.wallets, b.ids, b.countries, b.categories, b.expiresAts);

        address[] memory toRevoke = b.wallets;
        if (includeUnknown) {
            address unknown = makeAddr("unknown");
            toRevoke[bound(unknownIndex, 0, n - 1)] = unknown;
            vm.expectRevert(abi.encodeWithSelector(IInvestorRegistry.InvestorRegistryNotRegistered.selector, unknown));
        }
        vm.prank(kycAgent);
        registry.revokeInvestors(toRevoke);

        b = _validBatch([n, n, n, n, n]); // the original wallets again
        for (uint256 i = 0; i < n; ++i) {
            assertEq(registry.isVerified(b.wallets[i]), includeUnknown, "revoked iff the batch passed");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Access control
    // ---------------------------------------------------------------------------------------------

    function testFuzz_OnlyKycAgentWrites(address caller) public {
        vm.assume(caller != kycAgent);
        address wallet = makeAddr("wallet");
        _register(wallet, bytes32(uint256(1)), 586, 1, uint64(block.timestamp + 1 days));
        Batch memory b = _validBatch([uint256(1), 1, 1, 1, 1]);
        bytes memory unauthorized = abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector,
            caller,
            kycRole
        );

        vm.startPrank(caller);
        vm.expectRevert(unauthorized);
        registry.registerInvestor(makeAddr("other"), bytes32(uint256(1)), 586, 1, uint64(block.timestamp + 1));
        vm.expectRevert(unauthorized);
        registry.registerInvestors(b.wallets, b.ids, b.countries, b.categories, b.expiresAts);
        vm.expectRevert(unauthorized);
        registry.updateInvestor(wallet, bytes32(uint256(2)), 840, 2, uint64(block.timestamp + 2));
        vm.expectRevert(unauthorized);
        registry.revokeInvestor(wallet);
        vm.expectRevert(unauthorized);
        registry.revokeInvestors(b.wallets);
        vm.stopPrank();

        assertTrue(registry.isVerified(wallet), "record untouched");
        assertEq(registry.investorOf(wallet).country, 586);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    function _register(address wallet, bytes32 id, uint16 country, uint8 category, uint64 expiresAt) internal {
        vm.prank(kycAgent);
        registry.registerInvestor(wallet, id, country, category, expiresAt);
    }

    /// @dev The raw answer of a view of the registry called with `data`.
    function _view(bytes memory data) internal view returns (bytes memory answer) {
        bool ok;
        (ok, answer) = address(registry).staticcall(data);
        assertTrue(ok, "view reverted");
    }

    function _assertVerifiedIff(address wallet, bool expected, uint16 country, uint8 category) internal view {
        assertEq(registry.isVerified(wallet), expected, "isVerified");
        (bool verified, uint16 c, uint8 cat) = registry.eligibilityOf(wallet);
        assertEq(verified, expected, "eligibilityOf.verified");
        assertEq(c, country, "eligibilityOf.country");
        assertEq(cat, category, "eligibilityOf.category");
    }

    /// @dev Sets the time, then forces each field whose bit of `valid` is set into its valid range.
    function _shape(
        address wallet,
        bytes32 id,
        uint16 country,
        uint8 category,
        uint64 expiresAt,
        uint256 time,
        uint8 valid
    ) internal returns (address, bytes32, uint16, uint8, uint64) {
        vm.warp(bound(time, START, START + MAX_TTL));
        if (valid & 1 != 0 && id == bytes32(0)) id = bytes32(uint256(1));
        if (valid & 2 != 0) country = uint16(bound(country, 1, 999));
        if (valid & 4 != 0) category = uint8(bound(category, 1, 15));
        if (valid & 8 != 0) expiresAt = uint64(bound(expiresAt, block.timestamp + 1, type(uint64).max));
        else if (valid & 16 != 0) expiresAt = uint64(bound(expiresAt, 0, block.timestamp)); // near the boundary
        return (wallet, id, country, category, expiresAt);
    }

    /// @dev The error the registry's `_write` must raise, from its documented checks, in order.
    function _expectedWriteError(
        address wallet,
        bytes32 id,
        uint16 country,
        uint8 category,
        uint64 expiresAt
    ) internal view returns (bytes memory) {
        if (wallet == address(0)) {
            return abi.encodeWithSelector(IInvestorRegistry.InvestorRegistryInvalidWallet.selector, wallet);
        }
        if (id == bytes32(0)) {
            return abi.encodeWithSelector(IInvestorRegistry.InvestorRegistryInvalidInvestorId.selector, wallet, id);
        }
        if (country == 0 || country > 999) {
            return abi.encodeWithSelector(IInvestorRegistry.InvestorRegistryInvalidCountry.selector, wallet, country);
        }
        if (category == 0 || category > 15) {
            return abi.encodeWithSelector(IInvestorRegistry.InvestorRegistryInvalidCategory.selector, wallet, category);
        }
        if (expiresAt <= block.timestamp) {
            return
                abi.encodeWithSelector(
                    IInvestorRegistry.InvestorRegistryExpiryNotInFuture.selector,
                    wallet,
                    expiresAt,
                    block.timestamp
                );
        }
        return "";
    }

    /// @dev Arrays of lengths `n`, every item valid and a distinct wallet per index.
    function _validBatch(uint256[5] memory n) internal view returns (Batch memory b) {
        b.wallets = new address[](n[0]);
        b.ids = new bytes32[](n[1]);
        b.countries = new uint16[](n[2]);
        b.categories = new uint8[](n[3]);
        b.expiresAts = new uint64[](n[4]);
        for (uint256 i = 0; i < n[0]; ++i) b.wallets[i] = address(uint160(0xB000 + i));
        for (uint256 i = 0; i < n[1]; ++i) b.ids[i] = keccak256(abi.encode("investor", i));
        for (uint256 i = 0; i < n[2]; ++i) b.countries[i] = uint16(1 + ((i * 331) % 999));
        for (uint256 i = 0; i < n[3]; ++i) b.categories[i] = uint8(1 + (i % 15));
        for (uint256 i = 0; i < n[4]; ++i) b.expiresAts[i] = uint64(block.timestamp + 1 + i * 1 days);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Forge-style test names (testFuzz_*) and assertion messages; gas rules do not apply to tests.
// solhint-disable func-name-mixedcase, gas-small-strings, gas-strict-inequalities

import {Test} from "forge-std/Test.sol";
import {DocumentRegistry} from "../../../contracts/documents/DocumentRegistry.sol";

/**
 * @dev Fuzz test of the {DocumentRegistry}'s lists: after any sequence of sets and removals over
 * two scopes (the deployment and an instrument), each scope's list holds exactly the names that
 * have a document, once each, and every version is the count of that name's sets.
 */
contract DocumentRegistryFuzzTest is Test {
    uint256 internal constant NAMES = 6;
    address internal constant INSTRUMENT = address(0xB0D);

    DocumentRegistry internal registry;
    address internal manager = makeAddr("manager");

    /// @dev The model: per scope (0 deployment, 1 instrument) and name, whether it has a document and its sets.
    bool[NAMES][2] internal present;
    uint256[NAMES][2] internal sets;

    function setUp() public {
        registry = new DocumentRegistry(makeAddr("admin"), 3 days);
        bytes32 role = registry.DOCUMENT_MANAGER_ROLE();
        vm.prank(makeAddr("admin"));
        registry.grantRole(role, manager);
    }

    function testFuzz_ListIsTheSetOfNamesWithDocuments(uint256[] calldata steps) public {
        vm.assume(steps.length <= 64);
        for (uint256 i = 0; i < steps.length; ++i) {
            uint256 step = steps[i];
            uint256 scope = step % 2;
            uint256 n = (step / 2) % NAMES;
            bool remove = (step / (2 * NAMES)) % 3 == 0;
            vm.warp(1_750_000_000 + i);
            vm.startPrank(manager);
            if (remove && present[scope][n]) {
                _remove(scope, n);
                present[scope][n] = false;
            } else if (!remove) {
                // A new hash at every set, so that no set is refused as unchanged.
                _set(scope, n, keccak256(abi.encode(step, i)));
                present[scope][n] = true;
                ++sets[scope][n];
            }
            vm.stopPrank();
            _checkScope(0);
            _checkScope(1);
        }
    }

    function _set(uint256 scope, uint256 n, bytes32 documentHash) private {
        if (scope == 0) registry.setDocument(_name(n), "ipfs://doc", documentHash);
        else registry.setInstrumentDocument(INSTRUMENT, _name(n), "ipfs://doc", documentHash);
    }

    function _remove(uint256 scope, uint256 n) private {
        if (scope == 0) registry.removeDocument(_name(n));
        else registry.removeInstrumentDocument(INSTRUMENT, _name(n));
    }

    function _checkScope(uint256 scope) private view {
        address at = scope == 0 ? address(0) : INSTRUMENT;
        bytes32[] memory listed = scope == 0 ? registry.getAllDocuments() : registry.getAllInstrumentDocuments(at);
        uint256 expected = 0;
        for (uint256 n = 0; n < NAMES; ++n) {
            uint256 count = 0;
            for (uint256 j = 0; j < listed.length; ++j) {
                if (listed[j] == _name(n)) ++count;
            }
            assertEq(count, present[scope][n] ? 1 : 0, "listed once exactly when it has a document");
            (string memory uri, bytes32 documentHash, uint256 lastModified) = registry.getInstrumentDocument(
                at,
                _name(n)
            );
            assertEq(bytes(uri).length > 0, present[scope][n], "uri exactly when present");
            assertEq(documentHash != bytes32(0), present[scope][n], "hash exactly when present");
            assertEq(lastModified != 0, present[scope][n], "time exactly when present");
            assertEq(registry.documentVersion(at, _name(n)), present[scope][n] ? sets[scope][n] : 0, "version");
            if (present[scope][n]) ++expected;
        }
        assertEq(listed.length, expected, "no other name listed");
    }

    function _name(uint256 n) private pure returns (bytes32) {
        return bytes32((uint256(0x646f63) << 8) | (n + 1)); // "doc" then the index, never zero
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1643} from "./IERC1643.sol";

/**
 * @dev The document registry every instrument of a deployment shares. The ERC-1643 functions hold
 * the deployment's own documents (a programme's offering circular, its collective action clauses);
 * the `...InstrumentDocument...` functions hold one instrument's documents (its final terms, a
 * sukuk's asset documents, a reserve's attestation reports), keyed by the instrument's address and
 * the name, with the same rules and meanings. The views take the zero address as instrument for
 * the deployment's documents; the changes refuse it (the ERC-1643 functions change those, with the
 * ERC-1643 events). The instruments themselves carry no pointer: the deployment record and the SDK
 * link each instrument to the registry.
 *
 * Every document has a version: 1 when first attached, one more at each change of its URI or hash.
 * A removed name keeps its count, so that a version number identifies one URI and hash for good;
 * {documentVersion} reads it (0 while the name has no document).
 */
interface IDocumentRegistry is IERC1643 {
    /// @dev Emitted when document `name` of `instrument` is attached, or its URI or hash changes.
    event InstrumentDocumentUpdated(address indexed instrument, bytes32 indexed name, string uri, bytes32 documentHash);

    /// @dev Emitted when document `name` of `instrument` is removed, with the URI and hash it had.
    event InstrumentDocumentRemoved(address indexed instrument, bytes32 indexed name, string uri, bytes32 documentHash);

    /// @dev The name is zero.
    error DocumentRegistryEmptyName();

    /// @dev The URI of document `name` is empty.
    error DocumentRegistryEmptyUri(bytes32 name);

    /// @dev The hash of document `name` is zero.
    error DocumentRegistryZeroHash(bytes32 name);

    /// @dev An instrument's document was addressed with the zero address as instrument.
    error DocumentRegistryZeroInstrument();

    /// @dev Document `name` of `instrument` (zero: the deployment) already has this URI and hash.
    error DocumentRegistryUnchanged(address instrument, bytes32 name);

    /// @dev `instrument` (zero: the deployment) has no document `name`.
    error DocumentRegistryNotFound(address instrument, bytes32 name);

    /// @dev Attaches document `name` of `instrument`, or replaces its URI and hash.
    function setInstrumentDocument(
        address instrument,
        bytes32 name,
        string calldata uri,
        bytes32 documentHash
    ) external;

    /// @dev Removes document `name` of `instrument`.
    function removeInstrumentDocument(address instrument, bytes32 name) external;

    /// @dev As {getDocument}, for document `name` of `instrument`.
    function getInstrumentDocument(
        address instrument,
        bytes32 name
    ) external view returns (string memory uri, bytes32 documentHash, uint256 lastModified);

    /// @dev The names of every document of `instrument`.
    function getAllInstrumentDocuments(address instrument) external view returns (bytes32[] memory);

    /**
     * @dev The version of document `name` of `instrument` (the zero address: of the deployment, the
     * documents of the ERC-1643 functions); 0 while it has none.
     */
    function documentVersion(address instrument, bytes32 name) external view returns (uint256);
}

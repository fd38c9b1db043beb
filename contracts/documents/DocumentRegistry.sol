// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IDocumentRegistry} from "./IDocumentRegistry.sol";
import {IERC1643} from "./IERC1643.sol";

/**
 * @dev The documents of a deployment and of its instruments; see {IDocumentRegistry}.
 *
 * Administration is {AccessControlDefaultAdminRules}, as for the other contracts: the admin is
 * handed over in two steps with a delay. `DOCUMENT_MANAGER_ROLE` attaches, changes and removes
 * documents.
 *
 * Each scope (the zero address for the deployment, else an instrument) keeps its names in a list
 * for {getAllDocuments}; a document stores its 1-based position in it, so that a removal moves the
 * last name into the freed place: no step walks the list.
 */
contract DocumentRegistry is IDocumentRegistry, AccessControlDefaultAdminRules {
    /// @dev Attaches, changes and removes documents.
    bytes32 public constant DOCUMENT_MANAGER_ROLE = keccak256("DOCUMENT_MANAGER_ROLE");

    struct Document {
        bytes32 documentHash;
        string uri;
        uint64 lastModified;
        /// @dev Kept when the document is removed: the next one of the name numbers on from it.
        uint32 version;
        /// @dev 1-based place of the name in its scope's list; 0 while the name has no document.
        uint32 position;
    }

    mapping(address scope => mapping(bytes32 name => Document)) private _documents;
    mapping(address scope => bytes32[]) private _names;

    /**
     * @param admin Holder of `DEFAULT_ADMIN_ROLE`, which grants and revokes the other roles.
     * @param adminDelay Seconds a new admin must wait after being nominated before accepting.
     */
    constructor(address admin, uint48 adminDelay) AccessControlDefaultAdminRules(adminDelay, admin) {}

    /// @inheritdoc IERC1643
    function setDocument(
        bytes32 name,
        string calldata uri,
        bytes32 documentHash
    ) external onlyRole(DOCUMENT_MANAGER_ROLE) {
        _set(address(0), name, uri, documentHash);
        emit DocumentUpdated(name, uri, documentHash);
    }

    /// @inheritdoc IERC1643
    function removeDocument(bytes32 name) external onlyRole(DOCUMENT_MANAGER_ROLE) {
        (string memory uri, bytes32 documentHash) = _remove(address(0), name);
        emit DocumentRemoved(name, uri, documentHash);
    }

    /// @inheritdoc IDocumentRegistry
    function setInstrumentDocument(
        address instrument,
        bytes32 name,
        string calldata uri,
        bytes32 documentHash
    ) external onlyRole(DOCUMENT_MANAGER_ROLE) {
        if (instrument == address(0)) revert DocumentRegistryZeroInstrument();
        _set(instrument, name, uri, documentHash);
        emit InstrumentDocumentUpdated(instrument, name, uri, documentHash);
    }

    /// @inheritdoc IDocumentRegistry
    function removeInstrumentDocument(address instrument, bytes32 name) external onlyRole(DOCUMENT_MANAGER_ROLE) {
        if (instrument == address(0)) revert DocumentRegistryZeroInstrument();
        (string memory uri, bytes32 documentHash) = _remove(instrument, name);
        emit InstrumentDocumentRemoved(instrument, name, uri, documentHash);
    }

    /// @inheritdoc IERC1643
    function getDocument(bytes32 name) external view returns (string memory, bytes32, uint256) {
        return _get(address(0), name);
    }

    /// @inheritdoc IERC1643
    function getAllDocuments() external view returns (bytes32[] memory) {
        return _names[address(0)];
    }

    /// @inheritdoc IDocumentRegistry
    function getInstrumentDocument(
        address instrument,
        bytes32 name
    ) external view returns (string memory, bytes32, uint256) {
        return _get(instrument, name);
    }

    /// @inheritdoc IDocumentRegistry
    function getAllInstrumentDocuments(address instrument) external view returns (bytes32[] memory) {
        return _names[instrument];
    }

    /// @inheritdoc IDocumentRegistry
    function documentVersion(address instrument, bytes32 name) external view returns (uint256) {
        Document storage document = _documents[instrument][name];
        return document.position == 0 ? 0 : document.version;
    }

    /// @dev Answers true for {IERC1643}, {IDocumentRegistry} and the access-control interfaces.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return
            interfaceId == type(IERC1643).interfaceId ||
            interfaceId == type(IDocumentRegistry).interfaceId ||
            super.supportsInterface(interfaceId);
    }

    /// @dev The one place where a document is validated and stored.
    function _set(address scope, bytes32 name, string calldata uri, bytes32 documentHash) private {
        if (name == bytes32(0)) revert DocumentRegistryEmptyName();
        if (bytes(uri).length == 0) revert DocumentRegistryEmptyUri(name);
        if (documentHash == bytes32(0)) revert DocumentRegistryZeroHash(name);
        Document storage document = _documents[scope][name];
        if (document.position == 0) {
            _names[scope].push(name);
            document.position = uint32(_names[scope].length);
        } else if (document.documentHash == documentHash && keccak256(bytes(document.uri)) == keccak256(bytes(uri))) {
            revert DocumentRegistryUnchanged(scope, name);
        }
        document.documentHash = documentHash;
        document.uri = uri;
        document.lastModified = uint64(block.timestamp);
        ++document.version;
    }

    /// @dev Removes document `name` of `scope` (swapping the last name into its place); returns what it was.
    function _remove(address scope, bytes32 name) private returns (string memory uri, bytes32 documentHash) {
        Document storage document = _documents[scope][name];
        uint256 position = document.position;
        if (position == 0) revert DocumentRegistryNotFound(scope, name);
        (uri, documentHash) = (document.uri, document.documentHash);
        bytes32[] storage names = _names[scope];
        bytes32 last = names[names.length - 1];
        names[position - 1] = last;
        _documents[scope][last].position = uint32(position);
        names.pop();
        delete document.uri;
        delete document.documentHash;
        document.lastModified = 0;
        document.position = 0;
    }

    function _get(address scope, bytes32 name) private view returns (string memory, bytes32, uint256) {
        Document storage document = _documents[scope][name];
        return (document.uri, document.documentHash, document.lastModified);
    }
}

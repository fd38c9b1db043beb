// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @dev ERC-1643 (document management, part of the ERC-1400 security token standards): a document
 * is a `bytes32` name, the URI where it is published and the hash of its contents. The functions
 * and events keep the standard's signatures, so that any ERC-1643 reader reads them.
 */
interface IERC1643 {
    /// @dev Emitted when document `name` is attached, or its URI or hash changes.
    event DocumentUpdated(bytes32 indexed name, string uri, bytes32 documentHash);

    /// @dev Emitted when document `name` is removed, with the URI and hash it had.
    event DocumentRemoved(bytes32 indexed name, string uri, bytes32 documentHash);

    /// @dev Attaches document `name`, or replaces its URI and hash.
    function setDocument(bytes32 name, string calldata uri, bytes32 documentHash) external;

    /// @dev Removes document `name`.
    function removeDocument(bytes32 name) external;

    /**
     * @dev The URI, hash and time of the last change (unix seconds) of document `name`; an empty
     * URI, a zero hash and a zero time when there is none.
     */
    function getDocument(
        bytes32 name
    ) external view returns (string memory uri, bytes32 documentHash, uint256 lastModified);

    /// @dev The names of every document attached.
    function getAllDocuments() external view returns (bytes32[] memory);
}

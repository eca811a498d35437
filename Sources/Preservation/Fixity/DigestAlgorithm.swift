import CLibCrypto

/// Fixity algorithms. SHA-512 is OCFL's default and Memoria's; SHA-256 is the configurable
/// alternative; MD5 and SHA-1 only verify checksums that depositors supply in older manifests.
public enum DigestAlgorithm: String, Sendable, Codable, CaseIterable {
    case sha512, sha256, sha1, md5

    /// Name in METS CHECKSUMTYPE and PREMIS messageDigestAlgorithm.
    public var metsName: String {
        switch self {
        case .sha512: return "SHA-512"
        case .sha256: return "SHA-256"
        case .sha1: return "SHA-1"
        case .md5: return "MD5"
        }
    }

    /// Length of the hexadecimal digest.
    public var hexLength: Int {
        switch self {
        case .sha512: return 128
        case .sha256: return 64
        case .sha1: return 40
        case .md5: return 32
        }
    }

    var evp: OpaquePointer? {
        switch self {
        case .sha512: return EVP_sha512()
        case .sha256: return EVP_sha256()
        case .sha1: return EVP_sha1()
        case .md5: return EVP_md5()
        }
    }
}

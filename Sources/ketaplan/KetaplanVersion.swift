import KetaplanStore

/// What `ketaplan --version` prints: the program's release and the file versions it
/// writes (a file of a newer version is refused, docs/file-format.md).
enum KetaplanVersion {
    /// The release, raised with each release that changes what users see.
    static let release = "1.1.0"

    static var description: String {
        "ketaplan \(release) (writes patient files version \(Schema.patientVersion), clinic.json version \(Schema.clinicVersion))"
    }
}

import Foundation
import KetaplanRecords

extension StoreError {
    /// The error for a failed system call on `path`: a refusal of access (`EACCES`,
    /// `EPERM`) says whose the file is and how to fix it (it looks at the file, so it is
    /// the store's, not the value type's), anything else is `.io`.
    static func denied(path: String, operation: String, errno code: Int32) -> StoreError {
        guard code == EACCES || code == EPERM else { return .io(path: path, operation: operation, reason: String(cString: strerror(code))) }
        return .noAccess(path: path, operation: operation, advice: AccessCheck.advice(for: path))
    }
}

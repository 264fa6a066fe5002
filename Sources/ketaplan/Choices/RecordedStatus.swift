import ArgumentParser
import KetaplanEngine

/// What `session record --status` accepts: every session status but `planned`, which is
/// where a session starts, not something that happened.
enum RecordedStatus: String, ExpressibleByArgument, CaseIterable {
    case given, missed, deferred, cancelled

    var sessionStatus: SessionStatus {
        switch self {
        case .given: return .given
        case .missed: return .missed
        case .deferred: return .deferred
        case .cancelled: return .cancelled
        }
    }
}

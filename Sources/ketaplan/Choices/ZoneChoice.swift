import ArgumentParser
import ClinicEdits
import Foundation
import KetaplanText

/// `clinic set --time-zone`: an IANA zone the clinic's exported times are written in, or
/// `system` for this machine's. Not a fixed list (the machine's zone database is), so it
/// is read by `parse`, and completion scripts offer every zone this machine knows.
enum ZoneChoice: Equatable {
    case system
    case named(String)

    static var completion: CompletionKind { .list(["system"] + TimeZone.knownTimeZoneIdentifiers) }

    static func parse(_ text: String) throws -> ZoneChoice {
        // One check and one message for the command line and the settings form.
        do throws(EditError) { return try ClinicChange.timeZone(text).map(ZoneChoice.named) ?? .system } catch { throw ValidationError(error.message) }
    }

    /// The zone to store: nil for the system's.
    var identifier: String? {
        if case .named(let id) = self { return id }
        return nil
    }
}

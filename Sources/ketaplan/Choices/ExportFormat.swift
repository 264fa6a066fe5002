import ArgumentParser

/// What `ketaplan export` writes.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    /// iCalendar, one event per planned session (docs/exports.md).
    case ics
    /// One row per session.
    case csv
    /// An HL7 FHIR R4 Bundle.
    case fhir
}

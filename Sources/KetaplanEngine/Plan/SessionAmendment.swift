/// A correction to the record of a session that was given: the record as it stood before
/// the correction, and why, by whom and when it was corrected. The session's `record` is
/// the corrected one; its `amendments` keep every earlier version, oldest first, so the
/// record first written is never lost and is shown with the corrections.
public struct SessionAmendment: Equatable, Sendable, Codable {
    /// The record as it stood before this amendment (the first amendment's is the
    /// original record).
    public var original: SessionRecord
    /// The clinician's reason for the correction (required).
    public var reason: String
    /// Who corrected it (login name, or `--by`).
    public var by: String
    /// The day it was corrected.
    public var on: CalendarDay

    public init(original: SessionRecord, reason: String, by: String, on: CalendarDay) {
        self.original = original
        self.reason = reason
        self.by = by
        self.on = on
    }

    /// The fields that differ between two records, in the clinic's words ("dose 35 mg ->
    /// 40 mg"): what an amendment changed is `differences(amendment.original, next)`, the
    /// next version being a later amendment's original or the current record.
    public static func differences(_ a: SessionRecord, _ b: SessionRecord) -> [String] {
        func mg(_ v: Double?) -> String { v.map { formatNumber($0) + " mg" } ?? "none" }
        func text(_ v: CustomStringConvertible?) -> String { v.map { "\($0)" } ?? "none" }
        var out: [String] = []
        if a.doseGivenMg != b.doseGivenMg { out.append("dose \(mg(a.doseGivenMg)) -> \(mg(b.doseGivenMg))") }
        if a.bpBefore != b.bpBefore { out.append("BP before \(text(a.bpBefore)) -> \(text(b.bpBefore))") }
        if a.bpAt40Minutes != b.bpAt40Minutes { out.append("BP at 40 min \(text(a.bpAt40Minutes)) -> \(text(b.bpAt40Minutes))") }
        if a.bpAtDischarge != b.bpAtDischarge { out.append("BP at discharge \(text(a.bpAtDischarge)) -> \(text(b.bpAtDischarge))") }
        if a.minutesMonitored != b.minutesMonitored { out.append("minutes monitored \(text(a.minutesMonitored)) -> \(text(b.minutesMonitored))") }
        if a.dissociationCADSS != b.dissociationCADSS { out.append("CADSS \(text(a.dissociationCADSS)) -> \(text(b.dissociationCADSS))") }
        if a.sideEffects != b.sideEffects {
            out.append("side effects \(a.sideEffects.isEmpty ? "none" : a.sideEffects.joined(separator: ", ")) -> \(b.sideEffects.isEmpty ? "none" : b.sideEffects.joined(separator: ", "))")
        }
        if a.givenBy != b.givenBy { out.append("given by \(text(a.givenBy)) -> \(text(b.givenBy))") }
        if a.note != b.note { out.append("note \"\(a.note)\" -> \"\(b.note)\"") }
        if a.monitoringFormSubmittedOn != b.monitoringFormSubmittedOn {
            out.append("monitoring form submitted \(text(a.monitoringFormSubmittedOn)) -> \(text(b.monitoringFormSubmittedOn))")
        }
        if a.startingDoseOverride != b.startingDoseOverride {
            out.append("starting-dose decision \(text(a.startingDoseOverride)) -> \(text(b.startingDoseOverride))")
        }
        return out
    }
}

/// A clinician's record of having reviewed a course warning that needs a decision
/// (futility, a positive suicide screen, the end-of-induction assessment, ...).
/// A review covers the warning as it stood on the review's day.
public struct ClinicianReview: Equatable, Sendable, Codable {
    public var kind: ReviewKind
    public var on: CalendarDay
    public var by: String
    public var note: String
    /// The order of entry in the chart, shared with scores (see `Assessment.entry`);
    /// stamped by `PatientChart.add`. Nil in older files.
    public var entry: Int?

    public init(kind: ReviewKind, on: CalendarDay, by: String, note: String = "") {
        self.kind = kind
        self.on = on
        self.by = by
        self.note = note
    }

    /// Whether this review was recorded after `assessment`: dated on or after its day and,
    /// when both carry an entry number, entered after it (a review entered before a
    /// same-day screen does not cover it). Entries missing from older files count as
    /// entered before every numbered one.
    public func covers(_ assessment: Assessment) -> Bool {
        guard on >= assessment.date else { return false }
        let mine = entry ?? 0, theirs = assessment.entry ?? 0
        return (mine == 0 && theirs == 0) || mine > theirs
    }
}

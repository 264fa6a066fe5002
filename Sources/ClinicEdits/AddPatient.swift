import KetaplanEngine

/// Adding a patient (`patient add`, the screen's new-patient form): the new chart, checked
/// the same way for both front ends. The store creates what `applied` returns.
public struct AddPatient: Equatable, Sendable {
    /// The new patient's id (the next free one unless the clinician chose one).
    public var id: PatientID
    /// Name, date of birth and weight are required; a weight is measured today unless
    /// `weightMeasuredOn` says otherwise.
    public var details: PatientDetails

    public init(id: PatientID, details: PatientDetails) {
        self.id = id
        self.details = details
    }

    /// The new chart, with no plan; it is also the edit's preview.
    /// - Throws: the first refused input, naming it.
    public func applied(today: CalendarDay) throws(EditError) -> AppliedEdit {
        let patient = try details.patient(updating: nil, id: id, today: today)
        return AppliedEdit(update: ChartUpdate(chart: PatientChart(patient: patient), changes: []), summary: summary, changeLines: [])
    }

    /// The edit in a few words.
    public var summary: String { "patient \(id) added" }
}

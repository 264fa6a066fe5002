import KetaplanEngine
import KetaplanRecords

/// What saving a `ClinicChange` did (`ClinicChange.save`), for a front end to say: the
/// clinic as saved, a phrase per setting changed, and every plan the change re-planned.
public struct SavedClinicChange: Equatable, Sendable {
    /// One plan re-planned for the change, as saved.
    public struct Replanned: Equatable, Sendable {
        public var stored: StoredChart
        /// One line per date that moved, in the plan's numbering.
        public var changeLines: [String]

        public init(stored: StoredChart, changeLines: [String]) {
            self.stored = stored
            self.changeLines = changeLines
        }

        /// "P-0001 Ann Parity: session 3 2026-01-07 -> 2026-01-08": what the command line
        /// prints and the screen's message log keeps.
        public var line: String { "\(stored.id) \(stored.chart.patient.name): " + changeLines.joined(separator: "; ") }
    }

    /// A plan that needed re-planning but was not saved (another clinician saved it in
    /// between, or its file did not write): which, and why.
    public struct NotSaved: Equatable, Sendable {
        public var patient: PatientID
        public var message: String

        public init(patient: PatientID, message: String) {
            self.patient = patient
            self.message = message
        }

        public var line: String { "\(patient): not re-planned: \(message)" }
    }

    public var clinic: ClinicFile
    public var said: [String]
    public var replanned: [Replanned]
    public var notSaved: [NotSaved]

    public init(clinic: ClinicFile, said: [String], replanned: [Replanned] = [], notSaved: [NotSaved] = []) {
        self.clinic = clinic
        self.said = said
        self.replanned = replanned
        self.notSaved = notSaved
    }

    /// "Clinic updated: chairs 3; closed 2026-01-07", then how many plans re-planned.
    public var summary: String {
        var text = "Clinic updated: " + said.joined(separator: "; ")
        if !replanned.isEmpty { text += "; re-planned " + (replanned.count == 1 ? "1 plan" : "\(replanned.count) plans") }
        if !notSaved.isEmpty { text += "; \(notSaved.count) not re-planned" }
        return text
    }
}

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
    /// Plans re-planned and saved that were handed to the caller as they were saved
    /// (`ClinicChange.save`'s `report`) instead of kept in `replanned`.
    public var reported = 0
    /// The lines (`Replanned.line`) of re-plans a caller kept only as lines, in the order
    /// saved (the screen keeps the first few hundred charts for its rows and these beyond).
    public var reportedLines: [String] = []
    public var notSaved: [NotSaved]
    /// Files that could not be read when the plans were re-planned, each as its load
    /// problem (naming the file and its fix): their plans were not re-planned.
    public var unread: [String]

    public init(clinic: ClinicFile, said: [String], replanned: [Replanned] = [], notSaved: [NotSaved] = [], unread: [String] = []) {
        self.clinic = clinic
        self.said = said
        self.replanned = replanned
        self.notSaved = notSaved
        self.unread = unread
    }

    /// Whether every plan the change affects was re-planned and saved.
    public var isComplete: Bool { notSaved.isEmpty && unread.isEmpty }

    /// One line per file not read: "not re-planned: PATH: problem".
    public var unreadLines: [String] { unread.map { "Not re-planned, as the file could not be read: " + $0 } }

    /// What to do once the files read: the change is saved, so running it again moves
    /// nothing; the sessions left on closed days are found and moved one by one.
    public static let unreadAdvice = "Once each file reads, `ketaplan validate` lists any session left on a day the clinic is closed; move it with `ketaplan session move` (or m on the patient's screen)."

    /// "Clinic updated: chairs 3; closed 2026-01-07", then how many plans re-planned.
    public var summary: String {
        var text = "Clinic updated: " + said.joined(separator: "; ")
        let count = replanned.count + reported
        if count > 0 { text += "; re-planned " + (count == 1 ? "1 plan" : "\(count) plans") }
        if !notSaved.isEmpty { text += "; \(notSaved.count) not re-planned" }
        if !unread.isEmpty { text += "; \(unread.count) patient file\(unread.count == 1 ? "" : "s") could not be read and \(unread.count == 1 ? "was" : "were") not re-planned" }
        return text
    }
}
